//! The progenitor `ClientHooks` impl: the one place every Memsource request passes through. It
//! hands the request to the runtime's engine with Memsource's policy.

use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::StatusCode;
use reqwest::header::{HeaderValue, USER_AGENT};
use tms_runtime::engine::{Auth, Failure, Vendor};
use tms_runtime::hooks::strip_api_version;

use crate::session::Session;

use crate::{Client, ErrorCode, types};

/// Memsource asks clients to name themselves in `User-Agent`.
pub(crate) const DEFAULT_USER_AGENT: &str =
    concat!("tms-rs memsource-api/", env!("CARGO_PKG_VERSION"));

impl ClientHooks<Session> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        _info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        // The engine adds `Authorization` per attempt (the token can change between attempts).
        strip_api_version(request);
        request
            .headers_mut()
            .entry(USER_AGENT)
            .or_insert(HeaderValue::from_static(DEFAULT_USER_AGENT));
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
        let login = session.can_renew().then_some(|| self.login_task());
        let auth = Auth::for_operation(&policy, &session.cache, login);
        session
            .engine
            .send(
                &self.client,
                request,
                operation,
                policy,
                &MemsourceVendor,
                auth,
            )
            .await
    }
}

/// Memsource's policy.
pub(crate) struct MemsourceVendor;

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
