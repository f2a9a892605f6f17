//! The progenitor `ClientHooks` impl: the one place every memoQ request passes through. It hands
//! the request to the runtime's engine with memoQ's policy: which answers mean "token expired",
//! which are worth a retry, and which operations may be sent twice.

use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::StatusCode;
use tms_runtime::engine::{Auth, Failure, Vendor};
use tms_runtime::hooks::strip_api_version;
use tms_runtime::wire::empty_success_as_null;

use crate::session::Session;

use crate::{Client, ErrorCode, operations, types};

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
        let idempotency = operations::idempotency(operation);
        let session = &self.inner;
        let login = session.has_credentials().then_some(|| self.login_task());
        let auth = if operation == "auth_login" {
            Auth::None
        } else {
            Auth::session(&session.cache, login)
        };
        let response = session
            .engine
            .send(
                &self.client,
                request,
                operation,
                idempotency,
                &MemoqVendor,
                auth,
            )
            .await?;
        if operation == "tb_entry_create" {
            // Without `returnNewEntry=true` memoQ answers with no body; the spec types the
            // answer as nullable, so the empty body reads as `null`.
            return empty_success_as_null(response).await;
        }
        Ok(response)
    }
}

/// memoQ's policy.
pub(crate) struct MemoqVendor;

impl Vendor for MemoqVendor {
    type ErrorBody = types::ErrorResponse;
    const NAME: &'static str = "memoQ";

    /// The meta image downloads.
    fn is_transfer(&self, operation: &str) -> bool {
        operation.starts_with("tb_") && operation.contains("_meta_get")
    }

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
