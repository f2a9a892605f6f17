//! The progenitor `ClientHooks` impl: the one place every memoQ request passes through.

use std::time::Instant;

use progenitor_client::{ClientHooks, OperationInfo};
use reqwest::header::AUTHORIZATION;
use tms_runtime::wire::{ErrorBodyFormat, empty_success_as_null, normalize_error_body};
use tracing::Instrument;

use crate::session::{AUTH_SCHEME, Session};
use crate::{Client, types};

/// progenitor sends `api-version: <info.version>` on every request; memoQ has no use for it.
const API_VERSION_HEADER: &str = "api-version";

impl ClientHooks<Session> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        let headers = request.headers_mut();
        headers.remove(API_VERSION_HEADER);
        if info.operation_id != "auth_login"
            && let Some(value) = self.inner.token.authorization(AUTH_SCHEME)
        {
            headers.insert(AUTHORIZATION, value);
        }
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let span = tracing::debug_span!(
            "memoq",
            operation = info.operation_id,
            method = %request.method(),
            path = request.url().path(),
            status = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        async move {
            let started = Instant::now();
            let result = self.client.execute(request).await;
            let span = tracing::Span::current();
            span.record("elapsed_ms", started.elapsed().as_secs_f64() * 1e3);
            match &result {
                Ok(response) => {
                    span.record("status", response.status().as_u16());
                }
                Err(err) => tracing::debug!(error = %err, "transport error"),
            }
            let response = normalize_error_body(result?, &MemoqErrorBody).await?;
            if info.operation_id == "tb_entry_create" {
                // Without `returnNewEntry=true` memoQ answers with no body; the spec types the
                // answer as nullable, so the empty body reads as `null`.
                return empty_success_as_null(response).await;
            }
            Ok(response)
        }
        .instrument(span)
        .await
    }
}

/// memoQ's error body: `{"ErrorCode": "...", "Message": "..."}`, both optional.
struct MemoqErrorBody;

impl ErrorBodyFormat for MemoqErrorBody {
    fn decodes(&self, body: &[u8]) -> bool {
        serde_json::from_slice::<types::ErrorResponse>(body).is_ok()
    }

    fn wrap(&self, raw: &str) -> serde_json::Value {
        serde_json::json!({ "Message": raw })
    }
}
