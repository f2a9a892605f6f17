//! `tms memsource …` as a process against a mock Memsource server: the token cache, `--json`,
//! one-line errors with the vendor's code, and a job upload with a non-ASCII file name.

mod support;

use std::sync::atomic::Ordering;

use httpmock::MockServer;
use support::*;

fn who_am_i<'a>(
    server: &'a MockServer,
    token: &str,
    status: u16,
    body: &str,
) -> httpmock::Mock<'a> {
    server.mock(|when, then| {
        when.method("GET")
            .path("/api2/v1/auth/whoAmI")
            .header("authorization", format!("ApiToken {token}"));
        then.status(status)
            .header("content-type", "application/json")
            .body(body);
    })
}

const ME: &str = r#"{"user":{"userName":"pm","uid":"u1","firstName":"Pat","lastName":"Manager","role":"ADMIN"},"organization":{"name":"Acme"}}"#;

#[test]
fn consecutive_commands_log_in_once_and_logout_ends_the_session() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let logins = memsource_logins(&server);
    let me = who_am_i(&server, "m1", 200, ME);
    let url = memsource_url(&server);

    let first = memsource(cache.path(), &url, &["whoami"]);
    assert!(first.ok().contains("Acme"), "{first:?}");
    memsource(cache.path(), &url, &["whoami"]).ok();
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    me.assert_calls(2);
    first.assert_no_secret(&["m1"]);
    let entry = cached(cache.path());
    assert_eq!(entry["token"], "m1");
    assert!(
        entry["expires_at"].as_u64().is_some(),
        "the 24 h end is kept: {entry}"
    );

    let logout = server.mock(|when, then| {
        when.method("POST")
            .path("/api2/v1/auth/logout")
            .header("authorization", "ApiToken m1");
        then.status(204);
    });
    memsource(cache.path(), &url, &["logout"]).ok();
    logout.assert_calls(1);
    assert!(cache_files(cache.path()).is_empty());
}

#[test]
fn a_rejected_cached_token_is_replaced_by_one_login() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let logins = memsource_logins(&server);
    let url = memsource_url(&server);
    let mut accepted = who_am_i(&server, "m1", 200, ME);
    memsource(cache.path(), &url, &["whoami"]).ok();
    accepted.delete();
    let unauthorized = r#"{"errorCode":"AuthUnauthorized","errorDescription":"The provided API key is not valid."}"#;
    let rejected = who_am_i(&server, "m1", 401, unauthorized);
    let fresh = who_am_i(&server, "m2", 200, ME);
    memsource(cache.path(), &url, &["whoami"]).ok();
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    rejected.assert_calls(1);
    fresh.assert_calls(1);
    assert_eq!(cached(cache.path())["token"], "m2");
}

#[test]
fn an_api_token_is_used_as_given_and_never_cached() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let me = who_am_i(&server, "ready-token", 200, ME);
    let mut cmd = tms(cache.path());
    cmd.env("MEMSOURCE_URL", memsource_url(&server))
        .env("MEMSOURCE_TOKEN", "ready-token")
        .args(["memsource", "whoami", "--json"]);
    let run = run(cmd);
    let json: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
    assert_eq!(json["user"]["userName"], "pm");
    assert_eq!(json["organization"]["name"], "Acme");
    me.assert_calls(1);
    run.assert_no_secret(&["ready-token"]);
    assert!(cache_files(cache.path()).is_empty());
}

#[test]
fn project_list_json_collects_every_page() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    memsource_logins(&server);
    for page in 0..2 {
        server.mock(|when, then| {
            when.method("GET")
                .path("/api2/v1/projects")
                .query_param("pageNumber", page.to_string())
                .query_param("name", "Q4");
            then.status(200)
                .header("content-type", "application/json")
                .body(format!(
                    r#"{{"totalElements":2,"totalPages":2,"pageSize":50,"pageNumber":{page},"numberOfElements":1,"content":[{{"uid":"p{page}","name":"Q4 {page}","sourceLang":"en","targetLangs":["de"]}}]}}"#
                ));
        });
    }
    let run = memsource(
        cache.path(),
        &memsource_url(&server),
        &["--json", "project", "list", "--name", "Q4"],
    );
    let json: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
    let uids: Vec<_> = json
        .as_array()
        .expect("an array")
        .iter()
        .map(|p| p["uid"].clone())
        .collect();
    assert_eq!(uids, ["p0", "p1"]);
}

#[test]
fn a_server_error_prints_one_line_with_the_vendor_code_and_exits_1() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    memsource_logins(&server);
    server.mock(|when, then| {
        when.method("GET").path("/api2/v1/projects");
        then.status(403)
            .header("content-type", "application/json")
            .body(r#"{"errorCode":"AuthAccessDenied","errorDescription":"You may not\nlist projects."}"#);
    });
    let run = memsource(cache.path(), &memsource_url(&server), &["project", "list"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);
    assert!(run.stderr.starts_with("tms: "));
    assert!(run.stderr.contains("AuthAccessDenied"), "{:?}", run.stderr);
    run.assert_no_secret(&["m1"]);
}

#[test]
fn job_create_uploads_the_file_under_its_non_ascii_name_and_waits() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("Zürich 東京.txt");
    std::fs::write(&file, "Hello world.\n").expect("written");
    memsource_logins(&server);
    server.mock(|when, then| {
        when.method("GET").path("/api2/v1/async/status");
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"concurrentRequests":{"limit":10,"count":0}}"#);
    });
    let create = server.mock(|when, then| {
        when.method("POST")
            .path("/api2/v1/projects/p1/jobs")
            .header_includes("content-disposition", "filename*=UTF-8''Z%C3%BCrich%20%E6%9D%B1%E4%BA%AC.txt")
            .header_includes("memsource", r#""targetLangs":["de_de"]"#)
            .body("Hello world.\n");
        then.status(201).header("content-type", "application/json").body(
            r#"{"jobs":[{"uid":"j1","filename":"Zürich 東京.txt","targetLang":"de_de"}],"asyncRequest":{"id":"77"}}"#,
        );
    });
    let poll = server.mock(|when, then| {
        when.method("GET").path("/api2/v1/async/77");
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"id":"77","asyncResponse":{"dateCreated":"2024-01-01T00:00:00+0000"}}"#);
    });
    let path = file.to_str().expect("UTF-8 path");
    let run = memsource(
        cache.path(),
        &memsource_url(&server),
        &[
            "--json", "job", "create", "p1", path, "--target", "de-DE", "--wait",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(run.ok()).expect("JSON");
    assert_eq!(json["import"], "finished");
    assert_eq!(json["jobs"]["jobs"][0]["uid"], "j1");
    create.assert_calls(1);
    poll.assert_calls(1);
}

#[test]
fn bad_arguments_exit_2() {
    let cache = tempfile::tempdir().expect("temp dir");
    let url = "http://127.0.0.1:9";
    for args in [
        &["project", "create", "--name", "x", "--source", "en"][..],
        &["async", "wait", "1", "--timeout", "soon"],
        &[
            "project", "create", "--name", "x", "--source", "en", "--target", "qq-QQ",
        ],
    ] {
        let run = memsource(cache.path(), url, args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
    }
    let mut cmd = tms(cache.path());
    cmd.env("MEMSOURCE_URL", url).args(["memsource", "whoami"]);
    let no_user = run(cmd);
    assert_eq!(no_user.code, Some(2), "{no_user:?}");
    assert_eq!(no_user.stderr.lines().count(), 1);
}
