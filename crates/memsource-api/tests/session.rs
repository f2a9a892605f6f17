//! Memsource authentication on the runtime: token reuse until shortly before `expires`,
//! re-login on 401, ready tokens, token providers, the OAuth code flow. Virtual time.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use httpmock::{HttpMockResponse, MockServer};
use memsource_api::oauth::OAuthApp;
use memsource_api::{
    Client, ClientInfo, Error, ErrorCode, Login, ProvidedToken, ProvidedTokenFuture, TokenProvider,
};
use memsource_api_httpmock::MockServerExt;
use tms_runtime::clock::{Clock, ManualClock};

/// A v3 login mock handing out `t1`, `t2`, … each valid for 24 h from the clock's now.
fn numbered_logins(server: &MockServer, clock: &ManualClock) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    let clock = clock.clone();
    server.auth_login_v3(|_when, then| {
        then.into_inner().respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst) + 1;
            let expires = httpdate_free_iso(clock.system_now() + Duration::from_secs(24 * 3600));
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(format!(r#"{{"token":"t{n}","expires":"{expires}"}}"#))
                .build()
        });
    });
    count
}

/// `2026-11-26T20:00:00+0000`, the offset form without a colon Memsource sends.
fn httpdate_free_iso(at: std::time::SystemTime) -> String {
    let utc: chrono::DateTime<chrono::Utc> = at.into();
    utc.format("%Y-%m-%dT%H:%M:%S+0000").to_string()
}

fn who_am_i_for<'a>(
    server: &'a MockServer,
    header: &str,
    status: u16,
    body: &str,
) -> httpmock::Mock<'a> {
    server.auth_who_am_i(|when, then| {
        when.into_inner().header("authorization", header);
        then.into_inner()
            .status(status)
            .header("content-type", "application/json")
            .body(body);
    })
}

fn client(server: &MockServer, clock: &ManualClock) -> Client {
    Client::builder(server.base_url())
        .login(Login::new("pm", "secret"))
        .clock(Arc::new(clock.clone()))
        .jitter_seed(3)
        .build()
        .expect("loopback URL")
}

#[tokio::test]
async fn the_token_is_reused_until_shortly_before_it_expires() {
    let server = MockServer::start_async().await;
    let clock = ManualClock::new();
    let logins = numbered_logins(&server, &clock);
    let t1 = who_am_i_for(&server, "ApiToken t1", 200, "{}");
    let t2 = who_am_i_for(&server, "ApiToken t2", 200, "{}");
    let client = client(&server, &clock);
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("first call logs in");
    clock.advance(Duration::from_secs(23 * 3600 + 50 * 60));
    client.auth_who_am_i().send().await.expect("same token");
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    // Four minutes before `expires`: inside the renewal window.
    clock.advance(Duration::from_secs(6 * 60));
    client.auth_who_am_i().send().await.expect("renewed token");
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    t1.assert_calls_async(2).await;
    t2.assert_calls_async(1).await;
}

#[tokio::test]
async fn auth_unauthorized_causes_one_relogin_for_all_concurrent_calls() {
    let server = MockServer::start_async().await;
    let clock = ManualClock::new();
    let logins = numbered_logins(&server, &clock);
    let unauthorized = r#"{"errorCode":"AuthUnauthorized","errorDescription":"The provided API key is not valid."}"#;
    let stale = who_am_i_for(&server, "ApiToken t1", 401, unauthorized);
    let fresh = who_am_i_for(&server, "ApiToken t2", 200, "{}");
    let client = client(&server, &clock);
    client.login(&Login::new("pm", "secret")).await.expect("t1");
    let calls = (0..100).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.auth_who_am_i().send().await.map(|_| ()) })
    });
    for call in futures::future::join_all(calls).await {
        call.expect("task").expect("replayed with t2");
    }
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    stale.assert_calls_async(100).await;
    fresh.assert_calls_async(100).await;
}

#[tokio::test]
async fn wrong_credentials_are_not_retried() {
    let server = MockServer::start_async().await;
    let login = server.auth_login_v3(|_when, then| {
        then.into_inner()
            .status(401)
            .header("content-type", "application/json")
            .body(r#"{"errorCode":"AuthInvalidCredentials","errorDescription":"incorrect credentials"}"#);
    });
    let clock = ManualClock::new();
    let err = Error::from(
        client(&server, &clock)
            .auth_who_am_i()
            .send()
            .await
            .expect_err("refused"),
    );
    assert_eq!(err.code(), Some(ErrorCode::AuthInvalidCredentials));
    login.assert_calls_async(1).await;
    assert!(clock.sleeps().is_empty());
}

#[tokio::test]
async fn login_v1_uses_the_v1_path() {
    let server = MockServer::start_async().await;
    let expires = httpdate_free_iso(std::time::SystemTime::now() + Duration::from_secs(24 * 3600));
    let login = server.auth_login(|when, then| {
        when.body(&Login::new("pm", "secret").to_login_dto());
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(format!(r#"{{"token":"v1tok","expires":"{expires}"}}"#));
    });
    let who = who_am_i_for(&server, "ApiToken v1tok", 200, "{}");
    let client = Client::builder(server.base_url())
        .login(Login::new("pm", "secret").v1())
        .build()
        .expect("loopback");
    client.auth_who_am_i().send().await.expect("whoAmI");
    login.assert_async().await;
    who.assert_async().await;
}

/// A provider that counts calls and hands out `oauth-1`, `oauth-2`, …
#[derive(Debug, Default)]
struct CountingProvider(AtomicUsize);

impl TokenProvider for CountingProvider {
    fn access_token(&self) -> ProvidedTokenFuture<'_> {
        Box::pin(async move {
            let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::task::yield_now().await;
            Ok(ProvidedToken {
                token: format!("oauth-{n}").into(),
                expires_at: None,
            })
        })
    }
}

#[tokio::test]
async fn a_token_provider_is_asked_once_and_again_after_a_401() {
    let server = MockServer::start_async().await;
    let stale = who_am_i_for(&server, "Bearer oauth-1", 401, "");
    let fresh = who_am_i_for(&server, "Bearer oauth-2", 200, "{}");
    let provider = Arc::new(CountingProvider::default());
    let client = Client::builder(server.base_url())
        .token_provider(provider.clone())
        .clock(Arc::new(ManualClock::new()))
        .build()
        .expect("loopback");
    let calls = (0..20).map(|_| {
        let client = client.clone();
        tokio::spawn(async move { client.auth_who_am_i().send().await.map(|_| ()) })
    });
    for call in futures::future::join_all(calls).await {
        call.expect("task").expect("whoAmI");
    }
    assert_eq!(provider.0.load(Ordering::SeqCst), 2);
    assert_eq!(client.inner().logins(), 2);
    stale.assert_calls_async(20).await;
    fresh.assert_calls_async(20).await;
}

#[tokio::test]
async fn the_oauth_code_is_exchanged_form_encoded_and_the_token_used_as_bearer() {
    let server = MockServer::start_async().await;
    let token = server.mock(|when, then| {
        when.method(httpmock::Method::POST)
            .path("/oauth/token")
            .header("content-type", "application/x-www-form-urlencoded")
            .form_urlencoded_tuple("grant_type", "authorization_code")
            .form_urlencoded_tuple("client_id", "abc123")
            .form_urlencoded_tuple("redirect_uri", "http://127.0.0.1:9/cb")
            .form_urlencoded_tuple("code", "c0de&x");
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"access_token":"b34r3r","token_type":"bearer","expires_in":3600}"#);
    });
    let app = OAuthApp::new(server.base_url(), "abc123", "http://127.0.0.1:9/cb");
    let url = app.authorize_url("st4te").expect("URL");
    assert_eq!(url.path(), "/oauth/authorize");
    let got = app
        .exchange_code(&reqwest::Client::new(), "c0de&x")
        .await
        .expect("token");
    token.assert_async().await;
    assert_eq!(got.expires_in, Some(3600));
    assert!(!format!("{got:?}").contains("b34r3r"), "{got:?}");

    let who = who_am_i_for(&server, "Bearer b34r3r", 200, "{}");
    let client = Client::builder(server.base_url())
        .bearer_token(got.access_token)
        .build()
        .expect("loopback");
    client.auth_who_am_i().send().await.expect("whoAmI");
    who.assert_async().await;
}

#[tokio::test]
async fn a_resumed_token_the_server_rejects_causes_one_login_and_the_call_succeeds() {
    let server = MockServer::start_async().await;
    let clock = ManualClock::new();
    let logins = numbered_logins(&server, &clock);
    let unauthorized = r#"{"errorCode":"AuthUnauthorized","errorDescription":"The provided API key is not valid."}"#;
    let stale = who_am_i_for(&server, "ApiToken stale", 401, unauthorized);
    let fresh = who_am_i_for(&server, "ApiToken t1", 200, "{}");
    let client = Client::builder(server.base_url())
        .login(Login::new("pm", "secret"))
        .clock(Arc::new(clock.clone()))
        .resume(tms_runtime::session::SavedToken {
            token: "stale".into(),
            expires_at: Some(clock.system_now() + Duration::from_secs(3600)),
        })
        .build()
        .expect("loopback URL");
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("replayed with t1");
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    stale.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;
    let saved = client.saved_token().expect("t1 is held");
    assert_eq!(saved.token.expose(), "t1");
    assert_eq!(
        saved
            .expires_at
            .map(|at| at > clock.system_now() + Duration::from_secs(23 * 3600)),
        Some(true),
        "the new token's 24 h lifetime is saved"
    );
}

#[tokio::test]
async fn a_resumed_token_is_used_until_its_saved_end() {
    let server = MockServer::start_async().await;
    let clock = ManualClock::new();
    let logins = numbered_logins(&server, &clock);
    let kept = who_am_i_for(&server, "ApiToken kept", 200, "{}");
    let fresh = who_am_i_for(&server, "ApiToken t1", 200, "{}");
    let client = Client::builder(server.base_url())
        .login(Login::new("pm", "secret"))
        .clock(Arc::new(clock.clone()))
        .resume(tms_runtime::session::SavedToken {
            token: "kept".into(),
            expires_at: Some(clock.system_now() + Duration::from_secs(24 * 3600)),
        })
        .build()
        .expect("loopback URL");
    client.auth_who_am_i().send().await.expect("resumed token");
    assert_eq!(logins.load(Ordering::SeqCst), 0);
    clock.advance(Duration::from_secs(24 * 3600));
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("a login after its end");
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    kept.assert_calls_async(1).await;
    fresh.assert_calls_async(1).await;
}
