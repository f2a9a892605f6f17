//! The Memsource callback receiver on loopback: delivery ends a wait at once, duplicates,
//! wrong secrets and oversize bodies are handled, and a lost callback never hangs a wait.

use std::time::{Duration, Instant};

use httpmock::MockServer;
use memsource_api::Client;
use memsource_api::callbacks::{CallbackReceiver, MAX_BODY_BYTES};
use memsource_api_httpmock::MockServerExt;

async fn receiver() -> CallbackReceiver {
    // Bound to loopback; the public URL is the bound address itself.
    let bind: std::net::SocketAddr = "127.0.0.1:0".parse().expect("address");
    CallbackReceiver::start(bind, None).await.expect("start")
}

fn post(url: &str, body: impl Into<reqwest::Body>) -> reqwest::RequestBuilder {
    reqwest::Client::new()
        .post(url)
        .header("content-type", "application/json")
        .body(body)
}

#[tokio::test]
async fn a_callback_is_delivered_once_and_retries_are_acknowledged() {
    let receiver = receiver().await;
    let (url, ticket) = receiver.expect().expect("secret");
    assert!(url.contains("/callbacks/1/") && url.len() > 64, "{url}");
    let body = r#"{"asyncRequest":{"id":123456,"action":"PRE_ANALYSE","asyncResponse":{}},"analyse":{"id":"1"}}"#;
    assert_eq!(post(&url, body).send().await.expect("post").status(), 200);
    let delivered = ticket.await.expect("delivered");
    assert_eq!(
        delivered.id.map(|id| id.to_string()),
        Some("123456".to_owned())
    );
    // The vendor's retry of the same callback: 200, and nothing more happens.
    assert_eq!(post(&url, body).send().await.expect("post").status(), 200);
}

#[tokio::test]
async fn string_ids_decode_too() {
    let receiver = receiver().await;
    let (url, ticket) = receiver.expect().expect("secret");
    let body = r#"{"asyncRequest":{"id":"777","asyncResponse":{}}}"#;
    post(&url, body).send().await.expect("post");
    assert_eq!(
        ticket.await.and_then(|r| r.id).map(|id| id.to_string()),
        Some("777".into())
    );
}

#[tokio::test]
async fn wrong_secrets_unknown_keys_bad_and_oversize_bodies_are_refused() {
    let receiver = receiver().await;
    let (url, _ticket) = receiver.expect().expect("secret");
    let (base, secret) = url.rsplit_once('/').expect("secret segment");
    let mut wrong = secret.to_owned();
    wrong.replace_range(0..1, if secret.starts_with('0') { "1" } else { "0" });
    let ok_body = r#"{"asyncRequest":{"id":1}}"#;
    assert_eq!(
        post(&format!("{base}/{wrong}"), ok_body)
            .send()
            .await
            .expect("post")
            .status(),
        404
    );
    let addr = receiver.local_addr();
    assert_eq!(
        post(&format!("http://{addr}/callbacks/999/{secret}"), ok_body)
            .send()
            .await
            .expect("post")
            .status(),
        404
    );
    assert_eq!(
        post(&url, "not json").send().await.expect("post").status(),
        400
    );
    let huge = format!(
        r#"{{"asyncRequest":{{"id":1}},"pad":"{}"}}"#,
        "x".repeat(MAX_BODY_BYTES)
    );
    assert_eq!(post(&url, huge).send().await.expect("post").status(), 413);
    // Still waiting: a good delivery after all that works.
    assert_eq!(
        post(&url, ok_body).send().await.expect("post").status(),
        200
    );
}

#[tokio::test]
async fn a_wait_ends_on_the_callback_while_polling_would_take_a_minute() {
    let server = MockServer::start_async().await;
    let polls = server.async_request_get(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"id":"42","asyncResponse":null}"#);
    });
    let receiver = receiver().await;
    let (url, ticket) = receiver.expect().expect("secret");
    let client = Client::builder(server.base_url())
        .api_token("t")
        .build()
        .expect("loopback");
    let started = Instant::now();
    let poster = tokio::spawn(async move {
        post(&url, r#"{"asyncRequest":{"id":42,"asyncResponse":{}}}"#)
            .send()
            .await
    });
    let outcome = client
        .async_request("42")
        .max_wait(Duration::from_secs(600))
        .callback(ticket)
        .wait()
        .await
        .expect("no poll error");
    assert!(outcome.is_finished(), "{outcome:?}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "ended by the callback, not polling"
    );
    poster.await.expect("task").expect("post");
    polls.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_lost_callback_does_not_hang_the_wait() {
    let server = MockServer::start_async().await;
    server.async_request_get(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"id":"43","asyncResponse":{}}"#);
    });
    let receiver = receiver().await;
    let (_url, ticket) = receiver.expect().expect("secret");
    drop(receiver); // The receiver goes away: the ticket resolves to None, polling takes over.
    let client = Client::builder(server.base_url())
        .api_token("t")
        .build()
        .expect("loopback");
    let outcome = client
        .async_request("43")
        .callback(ticket)
        .wait()
        .await
        .expect("polled");
    assert!(outcome.is_finished());
}
