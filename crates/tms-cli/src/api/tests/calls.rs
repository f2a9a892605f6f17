//! Real calls through the clients against a loopback mock server: the exact request the server
//! got and the JSON the command answers.

use std::path::{Path, PathBuf};

use httpmock::Method::{GET, POST};
use httpmock::MockServer;
use serde_json::{Value, json};

use super::{
    TB, TM, TOKEN, args, memoq_client, memsource_client, mock_memoq_login, run_memoq,
    run_memsource, usage,
};
use crate::error::CliError;

/// A directory of its own for one test, removed when the test ends.
struct Scratch(PathBuf);

impl Scratch {
    fn new(test: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("tms-cli-api-{}-{test}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch directory");
        Self(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        // Leftovers in the temp directory are harmless; a failed removal must not fail a test.
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn text(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temp path")
}
#[tokio::test]
async fn memoq_get_with_query_parameters() {
    let server = MockServer::start_async().await;
    let login = mock_memoq_login(&server);
    let tms = json!([{
        "FriendlyName": "Main EN-DE",
        "NumEntries": 42,
        "SourceLangCode": "eng",
        "TargetLangCode": "ger",
        "TMGuid": TM,
    }]);
    let list = server.mock(|when, then| {
        when.method(GET)
            .path("/tms")
            .query_param("srcLang", "eng")
            .query_param("targetLang", "ger")
            // Exactly these parameters, nothing else.
            .is_true(|req| req.uri().query() == Some("srcLang=eng&targetLang=ger"))
            .header("authorization", format!("MQS-API {TOKEN}"));
        then.status(200).json_body(tms.clone());
    });
    let client = memoq_client(&server.base_url());
    let answer = run_memoq(
        &client,
        &args(&["tm-list", "--src-lang", "eng", "--target-lang", "ger"]),
    )
    .await
    .expect("tm-list succeeds");
    assert_eq!(answer, tms);
    login.assert_async().await;
    list.assert_async().await;
}

#[tokio::test]
async fn memoq_post_with_a_json_body() {
    let server = MockServer::start_async().await;
    let login = mock_memoq_login(&server);
    let body = json!({
        "Options": {"MatchThreshold": 70},
        "Segments": [{"Segment": "<seg>Hello world</seg>"}],
    });
    let result = json!({"Result": [{"TMHits": []}]});
    let lookup = server.mock(|when, then| {
        when.method(POST)
            .path(format!("/tms/{TM}/lookupsegments"))
            .header("authorization", format!("MQS-API {TOKEN}"))
            .json_body(body.clone());
        then.status(200).json_body(result.clone());
    });
    let client = memoq_client(&server.base_url());
    let answer = run_memoq(
        &client,
        &args(&[
            "tm-lookup-segments",
            "--tm-guid",
            TM,
            "--body",
            &body.to_string(),
        ]),
    )
    .await
    .expect("tm-lookup-segments succeeds");
    assert_eq!(answer, result);
    login.assert_async().await;
    lookup.assert_async().await;
}

#[tokio::test]
async fn memoq_empty_answer_is_null_and_a_vendor_error_stays_the_clients() {
    let server = MockServer::start_async().await;
    let _login = mock_memoq_login(&server);
    let delete = server.mock(|when, then| {
        when.method(POST)
            .path(format!("/tms/{TM}/entries/3/delete"));
        then.status(200);
    });
    let missing = server.mock(|when, then| {
        when.method(POST)
            .path(format!("/tms/{TM}/entries/4/delete"));
        then.status(404)
            .json_body(json!({"ErrorCode": "EntryNotFound", "Message": "No entry 4."}));
    });
    let client = memoq_client(&server.base_url());
    let answer = run_memoq(
        &client,
        &args(&["tm-entry-delete", "--tm-guid", TM, "--entry-id", "3"]),
    )
    .await
    .expect("delete succeeds");
    assert_eq!(answer, Value::Null);
    delete.assert_async().await;

    let error = run_memoq(
        &client,
        &args(&["tm-entry-delete", "--tm-guid", TM, "--entry-id", "4"]),
    )
    .await
    .expect_err("entry 4 does not exist");
    assert!(matches!(error, CliError::Memoq(_)), "{error:?}");
    assert!(error.to_string().contains("EntryNotFound"), "{error}");
    missing.assert_async().await;
}

#[tokio::test]
async fn memoq_upload_and_download_of_a_meta_image() {
    let server = MockServer::start_async().await;
    let _login = mock_memoq_login(&server);
    let image: &[u8] = b"\x89PNG\r\n\x1a\n not really an image \xff\x00";
    let upload = server.mock(|when, then| {
        when.method(POST)
            .path(format!("/tbs/{TB}/entries/7/entrymetas/Picture"))
            .header("content-type", "application/octet-stream")
            .is_true(move |req| req.body_ref() == image);
        then.status(200);
    });
    let download = server.mock(|when, then| {
        when.method(GET)
            .path(format!("/tbs/{TB}/entries/7/entrymetas/Picture"));
        then.status(200)
            .header("content-type", "image/png")
            .body(image);
    });
    let scratch = Scratch::new("meta-image");
    let input = scratch.path("picture-in.png");
    std::fs::write(&input, image).expect("write the upload");
    let output = scratch.path("picture-out.png");
    let client = memoq_client(&server.base_url());
    let common = ["--tb-guid", TB, "--entry-id", "7", "--metaname", "Picture"];

    let mut set = args(&["tb-entry-meta-set"]);
    set.extend(args(&common));
    set.extend(args(&["--file", text(&input)]));
    assert_eq!(run_memoq(&client, &set).await.expect("upload"), Value::Null);
    upload.assert_async().await;

    let mut get = args(&["tb-entry-meta-get"]);
    get.extend(args(&common));
    get.extend(args(&["--out", text(&output)]));
    let answer = run_memoq(&client, &get).await.expect("download");
    assert_eq!(answer, json!({"out": output, "bytes": image.len()}));
    assert_eq!(std::fs::read(&output).expect("the download"), image);
    download.assert_async().await;
}

#[tokio::test]
async fn memsource_get_with_query_parameters() {
    let server = MockServer::start_async().await;
    let page = json!({
        "totalElements": 1,
        "totalPages": 1,
        "pageSize": 50,
        "pageNumber": 0,
        "numberOfElements": 1,
        "content": [{"uid": "pRoJ3ct", "name": "Site"}],
    });
    let list = server.mock(|when, then| {
        when.method(GET)
            .path("/api2/v1/projects")
            .query_param("name", "Site")
            .query_param("targetLangs", "de")
            .query_param("targetLangs", "fr_fr")
            .query_param("pageNumber", "0")
            .is_true(|req| {
                req.uri().query() == Some("name=Site&pageNumber=0&targetLangs=de&targetLangs=fr_fr")
            })
            .header("authorization", "ApiToken t0k3n");
        then.status(200).json_body(page.clone());
    });
    let client = memsource_client(&server.base_url());
    let answer = run_memsource(
        &client,
        &args(&[
            "project-list",
            "--name",
            "Site",
            "--target-langs",
            "de",
            "--target-langs",
            "fr_fr",
            "--page-number",
            "0",
        ]),
    )
    .await
    .expect("project-list succeeds");
    list.assert_async().await;
    assert_eq!(answer["content"], page["content"]);
    assert_eq!(answer["totalPages"], 1);
}

#[tokio::test]
async fn memsource_post_with_a_json_body_from_a_file() {
    let server = MockServer::start_async().await;
    let body = json!({"name": "Site", "sourceLang": "en", "targetLangs": ["de", "fr_fr"]});
    let created = json!({"uid": "pRoJ3ct", "name": "Site", "sourceLang": "en", "targetLangs": ["de", "fr_fr"]});
    let create = server.mock(|when, then| {
        when.method(POST)
            .path("/api2/v3/projects")
            .header("authorization", "ApiToken t0k3n")
            .json_body(body.clone());
        then.status(201).json_body(created.clone());
    });
    let scratch = Scratch::new("project-create");
    let file = scratch.path("project.json");
    std::fs::write(&file, body.to_string()).expect("write the body");
    let client = memsource_client(&server.base_url());
    let answer = run_memsource(
        &client,
        &args(&["project-create", "--body-file", text(&file)]),
    )
    .await
    .expect("project-create succeeds");
    create.assert_async().await;
    assert_eq!(answer["uid"], "pRoJ3ct");
    assert_eq!(answer["targetLangs"], json!(["de", "fr_fr"]));

    std::fs::write(&file, r#"{"name": "Site"}"#).expect("write a short body");
    let text = usage(
        run_memsource(
            &client,
            &args(&["project-create", "--body-file", text(&file)]),
        )
        .await,
    );
    assert!(text.starts_with("--body-file "), "{text}");
    assert!(text.contains("missing field `sourceLang`"), "{text}");
    create.assert_calls_async(1).await;
}
