//! What the Memsource tests share: a logged-in client, raw requests with a token, a fast
//! polling schedule and a job upload.

#![allow(dead_code)]

use std::io::Cursor;
use std::time::Duration;

use memsource_api::flows::JobImport;
use memsource_api::upload::FileSource;
use memsource_api::{Client, Error, Login};
use tms_runtime::poll::PollSchedule;
use tms_sandbox::{MEMSOURCE_PASSWORD, MEMSOURCE_USER, Sandbox};

/// A client of the sandbox that logs in as the seeded project manager.
pub fn client(sandbox: &Sandbox) -> Client {
    Client::builder(sandbox.memsource_url())
        .login(Login::new(MEMSOURCE_USER, MEMSOURCE_PASSWORD))
        .build()
        .expect("the client builds")
}

/// Polls every 20 ms, for at most 10 s.
pub fn fast_polls() -> PollSchedule {
    PollSchedule {
        min_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(50),
        ..PollSchedule::new(Duration::from_secs(10))
    }
}

/// `{base}/web/api2/{path}`.
pub fn url(sandbox: &Sandbox, path: &str) -> String {
    format!("{}/api2/{path}", sandbox.memsource_url())
}

/// A token from a raw v3 login.
pub async fn token(sandbox: &Sandbox) -> String {
    let answer: serde_json::Value = reqwest::Client::new()
        .post(url(sandbox, "v3/auth/login"))
        .json(&serde_json::json!({ "userName": MEMSOURCE_USER, "password": MEMSOURCE_PASSWORD }))
        .send()
        .await
        .expect("login answered")
        .json()
        .await
        .expect("login JSON");
    answer["token"].as_str().expect("a token").to_owned()
}

/// The seeded project's uid.
pub fn seed_project(sandbox: &Sandbox) -> String {
    sandbox
        .memsource()
        .project_uid(tms_sandbox::memsource::SEED_PROJECT)
        .expect("the seeded project")
}

/// Uploads `bytes` as file `name` into `project` for `targets` and waits, polling fast, until
/// the import ended.
pub async fn upload(
    client: &Client,
    project: &str,
    name: &str,
    bytes: &[u8],
    targets: &[&str],
) -> Result<JobImport, Error> {
    client
        .upload_jobs(project)
        .file(FileSource::reader(name, Cursor::new(bytes.to_vec())))
        .targets(targets.iter().copied())
        .schedule(fast_polls())
        .await
}
