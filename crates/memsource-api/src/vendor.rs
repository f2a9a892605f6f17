//! Memsource's policy for the runtime: its error body, and what its failures mean.

use reqwest::StatusCode;
use tms_runtime::engine::{Failure, Vendor};

use crate::{ErrorCode, types};

/// Memsource's policy.
pub struct MemsourceVendor;

impl Vendor for MemsourceVendor {
    type ErrorBody = types::ErrorResponse;
    const NAME: &'static str = "Memsource";

    /// 401 (`AuthUnauthorized`, or no code) → log in again once; 429, 502/503/504 and 403
    /// `ApiLimitReached` → retry with backoff; wrong credentials and everything else → stop.
    fn classify(&self, status: StatusCode, code: Option<ErrorCode>) -> Failure {
        match (status.as_u16(), code) {
            (401, Some(ErrorCode::AuthInvalidCredentials)) => Failure::Permanent,
            (401, _) => Failure::TokenExpired,
            (_, Some(ErrorCode::ApiLimitReached)) => Failure::Transient,
            _ if tms_runtime::retry::is_transient_status(status) => Failure::Transient,
            _ => Failure::Permanent,
        }
    }
}
