//! Test helpers shared by the tms-rs client test suites.
//!
//! [`Recorder`] answers a mock with a fixed response and keeps every request it answered as a
//! [`WireRequest`]: method, path, query, headers (all but `host` and `content-length`, sorted)
//! and body, in a stable form for insta snapshots.

use std::sync::{Arc, Mutex};

use httpmock::{HttpMockRequest, HttpMockResponse};
use serde::Serialize;

/// What a request looked like on the wire, in a stable, reviewable form.
#[derive(Debug, Clone, Serialize)]
pub struct WireRequest {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Body {
    None,
    Json(serde_json::Value),
    Bytes(String),
}

impl WireRequest {
    /// Reads a request as the mock server saw it.
    pub fn from_mock(req: &HttpMockRequest) -> Self {
        let mut headers: Vec<(String, String)> = req
            .headers()
            .iter()
            .filter(|(name, _)| !matches!(name.as_str(), "host" | "content-length"))
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect();
        headers.sort();
        let raw = req.body_ref();
        let is_json = headers
            .iter()
            .any(|(n, v)| n == "content-type" && v.starts_with("application/json"));
        let body = if raw.is_empty() {
            Body::None
        } else if is_json {
            Body::Json(serde_json::from_slice(raw).expect("client sent valid JSON"))
        } else {
            Body::Bytes(String::from_utf8_lossy(raw).into_owned())
        };
        let uri = req.uri();
        Self {
            method: req.method().to_string(),
            path: uri.path().to_owned(),
            query: req.query_params(),
            headers,
            body,
        }
    }
}

/// Records every request a mock answers, and answers with a fixed response.
#[derive(Clone, Default)]
pub struct Recorder(Arc<Mutex<Vec<WireRequest>>>);

impl Recorder {
    /// A `respond_with` closure that records the request and answers `status` with `body`.
    pub fn responder(
        &self,
        status: u16,
        content_type: &'static str,
        body: Vec<u8>,
    ) -> impl Fn(&HttpMockRequest) -> HttpMockResponse + Send + Sync + 'static {
        let seen = self.0.clone();
        move |req| {
            seen.lock().unwrap().push(WireRequest::from_mock(req));
            let builder = HttpMockResponse::builder().status(status);
            if body.is_empty() {
                builder.build()
            } else {
                builder
                    .header("content-type", content_type)
                    .body(body.clone())
                    .build()
            }
        }
    }

    /// The one request recorded.
    pub fn only(&self) -> WireRequest {
        let seen = self.0.lock().unwrap();
        assert_eq!(seen.len(), 1, "expected exactly one request, got {seen:#?}");
        seen[0].clone()
    }
}
