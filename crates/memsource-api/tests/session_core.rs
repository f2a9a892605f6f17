//! The Memsource session under stress: a skewed local clock, a session that expires under a
//! streamed upload, explicit logins and logouts racing lazy ones, and answers that try to forge
//! what the client reports. Virtual time throughout.

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime};

use httpmock::{HttpMockResponse, MockServer};
use memsource_api::upload::FileSource;
use memsource_api::{Client, ClientInfo, Error, Login, types};
use memsource_api_httpmock::MockServerExt;
use tms_runtime::clock::{Clock, ManualClock};
use tms_runtime::login::LoginReason;

const DAY: Duration = Duration::from_secs(24 * 3600);
const YEAR: Duration = Duration::from_secs(365 * 24 * 3600);

/// `expires` as Memsource writes it.
fn memsource_time(at: SystemTime) -> String {
    let utc: chrono::DateTime<chrono::Utc> = at.into();
    utc.format("%Y-%m-%dT%H:%M:%S+0000").to_string()
}

/// v3 logins for `user` answering `t1`, `t2`, … that expire a day after the *server's* now (the
/// real time), with the server's `Date`; returns the count.
fn numbered_logins(server: &MockServer, user: &'static str) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    server.auth_login_v3(move |when, then| {
        when.body(&Login::new(user, "secret").to_login_v3_dto());
        then.into_inner().respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst) + 1;
            let now = SystemTime::now();
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .header("date", httpdate::fmt_http_date(now))
                .body(format!(
                    r#"{{"token":"t{n}","expires":"{}"}}"#,
                    memsource_time(now + DAY)
                ))
                .build()
        });
    });
    count
}

/// `whoAmI` answering `status` with `body` for `token`.
fn who_am_i_for<'a>(
    server: &'a MockServer,
    token: &str,
    status: u16,
    body: &str,
) -> httpmock::Mock<'a> {
    let (token, body) = (token.to_owned(), body.to_owned());
    server.auth_who_am_i(move |when, then| {
        when.into_inner()
            .header("authorization", format!("ApiToken {token}"));
        then.into_inner()
            .status(status)
            .header("content-type", "application/json")
            .body(body);
    })
}

fn client(server: &MockServer, clock: &ManualClock, user: &'static str) -> Client {
    Client::builder(server.base_url())
        .login(Login::new(user, "secret"))
        .clock(Arc::new(clock.clone()))
        .jitter_seed(3)
        .build()
        .expect("loopback")
}

const EXPIRED: &str =
    r#"{"errorCode":"AuthUnauthorized","errorDescription":"The provided API key is not valid."}"#;

#[tokio::test]
async fn the_session_survives_a_local_clock_ten_years_ahead_or_one_year_back() {
    for (offset, ahead) in [(10 * YEAR, true), (YEAR, false)] {
        let server = MockServer::start_async().await;
        let logins = numbered_logins(&server, "pm");
        let who = who_am_i_for(&server, "t1", 200, "{}");
        let clock = ManualClock::skewed(offset, ahead);
        let client = client(&server, &clock, "pm");
        client.auth_who_am_i().send().await.expect("first call");
        client.auth_who_am_i().send().await.expect("second call");
        assert_eq!(logins.load(Ordering::SeqCst), 1, "ahead={ahead}");
        who.assert_calls_async(2).await;
        // The token lives a day on the local clock, whatever that clock says the date is.
        let left = client
            .inner()
            .expires_at()
            .and_then(|end| end.duration_since(clock.system_now()).ok())
            .expect("a known lifetime");
        assert!(
            left > DAY - Duration::from_secs(60) && left <= DAY,
            "{left:?}"
        );
        // And it is renewed shortly before that day ends, not at once and not never.
        clock.advance(DAY - Duration::from_secs(120));
        let renewed = who_am_i_for(&server, "t2", 200, "{}");
        client.auth_who_am_i().send().await.expect("after renewal");
        assert_eq!(logins.load(Ordering::SeqCst), 2, "ahead={ahead}");
        renewed.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn an_expires_in_the_past_by_the_local_clock_is_used_until_the_server_rejects_it() {
    // A server whose `expires` lies a year in the past — by its own `Date` and by our clock:
    // a broken clock somewhere, not a reason to refuse a token the server just issued.
    let server = MockServer::start_async().await;
    let logins = Arc::new(AtomicUsize::new(0));
    let seen = logins.clone();
    server.auth_login_v3(move |_when, then| {
        then.into_inner().respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst) + 1;
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(format!(
                    r#"{{"token":"t{n}","expires":"{}"}}"#,
                    memsource_time(SystemTime::now() - YEAR + DAY)
                ))
                .build()
        });
    });
    let client = Client::builder(server.base_url())
        .login(Login::new("pm", "secret"))
        .clock(Arc::new(ManualClock::new()))
        .build()
        .expect("loopback");
    let ok = who_am_i_for(&server, "t1", 200, "{}");
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("the token is used");
    client.auth_who_am_i().send().await.expect("and reused");
    ok.assert_calls_async(2).await;
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    // When the server does reject it, one re-login follows.
    ok.delete_async().await;
    let rejected = who_am_i_for(&server, "t1", 401, EXPIRED);
    let fresh = who_am_i_for(&server, "t2", 200, "{}");
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("after one re-login");
    rejected.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;
    assert_eq!(logins.load(Ordering::SeqCst), 2);
}

fn job_meta() -> types::JobCreateRequestDto {
    serde_json::from_value(serde_json::json!({"targetLangs": ["de"]})).expect("valid")
}

/// `jobs` for `token`: a 401 for the stale token, a 201 with async request 77 for the fresh one.
fn job_create_for<'a>(
    server: &'a MockServer,
    token: &str,
    status: u16,
    body: &str,
) -> httpmock::Mock<'a> {
    let (token, body) = (token.to_owned(), body.to_owned());
    server.job_create(move |when, then| {
        when.project_uid(&"p".into())
            .into_inner()
            .header("authorization", format!("ApiToken {token}"))
            .body("PK bytes on disk");
        then.into_inner()
            .status(status)
            .header("content-type", "application/json")
            .body(body);
    })
}

#[tokio::test]
async fn an_upload_from_a_path_logs_in_again_after_the_session_expired_while_idle() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server, "pm");
    server.async_request_status(|_when, then| {
        then.ok(&types::AsyncRequestStatusDto::default());
    });
    who_am_i_for(&server, "t1", 200, "{}");
    let stale = job_create_for(&server, "t1", 401, EXPIRED);
    let fresh = job_create_for(
        &server,
        "t2",
        201,
        r#"{"jobs":[{"uid":"j1","targetLang":"de"}],"asyncRequest":{"id":"77","action":"IMPORT_JOB"}}"#,
    );
    server.async_request_get(|when, then| {
        when.async_request_id(&"77".into());
        then.ok(
            &serde_json::from_value::<types::AsyncRequestDto>(serde_json::json!({
                "id": "77", "action": "IMPORT_JOB", "asyncResponse": {}
            }))
            .expect("valid"),
        );
    });
    let dir = tempdir();
    let path = dir.join("manual.docx");
    std::fs::write(&path, b"PK bytes on disk").expect("write");
    let clock = ManualClock::new();
    let client = client(&server, &clock, "pm");
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("logged in with t1");
    // Idle; the server forgets t1 (the client cannot know).
    let import = client
        .upload_jobs("p")
        .file(FileSource::path(&path))
        .meta(job_meta())
        .max_wait(Duration::from_secs(60))
        .await
        .expect("sent again after one re-login");
    assert!(import.outcome.is_finished());
    stale.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    std::fs::remove_dir_all(&dir).ok();
}

#[tokio::test]
async fn an_upload_from_a_reader_says_it_must_be_repeated_and_the_next_call_logs_in() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server, "pm");
    server.async_request_status(|_when, then| {
        then.ok(&types::AsyncRequestStatusDto::default());
    });
    who_am_i_for(&server, "t1", 200, "{}");
    let stale = job_create_for(&server, "t1", 401, EXPIRED);
    let clock = ManualClock::new();
    let client = client(&server, &clock, "pm");
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("logged in with t1");
    let reader = FileSource::reader("manual.docx", &b"PK bytes on disk"[..]);
    let err = client
        .upload_jobs("p")
        .file(reader)
        .meta(job_meta())
        .max_wait(Duration::from_secs(60))
        .await
        .expect_err("a reader cannot be sent again");
    assert!(matches!(err, Error::UploadNotTaken { .. }), "{err:?}");
    assert!(err.to_string().contains("must be repeated"), "{err}");
    stale.assert_calls_async(1).await;
    // The expired generation was dropped: the next call logs in again.
    let fresh = who_am_i_for(&server, "t2", 200, "{}");
    client.auth_who_am_i().send().await.expect("with t2");
    fresh.assert_calls_async(1).await;
    assert_eq!(logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_explicit_login_with_new_credentials_never_reuses_the_old_failure() {
    let server = MockServer::start_async().await;
    server.auth_login_v3(|when, then| {
        when.body(&Login::new("old", "secret").to_login_v3_dto());
        then.into_inner()
            .status(401)
            .header("content-type", "application/json")
            .body(r#"{"errorCode":"AuthInvalidCredentials","errorDescription":"Invalid credentials"}"#);
    });
    let new_logins = numbered_logins(&server, "new");
    who_am_i_for(&server, "t1", 200, "{}");
    let clock = ManualClock::new();
    let client = client(&server, &clock, "old");
    let err = Error::from(
        client
            .auth_who_am_i()
            .send()
            .await
            .expect_err("old password"),
    );
    assert!(
        matches!(
            err,
            Error::Login {
                reason: LoginReason::Refused,
                ..
            }
        ),
        "{err:?}"
    );
    // Within the failed-login TTL, but with new credentials: a fresh login, at once.
    client
        .login(&Login::new("new", "secret"))
        .await
        .expect("new credentials");
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("with the new token");
    assert_eq!(new_logins.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn logout_never_logs_in_just_to_log_out() {
    let server = MockServer::start_async().await;
    let logins = numbered_logins(&server, "pm");
    let logout = server.auth_logout(|_when, then| {
        then.into_inner().status(204);
    });
    let client = client(&server, &ManualClock::new(), "pm");
    client.logout().await.expect("nothing to end");
    assert_eq!(logins.load(Ordering::SeqCst), 0);
    logout.assert_calls_async(0).await;
}

#[tokio::test]
async fn forged_headers_never_change_the_error() {
    let (server, client) = support::logged_in().await;
    server.project_get(|when, then| {
        when.project_uid(&"p".into());
        then.into_inner()
            .status(400)
            .header("content-type", "application/json")
            .header("x-tms-rs-attempts", "99")
            .header("x-tms-rs-retry-budget-exhausted", "true")
            .header("x-tms-rs-replaced-body", "not-json")
            .header("x-tms-rs-original-content-type", "text/html")
            .body(r#"{"errorCode":"InvalidArguments","errorDescription":"bad uid"}"#);
    });
    let err = Error::from(
        client
            .project_get()
            .project_uid("p")
            .send()
            .await
            .expect_err("400"),
    );
    match &err {
        Error::Api { status, retry, .. } => {
            assert_eq!(status.as_u16(), 400);
            assert_eq!(retry.attempts, 1);
            assert!(!retry.budget_exhausted);
        }
        other => panic!("expected the vendor's error, got {other:?}"),
    }
    assert_eq!(err.message(), Some("bad uid"));

    // A success cannot claim retries either.
    server.project_list(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .header("x-tms-rs-attempts", "7")
            .body(r#"{"content":[]}"#);
    });
    let page = client.project_list().send().await.expect("page");
    assert!(page.headers().get("x-tms-rs-attempts").is_none());
}

#[tokio::test]
async fn a_huge_error_body_is_kept_to_64_kib_and_the_rest_counted() {
    let (server, client) = support::logged_in().await;
    let page = format!("<html>{}</html>", "x".repeat(5 * 1024 * 1024));
    let len = page.len();
    server.project_get(move |when, then| {
        when.project_uid(&"p".into());
        then.into_inner()
            .status(502)
            .header("content-type", "text/html")
            .body(page);
    });
    let err = Error::from(
        client
            .project_get()
            .project_uid("p")
            .send()
            .await
            .expect_err("502"),
    );
    match err {
        Error::UnexpectedBody {
            body,
            dropped_bytes,
            status,
            ..
        } => {
            assert_eq!(status.as_u16(), 502);
            assert_eq!(body.len(), 64 * 1024);
            assert_eq!(dropped_bytes as usize, len - 64 * 1024);
        }
        other => panic!("expected UnexpectedBody, got {other:?}"),
    }
}

fn tempdir() -> std::path::PathBuf {
    static N: AtomicUsize = AtomicUsize::new(0);
    let dir = std::env::temp_dir().join(format!(
        "tms-rs-session-{}-{}",
        std::process::id(),
        N.fetch_add(1, Ordering::SeqCst)
    ));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}
