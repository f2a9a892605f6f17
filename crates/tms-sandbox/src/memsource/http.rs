//! Request and answer plumbing shared by the handlers: JSON and raw bodies that fail with the
//! vendor's error shapes (413 for oversized ones), query strings, and binary answers.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, Query, Request};
use axum::http::{HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::errors;

/// What a handler answers: the success or the vendor's error, both ready to send.
pub(crate) type Reply = Result<Response, Response>;

/// A JSON answer with `status`.
pub(crate) fn json<T: Serialize>(status: StatusCode, body: &T) -> Reply {
    Ok((status, Json(body)).into_response())
}

/// 204 without a body.
pub(crate) fn no_content() -> Reply {
    Ok(StatusCode::NO_CONTENT.into_response())
}

/// 400 `InvalidArguments`.
pub(crate) fn bad_request(description: &str) -> Response {
    errors::memsource(StatusCode::BAD_REQUEST, "InvalidArguments", description)
}

/// 404 for a resource that does not exist.
pub(crate) fn not_found(what: &str, id: &str) -> Response {
    errors::memsource(
        StatusCode::NOT_FOUND,
        "ResourceNotFound",
        &format!("{what} {id:?} not found."),
    )
}

/// A file download: the bytes with `Content-Disposition` naming the file (RFC 5987).
pub(crate) fn binary(content_type: &str, filename: &str, bytes: Vec<u8>) -> Reply {
    let mut response = (StatusCode::OK, bytes).into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    let disposition = super::files::content_disposition(filename);
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// The query string as `T`; a malformed one is 400 `InvalidArguments`.
pub(crate) fn query<T: DeserializeOwned>(uri: &Uri) -> Result<T, Response> {
    Query::<T>::try_from_uri(uri)
        .map(|Query(query)| query)
        .map_err(|rejection| bad_request(&format!("Invalid query: {}", rejection.body_text())))
}

/// A request body read in full through axum, so the sandbox's body limit applies: an
/// oversized body is 413 with the vendor's error shape.
pub(crate) struct RawBody(pub(crate) Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        Bytes::from_request(request, state)
            .await
            .map(RawBody)
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    errors::memsource(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "RequestTooLarge",
                        "The request body exceeds the size limit.",
                    )
                } else {
                    bad_request(&format!(
                        "Cannot read the request body: {}",
                        rejection.body_text()
                    ))
                }
            })
    }
}

/// A JSON request body as the client's type; anything else is 400 `InvalidArguments` (and an
/// oversized body 413).
pub(crate) struct JsonBody<T>(pub(crate) T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = Response;

    async fn from_request(request: Request, state: &S) -> Result<Self, Response> {
        let RawBody(bytes) = RawBody::from_request(request, state).await?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|error| bad_request(&format!("Invalid request body: {error}")))
    }
}
