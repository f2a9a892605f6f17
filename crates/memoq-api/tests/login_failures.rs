//! A login that yields no token fails the call that needed it with `Error::Login`, and that
//! call's own request is never sent — in particular a write that answers with no body is never
//! reported done.

mod support;

use futures::future::BoxFuture;
use httpmock::MockServer;
use memoq_api::{Client, Credentials, Error, ErrorCode, types};
use memoq_api_httpmock::MockServerExt;
use support::{TB, TM};
use tms_runtime::login::LoginReason;

type Call = for<'a> fn(&'a Client) -> BoxFuture<'a, Result<(), Error>>;

const JSON: &str = "application/json";

/// Every memoQ operation whose success has no body.
fn no_body_operations() -> Vec<(&'static str, Call)> {
    fn done<T, E>(r: Result<T, E>) -> Result<(), Error>
    where
        Error: From<E>,
    {
        r.map(|_| ()).map_err(Error::from)
    }
    vec![
        ("tm_entry_create", |c| {
            Box::pin(async move {
                done(
                    c.tm_entry_create()
                        .tm_guid(TM)
                        .body(types::TmEntryModel::default())
                        .send()
                        .await,
                )
            })
        }),
        ("tm_entry_update", |c| {
            Box::pin(async move {
                done(
                    c.tm_entry_update()
                        .tm_guid(TM)
                        .entry_id(1)
                        .body(types::TmEntryModel::default())
                        .send()
                        .await,
                )
            })
        }),
        ("tm_entry_delete", |c| {
            Box::pin(async move { done(c.tm_entry_delete().tm_guid(TM).entry_id(1).send().await) })
        }),
        ("tb_entry_update", |c| {
            Box::pin(async move {
                done(
                    c.tb_entry_update()
                        .tb_guid(TB)
                        .entry_id(7)
                        .body(types::TbEntryModel::default())
                        .send()
                        .await,
                )
            })
        }),
        ("tb_entry_delete", |c| {
            Box::pin(async move { done(c.tb_entry_delete().tb_guid(TB).entry_id(7).send().await) })
        }),
        ("tb_entry_meta_set", |c| {
            Box::pin(async move {
                done(
                    c.tb_entry_meta_set()
                        .tb_guid(TB)
                        .entry_id(7)
                        .metaname("Image")
                        .body(b"png".to_vec())
                        .send()
                        .await,
                )
            })
        }),
        ("tb_language_meta_set", |c| {
            Box::pin(async move {
                done(
                    c.tb_language_meta_set()
                        .tb_guid(TB)
                        .entry_id(7)
                        .metaname("Figure")
                        .body(b"png".to_vec())
                        .send()
                        .await,
                )
            })
        }),
        ("tb_language_meta_set_for_language", |c| {
            Box::pin(async move {
                done(
                    c.tb_language_meta_set_for_language()
                        .tb_guid(TB)
                        .entry_id(7)
                        .language("ger-DE")
                        .metaname("Figure")
                        .body(b"png".to_vec())
                        .send()
                        .await,
                )
            })
        }),
        ("tb_term_meta_set", |c| {
            Box::pin(async move {
                done(
                    c.tb_term_meta_set()
                        .tb_guid(TB)
                        .entry_id(7)
                        .metaname("Usage picture")
                        .body(b"png".to_vec())
                        .send()
                        .await,
                )
            })
        }),
        ("tb_term_meta_set_for_term", |c| {
            Box::pin(async move {
                done(
                    c.tb_term_meta_set_for_term()
                        .tb_guid(TB)
                        .entry_id(7)
                        .term_id(3)
                        .metaname("Usage picture")
                        .body(b"png".to_vec())
                        .send()
                        .await,
                )
            })
        }),
        ("tm_list (a read)", |c| {
            Box::pin(async move { done(c.tm_list().send().await) })
        }),
    ]
}

/// A server whose login answers `status`/`content_type`/`body`, a catch-all mock that counts
/// every other request, and a client with credentials.
fn server_with_login<'a>(
    server: &'a MockServer,
    status: u16,
    content_type: &str,
    body: &str,
) -> httpmock::Mock<'a> {
    let (content_type, body) = (content_type.to_owned(), body.to_owned());
    server.auth_login(move |_when, then| {
        then.into_inner()
            .status(status)
            .header("content-type", content_type)
            .body(body);
    });
    server.mock(|when, then| {
        when.path_excludes("/auth/login");
        then.status(204);
    })
}

fn client_with_credentials(server: &MockServer) -> Client {
    Client::builder(server.base_url())
        .credentials(Credentials::memoq_user("admin", "secret"))
        .clock(std::sync::Arc::new(tms_runtime::clock::ManualClock::new()))
        .build()
        .expect("loopback")
}

#[tokio::test]
async fn a_login_without_a_token_fails_every_no_body_write_and_sends_nothing() {
    for (name, call) in no_body_operations() {
        let server = MockServer::start_async().await;
        let others = server_with_login(&server, 200, JSON, "{}");
        let client = client_with_credentials(&server);
        let err = call(&client).await.expect_err(name);
        match &err {
            Error::Login { status, reason, .. } => {
                assert_eq!(*reason, LoginReason::NoToken, "{name}");
                assert_eq!(status.map(|s| s.as_u16()), Some(200), "{name}");
            }
            other => panic!("{name}: expected Error::Login, got {other:?}"),
        }
        assert!(!err.may_have_reached_server(), "{name}");
        others.assert_calls_async(0).await;
    }
}

#[tokio::test]
async fn every_kind_of_login_answer_without_a_token_is_a_typed_login_error() {
    let answers: [(u16, &str, &str, LoginReason); 9] = [
        (
            200,
            "text/html",
            "<html><body>Sign in with your company account</body></html>",
            LoginReason::NotJson,
        ),
        (200, JSON, "", LoginReason::NotJson),
        (200, JSON, "{}", LoginReason::NoToken),
        (
            200,
            JSON,
            r#"{"AccessToken":null,"Name":"admin"}"#,
            LoginReason::NoToken,
        ),
        (200, JSON, r#"{"AccessToken":""}"#, LoginReason::NoToken),
        (200, JSON, r#"{"AccessToken":"   "}"#, LoginReason::NoToken),
        (200, JSON, "[1,2,3]", LoginReason::NoToken),
        (
            502,
            "text/html",
            "<html><title>502 Bad Gateway</title></html>",
            LoginReason::Unavailable,
        ),
        (500, JSON, r#"{"unexpected":true}"#, LoginReason::NoToken),
    ];
    for (status, content_type, body, expected) in answers {
        let server = MockServer::start_async().await;
        let others = server_with_login(&server, status, content_type, body);
        let client = client_with_credentials(&server);
        let err = Error::from(
            client
                .tm_entry_create()
                .tm_guid(TM)
                .body(types::TmEntryModel::default())
                .send()
                .await
                .expect_err(body),
        );
        match &err {
            Error::Login {
                status: got,
                reason,
                snippet,
                ..
            } => {
                assert_eq!(*reason, expected, "{body}");
                assert_eq!(got.map(|s| s.as_u16()), Some(status), "{body}");
                assert!(snippet.chars().count() <= 201, "{snippet}");
            }
            other => panic!("{body}: expected Error::Login, got {other:?}"),
        }
        others.assert_calls_async(0).await;
    }
}

#[tokio::test]
async fn a_refused_login_keeps_the_vendor_code_and_sends_nothing() {
    let server = MockServer::start_async().await;
    let others = server_with_login(
        &server,
        401,
        JSON,
        r#"{"ErrorCode":"AuthenticationFailed","Message":"Wrong user name or password."}"#,
    );
    let client = client_with_credentials(&server);
    let err = Error::from(
        client
            .tm_entry_delete()
            .tm_guid(TM)
            .entry_id(1)
            .send()
            .await
            .expect_err("refused"),
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
    assert_eq!(err.code(), Some(ErrorCode::AuthenticationFailed));
    assert_eq!(err.message(), Some("Wrong user name or password."));
    others.assert_calls_async(0).await;
}

#[tokio::test]
async fn a_login_error_shows_a_short_snippet_with_secrets_redacted() {
    let page = format!(
        "<html><body>Session expired. Continue: /sso?token=abc123SECRET&amp;user=admin password: hunter2 {}</body></html>",
        "x".repeat(5000)
    );
    let server = MockServer::start_async().await;
    server_with_login(&server, 200, "text/html", &page);
    let client = client_with_credentials(&server);
    let err = Error::from(client.tm_list().send().await.expect_err("SSO page"));
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains("abc123SECRET"), "{shown}");
    assert!(!shown.contains("hunter2"), "{shown}");
    assert!(
        !shown.contains("secret\""),
        "the password never shows: {shown}"
    );
    assert!(shown.contains("Session expired"), "{shown}");
    assert!(
        shown.len() < 2000,
        "the body is cut to a snippet: {} bytes",
        shown.len()
    );
}

#[tokio::test]
async fn a_redirected_login_is_not_followed() {
    let elsewhere = MockServer::start_async().await;
    for same_host in [true, false] {
        let server = MockServer::start_async().await;
        let target = if same_host { &server } else { &elsewhere };
        let location = format!("http://127.0.0.1:{}/moved/auth/login", target.port());
        let phished = target.mock(|when, then| {
            when.path("/moved/auth/login");
            then.status(200)
                .header("content-type", JSON)
                .body(r#"{"AccessToken":"t"}"#);
        });
        server.auth_login(|_when, then| {
            then.into_inner().status(307).header("location", location);
        });
        let client = client_with_credentials(&server);
        let err = Error::from(client.tm_list().send().await.expect_err("redirected"));
        assert!(
            matches!(
                err,
                Error::Login {
                    reason: LoginReason::Redirected,
                    ..
                }
            ),
            "{err:?}"
        );
        assert_eq!(err.status().map(|s| s.as_u16()), Some(307));
        // Not even to the same host: a 307 would send the password again.
        phished.assert_calls_async(0).await;
        phished.delete_async().await;
    }
}
