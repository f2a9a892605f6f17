//! Failure answers become typed errors that keep the HTTP status and the body; tokens travel
//! only in headers and never show in `Debug`; uploads stream and downloads are byte streams.

mod support;

use futures::StreamExt;
use memsource_api::upload::{content_disposition, memsource_header};
use memsource_api::{Client, Error, ErrorCode};
use memsource_api_httpmock::MockServerExt;
use reqwest::StatusCode;
use support::TOKEN;
use tms_runtime::wire::BodyProblem;

const PROJECT: &str = "pRoJ3ct";

/// Calls `project_get` against a mock that answers `status` with `body` (and `content_type`).
async fn project_get_answered(status: u16, content_type: &str, body: &str) -> Error {
    let (server, client) = support::logged_in().await;
    server.project_get(|when, then| {
        when.project_uid(&PROJECT.into());
        then.into_inner()
            .status(status)
            .header("content-type", content_type)
            .body(body);
    });
    let err = client
        .project_get()
        .project_uid(PROJECT)
        .send()
        .await
        .expect_err("the call must fail");
    let err = Error::from(err);
    let shown = format!("{err} {err:?}");
    assert!(!shown.contains(TOKEN), "token leaked: {shown}");
    err
}

#[tokio::test]
async fn documented_error_keeps_code_description_details_and_status() {
    let err = project_get_answered(
        401,
        "application/json",
        r#"{"errorCode":"AuthUnauthorized","errorDescription":"The provided API key is not valid.","errorDetails":[{"code":"EXPIRED","args":{},"message":"token expired"}]}"#,
    )
    .await;
    assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
    assert_eq!(err.code(), Some(ErrorCode::AuthUnauthorized));
    assert_eq!(
        err.to_string(),
        "Memsource answered 401 Unauthorized: AuthUnauthorized: The provided API key is not valid."
    );
    match err {
        Error::Api { body, .. } => {
            let details = body.error_details.unwrap_or_default();
            assert_eq!(details[0].code.as_deref(), Some("EXPIRED"));
        }
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

#[tokio::test]
async fn unknown_error_code_is_kept() {
    let err = project_get_answered(
        400,
        "application/json",
        r#"{"errorCode":"NOT_UNIQUE_TARGET_LANG","errorDescription":"Only files with identical target languages can be joined"}"#,
    )
    .await;
    assert_eq!(
        err.code(),
        Some(ErrorCode::Unknown("NOT_UNIQUE_TARGET_LANG".into()))
    );
    assert!(!err.code().is_some_and(|c| c.is_known()));
}

#[tokio::test]
async fn html_502_from_the_gateway() {
    let page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>";
    let err = project_get_answered(502, "text/html; charset=utf-8", page).await;
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
            assert_eq!(content_type.as_deref(), Some("text/html; charset=utf-8"));
            assert_eq!(body, page);
        }
        other => panic!("expected Error::UnexpectedBody, got {other:?}"),
    }
}

#[tokio::test]
async fn empty_401() {
    let err = project_get_answered(401, "application/json", "").await;
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
async fn truncated_json_error() {
    let body = r#"{"errorCode":"InternalError","errorDescr"#;
    let err = project_get_answered(500, "application/json", body).await;
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
async fn truncated_json_success_keeps_the_body() {
    let body = r#"{"uid":"pRoJ3ct","name":"Manu"#;
    let err = project_get_answered(200, "application/json", body).await;
    match &err {
        Error::Decode { body: kept, source } => {
            assert_eq!(kept.as_ref(), body.as_bytes());
            assert!(source.is_eof(), "{source}");
        }
        other => panic!("expected Error::Decode, got {other:?}"),
    }
}

#[tokio::test]
async fn ready_tokens_use_their_scheme_and_stay_out_of_debug() {
    type Ready = fn(memsource_api::ClientBuilder) -> memsource_api::ClientBuilder;
    let ready: [(Ready, &str); 2] = [
        (|b| b.api_token("s3cr3t-api"), "ApiToken s3cr3t-api"),
        (|b| b.bearer_token("s3cr3t-oauth"), "Bearer s3cr3t-oauth"),
    ];
    for (with_token, header) in ready {
        let server = httpmock::MockServer::start_async().await;
        let who = server.auth_who_am_i(|when, then| {
            when.into_inner().header("authorization", header);
            then.ok(&memsource_api::types::LoginUserDto::default());
        });
        let client = with_token(Client::builder(server.base_url()))
            .build()
            .expect("loopback");
        client.auth_who_am_i().send().await.expect("whoAmI");
        who.assert_async().await;
        let shown = format!("{client:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("[REDACTED]"), "{shown}");
    }
}

#[tokio::test]
async fn logout_forgets_the_token_and_is_idempotent() {
    let (server, client) = support::logged_in().await;
    let logout = server.auth_logout(|when, then| {
        when.into_inner()
            .header("authorization", format!("ApiToken {TOKEN}"));
        then.into_inner().status(204);
    });
    client.logout().await.expect("logout");
    client.logout().await.expect("a second logout does nothing");
    logout.assert_calls_async(1).await;
    assert!(!client.is_logged_in());
}

#[tokio::test]
async fn upload_streams_any_body_and_download_is_a_byte_stream() {
    let (server, client) = support::logged_in().await;
    let chunks: Vec<Result<Vec<u8>, std::io::Error>> = (0..64)
        .map(|i| Ok(vec![b'a' + (i % 26) as u8; 1024]))
        .collect();
    let expected: Vec<u8> = chunks
        .iter()
        .flat_map(|c| c.as_ref().expect("ok chunk").clone())
        .collect();
    let upload = server.job_create(|when, then| {
        when.project_uid(&PROJECT.into())
            .content_disposition(content_disposition("Zürich 東京.docx").as_str())
            .into_inner()
            .body(String::from_utf8(expected.clone()).expect("ASCII"));
        then.into_inner()
            .status(201)
            .header("content-type", "application/json")
            .body(r#"{"jobs":[],"asyncRequest":{"id":"1","action":"IMPORT_JOB"}}"#);
    });
    let meta = memsource_header(&serde_json::json!({"targetLangs": ["de"]})).expect("JSON");
    client
        .job_create()
        .project_uid(PROJECT)
        .content_disposition(content_disposition("Zürich 東京.docx"))
        .memsource(meta)
        .body(reqwest::Body::wrap_stream(futures::stream::iter(chunks)))
        .send()
        .await
        .expect("streamed upload");
    upload.assert_async().await;

    let download = server.job_download_original(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/octet-stream")
            .body(expected.clone());
    });
    let mut stream = client
        .job_download_original()
        .project_uid(PROJECT)
        .job_uid("j0bUid1")
        .send()
        .await
        .expect("download")
        .into_inner();
    let mut received = Vec::new();
    while let Some(chunk) = stream.next().await {
        received.extend_from_slice(&chunk.expect("chunk"));
    }
    download.assert_async().await;
    assert_eq!(received, expected);
}
