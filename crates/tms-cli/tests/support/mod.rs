//! Running `tms` as a process against a server on loopback, with its own cache directory.
//!
//! The servers are httpmock mocks today; a test reaches them only through the base URLs
//! [`memoq_url`] and [`memsource_url`] return, so the same tests can target the sandbox.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use httpmock::{HttpMockResponse, MockServer};

/// The memoQ user and password the mocks accept.
pub const MEMOQ_USER: &str = "admin";
pub const MEMOQ_PASSWORD: &str = "mq-secret-pw";
/// The Memsource user and password the mocks accept.
pub const MEMSOURCE_USER: &str = "pm";
pub const MEMSOURCE_PASSWORD: &str = "ms-secret-pw";
/// The API path of memoQ under the server root.
pub const MEMOQ_API: &str = "/memoqserverhttpapi/v1";

/// The memoQ URL to give `tms`: the server root (the CLI adds the API path).
pub fn memoq_url(server: &MockServer) -> String {
    server.base_url()
}

/// The Memsource base URL to give `tms` (what stands for `…/web`).
pub fn memsource_url(server: &MockServer) -> String {
    server.base_url()
}

/// What a finished `tms` run printed.
#[derive(Debug)]
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Asserts success and returns stdout.
    pub fn ok(&self) -> &str {
        assert_eq!(self.code, Some(0), "tms failed: {}", self.stderr);
        &self.stdout
    }

    /// Asserts that no secret (password or any of `tokens`) was printed.
    pub fn assert_no_secret(&self, tokens: &[&str]) {
        for secret in [MEMOQ_PASSWORD, MEMSOURCE_PASSWORD].iter().chain(tokens) {
            assert!(
                !self.stdout.contains(secret) && !self.stderr.contains(secret),
                "{secret:?} printed: {self:?}"
            );
        }
    }
}

/// `tms` with no inherited credentials, caching in `cache`.
pub fn tms(cache: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_tms"));
    for var in [
        "MEMOQ_URL",
        "MEMOQ_USER",
        "MEMOQ_PASSWORD",
        "MEMSOURCE_URL",
        "MEMSOURCE_USER",
        "MEMSOURCE_PASSWORD",
        "MEMSOURCE_TOKEN",
    ] {
        cmd.env_remove(var);
    }
    cmd.env("TMS_CACHE_DIR", cache);
    cmd
}

/// `tms memoq …` logged in as the memoQ test user at `url`.
pub fn memoq(cache: &Path, url: &str, args: &[&str]) -> Run {
    let mut cmd = tms(cache);
    cmd.env("MEMOQ_URL", url)
        .env("MEMOQ_USER", MEMOQ_USER)
        .env("MEMOQ_PASSWORD", MEMOQ_PASSWORD)
        .arg("memoq")
        .args(args);
    run(cmd)
}

/// `tms memsource …` logged in as the Memsource test user at `url`.
pub fn memsource(cache: &Path, url: &str, args: &[&str]) -> Run {
    let mut cmd = tms(cache);
    cmd.env("MEMSOURCE_URL", url)
        .env("MEMSOURCE_USER", MEMSOURCE_USER)
        .env("MEMSOURCE_PASSWORD", MEMSOURCE_PASSWORD)
        .arg("memsource")
        .args(args);
    run(cmd)
}

/// Runs `cmd` to its end.
pub fn run(mut cmd: Command) -> Run {
    let out = cmd.output().expect("tms runs");
    Run {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The token cache files in `dir`.
pub fn cache_files(dir: &Path) -> Vec<PathBuf> {
    match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect(),
        Err(_) => Vec::new(),
    }
}

/// The one cache file's JSON.
pub fn cached(dir: &Path) -> serde_json::Value {
    let files = cache_files(dir);
    assert_eq!(files.len(), 1, "one cache entry: {files:?}");
    let text = std::fs::read(&files[0]).expect("readable");
    serde_json::from_slice(&text).expect("JSON")
}

/// A memoQ login mock handing out `t1`, `t2`, … for the test user; returns the login count.
pub fn memoq_logins(server: &MockServer) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    server.mock(|when, then| {
        when.method("POST")
            .path(format!("{MEMOQ_API}/auth/login"))
            .json_body_includes(format!(
                r#"{{"UserName":"{MEMOQ_USER}","Password":"{MEMOQ_PASSWORD}"}}"#
            ));
        then.respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst) + 1;
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(format!(
                    r#"{{"Name":"{MEMOQ_USER}","Sid":"s","AccessToken":"t{n}"}}"#
                ))
                .build()
        });
    });
    count
}

/// A memoQ `GET {path}` answering `status` with `body` to requests carrying `token`.
pub fn memoq_get<'a>(
    server: &'a MockServer,
    path: &str,
    token: &str,
    status: u16,
    body: &str,
) -> httpmock::Mock<'a> {
    server.mock(|when, then| {
        when.method("GET")
            .path(format!("{MEMOQ_API}{path}"))
            .header("authorization", format!("MQS-API {token}"));
        then.status(status)
            .header("content-type", "application/json")
            .body(body);
    })
}

/// memoQ's answer to an expired token.
pub const MEMOQ_EXPIRED: &str = r#"{"ErrorCode":"InvalidOrExpiredToken","Message":"Security token is invalid or has expired."}"#;

/// A Memsource v3 login mock handing out `m1`, `m2`, … valid 24 h from now; returns the count.
pub fn memsource_logins(server: &MockServer) -> Arc<AtomicUsize> {
    let count = Arc::new(AtomicUsize::new(0));
    let seen = count.clone();
    server.mock(|when, then| {
        when.method("POST")
            .path("/api2/v3/auth/login")
            .json_body_includes(format!(
                r#"{{"userName":"{MEMSOURCE_USER}","password":"{MEMSOURCE_PASSWORD}"}}"#
            ));
        then.respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst) + 1;
            let expires: chrono::DateTime<chrono::Utc> =
                (std::time::SystemTime::now() + std::time::Duration::from_secs(24 * 3600)).into();
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(format!(
                    r#"{{"token":"m{n}","expires":"{}"}}"#,
                    expires.format("%Y-%m-%dT%H:%M:%S+0000")
                ))
                .build()
        });
    });
    count
}
