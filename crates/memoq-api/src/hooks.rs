//! The progenitor `ClientHooks` impl: the one place every memoQ request passes through. It hands
//! the request to the runtime's engine with memoQ's policy: which answers mean "token expired",
//! which are worth a retry, and which operations may be sent twice.

use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::StatusCode;
use tms_runtime::client::{LoginFuture, SessionClient};
use tms_runtime::engine::{Engine, Failure, Vendor};
use tms_runtime::session::TokenCache;

use crate::generated::policy;
use crate::session::Session;

use crate::{Client, ErrorCode, types};

impl ClientHooks<Session> for Client {
    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let operation = info.operation_id;
        tms_runtime::client::exec(self, request, operation, policy::of(operation)).await
    }
}

impl SessionClient for Client {
    type Vendor = MemoqVendor;

    fn vendor(&self) -> &MemoqVendor {
        &MemoqVendor
    }

    fn cache(&self) -> &TokenCache {
        &self.inner.cache
    }

    fn engine(&self) -> &Engine {
        &self.inner.engine
    }

    fn http(&self) -> &reqwest::Client {
        &self.client
    }

    fn can_log_in(&self) -> bool {
        self.inner.has_credentials()
    }

    fn fresh_token(self) -> LoginFuture {
        Box::pin(async move { self.fresh_login().await })
    }
}

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
