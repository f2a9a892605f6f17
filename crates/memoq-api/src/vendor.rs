//! memoQ's policy for the runtime: its error body, and what its failures mean.

use reqwest::StatusCode;
use tms_runtime::engine::{Failure, Vendor};

use crate::{ErrorCode, types};

/// memoQ's policy.
pub struct MemoqVendor;

impl Vendor for MemoqVendor {
    type ErrorBody = types::ErrorResponse;
    const NAME: &'static str = "memoQ";

    /// `InvalidOrExpiredToken` → log in again once; `NoLicenseAvailable` (the licence pool is
    /// busy) and 429/502/503/504 → retry with backoff; `AuthenticationFailed`,
    /// `TooFrequentLogin` and everything else → stop.
    fn classify(&self, status: StatusCode, code: Option<ErrorCode>) -> Failure {
        match code {
            Some(ErrorCode::InvalidOrExpiredToken) => Failure::TokenExpired,
            Some(ErrorCode::NoLicenseAvailable) => Failure::Transient,
            Some(ErrorCode::AuthenticationFailed | ErrorCode::TooFrequentLogin) => {
                Failure::Permanent
            }
            _ if tms_runtime::retry::is_transient_status(status) => Failure::Transient,
            _ => Failure::Permanent,
        }
    }
}
