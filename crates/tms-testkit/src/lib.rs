//! Test helpers shared by the tms-rs client test suites.
//!
//! [`Recorder`] answers a mock with a fixed response and keeps every request it answered as a
//! [`WireRequest`]: method, path, query, headers (all but `host` and `content-length`, sorted)
//! and body, in a stable form for insta snapshots.

use std::sync::{Arc, Mutex};

use httpmock::{HttpMockRequest, HttpMockResponse};
use serde::Serialize;

pub mod surface;

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

/// Reads `tests/fixtures/<name>.json` of the crate under test (`manifest_dir` is its
/// `CARGO_MANIFEST_DIR`), decodes it as `T` and checks that re-encoding keeps every field:
/// the same JSON once `null` members are dropped (servers write `null` for unset fields, the
/// clients omit them) and `id` numbers are read as the strings the clients write.
///
/// # Panics
/// When the fixture is missing, does not decode, or loses or changes a field.
pub fn decode_round_trip<T>(manifest_dir: &str, name: &str) -> T
where
    T: serde::de::DeserializeOwned + Serialize,
{
    let path = format!("{manifest_dir}/tests/fixtures/{name}.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let decoded: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let original: serde_json::Value = serde_json::from_str(&text).expect("fixture is JSON");
    let reencoded = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(
        normalized(reencoded),
        normalized(original),
        "{name} lost or changed a field on the way through {}",
        std::any::type_name::<T>()
    );
    decoded
}

fn normalized(value: serde_json::Value) -> serde_json::Value {
    use serde_json::Value;
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| {
                    let v = match v {
                        Value::Number(n) if k == "id" => Value::String(n.to_string()),
                        other => normalized(other),
                    };
                    (k, v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalized).collect()),
        other => other,
    }
}
