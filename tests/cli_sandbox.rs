//! `tms` run as a process against the sandbox: the demo, the token cache between invocations,
//! logout, `--json`, the generated `api` commands and one-line errors.

mod support;

use std::time::Duration;

use support::{cache_entries, ok, run, tms};
use tms_sandbox::{Sandbox, SandboxConfig};

/// A sandbox that lets a user log in again right after logging out (memoQ's `TooFrequentLogin`
/// has its own test in the sandbox crate).
async fn sandbox() -> Sandbox {
    Sandbox::start_with(SandboxConfig {
        memoq_relogin_gap: Duration::ZERO,
        ..Default::default()
    })
    .await
    .expect("sandbox starts")
}

fn memoq(cache: &std::path::Path, sandbox: &Sandbox, args: &[&str]) -> std::process::Command {
    let mut command = tms(cache);
    command
        // The server root: the CLI adds /memoqserverhttpapi/v1 itself.
        .env("MEMOQ_URL", sandbox.base_url())
        .env("MEMOQ_USER", tms_sandbox::MEMOQ_USER)
        .env("MEMOQ_PASSWORD", tms_sandbox::MEMOQ_PASSWORD)
        .arg("memoq")
        .args(args);
    command
}

fn memsource(cache: &std::path::Path, sandbox: &Sandbox, args: &[&str]) -> std::process::Command {
    let mut command = tms(cache);
    command
        .env("MEMSOURCE_URL", sandbox.memsource_url())
        .env("MEMSOURCE_USER", tms_sandbox::MEMSOURCE_USER)
        .env("MEMSOURCE_PASSWORD", tms_sandbox::MEMSOURCE_PASSWORD)
        .arg("memsource")
        .args(args);
    command
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_runs_both_vendors_main_jobs() {
    let cache = tempfile::tempdir().expect("temp dir");
    let mut command = tms(cache.path());
    command.arg("demo");
    let stdout = ok(&run(command).await);
    for step in [
        "memoQ: log in",
        "memoQ: batch lookup",
        "80%  Drucken Sie das Dokument.",
        "memoQ: concordance",
        "memoQ: termbase lookup",
        "Drucker",
        "Memsource: create a project",
        "Übersicht 東京.txt",
        "import finished",
        "callbacks received from the sandbox: 1",
        "analysis finished",
        "[de] Print the document.",
        "Done: both vendors' main jobs ran end to end.",
    ] {
        assert!(
            stdout.contains(step),
            "the demo did not show {step:?}:\n{stdout}"
        );
    }
    assert!(
        cache_entries(cache.path()).is_empty(),
        "the demo keeps no token"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn consecutive_memoq_commands_share_one_login_until_logout() {
    let sandbox = sandbox().await;
    let cache = tempfile::tempdir().expect("temp dir");

    let listed = ok(&run(memoq(cache.path(), &sandbox, &["tm", "list"])).await);
    assert!(listed.contains("Sandbox EN-DE"), "{listed}");
    let got = ok(&run(memoq(
        cache.path(),
        &sandbox,
        &["tm", "get", tms_sandbox::memoq::TM_EN_DE],
    ))
    .await);
    assert!(got.contains("Sandbox EN-DE"), "{got}");
    assert_eq!(
        sandbox.memoq().logins(),
        1,
        "the second command reused the cached token"
    );

    let entries = cache_entries(cache.path());
    assert_eq!(entries.len(), 1, "one entry for (memoQ, URL, user)");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&entries[0])
            .expect("entry")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the token file is private");
    }

    ok(&run(memoq(cache.path(), &sandbox, &["logout"])).await);
    assert_eq!(
        sandbox.memoq().open_sessions(),
        0,
        "logout ended the session on the server"
    );
    assert!(
        cache_entries(cache.path()).is_empty(),
        "logout deleted the entry"
    );

    let mut uncached = memoq(cache.path(), &sandbox, &["tm", "list"]);
    uncached.arg("--no-token-cache");
    ok(&run(uncached).await);
    assert_eq!(sandbox.memoq().logins(), 2);
    assert!(
        cache_entries(cache.path()).is_empty(),
        "--no-token-cache writes nothing"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cached_token_the_server_expired_is_replaced_by_one_login() {
    let sandbox = sandbox().await;
    let cache = tempfile::tempdir().expect("temp dir");
    ok(&run(memoq(cache.path(), &sandbox, &["tm", "list"])).await);
    let entry = cache_entries(cache.path()).remove(0);
    let before = std::fs::read(&entry).expect("entry");

    sandbox.memoq().expire_all_tokens();
    ok(&run(memoq(cache.path(), &sandbox, &["tm", "list"])).await);
    assert_eq!(sandbox.memoq().logins(), 2, "exactly one fresh login");
    let after = std::fs::read(&entry).expect("entry");
    assert_ne!(before, after, "the cache holds the new token");

    ok(&run(memoq(cache.path(), &sandbox, &["tm", "list"])).await);
    assert_eq!(sandbox.memoq().logins(), 2, "the new token is reused");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memsource_json_output_and_a_non_ascii_upload() {
    let sandbox = sandbox().await;
    let cache = tempfile::tempdir().expect("temp dir");

    let mut listed = memsource(cache.path(), &sandbox, &["project", "list"]);
    listed.arg("--json");
    let projects: serde_json::Value =
        serde_json::from_str(&ok(&run(listed).await)).expect("--json prints JSON");
    let seeded = projects
        .as_array()
        .expect("a list of projects")
        .iter()
        .find(|p| p["name"] == "Sandbox project")
        .expect("the seeded project is listed");
    let project = seeded["uid"].as_str().expect("a uid").to_owned();

    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("Résumé 東京.txt");
    std::fs::write(&file, "Hello world.\nSave the file.\n").expect("write");
    let created = ok(&run(memsource(
        cache.path(),
        &sandbox,
        &[
            "job",
            "create",
            &project,
            file.to_str().expect("utf-8 path"),
            "--target",
            "de",
            "--target",
            "fr",
            "--wait",
        ],
    ))
    .await);
    assert!(created.contains("Résumé 東京.txt"), "{created}");
    let names: Vec<String> = sandbox
        .memsource()
        .jobs(&project)
        .iter()
        .filter_map(|job| job.filename.clone())
        .collect();
    assert_eq!(
        names.iter().filter(|n| *n == "Résumé 東京.txt").count(),
        2,
        "one job per target, under the decoded name: {names:?}"
    );
    assert_eq!(
        sandbox.memsource().open_sessions(),
        1,
        "both commands used one login"
    );

    ok(&run(memsource(cache.path(), &sandbox, &["logout"])).await);
    assert_eq!(sandbox.memsource().open_sessions(), 0);
    assert!(cache_entries(cache.path()).is_empty());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn generated_api_commands_and_one_line_errors() {
    let sandbox = sandbox().await;
    let cache = tempfile::tempdir().expect("temp dir");

    let answer = ok(&run(memoq(
        cache.path(),
        &sandbox,
        &["api", "tm-get", "--tm-guid", tms_sandbox::memoq::TM_EN_DE],
    ))
    .await);
    let tm: serde_json::Value = serde_json::from_str(&answer).expect("api prints JSON");
    assert_eq!(tm["FriendlyName"], "Sandbox EN-DE");

    let missing = run(memoq(
        cache.path(),
        &sandbox,
        &["tm", "get", "5ab0c0de-0000-4000-8000-0000000000ff"],
    ))
    .await;
    assert_eq!(missing.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&missing.stderr);
    assert_eq!(stderr.trim_end().lines().count(), 1, "one line: {stderr}");
    assert!(
        stderr.contains("ResourceNotFound"),
        "the vendor's code: {stderr}"
    );
    assert!(!stderr.contains(tms_sandbox::MEMOQ_PASSWORD));

    let mut wrong = memoq(cache.path(), &sandbox, &["tm", "list"]);
    wrong
        .env("MEMOQ_PASSWORD", "not-the-password")
        .arg("--no-token-cache");
    let refused = run(wrong).await;
    assert_eq!(refused.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(stderr.contains("AuthenticationFailed"), "{stderr}");
    assert!(!stderr.contains("not-the-password"), "{stderr}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tms_sandbox_serves_both_apis_in_the_foreground() {
    use std::io::BufRead;

    let cache = tempfile::tempdir().expect("temp dir");
    let mut command = tms(cache.path());
    command
        .args(["sandbox", "--addr", "127.0.0.1:0"])
        .stdout(std::process::Stdio::piped());
    let mut child = command.spawn().expect("tms sandbox starts");
    let stdout = child.stdout.take().expect("piped stdout");
    let first = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        std::io::BufReader::new(stdout)
            .read_line(&mut line)
            .expect("a line");
        line
    });
    let first = tokio::time::timeout(Duration::from_secs(30), first)
        .await
        .expect("the sandbox says where it listens")
        .expect("reader task");
    let base = first
        .split_whitespace()
        .find(|word| word.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no URL in {first:?}"))
        .to_owned();

    let memoq: serde_json::Value = reqwest::get(format!("{base}/memoqserverhttpapi/v1/tms"))
        .await
        .expect("memoQ answers")
        .json()
        .await
        .expect("its error shape");
    assert_eq!(memoq["ErrorCode"], "InvalidOrExpiredToken", "{memoq}");
    let memsource = reqwest::get(format!("{base}/web/api2/v1/projects"))
        .await
        .expect("Memsource answers");
    assert_eq!(memsource.status(), 401);

    child.kill().expect("stop it");
    let _ = child.wait();
}
