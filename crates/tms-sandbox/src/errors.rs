//! The vendors' own error shapes.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};

/// memoQ's error body: `{"ErrorCode": …, "Message": …}`.
pub(crate) fn memoq(status: StatusCode, code: &str, message: &str) -> Response {
    (
        status,
        Json(serde_json::json!({ "ErrorCode": code, "Message": message })),
    )
        .into_response()
}

/// Memsource's error body: `{"errorCode": …, "errorDescription": …}`.
pub(crate) fn memsource(status: StatusCode, code: &str, description: &str) -> Response {
    (
        status,
        Json(serde_json::json!({ "errorCode": code, "errorDescription": description })),
    )
        .into_response()
}
