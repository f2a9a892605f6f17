//! The Memsource callback receiver on loopback: delivery ends a wait at once, only for its own
//! request id, several requests share one URL, duplicates, wrong secrets and oversize bodies
//! are handled, a lost callback never hangs a wait, a flow sends its callback URL and ends on
//! its callbacks, and the registry empties again.

use std::sync::Arc;
use std::time::{Duration, Instant};

use httpmock::MockServer;
use memsource_api::Client;
use memsource_api::async_requests::AsyncOutcome;
use memsource_api::callbacks::{CallbackReceiver, MAX_BODY_BYTES, RETRY_HORIZON};
use memsource_api_httpmock::MockServerExt;
use tms_runtime::clock::ManualClock;

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
    let callback = receiver.expect().expect("secret");
    let url = callback.url().to_owned();
    assert!(url.contains("/callbacks/1/") && url.len() > 64, "{url}");
    let ticket = callback.ticket("123456");
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
    let callback = receiver.expect().expect("secret");
    let ticket = callback.ticket(777);
    let body = r#"{"asyncRequest":{"id":"777","asyncResponse":{}}}"#;
    post(callback.url(), body).send().await.expect("post");
    assert_eq!(
        ticket.await.and_then(|r| r.id).map(|id| id.to_string()),
        Some("777".into())
    );
}

#[tokio::test]
async fn wrong_secrets_unknown_keys_bad_and_oversize_bodies_are_refused() {
    let receiver = receiver().await;
    let callback = receiver.expect().expect("secret");
    let url = callback.url();
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
        post(url, "not json").send().await.expect("post").status(),
        400
    );
    assert_eq!(
        post(url, r#"{"asyncRequest":{"action":"PRE_ANALYSE"}}"#)
            .send()
            .await
            .expect("post")
            .status(),
        400,
        "a callback without a request id"
    );
    let huge = format!(
        r#"{{"asyncRequest":{{"id":1}},"pad":"{}"}}"#,
        "x".repeat(MAX_BODY_BYTES)
    );
    assert_eq!(post(url, huge).send().await.expect("post").status(), 413);
    // Still waiting: a good delivery after all that works.
    let ticket = callback.ticket(1);
    assert_eq!(post(url, ok_body).send().await.expect("post").status(), 200);
    assert!(ticket.await.is_some());
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
    let callback = receiver.expect().expect("secret");
    let (url, ticket) = (callback.url().to_owned(), callback.ticket("42"));
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
    let ticket = receiver.expect().expect("secret").ticket("43");
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

fn callback_body(id: u64) -> String {
    format!(r#"{{"asyncRequest":{{"id":{id},"action":"PRE_ANALYSE","asyncResponse":{{}}}}}}"#)
}

#[tokio::test]
async fn a_callback_for_another_id_never_ends_the_wait() {
    let server = MockServer::start_async().await;
    let polls = server.async_request_get(|when, then| {
        when.async_request_id(&"42".into());
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"id":"42","asyncResponse":null}"#);
    });
    let receiver = receiver().await;
    let callback = receiver.expect().expect("secret");
    let mut ticket = callback.ticket("42");
    // Another request finished and called the same URL.
    let status = post(callback.url(), callback_body(41))
        .send()
        .await
        .expect("post")
        .status();
    assert_eq!(status, 200, "a valid callback, just not for this ticket");
    assert!(futures::poll!(&mut ticket).is_pending());
    // On virtual time the wait runs to its end: only polls could end it, and they say pending.
    let clock = ManualClock::new();
    let client = Client::builder(server.base_url())
        .api_token("t")
        .clock(Arc::new(clock.clone()))
        .build()
        .expect("loopback");
    let outcome = client
        .async_request("42")
        .max_wait(Duration::from_secs(600))
        .callback(ticket)
        .wait()
        .await
        .expect("no poll error");
    let AsyncOutcome::TimedOut { polls: n, .. } = outcome else {
        panic!("expected TimedOut, got {outcome:?}");
    };
    // One poll a minute while the callback is expected, and one at the deadline.
    assert!(n >= 10, "{n} polls");
    polls.assert_calls_async(n as usize).await;
}

#[tokio::test]
async fn requests_sharing_one_callback_url_each_resolve_by_id() {
    let receiver = receiver().await;
    // One analysis call starts several asynchronous requests, all calling one URL.
    let callback = receiver.expect().expect("secret");
    let mut tickets: Vec<_> = [101u64, 102, 103].map(|id| callback.ticket(id)).into();
    // They finish in another order, and one finishes before its ticket is asked for.
    for id in [103u64, 104, 101] {
        let status = post(callback.url(), callback_body(id))
            .send()
            .await
            .expect("post")
            .status();
        assert_eq!(status, 200);
    }
    assert!(
        futures::poll!(&mut tickets[1]).is_pending(),
        "102 has not called"
    );
    post(callback.url(), callback_body(102))
        .send()
        .await
        .expect("post");
    tickets.push(callback.ticket(104));
    let mut ids = Vec::new();
    for ticket in tickets {
        let request = ticket.await.expect("delivered");
        ids.push(request.id.map(|id| id.to_string()).unwrap_or_default());
    }
    assert_eq!(ids, ["101", "102", "103", "104"]);
}

#[tokio::test]
async fn the_registry_empties_when_urls_and_tickets_are_dropped() {
    let receiver = receiver().await;
    assert_eq!(receiver.pending(), 0);
    let callback = receiver.expect().expect("secret");
    let url = callback.url().to_owned();
    let (first, second) = (callback.ticket(1), callback.ticket(2));
    let other = receiver.expect().expect("secret");
    assert_eq!(receiver.pending(), 2);
    drop(callback);
    drop(first);
    assert_eq!(receiver.pending(), 2, "a ticket keeps its URL registered");
    drop(second);
    assert_eq!(receiver.pending(), 1);
    drop(other);
    assert_eq!(receiver.pending(), 0);
    let status = post(&url, callback_body(1))
        .send()
        .await
        .expect("post")
        .status();
    assert_eq!(status, 404, "a forgotten URL is unknown");
}

#[tokio::test]
async fn delivered_callbacks_are_acknowledged_until_the_vendor_retry_horizon() {
    // The vendor's schedule: 2, 4, 8, 16, then six times 30 minutes.
    assert_eq!(RETRY_HORIZON, Duration::from_secs(210 * 60));
    let clock = ManualClock::new();
    let receiver = receiver().await.with_clock(Arc::new(clock.clone()));
    let callback = receiver.expect().expect("secret");
    let url = callback.url().to_owned();
    let ticket = callback.ticket(5);
    let send = || async {
        post(&url, callback_body(5))
            .send()
            .await
            .expect("post")
            .status()
    };
    assert_eq!(send().await, 200);
    assert!(ticket.await.is_some());
    drop(callback);
    // The 200 may have been lost on the way: the vendor's retries still get one.
    assert_eq!(receiver.pending(), 1);
    clock.advance(RETRY_HORIZON - Duration::from_secs(1));
    assert_eq!(send().await, 200);
    assert_eq!(receiver.pending(), 1);
    clock.advance(Duration::from_secs(1));
    assert_eq!(receiver.pending(), 0);
    assert_eq!(send().await, 404);
}

#[tokio::test]
async fn a_flow_sends_its_callback_url_and_ends_each_wait_on_its_callback() {
    let server = MockServer::start_async().await;
    server.async_request_status(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body("{}");
    });
    let receiver = receiver().await;
    let callback = receiver.expect().expect("secret");
    let create = server.analysis_create(|when, then| {
        when.into_inner().body_includes(callback.url());
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(
                r#"{"asyncRequests":[
                    {"asyncRequest":{"id":"201","action":"PRE_ANALYSE"},"analyse":{"id":"a1"}},
                    {"asyncRequest":{"id":"202","action":"PRE_ANALYSE"},"analyse":{"id":"a2"}}]}"#,
            );
    });
    // Polls would say pending for ever; only the callbacks can end the waits.
    let polls = server.async_request_get(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"id":"201","asyncResponse":null}"#);
    });
    // Both analyses are done (and called back) before the flow asks.
    for id in [202u64, 201] {
        let status = post(callback.url(), callback_body(id))
            .send()
            .await
            .expect("post")
            .status();
        assert_eq!(status, 200);
    }
    let client = Client::builder(server.base_url())
        .api_token("t")
        .clock(Arc::new(ManualClock::new()))
        .build()
        .expect("loopback");
    let analyses = client
        .analyse(["j1", "j2"])
        .callback(&callback)
        .max_wait(Duration::from_secs(600))
        .await
        .expect("analysed");
    create.assert_async().await;
    assert_eq!(analyses.len(), 2);
    assert!(
        analyses.iter().all(|a| a.outcome.is_finished()),
        "{analyses:?}"
    );
    // One poll each before the callback was seen; none after.
    polls.assert_calls_async(2).await;
}
