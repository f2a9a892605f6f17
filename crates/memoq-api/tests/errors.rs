//! Failure answers become typed errors that keep the HTTP status and the body; nothing panics
//! and no secret leaks into `Debug` or `Display`.

mod support;

use memoq_api::{Error, ErrorCode};
use memoq_api_httpmock::MockServerExt;
use reqwest::StatusCode;
use support::{TB, TM, TOKEN};
use tms_runtime::wire::BodyProblem;

/// Calls `tm_get` against a mock that answers `status` with `body` (and `content_type`).
async fn tm_get_answered(status: u16, content_type: &str, body: &str) -> Error {
    let (server, client) = support::logged_in().await;
    server.tm_get(|when, then| {
        when.tm_guid(&TM.into());
        then.into_inner()
            .status(status)
            .header("content-type", content_type)
            .body(body);
    });
    let err = client
        .tm_get()
        .tm_guid(TM)
        .send()
        .await
        .expect_err("the call must fail");
    let err = Error::from(err);
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(TOKEN), "token leaked: {shown}");
    err
}

#[tokio::test]
async fn documented_error_keeps_code_message_and_status() {
    let err = tm_get_answered(
        401,
        "application/json; charset=utf-8",
        r#"{"ErrorCode":"InvalidOrExpiredToken","Message":"Security token is invalid or has expired."}"#,
    )
    .await;
    assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(err.code(), Some(ErrorCode::InvalidOrExpiredToken));
    assert_eq!(
        err.to_string(),
        "memoQ answered 401 Unauthorized: InvalidOrExpiredToken: Security token is invalid or has expired."
    );
}

#[tokio::test]
async fn error_body_without_error_code() {
    let err = tm_get_answered(
        400,
        "application/json",
        r#"{"Message":"The request is invalid."}"#,
    )
    .await;
    assert!(matches!(err, Error::Api { .. }), "{err:?}");
    assert_eq!(err.status(), Some(StatusCode::BAD_REQUEST));
    assert_eq!(err.code(), None);
    assert_eq!(err.message(), Some("The request is invalid."));
    assert_eq!(
        err.to_string(),
        "memoQ answered 400 Bad Request: (no error code): The request is invalid."
    );
}

#[tokio::test]
async fn unknown_error_code_is_kept() {
    let err = tm_get_answered(
        400,
        "application/json",
        r#"{"ErrorCode":"SomethingNew","Message":"added in memoQ 13"}"#,
    )
    .await;
    assert_eq!(err.code(), Some(ErrorCode::Other("SomethingNew".into())));
    assert_eq!(
        err.code().unwrap_or(ErrorCode::InternalError).as_str(),
        "SomethingNew"
    );
}

#[tokio::test]
async fn html_502_from_a_proxy() {
    let page = "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body><center><h1>502 Bad Gateway</h1></center></body>\r\n</html>\r\n";
    let err = tm_get_answered(502, "text/html", page).await;
    match &err {
        Error::UnexpectedBody {
            status,
            problem,
            content_type,
            body,
            ..
        } => {
            assert_eq!(*status, StatusCode::BAD_GATEWAY);
            assert_eq!(*problem, BodyProblem::NotJson);
            assert_eq!(content_type.as_deref(), Some("text/html"));
            assert_eq!(body, page, "the whole page is kept");
            assert_eq!(
                err.retry_info().map(|r| r.attempts),
                Some(4),
                "502 is retried"
            );
        }
        other => panic!("expected Error::UnexpectedBody, got {other:?}"),
    }
    assert!(
        err.to_string()
            .starts_with("memoQ answered 502 Bad Gateway with a not-json body: <html>"),
        "{err}"
    );
}

#[tokio::test]
async fn truncated_json_on_an_error_status() {
    let body = r#"{"ErrorCode":"InternalError","Mess"#;
    let err = tm_get_answered(500, "application/json", body).await;
    match &err {
        Error::UnexpectedBody {
            status,
            problem,
            body: kept,
            ..
        } => {
            assert_eq!(*status, StatusCode::INTERNAL_SERVER_ERROR);
            assert_eq!(*problem, BodyProblem::MalformedJson);
            assert_eq!(kept, body);
        }
        other => panic!("expected Error::UnexpectedBody, got {other:?}"),
    }
}

#[tokio::test]
async fn empty_401() {
    let err = tm_get_answered(401, "text/plain", "").await;
    assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
    assert!(
        matches!(
            err,
            Error::UnexpectedBody {
                problem: BodyProblem::Empty,
                ..
            }
        ),
        "{err:?}"
    );
}

#[tokio::test]
async fn truncated_json_on_success_keeps_the_body() {
    let body = r#"{"AccessLevel":1,"FriendlyName":"Test"#;
    let err = tm_get_answered(200, "application/json", body).await;
    match &err {
        Error::Decode { body: kept, source } => {
            assert_eq!(kept.as_ref(), body.as_bytes());
            assert!(source.is_eof(), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn no_content_where_a_body_is_documented() {
    let err = tm_get_answered(204, "application/json", "").await;
    assert!(
        matches!(err, Error::UnexpectedStatus { status, .. } if status == StatusCode::NO_CONTENT),
        "{err:?}"
    );
}

#[tokio::test]
async fn a_login_that_cannot_connect_is_a_login_error_without_status() {
    // Nothing listens on a port the OS just released.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .expect("a free loopback port")
        .port();
    let client = memoq_api::Client::builder(format!("http://127.0.0.1:{port}"))
        .credentials(memoq_api::Credentials::memoq_user("admin", "secret"))
        .clock(std::sync::Arc::new(tms_runtime::clock::ManualClock::new()))
        .build()
        .expect("loopback");
    let err = Error::from(client.tm_list().send().await.expect_err("refused"));
    match &err {
        Error::Login { reason, status, .. } => {
            assert_eq!(*reason, tms_runtime::login::LoginReason::Transport);
            assert_eq!(*status, None);
        }
        other => panic!("expected a login error, got {other:?}"),
    }
    assert_eq!(err.status(), None);
    assert!(!err.may_have_reached_server());
}

#[tokio::test]
async fn a_client_without_credentials_sends_nothing() {
    let server = httpmock::MockServer::start_async().await;
    let list = server.tm_list(|_when, then| {
        then.ok(&vec![]);
    });
    let client = support::client_for(&server);
    let err = Error::from(client.tm_list().send().await.expect_err("no token"));
    assert!(
        matches!(
            err,
            Error::Login {
                reason: tms_runtime::login::LoginReason::NoCredentials,
                ..
            }
        ),
        "{err:?}"
    );
    list.assert_calls_async(0).await;
}

#[tokio::test]
async fn tb_entry_create_without_return_new_entry_reads_as_none() {
    let (server, client) = support::logged_in().await;
    server.tb_entry_create(|when, then| {
        when.tb_guid(&TB.into());
        then.into_inner().status(204);
    });
    let created = client
        .tb_entry_create()
        .tb_guid(TB)
        .body(memoq_api::types::TbEntryModel::default())
        .send()
        .await
        .expect("an empty answer is a success");
    assert_eq!(created.status(), StatusCode::NO_CONTENT);
    assert_eq!(created.into_inner().0, None);
}

#[tokio::test]
async fn secrets_stay_out_of_debug() {
    let (_server, client) = support::logged_in().await;
    let shown = format!("{client:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
    assert!(shown.contains("[REDACTED]"), "{shown}");
    let credentials = memoq_api::Credentials::memoq_user("admin", "pa55word");
    assert_eq!(
        format!("{credentials:?}"),
        r#"MemoqUser { user_name: "admin", password: [REDACTED] }"#
    );
    assert_eq!(
        format!("{:?}", credentials.to_login_param()),
        "LoginParam { login_mode: MemoQServerUser, ltst: None, password: Some([REDACTED]), user_name: Some(\"admin\") }"
    );
}

#[tokio::test]
async fn logout_forgets_the_token_and_is_idempotent() {
    let (server, client) = support::logged_in().await;
    let logout = server.auth_logout(|_when, then| {
        then.into_inner().status(204);
    });
    assert!(client.is_logged_in());
    client.logout().await.expect("logout succeeds");
    client.logout().await.expect("a second logout does nothing");
    logout.assert_calls_async(1).await;
    assert!(!client.is_logged_in());
}
