//! The progenitor `ClientHooks` impl: the one place every memoQ request passes through. It hands
//! the request to the runtime's engine with memoQ's policy: which answers mean "token expired",
//! which are worth a retry, and which operations may be sent twice.

use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::StatusCode;
use tms_runtime::engine::{Auth, Failure, Vendor};
use tms_runtime::hooks::strip_api_version;

use crate::session::Session;

use crate::{Client, ErrorCode, types};

impl ClientHooks<Session> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // The engine adds `Authorization` per attempt (the token can change between attempts).
        strip_api_version(request);
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let operation = info.operation_id;
        let policy = crate::generated::policy::of(operation);
        let session = &self.inner;
        let login = session.has_credentials().then_some(|| self.login_task());
        let auth = Auth::for_operation(&policy, &session.cache, login);
        session
            .engine
            .send(&self.client, request, operation, policy, &MemoqVendor, auth)
            .await
    }
}

/// memoQ's policy.
pub(crate) struct MemoqVendor;

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
