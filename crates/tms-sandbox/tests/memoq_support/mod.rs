//! What the memoQ sandbox tests share: clients built the way users build them, and a raw
//! HTTP login for the tests that look at the wire itself.

#![allow(dead_code)]

use std::time::Duration;

use memoq_api::segment::Segment;
use memoq_api::types::LookupSegmentOptions;
use memoq_api::{Client, Credentials, ErrorCode};
use tms_sandbox::{MEMOQ_PASSWORD, MEMOQ_USER, Sandbox, SandboxConfig};

pub async fn sandbox() -> Sandbox {
    Sandbox::start().await.expect("sandbox starts")
}

pub async fn sandbox_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start_with(config).await.expect("sandbox starts")
}

pub fn translator() -> Credentials {
    Credentials::memoq_user(MEMOQ_USER, MEMOQ_PASSWORD)
}

pub fn client_as(sandbox: &Sandbox, credentials: Credentials) -> Client {
    Client::builder(sandbox.memoq_url())
        .credentials(credentials)
        .build()
        .expect("client builds for a loopback URL")
}

pub fn client(sandbox: &Sandbox) -> Client {
    client_as(sandbox, translator())
}

/// The code of a failed call.
pub fn code<T>(result: Result<T, memoq_api::Error>) -> Option<ErrorCode> {
    match result {
        Ok(_) => panic!("the call was expected to fail"),
        Err(error) => error.code(),
    }
}

/// Logs in over plain HTTP and returns the token.
pub async fn raw_token(sandbox: &Sandbox) -> String {
    let answer: serde_json::Value = reqwest::Client::new()
        .post(format!("{}/auth/login", sandbox.memoq_url()))
        .json(&serde_json::json!({
            "UserName": MEMOQ_USER, "Password": MEMOQ_PASSWORD, "LoginMode": 0
        }))
        .send()
        .await
        .expect("login answered")
        .json()
        .await
        .expect("login answer is JSON");
    answer["AccessToken"]
        .as_str()
        .expect("the login answer has a token")
        .to_owned()
}

/// Moves the tokio clock (which the sandbox's session idle times follow) forward by `by`,
/// then lets it run again so loopback I/O is not disturbed.
pub async fn advance_clock(by: Duration) {
    tokio::time::pause();
    tokio::time::advance(by).await;
    tokio::time::resume();
}

/// Segments of plain text, for lookups.
pub fn texts(items: &[&str]) -> Vec<Segment> {
    items.iter().map(|t| Segment::from_text(t)).collect()
}

/// Lookup options with this match threshold.
pub fn options(threshold: i32) -> LookupSegmentOptions {
    LookupSegmentOptions {
        match_threshold: Some(threshold),
        ..Default::default()
    }
}
