//! The pieces of a progenitor `ClientHooks` impl that are the same for every vendor.

use std::time::Instant;

use reqwest::header::{AUTHORIZATION, HeaderValue};
use tracing::Instrument;

use crate::wire::{ErrorBodyFormat, normalize_error_body};

/// progenitor sends `api-version: <info.version>` on every request; neither vendor uses it.
const API_VERSION_HEADER: &str = "api-version";

/// Readies a request in `ClientHooks::pre`: drops progenitor's `api-version` header and sets
/// `Authorization` when the caller has a (sensitive) value for it.
pub fn prepare(request: &mut reqwest::Request, authorization: Option<HeaderValue>) {
    let headers = request.headers_mut();
    headers.remove(API_VERSION_HEADER);
    if let Some(value) = authorization {
        headers.insert(AUTHORIZATION, value);
    }
}

/// Sends a request in `ClientHooks::exec`: one `tracing` span per call (vendor, operation,
/// method, path, status, elapsed time; never a header or a query string), then
/// [`normalize_error_body`] with the vendor's error format.
pub async fn execute(
    client: &reqwest::Client,
    request: reqwest::Request,
    vendor: &'static str,
    operation: &'static str,
    format: &impl ErrorBodyFormat,
) -> reqwest::Result<reqwest::Response> {
    let span = tracing::debug_span!(
        "tms.request",
        vendor,
        operation,
        method = %request.method(),
        path = request.url().path(),
        status = tracing::field::Empty,
        elapsed_ms = tracing::field::Empty,
    );
    async move {
        let started = Instant::now();
        let result = client.execute(request).await;
        let span = tracing::Span::current();
        span.record("elapsed_ms", started.elapsed().as_secs_f64() * 1e3);
        match &result {
            Ok(response) => {
                span.record("status", response.status().as_u16());
            }
            Err(err) => tracing::debug!(error = %err, "transport error"),
        }
        normalize_error_body(result?, format).await
    }
    .instrument(span)
    .await
}
