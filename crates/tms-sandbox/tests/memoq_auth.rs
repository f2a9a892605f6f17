//! memoQ sessions in the sandbox: the three login modes, wrong credentials, idle expiry with the
//! client's transparent re-login, `TooFrequentLogin`, and the licence pool.

mod memoq_support;

use std::time::Duration;

use memoq_api::{Credentials, ErrorCode};
use memoq_support::{advance_clock, client, client_as, code, raw_token, sandbox, sandbox_with};
use tms_sandbox::memoq::{LT_TICKET, LT_USER, WINDOWS_PASSWORD, WINDOWS_USER};
use tms_sandbox::{MEMOQ_PASSWORD, MEMOQ_USER, SandboxConfig};

#[tokio::test]
async fn each_login_mode_opens_a_session() {
    let sandbox = sandbox().await;
    let logins = [
        (memoq_support::translator(), MEMOQ_USER),
        (
            Credentials::windows_user(WINDOWS_USER, WINDOWS_PASSWORD),
            WINDOWS_USER,
        ),
        (Credentials::language_terminal(LT_TICKET), LT_USER),
    ];
    for (credentials, name) in logins {
        let client = client_as(&sandbox, credentials.clone());
        let me = client.login(&credentials).await.expect("login succeeds");
        assert_eq!(me.name.as_deref(), Some(name));
        assert!(me.sid.is_some());
        let tms = client.tm_list().send().await.expect("the session works");
        assert_eq!(tms.len(), 3);
    }
    assert_eq!(sandbox.memoq().open_sessions(), 3);
}

#[tokio::test]
async fn wrong_credentials_are_authentication_failed() {
    let sandbox = sandbox().await;
    let wrong = [
        Credentials::memoq_user(MEMOQ_USER, "not-the-password"),
        Credentials::memoq_user("nobody", MEMOQ_PASSWORD),
        // The right user name and password, but the wrong login mode.
        Credentials::windows_user(MEMOQ_USER, MEMOQ_PASSWORD),
        Credentials::language_terminal("stale-ticket"),
    ];
    for credentials in wrong {
        let client = client_as(&sandbox, credentials.clone());
        let error = client
            .login(&credentials)
            .await
            .expect_err("the login is refused");
        assert_eq!(error.code(), Some(ErrorCode::AuthenticationFailed));
        assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
        // A call that logs in lazily fails the same way, typed.
        assert_eq!(
            code(client.tm_list().send().await),
            Some(ErrorCode::AuthenticationFailed)
        );
    }
    assert_eq!(sandbox.memoq().open_sessions(), 0);
    assert_eq!(sandbox.memoq().logins(), 0);
}

#[tokio::test]
async fn an_idle_session_expires_and_the_client_logs_in_again() {
    let sandbox = sandbox_with(SandboxConfig {
        memoq_token_idle: Duration::from_secs(300),
        ..Default::default()
    })
    .await;
    let client = client(&sandbox);
    let raw = raw_token(&sandbox).await;
    client.tm_list().send().await.expect("first call logs in");
    assert_eq!(sandbox.memoq().logins(), 2);

    advance_clock(Duration::from_secs(301)).await;

    // The raw token is refused as expired...
    let answer = reqwest::Client::new()
        .get(format!("{}/tms", sandbox.memoq_url()))
        .header("Authorization", format!("MQS-API {raw}"))
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status(), 401);
    let body: serde_json::Value = answer.json().await.expect("JSON error body");
    assert_eq!(body["ErrorCode"], "InvalidOrExpiredToken");
    // ...and the client's call succeeds after one transparent re-login.
    client
        .tm_list()
        .send()
        .await
        .expect("the client logs in again");
    assert_eq!(sandbox.memoq().logins(), 3);
    assert_eq!(sandbox.memoq().open_sessions(), 1);
}

#[tokio::test]
async fn a_session_in_use_does_not_expire() {
    let sandbox = sandbox_with(SandboxConfig {
        memoq_token_idle: Duration::from_secs(300),
        ..Default::default()
    })
    .await;
    let client = client(&sandbox);
    for _ in 0..3 {
        client.tm_list().send().await.expect("call succeeds");
        advance_clock(Duration::from_secs(200)).await;
    }
    client.tm_list().send().await.expect("call succeeds");
    assert_eq!(
        sandbox.memoq().logins(),
        1,
        "each use restarts the idle time"
    );
}

#[tokio::test]
async fn expired_tokens_cost_exactly_one_relogin() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    client.tm_list().send().await.expect("first call");
    sandbox.memoq().expire_all_tokens();
    assert_eq!(sandbox.memoq().open_sessions(), 0);
    client
        .tm_list()
        .send()
        .await
        .expect("second call after a re-login");
    client
        .tb_list()
        .send()
        .await
        .expect("third call, same session");
    assert_eq!(sandbox.memoq().logins(), 2);
}

#[tokio::test]
async fn a_login_right_after_a_logout_is_too_frequent() {
    let sandbox = sandbox_with(SandboxConfig {
        memoq_relogin_gap: Duration::from_secs(5),
        ..Default::default()
    })
    .await;
    let client = client(&sandbox);
    client.tm_list().send().await.expect("logs in");
    client.logout().await.expect("logs out");
    assert_eq!(sandbox.memoq().open_sessions(), 0);
    assert_eq!(
        code(client.tm_list().send().await),
        Some(ErrorCode::TooFrequentLogin)
    );
    // Another user is not affected.
    let windows = Credentials::windows_user(WINDOWS_USER, WINDOWS_PASSWORD);
    client_as(&sandbox, windows)
        .tm_list()
        .send()
        .await
        .expect("another user logs in");

    advance_clock(Duration::from_secs(6)).await;
    // An explicit login: the client itself remembers a failed login for a few (real) seconds.
    client
        .login(&memoq_support::translator())
        .await
        .expect("after the gap the login is accepted");
    client
        .tm_list()
        .send()
        .await
        .expect("the new session works");
}

#[tokio::test]
async fn the_licence_pool_refuses_one_session_too_many_until_a_logout() {
    let sandbox = sandbox_with(SandboxConfig {
        memoq_licenses: 2,
        ..Default::default()
    })
    .await;
    let translator = memoq_support::translator();
    let first = client(&sandbox);
    let second = client(&sandbox);
    first.login(&translator).await.expect("first licence");
    second.login(&translator).await.expect("second licence");
    let windows = Credentials::windows_user(WINDOWS_USER, WINDOWS_PASSWORD);
    let third = client_as(&sandbox, windows.clone());
    let error = third.login(&windows).await.expect_err("no licence left");
    assert_eq!(error.code(), Some(ErrorCode::NoLicenseAvailable));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));

    first.logout().await.expect("logout frees a licence");
    third.login(&windows).await.expect("the freed licence");
    assert_eq!(sandbox.memoq().open_sessions(), 2);
}

#[tokio::test]
async fn the_token_travels_in_the_header_or_the_query_and_nowhere_else() {
    let sandbox = sandbox().await;
    let token = raw_token(&sandbox).await;
    let http = reqwest::Client::new();
    let tms = format!("{}/tms", sandbox.memoq_url());
    let header = http
        .get(&tms)
        .header("Authorization", format!("MQS-API {token}"))
        .send()
        .await
        .expect("answered");
    assert_eq!(header.status(), 200);
    let query = http
        .get(format!("{tms}?authToken={token}"))
        .send()
        .await
        .expect("answered");
    assert_eq!(query.status(), 200);
    for refused in [
        http.get(&tms),
        http.get(&tms)
            .header("Authorization", format!("Bearer {token}")),
        http.get(&tms)
            .header("Authorization", "MQS-API not-a-token"),
    ] {
        let answer = refused.send().await.expect("answered");
        assert_eq!(answer.status(), 401);
        let body: serde_json::Value = answer.json().await.expect("JSON");
        assert_eq!(body["ErrorCode"], "InvalidOrExpiredToken");
    }
}

#[tokio::test]
async fn login_binds_the_vendor_example_spelling() {
    let sandbox = sandbox().await;
    // The vendor's own example: lower-case names and the mode as a string.
    let answer = reqwest::Client::new()
        .post(format!("{}/auth/login", sandbox.memoq_url()))
        .json(&serde_json::json!({
            "username": MEMOQ_USER, "password": MEMOQ_PASSWORD, "LoginMode": "0"
        }))
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status(), 200);
    let body: memoq_api::types::LoginResult = answer.json().await.expect("a LoginResult");
    assert_eq!(body.name.as_deref(), Some(MEMOQ_USER));
    assert!(body.access_token.is_some_and(|t| !t.expose().is_empty()));

    let garbage = reqwest::Client::new()
        .post(format!("{}/auth/login", sandbox.memoq_url()))
        .body("{not json")
        .send()
        .await
        .expect("answered");
    assert_eq!(garbage.status(), 400);
    let body: serde_json::Value = garbage.json().await.expect("JSON");
    assert_eq!(body["ErrorCode"], "InvalidArgument");
}

#[tokio::test]
async fn the_state_debug_shows_no_secret() {
    let sandbox = sandbox().await;
    let token = raw_token(&sandbox).await;
    let shown = format!("{:?}", sandbox.memoq());
    assert!(shown.contains("open_sessions: 1"), "{shown}");
    for secret in [MEMOQ_PASSWORD, WINDOWS_PASSWORD, LT_TICKET, token.as_str()] {
        assert!(!shown.contains(secret), "Debug shows a secret: {shown}");
    }
}
