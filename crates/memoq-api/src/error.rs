//! The typed error of the memoQ client.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};
use tms_runtime::wire::{BodyProblem, ORIGINAL_CONTENT_TYPE_HEADER, REPLACED_BODY_HEADER};

use crate::types;

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

/// Everything a memoQ call can fail with. Every variant that came from a response keeps its HTTP
/// status.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// memoQ answered with its error body. `code` is `None` for bodies such as ASP.NET's
    /// `{"Message": "The request is invalid."}`, which memoQ sends for malformed ids.
    #[error("memoQ answered {status}: {}{}", code.as_ref().map_or("(no error code)".into(), |c| c.to_string()), message.as_ref().map_or(String::new(), |m| format!(": {m}")))]
    Api {
        /// HTTP status.
        status: StatusCode,
        /// memoQ's `ErrorCode`.
        code: Option<ErrorCode>,
        /// memoQ's `Message`.
        message: Option<String>,
    },
    /// An error status whose body is not memoQ's error (a proxy's HTML page, an empty body, JSON
    /// cut off). The body is kept as text.
    #[error("memoQ answered {status} with a {} body{}", problem.as_str(), snippet(body))]
    UnexpectedBody {
        /// HTTP status.
        status: StatusCode,
        /// What is wrong with the body.
        problem: BodyProblem,
        /// The `Content-Type` the body came with.
        content_type: Option<String>,
        /// The whole body, as text.
        body: String,
    },
    /// A `200 OK` whose body does not decode as the documented type.
    #[error("memoQ answered {status} with a body that does not decode: {source}")]
    Decode {
        /// HTTP status.
        status: StatusCode,
        /// The whole body.
        body: Bytes,
        /// What serde said.
        source: serde_json::Error,
    },
    /// A status the operation does not document (e.g. `204` where a body was expected).
    #[error("memoQ answered with the undocumented status {status}")]
    UnexpectedStatus {
        /// HTTP status.
        status: StatusCode,
        /// Response headers.
        headers: HeaderMap,
    },
    /// The request could not be sent or the response not read.
    #[error("could not talk to memoQ: {0}")]
    Transport(#[source] reqwest::Error),
    /// The request could not be built (an invalid parameter value).
    #[error("invalid request: {0}")]
    InvalidRequest(String),
}

fn snippet(body: &str) -> String {
    const MAX: usize = 200;
    if body.is_empty() {
        return String::new();
    }
    let end = body
        .char_indices()
        .map(|(i, _)| i)
        .take_while(|&i| i <= MAX)
        .last()
        .unwrap_or(0);
    let cut = if body.len() > MAX { &body[..end] } else { body };
    format!(
        ": {}{}",
        cut.trim(),
        if cut.len() < body.len() { "…" } else { "" }
    )
}

impl Error {
    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. }
            | Self::UnexpectedBody { status, .. }
            | Self::Decode { status, .. }
            | Self::UnexpectedStatus { status, .. } => Some(*status),
            Self::Transport(err) => err.status(),
            Self::InvalidRequest(_) => None,
        }
    }

    /// memoQ's error code, when the body carried one.
    pub fn code(&self) -> Option<&ErrorCode> {
        match self {
            Self::Api { code, .. } => code.as_ref(),
            _ => None,
        }
    }
}

impl From<progenitor_client::Error<types::ErrorResponse>> for Error {
    fn from(err: progenitor_client::Error<types::ErrorResponse>) -> Self {
        use progenitor_client::Error as E;
        match err {
            E::ErrorResponse(response) => {
                let status = response.status();
                let headers = response.headers().clone();
                let body = response.into_inner();
                match headers
                    .get(REPLACED_BODY_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(BodyProblem::parse)
                {
                    Some(problem) => Self::UnexpectedBody {
                        status,
                        problem,
                        content_type: headers
                            .get(ORIGINAL_CONTENT_TYPE_HEADER)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_owned),
                        body: body.message.unwrap_or_default(),
                    },
                    None => Self::Api {
                        status,
                        code: body.error_code.as_deref().map(ErrorCode::from),
                        message: body.message,
                    },
                }
            }
            // The hooks replace every error body that does not decode, so a payload that fails
            // to decode is a success body. The spec types `200` only, except tbEntryCreate,
            // which takes any 2xx and is reported as 200 here.
            E::InvalidResponsePayload(body, source) => Self::Decode {
                status: StatusCode::OK,
                body,
                source,
            },
            E::UnexpectedResponse(response) => Self::UnexpectedStatus {
                status: response.status(),
                headers: response.headers().clone(),
            },
            E::CommunicationError(err) | E::ResponseBodyError(err) | E::InvalidUpgrade(err) => {
                Self::Transport(err)
            }
            E::InvalidRequest(message) | E::Custom(message) => Self::InvalidRequest(message),
        }
    }
}

impl Error {
    /// The content type of the response, where one is known.
    pub fn content_type(&self) -> Option<&str> {
        match self {
            Self::UnexpectedBody { content_type, .. } => content_type.as_deref(),
            Self::UnexpectedStatus { headers, .. } => {
                headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
            }
            _ => None,
        }
    }
}
