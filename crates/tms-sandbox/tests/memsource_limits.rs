//! The Memsource request budget: past `memsource_rate_limit` a token gets 429 with
//! `Retry-After`, per token, until the window ends (on the tokio clock).

mod memsource_support;

use std::time::Duration;

use memsource_api::{Client, Error, Login};
use memsource_support::{token, url};
use tms_runtime::retry::RetryPolicy;
use tms_sandbox::{MEMSOURCE_PASSWORD, MEMSOURCE_USER, Sandbox, SandboxConfig};

fn limited() -> SandboxConfig {
    SandboxConfig {
        memsource_rate_limit: Some((3, Duration::from_secs(10))),
        ..Default::default()
    }
}

#[tokio::test(start_paused = true)]
async fn a_token_past_its_budget_gets_429_with_retry_after_until_the_window_ends() {
    let sandbox = Sandbox::start_with(limited())
        .await
        .expect("sandbox starts");
    let first = token(&sandbox).await;
    let second = token(&sandbox).await;
    let http = reqwest::Client::new();
    let call = |token: &str| {
        http.get(url(&sandbox, "v1/auth/whoAmI"))
            .header("Authorization", format!("ApiToken {token}"))
            .send()
    };
    for n in 1..=3 {
        assert_eq!(
            call(&first).await.expect("answered").status(),
            200,
            "call {n}"
        );
    }
    tokio::time::advance(Duration::from_secs(4)).await;
    let refused = call(&first).await.expect("answered");
    assert_eq!(refused.status(), 429);
    assert_eq!(refused.headers()["retry-after"], "6");
    let body: serde_json::Value = refused.json().await.expect("vendor error JSON");
    assert!(body["errorCode"].is_string());
    assert_eq!(
        call(&second).await.expect("answered").status(),
        200,
        "budgets are per token"
    );

    tokio::time::advance(Duration::from_secs(6)).await;
    assert_eq!(
        call(&first).await.expect("answered").status(),
        200,
        "a new window"
    );
}

#[tokio::test]
async fn the_client_sees_the_429_as_a_typed_error_when_it_may_not_retry() {
    let sandbox = Sandbox::start_with(limited())
        .await
        .expect("sandbox starts");
    let client = Client::builder(sandbox.memsource_url())
        .login(Login::new(MEMSOURCE_USER, MEMSOURCE_PASSWORD))
        .retry(RetryPolicy {
            max_attempts: 1,
            ..RetryPolicy::default()
        })
        .build()
        .expect("client");
    for _ in 0..3 {
        client
            .auth_who_am_i()
            .send()
            .await
            .expect("within the budget");
    }
    let error = Error::from(
        client
            .auth_who_am_i()
            .send()
            .await
            .expect_err("over the budget"),
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(429), "{error:?}");
    let retry_after = error.retry_info().and_then(|r| r.retry_after);
    assert!(
        retry_after.is_some_and(|d| d > Duration::ZERO && d <= Duration::from_secs(10)),
        "{retry_after:?}"
    );
}
