//! The progenitor `ClientHooks` impl: the one place every memoQ request passes through.

use progenitor_client::{ClientHooks, OperationInfo};
use tms_runtime::hooks::{execute, prepare};
use tms_runtime::wire::{ErrorBodyFormat, empty_success_as_null};

use crate::session::{AUTH_SCHEME, Session};
use crate::{Client, types};

impl ClientHooks<Session> for Client {
    async fn pre<E>(
        &self,
        request: &mut reqwest::Request,
        info: &OperationInfo,
    ) -> Result<(), progenitor_client::Error<E>> {
        let authorization = match info.operation_id {
            "auth_login" => None,
            _ => self.inner.token.authorization(AUTH_SCHEME),
        };
        prepare(request, authorization);
        Ok(())
    }

    async fn exec(
        &self,
        request: reqwest::Request,
        info: &OperationInfo,
    ) -> reqwest::Result<reqwest::Response> {
        let response = execute(
            &self.client,
            request,
            "memoQ",
            info.operation_id,
            &MemoqErrorBody,
        )
        .await?;
        if info.operation_id == "tb_entry_create" {
            // Without `returnNewEntry=true` memoQ answers with no body; the spec types the
            // answer as nullable, so the empty body reads as `null`.
            return empty_success_as_null(response).await;
        }
        Ok(response)
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
