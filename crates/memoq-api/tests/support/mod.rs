//! Shared test plumbing: a mock memoQ server and a client logged in to it.

#![allow(dead_code)]

use std::sync::{Arc, Mutex};

use httpmock::{HttpMockRequest, HttpMockResponse, MockServer};
use memoq_api::{Client, Credentials, Session, types};
use memoq_api_httpmock::MockServerExt;
use serde::Serialize;

/// The token the mock login hands out.
pub const TOKEN: &str = "803be2ac-f4a1-4b47-abea-8b12f2a172d8";
pub const TM: &str = "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b";
pub const TB: &str = "6f2b1d9c-3c0a-4a8e-9d55-0d8f4b7c1e21";

/// A started mock server and a client that has logged in to it.
pub async fn logged_in() -> (MockServer, Client) {
    let server = MockServer::start_async().await;
    let login = server.auth_login(|when, then| {
        when.body(&Credentials::memoq_user("admin", "secret").to_login_param());
        then.ok(&types::LoginResult {
            access_token: Some(TOKEN.into()),
            name: Some("admin".into()),
            sid: Some("00000000-0000-0000-0001-000000000001".into()),
        });
    });
    let client = Client::new(&server.base_url(), Session::default());
    client
        .login(&Credentials::memoq_user("admin", "secret"))
        .await
        .expect("mock login succeeds");
    login.assert_async().await;
    (server, client)
}

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
    fn from_mock(req: &HttpMockRequest) -> Self {
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
