//! When an operation with effects (a create, a login) may be sent again: only after an answer
//! that says it was not carried out (429, 503), never after one that may come after the work
//! was done (500, 502, 504). Virtual time: the waits are recorded, not slept.

mod support;

use std::sync::atomic::Ordering;
use std::time::Duration;

use httpmock::MockServer;
use secrecy::SecretString;
use support::{Body, CREATE, TestVendor, engine, flaky_jobs};
use tms_runtime::auth::NoLogin;
use tms_runtime::client::LoginAnswer;
use tms_runtime::clock::ManualClock;
use tms_runtime::engine::Auth;
use tms_runtime::error::Error;
use tms_runtime::login::Fresh;
use tms_runtime::retry::RetryPolicy;

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
            TestVendor,
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
        .login(request, "auth_login", TestVendor, |answer| {
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
