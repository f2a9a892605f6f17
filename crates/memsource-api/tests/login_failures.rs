//! A login that yields no token (v1 or v3, a failing token provider) fails the call that needed
//! it with `Error::Login`, and that call's own request is never sent — in particular a write
//! that answers with no body is never reported done.

use std::sync::Arc;

use futures::future::BoxFuture;
use httpmock::MockServer;
use memsource_api::{Client, Error, ErrorCode, Login, ProvidedTokenFuture, TokenProvider, types};
use memsource_api_httpmock::MockServerExt;
use serde::de::DeserializeOwned;
use tms_runtime::login::LoginReason;

type Call = for<'a> fn(&'a Client) -> BoxFuture<'a, Result<(), Error>>;

const JSON: &str = "application/json";

fn json<T: DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("a valid request body")
}

fn done<T, E>(r: Result<T, E>) -> Result<(), Error>
where
    Error: From<E>,
{
    r.map(|_| ()).map_err(Error::from)
}

/// Every Memsource operation whose success has no body.
fn no_body_operations() -> Vec<(&'static str, Call)> {
    vec![
        ("project_delete", |c| {
            Box::pin(
                async move { done(c.project_delete().project_uid("p").purge(true).send().await) },
            )
        }),
        ("project_set_status", |c| {
            Box::pin(async move {
                let body: types::SetProjectStatusDto =
                    json(serde_json::json!({"status": "COMPLETED"}));
                done(
                    c.project_set_status()
                        .project_uid("p")
                        .body(body)
                        .send()
                        .await,
                )
            })
        }),
        ("job_set_status", |c| {
            Box::pin(async move {
                let body: types::JobStatusChangeActionDto =
                    json(serde_json::json!({"requestedStatus": "COMPLETED"}));
                done(
                    c.job_set_status()
                        .project_uid("p")
                        .job_uid("j")
                        .body(body)
                        .send()
                        .await,
                )
            })
        }),
        ("job_delete_batch", |c| {
            Box::pin(async move {
                let body: types::JobPartDeleteReferences =
                    json(serde_json::json!({"jobs": [{"uid": "j"}]}));
                done(
                    c.job_delete_batch()
                        .project_uid("p")
                        .body(body)
                        .send()
                        .await,
                )
            })
        }),
        ("tm_delete", |c| {
            Box::pin(async move { done(c.tm_delete().trans_memory_uid("t").send().await) })
        }),
        ("tm_segment_insert", |c| {
            Box::pin(async move {
                let body: types::SegmentDto = json(serde_json::json!({
                    "targetLang": "de", "sourceSegment": "a", "targetSegment": "b"
                }));
                done(
                    c.tm_segment_insert()
                        .trans_memory_uid("t")
                        .body(body)
                        .send()
                        .await,
                )
            })
        }),
        ("tm_segment_delete", |c| {
            Box::pin(async move {
                done(
                    c.tm_segment_delete()
                        .trans_memory_uid("t")
                        .segment_id("s")
                        .send()
                        .await,
                )
            })
        }),
        ("tb_term_delete", |c| {
            Box::pin(async move {
                done(
                    c.tb_term_delete()
                        .term_base_uid("b")
                        .term_id("t")
                        .send()
                        .await,
                )
            })
        }),
        ("project_list (a read)", |c| {
            Box::pin(async move { done(c.project_list().send().await) })
        }),
    ]
}

/// Mocks both logins answering `status` with `body`, and a catch-all that counts every other
/// request.
fn with_login<'a>(server: &'a MockServer, status: u16, body: &str) -> httpmock::Mock<'a> {
    for path in ["/api2/v1/auth/login", "/api2/v3/auth/login"] {
        let body = body.to_owned();
        server.mock(move |when, then| {
            when.method(httpmock::Method::POST).path(path);
            then.status(status).header("content-type", JSON).body(body);
        });
    }
    server.mock(|when, then| {
        when.path_excludes("/auth/login");
        then.status(204);
    })
}

fn client(server: &MockServer, login: Login) -> Client {
    Client::builder(server.base_url())
        .login(login)
        .clock(Arc::new(tms_runtime::clock::ManualClock::new()))
        .build()
        .expect("loopback")
}

#[tokio::test]
async fn a_login_without_a_token_fails_every_no_body_write_and_sends_nothing() {
    for (version, login) in [
        ("v3", Login::new("pm", "secret")),
        ("v1", Login::new("pm", "secret").v1()),
    ] {
        for (name, call) in no_body_operations() {
            let server = MockServer::start_async().await;
            let others = with_login(&server, 200, "{}");
            let client = client(&server, login.clone());
            let err = call(&client).await.expect_err(name);
            match &err {
                Error::Login { status, reason, .. } => {
                    assert_eq!(*reason, LoginReason::NoToken, "{version} {name}");
                    assert_eq!(status.map(|s| s.as_u16()), Some(200), "{version} {name}");
                }
                other => panic!("{version} {name}: expected Error::Login, got {other:?}"),
            }
            others.assert_calls_async(0).await;
        }
    }
}

#[tokio::test]
async fn login_answers_without_a_usable_token_are_typed_login_errors() {
    let answers: [(u16, &str, LoginReason); 6] = [
        (
            200,
            "<html>Phrase single sign-on</html>",
            LoginReason::NotJson,
        ),
        (
            200,
            r#"{"token":null,"expires":null}"#,
            LoginReason::NoToken,
        ),
        (200, r#"{"token":""}"#, LoginReason::NoToken),
        (200, r#"{"token":" \t "}"#, LoginReason::NoToken),
        (
            401,
            r#"{"errorCode":"AuthInvalidCredentials","errorDescription":"Invalid credentials"}"#,
            LoginReason::Refused,
        ),
        (503, "", LoginReason::Unavailable),
    ];
    for (status, body, expected) in answers {
        let server = MockServer::start_async().await;
        let others = with_login(&server, status, body);
        let client = client(&server, Login::new("pm", "secret"));
        let err = Error::from(
            client
                .tm_delete()
                .trans_memory_uid("t")
                .send()
                .await
                .expect_err(body),
        );
        assert!(
            matches!(&err, Error::Login { reason, .. } if *reason == expected),
            "{body}: {err:?}"
        );
        assert_eq!(err.status().map(|s| s.as_u16()), Some(status));
        if expected == LoginReason::Refused {
            assert_eq!(err.code(), Some(ErrorCode::AuthInvalidCredentials));
        }
        others.assert_calls_async(0).await;
    }
}

#[derive(Debug)]
struct BrokenProvider;

impl TokenProvider for BrokenProvider {
    fn access_token(&self) -> ProvidedTokenFuture<'_> {
        Box::pin(async { Err("the refresh token was revoked".into()) })
    }
}

#[tokio::test]
async fn a_failing_token_provider_is_a_login_error_with_its_cause() {
    let server = MockServer::start_async().await;
    let others = with_login(&server, 200, "{}");
    let client = Client::builder(server.base_url())
        .token_provider(Arc::new(BrokenProvider))
        .build()
        .expect("loopback");
    let err = Error::from(
        client
            .project_delete()
            .project_uid("p")
            .send()
            .await
            .expect_err("no token"),
    );
    assert!(
        matches!(
            &err,
            Error::Login {
                reason: LoginReason::ProviderFailed,
                status: None,
                ..
            }
        ),
        "{err:?}"
    );
    let cause = std::error::Error::source(&err)
        .and_then(std::error::Error::source)
        .map(ToString::to_string);
    assert_eq!(cause.as_deref(), Some("the refresh token was revoked"));
    others.assert_calls_async(0).await;
}

#[tokio::test]
async fn after_a_logout_a_ready_token_is_not_sent_again() {
    let server = MockServer::start_async().await;
    let logout = server.auth_logout(|_when, then| {
        then.into_inner().status(204);
    });
    let list = server.project_list(|_when, then| {
        then.ok(&types::PageDtoAbstractProjectDto::default());
    });
    let client = Client::builder(server.base_url())
        .api_token("r3ady")
        .build()
        .expect("loopback");
    client
        .project_list()
        .send()
        .await
        .expect("with the ready token");
    client.logout().await.expect("logout");
    let err = Error::from(
        client
            .project_list()
            .send()
            .await
            .expect_err("no credentials left"),
    );
    assert!(
        matches!(
            err,
            Error::Login {
                reason: LoginReason::NoCredentials,
                ..
            }
        ),
        "{err:?}"
    );
    logout.assert_calls_async(1).await;
    list.assert_calls_async(1).await;
}
