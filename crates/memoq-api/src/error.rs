//! The typed error of the memoQ client.

use std::fmt;

use crate::types;

/// Everything a memoQ call can fail with: [`tms_runtime::error::Error`] over memoQ's error body.
///
/// `?` converts the error of any generated call into it. Every variant that came from a response
/// keeps its HTTP status; [`Error::code`](tms_runtime::error::Error::code) gives the
/// [`ErrorCode`].
pub type Error = tms_runtime::error::Error<types::ErrorResponse>;

/// The `ErrorCode` constants memoQ documents; any other code is kept in `Other`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ErrorCode {
    /// 401: wrong user name, password or login mode.
    AuthenticationFailed,
    /// 401: the session expired or the token is missing; log in again.
    InvalidOrExpiredToken,
    /// 401: logged in again too soon after a logout.
    TooFrequentLogin,
    /// 401: no Translator light or pro license is free in the pool right now.
    NoLicenseAvailable,
    /// 403: the user may not access the resource.
    Unauthorized,
    /// 404: the TM or TB does not exist.
    ResourceNotFound,
    /// 404: the entry does not exist.
    EntryNotFound,
    /// 409: somebody else modified the entry (`Modified` differs).
    OptimisticConcurrencyError,
    /// 400: the TB is open for exclusive use.
    TbExclusionError,
    /// 400: the TB is read-only.
    TbReadOnlyError,
    /// 400: the TM does not support reverse lookup.
    ReverseLookupNotSupported,
    /// 400: the arguments are not valid.
    InvalidArgument,
    /// 400: a custom meta definition was not found.
    CustomMetaError,
    /// 500: internal server error.
    InternalError,
    /// A code this version of the client does not know.
    Other(String),
}

impl ErrorCode {
    const KNOWN: [(&'static str, ErrorCode); 14] = [
        ("AuthenticationFailed", Self::AuthenticationFailed),
        ("InvalidOrExpiredToken", Self::InvalidOrExpiredToken),
        ("TooFrequentLogin", Self::TooFrequentLogin),
        ("NoLicenseAvailable", Self::NoLicenseAvailable),
        ("Unauthorized", Self::Unauthorized),
        ("ResourceNotFound", Self::ResourceNotFound),
        ("EntryNotFound", Self::EntryNotFound),
        (
            "OptimisticConcurrencyError",
            Self::OptimisticConcurrencyError,
        ),
        ("TBExclusionError", Self::TbExclusionError),
        ("TBReadOnlyError", Self::TbReadOnlyError),
        ("ReverseLookupNotSupported", Self::ReverseLookupNotSupported),
        ("InvalidArgument", Self::InvalidArgument),
        ("CustomMetaError", Self::CustomMetaError),
        ("InternalError", Self::InternalError),
    ];

    /// The code as memoQ spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Other(code) => code,
            known => Self::KNOWN
                .iter()
                .find(|(_, code)| code == known)
                .map(|(name, _)| *name)
                .unwrap_or_default(),
        }
    }
}

impl From<&str> for ErrorCode {
    fn from(code: &str) -> Self {
        Self::KNOWN
            .iter()
            .find(|(name, _)| *name == code)
            .map(|(_, known)| known.clone())
            .unwrap_or_else(|| Self::Other(code.to_owned()))
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl tms_runtime::error::ErrorBody for types::ErrorResponse {
    const VENDOR: &'static str = "memoQ";
    type Code = ErrorCode;

    fn code(&self) -> Option<ErrorCode> {
        self.error_code.as_deref().map(ErrorCode::from)
    }

    fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }
}
