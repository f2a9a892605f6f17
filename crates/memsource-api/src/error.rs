//! The typed error of the Memsource client.

use crate::types;

/// Everything a Memsource call can fail with: [`tms_runtime::error::Error`] over Memsource's
/// error body (`errorCode`, `errorDescription`, `errorDetails`).
///
/// `?` converts the error of any generated call into it. Every variant that came from a response
/// keeps its HTTP status; `Error::code` gives the [`ErrorCode`].
pub type Error = tms_runtime::error::Error<types::ErrorResponse>;

tms_runtime::open_str_enum! {
    /// Memsource's `errorCode` values that the vendor documents; any other is kept in `Unknown`.
    ErrorCode {
        /// 401: the token is invalid or expired; log in again.
        AuthUnauthorized = "AuthUnauthorized",
        /// 401: wrong user name or password.
        AuthInvalidCredentials = "AuthInvalidCredentials",
        /// 403: the user may not do this.
        AuthAccessDenied = "AuthAccessDenied",
        /// 403: the account was deleted.
        AuthAccountDeleted = "AuthAccountDeleted",
        /// 403: the account expired.
        AuthAccountExpired = "AuthAccountExpired",
        /// 403: the account is deactivated.
        AuthAccountInactive = "AuthAccountInactive",
        /// 403: the API is disabled for the organisation.
        AuthApiDisabled = "AuthApiDisabled",
        /// 403: the licence is invalid.
        AuthInvalidLicense = "AuthInvalidLicense",
        /// 403: the licence expired.
        AuthLicenseExpired = "AuthLicenseExpired",
        /// 403 (not 429): an API limit was reached.
        ApiLimitReached = "ApiLimitReached",
        /// 400: the object cannot be deleted.
        CannotDelete = "CannotDelete",
        /// 400: invalid arguments.
        InvalidArguments = "InvalidArguments",
        /// 400: the bilingual DOCX is invalid.
        InvalidDocxBilingualFile = "InvalidDocxBilingualFile",
        /// 400: the job could not be created.
        JobCreateError = "JobCreateError",
        /// 403: access to the job is locked.
        JobLocked = "JobLocked",
        /// 500: internal server error.
        InternalError = "InternalError",
    }
}

impl tms_runtime::error::ErrorBody for types::ErrorResponse {
    const VENDOR: &'static str = "Memsource";
    type Code = ErrorCode;

    fn code(&self) -> Option<ErrorCode> {
        self.error_code.as_deref().map(ErrorCode::from)
    }

    fn message(&self) -> Option<&str> {
        self.error_description.as_deref()
    }
}
