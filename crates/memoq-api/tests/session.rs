//! The runtime rules as memoQ sees them: lazy login, one re-login for any number of concurrent
//! calls on an expired token, no login storms, retries that are safe and bounded, HTTPS and
//! redaction. Everything runs on virtual time except the one test about a real network timeout.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use httpmock::{HttpMockResponse, MockServer};
use memoq_api::{Client, ClientInfo, Credentials, Error, ErrorCode, types};
use memoq_api_httpmock::MockServerExt;
use tms_runtime::clock::ManualClock;
use tms_runtime::retry::{BudgetConfig, RetryPolicy};
use tms_runtime::transport::ConfigError;

const TM: &str = "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b";

fn credentials() -> Credentials {
    Credentials::memoq_user("admin", "secret")
}

/// A client with credentials, on virtual time.
fn client(server: &MockServer, clock: &ManualClock, retry: RetryPolicy) -> Client {
    Client::builder(server.base_url())
        .credentials(credentials())
        .clock(Arc::new(clock.clone()))
        .jitter_seed(11)
        .retry(retry)
        .build()
        .expect("loopback URL")
}

/// A login mock handing out `t1`, `t2`, … in order; returns the count handle.
fn numbered_logins(server: &MockServer) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    server.auth_login(|when, then| {
        when.body(&credentials().to_login_param());
        then.into_inner().respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst) + 1;
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(format!(
                    r#"{{"Name":"admin","Sid":"s","AccessToken":"t{n}"}}"#
                ))
                .build()
        });
    });
    count
}

fn expired() -> &'static str {
    r#"{"ErrorCode":"InvalidOrExpiredToken","Message":"Security token is invalid or has expired."}"#
}

/// `tm_list` answers `status` with `body` for requests carrying token `token`.
fn tm_list_for<'a>(
    server: &'a MockServer,
    token: &str,
    status: u16,
    body: &str,
) -> httpmock::Mock<'a> {
    server.tm_list(|when, then| {
        when.into_inner()
            .header("authorization", format!("MQS-API {token}"));
        then.into_inner()
            .status(status)
            .header("content-type", "application/json")
            .body(body);
    })
}

#[tokio::test]
async fn first_call_logs_in_lazily_and_later_calls_reuse_the_token() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server);
    let list = tm_list_for(&server, "t1", 200, "[]");
    let client = client(&server, &ManualClock::new(), RetryPolicy::default());
    assert!(!client.is_logged_in());
    for _ in 0..3 {
        client.tm_list().send().await.expect("list");
    }
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    list.assert_calls_async(3).await;
}

#[tokio::test]
async fn a_thousand_concurrent_first_calls_log_in_once() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server);
    let list = tm_list_for(&server, "t1", 200, "[]");
    let client = client(&server, &ManualClock::new(), RetryPolicy::default());
    let calls = (0..1000).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.tm_list().send().await.map(|_| ()) })
    });
    for call in futures::future::join_all(calls).await {
        call.expect("task").expect("list");
    }
    assert_eq!(
        logins.load(Ordering::SeqCst),
        1,
        "one login for 1000 callers"
    );
    assert_eq!(client.inner().logins(), 1);
    list.assert_calls_async(1000).await;
}

#[tokio::test]
async fn a_storm_of_expired_token_answers_causes_one_relogin() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server);
    let stale = tm_list_for(&server, "t1", 401, expired());
    let fresh = tm_list_for(&server, "t2", 200, "[]");
    let client = client(&server, &ManualClock::new(), RetryPolicy::default());
    client.login(&credentials()).await.expect("login t1");

    let calls = (0..200).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.tm_list().send().await.map(|_| ()) })
    });
    for call in futures::future::join_all(calls).await {
        call.expect("task").expect("replayed after the re-login");
    }
    assert_eq!(
        logins.load(Ordering::SeqCst),
        2,
        "the explicit login and one re-login"
    );
    stale.assert_calls_async(200).await;
    fresh.assert_calls_async(200).await;
}

#[tokio::test]
async fn a_request_is_replayed_at_most_once_then_the_error_surfaces() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server);
    let t1 = tm_list_for(&server, "t1", 401, expired());
    let t2 = tm_list_for(&server, "t2", 401, expired());
    let client = client(&server, &ManualClock::new(), RetryPolicy::default());
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.tm_list().send().await.map(|_| ()) })
    });
    for call in futures::future::join_all(calls).await {
        let err = Error::from(call.expect("task").expect_err("still expired"));
        assert_eq!(err.code(), Some(ErrorCode::InvalidOrExpiredToken));
        assert_eq!(err.retry_info().map(|r| r.attempts), Some(2));
    }
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    t1.assert_calls_async(50).await;
    t2.assert_calls_async(50).await;
}

#[tokio::test]
async fn a_wrong_password_is_tried_once_for_all_concurrent_callers() {
    let server = MockServer::start_async().await;
    let login = server.auth_login(|_when, then| {
        then.into_inner()
            .status(401)
            .header("content-type", "application/json")
            .body(r#"{"ErrorCode":"AuthenticationFailed","Message":"User could not be authenticated."}"#);
    });
    let list = server.tm_list(|_when, then| {
        then.ok(&vec![]);
    });
    let clock = ManualClock::new();
    let client = client(&server, &clock, RetryPolicy::default());
    let calls = (0..50).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.tm_list().send().await.map(|_| ()) })
    });
    for call in futures::future::join_all(calls).await {
        let err = Error::from(call.expect("task").expect_err("refused"));
        assert_eq!(err.code(), Some(ErrorCode::AuthenticationFailed));
        assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    }
    login.assert_calls_async(1).await;
    list.assert_calls_async(0).await;
    assert!(
        clock.sleeps().is_empty(),
        "a refused login is never retried"
    );

    // After the failure has aged out, the next call tries again (once).
    clock.advance(Duration::from_secs(6));
    let _ = client.tm_list().send().await;
    login.assert_calls_async(2).await;
}

#[tokio::test]
async fn too_frequent_login_is_not_retried() {
    let server = MockServer::start_async().await;
    let login = server.auth_login(|_when, then| {
        then.into_inner()
            .status(401)
            .header("content-type", "application/json")
            .body(
                r#"{"ErrorCode":"TooFrequentLogin","Message":"Too frequent login after logout."}"#,
            );
    });
    let clock = ManualClock::new();
    let client = client(&server, &clock, RetryPolicy::default());
    let err = Error::from(client.tm_list().send().await.expect_err("refused"));
    assert_eq!(err.code(), Some(ErrorCode::TooFrequentLogin));
    login.assert_calls_async(1).await;
    assert!(clock.sleeps().is_empty());
}

/// `tm_list` answers the first `failures` calls with `status`/`body`/`headers`, then `[]`.
fn flaky_tm_list(
    server: &MockServer,
    failures: usize,
    status: u16,
    body: &'static str,
    retry_after: Option<String>,
) -> Arc<AtomicUsize> {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    server.tm_list(|_when, then| {
        then.into_inner().respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let builder = HttpMockResponse::builder().header("content-type", "application/json");
            if n < failures {
                let builder = match &retry_after {
                    Some(value) => builder.header("retry-after", value.clone()),
                    None => builder,
                };
                builder.status(status).body(body).build()
            } else {
                builder.status(200).body("[]").build()
            }
        });
    });
    calls
}

#[tokio::test]
async fn no_license_available_is_retried_with_backoff() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    let calls = flaky_tm_list(
        &server,
        2,
        401,
        r#"{"ErrorCode":"NoLicenseAvailable","Message":"Could not request license."}"#,
        None,
    );
    let clock = ManualClock::new();
    let client = client(&server, &clock, RetryPolicy::default());
    let answer = client.tm_list().send().await.expect("a licence freed up");
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    assert_eq!(
        answer
            .headers()
            .get("x-tms-rs-attempts")
            .and_then(|v| v.to_str().ok()),
        Some("3")
    );
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 2);
    let policy = RetryPolicy::default();
    assert!(
        sleeps[0] <= policy.base_delay && sleeps[1] <= policy.base_delay * 2,
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn retry_after_in_seconds_is_honoured() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    flaky_tm_list(&server, 1, 503, "", Some("3".into()));
    let clock = ManualClock::new();
    let client = client(&server, &clock, RetryPolicy::default());
    client.tm_list().send().await.expect("after the wait");
    assert_eq!(clock.sleeps(), [Duration::from_secs(3)]);
}

#[tokio::test]
async fn retry_after_as_an_http_date_is_honoured() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    let clock = ManualClock::new();
    use tms_runtime::clock::Clock;
    let at = httpdate::fmt_http_date(clock.system_now() + Duration::from_secs(8));
    flaky_tm_list(&server, 1, 429, "", Some(at));
    let client = client(&server, &clock, RetryPolicy::default());
    client.tm_list().send().await.expect("after the wait");
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 1);
    // HTTP-dates have whole seconds: the wait is 7 to 8 seconds.
    assert!(
        (Duration::from_secs(7)..=Duration::from_secs(8)).contains(&sleeps[0]),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn a_retry_after_beyond_the_maximum_returns_the_answer_with_the_wait_it_asked_for() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    let calls = flaky_tm_list(&server, 1, 503, "", Some("3600".into()));
    let clock = ManualClock::new();
    let patient_up_to_ten_seconds = RetryPolicy {
        max_retry_after: Duration::from_secs(10),
        ..RetryPolicy::default()
    };
    let err = client(&server, &clock, patient_up_to_ten_seconds)
        .tm_list()
        .send()
        .await
        .expect_err("the server asks for an hour");
    let err = Error::from(err);
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    let retry = err.retry_info().expect("an answer");
    assert_eq!(retry.retry_after, Some(Duration::from_secs(3600)));
    assert_eq!(retry.attempts, 1);
    assert!(clock.sleeps().is_empty(), "no early retry");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn a_wait_past_the_deadline_gives_up_at_once() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    let calls = flaky_tm_list(&server, 1, 503, "", Some("3600".into()));
    let clock = ManualClock::new();
    let short_deadline = RetryPolicy {
        max_retry_after: Duration::from_secs(3600),
        total_deadline: Some(Duration::from_secs(60)),
        ..RetryPolicy::default()
    };
    let err = client(&server, &clock, short_deadline)
        .tm_list()
        .send()
        .await
        .expect_err("the server asks for longer than the deadline allows");
    assert_eq!(Error::from(err).status().map(|s| s.as_u16()), Some(503));
    assert!(clock.sleeps().is_empty(), "gave up without waiting");
    assert_eq!(calls.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn endless_waits_and_retry_afters_never_overflow() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    let calls = flaky_tm_list(&server, 1, 503, "", Some(u64::MAX.to_string()));
    let clock = ManualClock::new();
    let endless = RetryPolicy {
        max_retry_after: Duration::MAX,
        max_delay: Duration::MAX,
        base_delay: Duration::MAX,
        total_deadline: Some(Duration::MAX),
        attempt_timeout: Some(Duration::MAX),
        ..RetryPolicy::default()
    };
    // `Retry-After: 18446744073709551615` within a policy that allows any wait: the client
    // waits (virtual time) and gets the second answer instead of panicking.
    client(&server, &clock, endless.clone())
        .tm_list()
        .send()
        .await
        .expect("after the endless wait");
    assert_eq!(clock.sleeps(), [Duration::from_secs(u64::MAX)]);
    assert_eq!(calls.load(Ordering::SeqCst), 2);

    // Without a deadline and with the default wait limit the same answer is returned, with
    // the wait it asked for.
    calls.store(0, Ordering::SeqCst);
    let clock = ManualClock::new();
    let no_deadline = RetryPolicy {
        total_deadline: None,
        base_delay: Duration::MAX,
        max_delay: Duration::MAX,
        ..RetryPolicy::default()
    };
    let err = Error::from(
        client(&server, &clock, no_deadline)
            .tm_list()
            .send()
            .await
            .expect_err("an impossible wait"),
    );
    assert_eq!(
        err.retry_info().and_then(|r| r.retry_after),
        Some(Duration::from_secs(u64::MAX))
    );
}

#[tokio::test]
async fn an_empty_retry_budget_stops_retrying() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    let calls = flaky_tm_list(&server, usize::MAX, 502, "", None);
    let clock = ManualClock::new();
    let policy = RetryPolicy {
        max_attempts: 10,
        budget: BudgetConfig {
            capacity: 12,
            retry_cost: 5,
            transport_retry_cost: 10,
        },
        ..RetryPolicy::default()
    };
    let client = client(&server, &clock, policy);
    let err = Error::from(client.tm_list().send().await.expect_err("502 for ever"));
    let retry = err.retry_info().expect("an answer");
    assert_eq!(
        retry.attempts, 3,
        "two retries fit in a budget of 12 at 5 each"
    );
    assert!(retry.budget_exhausted);
    assert_eq!(calls.load(Ordering::SeqCst), 3);
    // The budget is client-wide: the next call gets no retry at all.
    let err = Error::from(client.tm_list().send().await.expect_err("502"));
    assert_eq!(err.retry_info().map(|r| r.attempts), Some(1));
}

#[tokio::test]
async fn a_create_is_never_sent_twice_after_a_timeout_but_a_read_is_retried() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    let create = server.tm_entry_create(|_when, then| {
        then.into_inner()
            .status(200)
            .delay(Duration::from_millis(800));
    });
    let get = server.tm_get(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body("{}")
            .delay(Duration::from_millis(800));
    });
    // Attempt timeouts are real network timeouts; keep them short.
    let policy = RetryPolicy {
        attempt_timeout: Some(Duration::from_millis(150)),
        max_attempts: 2,
        ..RetryPolicy::default()
    };
    let client = client(&server, &ManualClock::new(), policy);
    let err = Error::from(
        client
            .tm_entry_create()
            .tm_guid(TM)
            .body(types::TmEntryModel::default())
            .send()
            .await
            .expect_err("timed out"),
    );
    assert!(
        matches!(&err, Error::Transport(e) if e.is_timeout()),
        "{err:?}"
    );
    assert!(err.may_have_reached_server(), "the outcome is unknown");
    create.assert_calls_async(1).await;

    let err = client
        .tm_get()
        .tm_guid(TM)
        .send()
        .await
        .expect_err("timed out twice");
    assert!(Error::from(err).may_have_reached_server());
    get.assert_calls_async(2).await;
}

#[tokio::test]
async fn a_create_is_sent_again_after_503_or_429_but_not_after_502_or_504() {
    // 503 and 429 say the server turned the request away unprocessed; after a 502 or 504 a
    // gateway may have passed it on, so a create is not sent a second time.
    for (status, expected_calls) in [(503, 4), (429, 4), (502, 1), (504, 1)] {
        let server = MockServer::start_async().await;
        numbered_logins(&server);
        let create = server.tm_entry_create(|_when, then| {
            then.into_inner().status(status);
        });
        let clock = ManualClock::new();
        let client = client(&server, &clock, RetryPolicy::default());
        let err = Error::from(
            client
                .tm_entry_create()
                .tm_guid(TM)
                .body(types::TmEntryModel::default())
                .send()
                .await
                .expect_err("refused every time"),
        );
        assert_eq!(
            err.retry_info().map(|r| r.attempts),
            Some(expected_calls),
            "{status}"
        );
        create.assert_calls_async(expected_calls as usize).await;
    }
}

#[tokio::test]
async fn a_streaming_body_is_sent_once() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    let set = server.tb_entry_meta_set(|_when, then| {
        then.into_inner().status(503);
    });
    let clock = ManualClock::new();
    let client = client(&server, &clock, RetryPolicy::default());
    let chunks = futures::stream::iter([Ok::<_, std::io::Error>(vec![1u8, 2, 3])]);
    let err = client
        .tb_entry_meta_set()
        .tb_guid(TM)
        .entry_id(1)
        .metaname("Image")
        .body(reqwest::Body::wrap_stream(chunks))
        .send()
        .await
        .expect_err("503");
    assert_eq!(Error::from(err).status().map(|s| s.as_u16()), Some(503));
    set.assert_calls_async(1).await;
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn secrets_never_show_in_debug() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    tm_list_for(&server, "t1", 200, "[]");
    let client = client(&server, &ManualClock::new(), RetryPolicy::default());
    client.tm_list().send().await.expect("list");
    let shown = format!("{:?}", client.inner());
    assert_eq!(
        shown,
        r#"Session { credentials: Some(MemoqUser { user_name: "admin", password: [REDACTED] }), cache: TokenCache { scheme: "MQS-API", token: Some("[REDACTED]"), generation: 1, logins: 1 }, .. }"#
    );
    assert!(!format!("{client:?}").contains("t1\""), "{client:?}");
}

#[test]
fn https_is_required_except_on_loopback_or_when_waived() {
    let remote = "http://memoq.example.com:8081/memoqserverhttpapi/v1";
    match Client::builder(remote).build() {
        Err(ConfigError::InsecureHttp { host }) => assert_eq!(host, "memoq.example.com"),
        other => panic!("expected InsecureHttp, got {other:?}"),
    }
    assert!(
        Client::builder(remote)
            .allow_insecure_http()
            .build()
            .is_ok()
    );
    assert!(
        Client::builder("http://[::1]:8081/memoqserverhttpapi/v1")
            .build()
            .is_ok()
    );
    assert!(
        Client::builder("https://memoq.example.com:8081/memoqserverhttpapi/v1")
            .build()
            .is_ok()
    );
    assert!(matches!(
        Client::builder("https://h/x")
            .root_certificate_pem("not a certificate")
            .build(),
        Err(ConfigError::Certificate(_))
    ));
}

#[tokio::test]
async fn the_token_never_follows_a_redirect_to_another_host() {
    let server = MockServer::start_async().await;
    let elsewhere = MockServer::start_async().await;
    numbered_logins(&server);
    let stolen = elsewhere.mock(|_when, then| {
        then.status(200).body("[]");
    });
    server.tm_list(|_when, then| {
        then.into_inner().status(307).header(
            "location",
            format!("http://localhost:{}/tms", elsewhere.port()),
        );
    });
    let client = client(&server, &ManualClock::new(), RetryPolicy::default());
    let err = Error::from(client.tm_list().send().await.expect_err("not followed"));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(307));
    stolen.assert_calls_async(0).await;
}

#[tokio::test]
async fn redirects_are_followed_only_within_the_same_scheme_host_and_port() {
    let server = MockServer::start_async().await;
    let other_port = MockServer::start_async().await;
    numbered_logins(&server);
    // Same host, another port: not followed, the 307 reaches the caller.
    let stolen = other_port.mock(|_when, then| {
        then.status(200).body("[]");
    });
    let moved = server.tm_list(|_when, then| {
        then.into_inner().status(307).header(
            "location",
            format!("http://127.0.0.1:{}/tms", other_port.port()),
        );
    });
    let client = client(&server, &ManualClock::new(), RetryPolicy::default());
    let err = Error::from(client.tm_list().send().await.expect_err("not followed"));
    assert_eq!(err.status().map(|s| s.as_u16()), Some(307));
    stolen.assert_calls_async(0).await;
    moved.delete_async().await;

    // The same origin: followed, with the token.
    server.tm_list(|_when, then| {
        then.into_inner()
            .status(308)
            .header("location", format!("{}/moved/tms", server.base_url()));
    });
    let landed = server.mock(|when, then| {
        when.path("/moved/tms")
            .header("authorization", "MQS-API t1");
        then.status(200)
            .header("content-type", "application/json")
            .body("[]");
    });
    client.tm_list().send().await.expect("followed");
    landed.assert_calls_async(1).await;
}

#[tokio::test]
async fn a_redirect_to_plain_http_elsewhere_is_refused_outright() {
    let server = MockServer::start_async().await;
    numbered_logins(&server);
    server.tm_list(|_when, then| {
        then.into_inner()
            .status(302)
            .header("location", "http://memoq.example.invalid/tms");
    });
    let client = client(&server, &ManualClock::new(), RetryPolicy::never());
    let err = Error::from(client.tm_list().send().await.expect_err("refused"));
    match &err {
        Error::Transport(inner) => assert!(inner.is_redirect(), "{inner:?}"),
        other => panic!("expected a refused redirect, got {other:?}"),
    }
}

#[test]
fn clients_are_clone_send_sync() {
    fn assert_shareable<T: Clone + Send + Sync + 'static>() {}
    assert_shareable::<Client>();
    assert_shareable::<memoq_api::Session>();
}

fn resumed(server: &MockServer, clock: &ManualClock, token: &str) -> Client {
    Client::builder(server.base_url())
        .credentials(credentials())
        .clock(Arc::new(clock.clone()))
        .jitter_seed(11)
        .resume(tms_runtime::session::SavedToken {
            token: token.into(),
            expires_at: None,
        })
        .build()
        .expect("loopback URL")
}

#[tokio::test]
async fn a_resumed_token_is_used_without_a_login_and_can_be_saved_again() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server);
    let list = tm_list_for(&server, "kept", 200, "[]");
    let clock = ManualClock::new();
    let client = resumed(&server, &clock, "kept");
    assert!(client.is_logged_in());
    client
        .tm_list()
        .send()
        .await
        .expect("resumed token accepted");
    assert_eq!(logins.load(Ordering::SeqCst), 0);
    list.assert_async().await;
    let saved = client.saved_token().expect("the token is still held");
    assert_eq!(saved.token.expose(), "kept");
}

#[tokio::test]
async fn a_resumed_token_the_server_rejects_causes_one_login_and_the_call_succeeds() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server);
    let stale = tm_list_for(&server, "stale", 401, expired());
    let fresh = tm_list_for(&server, "t1", 200, "[]");
    let clock = ManualClock::new();
    let client = resumed(&server, &clock, "stale");
    client
        .tm_list()
        .send()
        .await
        .expect("replayed after one login");
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    stale.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;
    let saved = client.saved_token().expect("the new token");
    assert_eq!(saved.token.expose(), "t1");
}
