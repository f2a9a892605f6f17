//! `tms memoq …` as a process against a mock memoQ server: the token cache between
//! invocations, logout, `--json`, and how errors print.

mod support;

use std::sync::atomic::Ordering;

use httpmock::MockServer;
use support::*;

const TMS: &str = r#"[{"TMGuid":"2433ea4e-0ea6-4339-9c1f-f84bce41ad3b","FriendlyName":"Zürich TM","SourceLangCode":"eng","TargetLangCode":"ger","NumEntries":3}]"#;

#[test]
fn consecutive_commands_log_in_once_and_the_cache_file_is_private() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let logins = memoq_logins(&server);
    let list = memoq_get(&server, "/tms", "t1", 200, TMS);
    let url = memoq_url(&server);

    let first = memoq(cache.path(), &url, &["tm", "list"]);
    assert!(first.ok().contains("Zürich TM"), "{first:?}");
    let second = memoq(cache.path(), &url, &["tm", "list"]);
    second.ok();

    assert_eq!(
        logins.load(Ordering::SeqCst),
        1,
        "the second command reused the token"
    );
    list.assert_calls(2);
    first.assert_no_secret(&["t1"]);
    second.assert_no_secret(&["t1"]);
    let entry = cached(cache.path());
    assert_eq!(entry["token"], "t1");
    assert_eq!(entry["user"], MEMOQ_USER);
    assert_eq!(entry["url"], format!("{url}{MEMOQ_API}"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let file = &cache_files(cache.path())[0];
        let mode = std::fs::metadata(file).expect("file").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn an_api_url_and_a_root_url_share_one_session() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let logins = memoq_logins(&server);
    memoq_get(&server, "/tms", "t1", 200, "[]");
    memoq(cache.path(), &memoq_url(&server), &["tm", "list"]).ok();
    let api_url = format!("{}{MEMOQ_API}/", memoq_url(&server));
    memoq(cache.path(), &api_url, &["tm", "list"]).ok();
    assert_eq!(logins.load(Ordering::SeqCst), 1);
}

#[test]
fn a_cached_token_the_server_rejects_is_replaced_by_one_fresh_login() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let logins = memoq_logins(&server);
    let url = memoq_url(&server);
    let mut accepted = memoq_get(&server, "/tms", "t1", 200, "[]");
    memoq(cache.path(), &url, &["tm", "list"]).ok();
    assert_eq!(cached(cache.path())["token"], "t1");

    // The server forgets t1 (idle timeout, restart).
    accepted.delete();
    let rejected = memoq_get(&server, "/tms", "t1", 401, MEMOQ_EXPIRED);
    let fresh = memoq_get(&server, "/tms", "t2", 200, TMS);
    let run = memoq(cache.path(), &url, &["tm", "list"]);
    assert!(run.ok().contains("Zürich TM"));
    assert_eq!(logins.load(Ordering::SeqCst), 2, "exactly one fresh login");
    rejected.assert_calls(1);
    fresh.assert_calls(1);
    assert_eq!(
        cached(cache.path())["token"],
        "t2",
        "the cache holds the new token"
    );

    memoq(cache.path(), &url, &["tm", "list"]).ok();
    assert_eq!(logins.load(Ordering::SeqCst), 2);
}

#[test]
fn logout_ends_the_session_on_the_server_and_deletes_the_entry() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let logins = memoq_logins(&server);
    memoq_get(&server, "/tms", "t1", 200, "[]");
    let logout = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{MEMOQ_API}/auth/logout"))
            .header("authorization", "MQS-API t1");
        then.status(204);
    });
    let url = memoq_url(&server);
    memoq(cache.path(), &url, &["tm", "list"]).ok();
    assert_eq!(cache_files(cache.path()).len(), 1);

    let run = memoq(cache.path(), &url, &["logout"]);
    run.ok();
    logout.assert_calls(1);
    assert!(cache_files(cache.path()).is_empty(), "the entry is gone");
    assert_eq!(logins.load(Ordering::SeqCst), 1, "no login just to log out");
}

#[test]
fn no_token_cache_neither_reads_nor_writes() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let logins = memoq_logins(&server);
    for token in ["t1", "t2", "t3", "t4"] {
        memoq_get(&server, "/tms", token, 200, "[]");
    }
    let url = memoq_url(&server);
    memoq(cache.path(), &url, &["--no-token-cache", "tm", "list"]).ok();
    memoq(cache.path(), &url, &["tm", "list", "--no-token-cache"]).ok();
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    assert!(cache_files(cache.path()).is_empty());

    // With an entry present, --no-token-cache still does not read it.
    memoq(cache.path(), &url, &["tm", "list"]).ok();
    assert_eq!(logins.load(Ordering::SeqCst), 3);
    memoq(cache.path(), &url, &["--no-token-cache", "tm", "list"]).ok();
    assert_eq!(logins.load(Ordering::SeqCst), 4);
}

#[test]
fn a_corrupt_cache_file_is_ignored_and_replaced() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    let logins = memoq_logins(&server);
    memoq_get(&server, "/tms", "t1", 200, "[]");
    memoq_get(&server, "/tms", "t2", 200, "[]");
    let url = memoq_url(&server);
    memoq(cache.path(), &url, &["tm", "list"]).ok();
    let file = cache_files(cache.path()).remove(0);
    std::fs::write(&file, b"\0garbage{").expect("overwritten");

    memoq(cache.path(), &url, &["tm", "list"]).ok();
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    assert_eq!(cached(cache.path())["token"], "t2");
}

#[test]
fn json_output_is_the_servers_objects() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    memoq_logins(&server);
    let list = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{MEMOQ_API}/tms"))
            .query_param("srcLang", "eng")
            .query_param("targetLang", "ger-DE");
        then.status(200)
            .header("content-type", "application/json")
            .body(TMS);
    });
    let run = memoq(
        cache.path(),
        &memoq_url(&server),
        &["tm", "list", "--src", "en", "--target", "de-DE", "--json"],
    );
    let json: serde_json::Value = serde_json::from_str(run.ok()).expect("stdout is JSON");
    assert_eq!(json[0]["TMGuid"], "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b");
    assert_eq!(json[0]["FriendlyName"], "Zürich TM");
    assert_eq!(json[0]["NumEntries"], 3);
    list.assert_calls(1);
}

#[test]
fn lookup_sends_escaped_segments_and_prints_hits() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    memoq_logins(&server);
    let lookup = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{MEMOQ_API}/tms/tm1/lookupsegments"))
            .json_body_includes(
                r#"{"Segments":[{"Segment":"<seg>R&amp;D &lt;beta&gt;</seg>"}],"Options":{"MatchThreshold":70}}"#,
            );
        then.status(200).header("content-type", "application/json").body(
            r#"{"Result":[{"TMHits":[{"MatchRate":87,"TransUnit":{"SourceSegment":"<seg>R&amp;D beta</seg>","TargetSegment":"<seg>F&amp;E Beta</seg>"}}]}]}"#,
        );
    });
    let run = memoq(
        cache.path(),
        &memoq_url(&server),
        &["tm", "lookup", "tm1", "R&D <beta>", "--threshold", "70"],
    );
    let out = run.ok();
    lookup.assert_calls(1);
    assert!(out.contains("87") && out.contains("F&E Beta"), "{out}");
}

#[test]
fn a_server_error_prints_one_line_with_the_vendor_code_and_exits_1() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    memoq_logins(&server);
    memoq_get(
        &server,
        "/tms/nope",
        "t1",
        404,
        r#"{"ErrorCode":"ResourceNotFound","Message":"The TM does not exist.\nReally."}"#,
    );
    let run = memoq(cache.path(), &memoq_url(&server), &["tm", "get", "nope"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert!(run.stdout.is_empty());
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);
    assert!(run.stderr.starts_with("tms: "), "{:?}", run.stderr);
    assert!(run.stderr.contains("ResourceNotFound"), "{:?}", run.stderr);
    run.assert_no_secret(&["t1"]);
}

#[test]
fn a_refused_login_prints_one_line_without_the_password() {
    let server = MockServer::start();
    let cache = tempfile::tempdir().expect("temp dir");
    server.mock(|when, then| {
        when.method("POST").path(format!("{MEMOQ_API}/auth/login"));
        then.status(401)
            .header("content-type", "application/json")
            .body(
                r#"{"ErrorCode":"AuthenticationFailed","Message":"Wrong user name or password."}"#,
            );
    });
    let run = memoq(cache.path(), &memoq_url(&server), &["tm", "list"]);
    assert_eq!(run.code, Some(1), "{run:?}");
    assert_eq!(run.stderr.lines().count(), 1, "{:?}", run.stderr);
    assert!(
        run.stderr.contains("AuthenticationFailed"),
        "{:?}",
        run.stderr
    );
    run.assert_no_secret(&[]);
    assert!(cache_files(cache.path()).is_empty());
}

#[test]
fn bad_arguments_exit_2() {
    let cache = tempfile::tempdir().expect("temp dir");
    let url = "http://127.0.0.1:9";
    for args in [
        &["tm", "lookup", "tm1"][..],
        &["tm", "lookup", "tm1", "text", "--threshold", "500"],
        &["tm", "frobnicate"],
        &["tm", "list", "--src", "klingon-XX"],
    ] {
        let run = memoq(cache.path(), url, args);
        assert_eq!(run.code, Some(2), "{args:?}: {run:?}");
        assert!(!run.stderr.contains("panicked"), "{run:?}");
    }
    // No URL at all: a usage error, one line.
    let mut cmd = tms(cache.path());
    cmd.args(["memoq", "tm", "list"]).env("MEMOQ_USER", "x");
    let no_url = run(cmd);
    assert_eq!(no_url.code, Some(2), "{no_url:?}");
    assert_eq!(no_url.stderr.trim(), "tms: --url or MEMOQ_URL is required");
}
