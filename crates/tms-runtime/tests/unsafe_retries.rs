//! When an operation with effects (a create, a login) may be sent again: only after an answer
//! that says it was not carried out (429, 503), never after one that may come after the work
//! was done (500, 502, 504). Virtual time: the waits are recorded, not slept.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use httpmock::{HttpMockResponse, MockServer};
use secrecy::SecretString;
use tms_runtime::auth::NoLogin;
use tms_runtime::client::LoginAnswer;
use tms_runtime::clock::ManualClock;
use tms_runtime::engine::{Auth, Engine, Idempotency, OperationPolicy, Vendor};
use tms_runtime::error::{Error, ErrorBody};
use tms_runtime::login::Fresh;
use tms_runtime::retry::{Backoff, RetryPolicy};
use tms_runtime::transport::{TransportConfig, http_client, login_client};

#[derive(Debug, serde::Deserialize)]
struct Body {
    code: Option<String>,
}

impl ErrorBody for Body {
    const VENDOR: &'static str = "Test";
    type Code = String;

    fn code(&self) -> Option<String> {
        self.code.clone()
    }

    fn message(&self) -> Option<&str> {
        None
    }
}

struct TestVendor;

impl Vendor for TestVendor {
    const NAME: &'static str = "test";
    type ErrorBody = Body;
}

const CREATE: OperationPolicy = OperationPolicy {
    idempotency: Idempotency::Unsafe,
    ..OperationPolicy::UNKNOWN
};

fn engine(clock: &ManualClock) -> (Engine, reqwest::Client) {
    let transport = TransportConfig::default();
    let engine = Engine::new(
        RetryPolicy::default(),
        Arc::new(clock.clone()),
        Backoff::seeded(3),
        login_client(&transport).expect("login client"),
    );
    (engine, http_client(&transport).expect("client"))
}

/// A `/jobs` endpoint that answers the first `failures` requests with `status` (and
/// `Retry-After: 2`), then 201 with `{}`; returns the count of requests it saw.
fn flaky_jobs(server: &MockServer, failures: usize, status: u16) -> Arc<AtomicUsize> {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    server.mock(|when, then| {
        when.path("/jobs");
        then.respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            if n < failures {
                HttpMockResponse::builder()
                    .status(status)
                    .header("retry-after", "2")
                    .build()
            } else {
                HttpMockResponse::builder()
                    .status(201)
                    .header("content-type", "application/json")
                    .body("{}")
                    .build()
            }
        });
    });
    calls
}

/// Sends one create to `server`: the status of its success, or its error.
async fn create(server: &MockServer, clock: &ManualClock) -> Result<u16, Error<Body>> {
    let (engine, http) = engine(clock);
    let request = http
        .post(server.url("/jobs"))
        .body("the file")
        .build()
        .expect("request");
    engine
        .send(
            &http,
            request,
            "job_create",
            CREATE,
            &TestVendor,
            Auth::<NoLogin>::None,
        )
        .await
        .map(|response| response.status().as_u16())
        .map_err(|err| Error::from(progenitor_client::Error::<Body>::CommunicationError(err)))
}

#[tokio::test]
async fn a_create_refused_with_429_or_503_is_sent_again_after_the_wait_asked_for() {
    for status in [429, 503] {
        let server = MockServer::start_async().await;
        let calls = flaky_jobs(&server, 2, status);
        let clock = ManualClock::new();
        let answer = create(&server, &clock).await;
        assert_eq!(answer.ok(), Some(201), "{status}");
        assert_eq!(calls.load(Ordering::SeqCst), 3, "{status}");
        assert_eq!(clock.sleeps(), [Duration::from_secs(2); 2], "{status}");
    }
}

#[tokio::test]
async fn a_create_is_not_sent_again_after_an_answer_that_may_follow_the_work() {
    for status in [500, 502, 504] {
        let server = MockServer::start_async().await;
        let calls = flaky_jobs(&server, 1, status);
        let clock = ManualClock::new();
        let err = create(&server, &clock).await.expect_err("not retried");
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        assert_eq!(err.retry_info().map(|r| r.attempts), Some(1), "{status}");
        assert_eq!(calls.load(Ordering::SeqCst), 1, "{status}");
        assert!(clock.sleeps().is_empty(), "{status}");
    }
}

#[tokio::test]
async fn a_create_refused_until_the_attempts_run_out_reports_them() {
    let server = MockServer::start_async().await;
    let calls = flaky_jobs(&server, usize::MAX, 503);
    let clock = ManualClock::new();
    let err = create(&server, &clock).await.expect_err("always 503");
    let attempts = RetryPolicy::default().max_attempts;
    assert_eq!(err.retry_info().map(|r| r.attempts), Some(attempts));
    assert_eq!(calls.load(Ordering::SeqCst), attempts as usize);
}

#[tokio::test]
async fn a_login_refused_with_429_is_sent_again_instead_of_failing_every_call() {
    let server = MockServer::start_async().await;
    let calls = flaky_jobs(&server, 1, 429);
    let clock = ManualClock::new();
    let (engine, http) = engine(&clock);
    let request = http
        .post(server.url("/jobs"))
        .body(r#"{"userName":"pm"}"#)
        .build()
        .expect("request");
    let login = engine
        .login(request, "auth_login", &TestVendor, |answer| {
            (answer.status().as_u16() == 201).then(|| LoginAnswer {
                fresh: Fresh {
                    token: SecretString::from("t1"),
                    lifetime: None,
                },
                extra: (),
            })
        })
        .await;
    assert!(login.is_ok(), "{:?}", login.err());
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    assert_eq!(clock.sleeps(), [Duration::from_secs(2)]);
}
