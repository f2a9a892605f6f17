//! The progenitor `ClientHooks` impl: the one place every Memsource request passes through. It
//! hands the request to the runtime's engine with Memsource's policy.

use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::StatusCode;
use tms_runtime::client::{LoginFuture, SessionClient};
use tms_runtime::engine::{Engine, Failure, Vendor};
use tms_runtime::session::TokenCache;

use crate::generated::policy;
use crate::session::Session;

use crate::{Client, ErrorCode, types};

/// Memsource asks clients to name themselves in `User-Agent`.
pub(crate) const DEFAULT_USER_AGENT: &str =
    concat!("tms-rs memsource-api/", env!("CARGO_PKG_VERSION"));

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
    type Vendor = MemsourceVendor;

    fn vendor(&self) -> &MemsourceVendor {
        &MemsourceVendor
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
        self.inner.can_renew()
    }

    fn fresh_token(self) -> LoginFuture {
        Box::pin(async move { self.obtain_token().await })
    }
}

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
