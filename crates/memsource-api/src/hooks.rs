//! The progenitor `ClientHooks` impl: the one place every Memsource request passes through.

use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::header::{HeaderValue, USER_AGENT};
use tms_runtime::hooks::{execute, prepare};
use tms_runtime::wire::ErrorBodyFormat;

use crate::session::Session;
use crate::{Client, types};

/// Memsource asks clients to name themselves in `User-Agent`.
const DEFAULT_USER_AGENT: &str = concat!("tms-rs memsource-api/", env!("CARGO_PKG_VERSION"));

impl ClientHooks<Session> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        let authorization = match info.operation_id {
            "auth_login" | "auth_login_v3" => None,
            _ => self.inner.token.authorization(self.inner.scheme().as_str()),
        };
        prepare(request, authorization);
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
        execute(
            &self.client,
            request,
            "Memsource",
            info.operation_id,
            &MemsourceErrorBody,
        )
        .await
    }
}

/// Memsource's error body: `{"errorCode", "errorDescription", "errorDetails"}`, all optional.
struct MemsourceErrorBody;

impl ErrorBodyFormat for MemsourceErrorBody {
    fn decodes(&self, body: &[u8]) -> bool {
        serde_json::from_slice::<types::ErrorResponse>(body).is_ok()
    }

    fn wrap(&self, raw: &str) -> serde_json::Value {
        serde_json::json!({ "errorDescription": raw })
    }
}
