//! Memsource login (v1, v3), whoAmI, logout and token expiry, through the real client.

mod memsource_support;

use std::time::Duration;

use memsource_api::enums::UserRole;
use memsource_api::{Client, Error, ErrorCode, Login};
use memsource_support::{client, token, url};
use tms_sandbox::{MEMSOURCE_PASSWORD, MEMSOURCE_USER, Sandbox};

#[tokio::test]
async fn v3_login_gives_a_24_hour_token_and_who_am_i_names_the_user() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = client(&sandbox);
    let info = client
        .login(&Login::new(MEMSOURCE_USER, MEMSOURCE_PASSWORD))
        .await
        .expect("login");
    let user = info.user.expect("the login names the user");
    assert_eq!(user.user_name.as_deref(), Some(MEMSOURCE_USER));
    assert_eq!(user.role, Some(UserRole::Admin));
    let expires = info
        .expires
        .and_then(|e| e.to_utc())
        .expect("a readable expiry");
    let lifetime = expires - chrono::Utc::now();
    assert!(
        (lifetime - chrono::TimeDelta::hours(24))
            .num_seconds()
            .abs()
            < 60,
        "expires {lifetime} from now"
    );

    let me = client
        .auth_who_am_i()
        .send()
        .await
        .expect("whoAmI")
        .into_inner();
    assert_eq!(
        me.user.and_then(|u| u.user_name).as_deref(),
        Some(MEMSOURCE_USER)
    );
    assert!(me.organization.is_some());
    assert_eq!(sandbox.memsource().open_sessions(), 1);
}

#[tokio::test]
async fn v1_login_works_too() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = Client::builder(sandbox.memsource_url())
        .login(Login::new(MEMSOURCE_USER, MEMSOURCE_PASSWORD).v1())
        .build()
        .expect("client");
    let me = client
        .auth_who_am_i()
        .send()
        .await
        .expect("whoAmI")
        .into_inner();
    assert_eq!(
        me.user.and_then(|u| u.user_name).as_deref(),
        Some(MEMSOURCE_USER)
    );
}

#[tokio::test]
async fn a_wrong_password_is_a_typed_auth_invalid_credentials_error() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = Client::builder(sandbox.memsource_url())
        .login(Login::new(MEMSOURCE_USER, "not-the-password"))
        .build()
        .expect("client");
    let error = Error::from(
        client
            .auth_who_am_i()
            .send()
            .await
            .expect_err("wrong password"),
    );
    assert!(matches!(error, Error::Login { .. }), "{error:?}");
    assert_eq!(error.code(), Some(ErrorCode::AuthInvalidCredentials));
    assert_eq!(error.status().map(|s| s.as_u16()), Some(401));
    assert_eq!(sandbox.memsource().open_sessions(), 0);
}

#[tokio::test]
async fn logout_ends_the_session_and_the_token_is_refused_afterwards() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let token = token(&sandbox).await;
    let http = reqwest::Client::new();
    let who = || {
        http.get(url(&sandbox, "v1/auth/whoAmI"))
            .header("Authorization", format!("ApiToken {token}"))
            .send()
    };
    assert_eq!(who().await.expect("whoAmI").status(), 200);
    let out = http
        .post(url(&sandbox, "v1/auth/logout"))
        .header("Authorization", format!("ApiToken {token}"))
        .send()
        .await
        .expect("logout");
    assert!(out.status().is_success());
    let refused = who().await.expect("answered");
    assert_eq!(refused.status(), 401);
    let body: serde_json::Value = refused.json().await.expect("vendor error JSON");
    assert_eq!(body["errorCode"], "AuthUnauthorized");
}

#[tokio::test(start_paused = true)]
async fn a_token_expires_after_its_lifetime_on_the_tokio_clock() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let token = token(&sandbox).await;
    let http = reqwest::Client::new();
    let status = || async {
        http.get(url(&sandbox, "v1/auth/whoAmI"))
            .header("Authorization", format!("ApiToken {token}"))
            .send()
            .await
            .expect("answered")
            .status()
    };
    tokio::time::advance(Duration::from_secs(24 * 3600 - 60)).await;
    assert_eq!(status().await, 200, "a minute before the end");
    tokio::time::advance(Duration::from_secs(61)).await;
    assert_eq!(status().await, 401, "a second after the end");
}

#[tokio::test]
async fn expired_tokens_are_replaced_by_the_client_with_one_fresh_login() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = client(&sandbox);
    client.auth_who_am_i().send().await.expect("first call");
    sandbox.memsource().expire_all_tokens();
    assert_eq!(sandbox.memsource().open_sessions(), 0);
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("the client logs in again after AuthUnauthorized");
    assert_eq!(sandbox.memsource().open_sessions(), 1);
}

#[tokio::test]
async fn calls_without_a_token_or_with_a_made_up_one_are_refused() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let http = reqwest::Client::new();
    for auth in [None, Some("ApiToken made-up"), Some("Basic cG06cG0=")] {
        let mut request = http.get(url(&sandbox, "v1/projects"));
        if let Some(auth) = auth {
            request = request.header("Authorization", auth);
        }
        let answer = request.send().await.expect("answered");
        assert_eq!(answer.status(), 401, "{auth:?}");
        let body: serde_json::Value = answer.json().await.expect("vendor error JSON");
        assert_eq!(body["errorCode"], "AuthUnauthorized", "{auth:?}");
    }
}
