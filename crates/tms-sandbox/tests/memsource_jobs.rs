//! Memsource jobs through the real client: upload with a non-ASCII file name to two target
//! languages, wait for the import by polling, list, download the original, export and download
//! the target, and the refusals (oversized upload, wrong target language).

mod memsource_support;

use std::time::Duration;

use memsource_api::{Error, ErrorCode};
use memsource_support::{client, fast_polls, seed_project, token, upload, url};
use tms_sandbox::{Sandbox, SandboxConfig};

const NAME: &str = "Zürich 東京 📄.txt";
const TEXT: &str = "Hello world. How are you?\nSave the file!\n";

fn quick() -> SandboxConfig {
    SandboxConfig {
        async_delay: Duration::from_millis(50),
        ..Default::default()
    }
}

#[tokio::test]
async fn an_upload_makes_one_job_per_target_with_the_decoded_name() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let client = client(&sandbox);
    let project = seed_project(&sandbox);
    let import = upload(&client, &project, NAME, TEXT.as_bytes(), &["de", "fr"])
        .await
        .expect("uploaded and imported");
    assert!(import.outcome.is_finished(), "{:?}", import.outcome);
    let jobs = import.jobs.jobs.clone().unwrap_or_default();
    assert_eq!(jobs.len(), 2);
    let mut targets: Vec<String> = jobs
        .iter()
        .filter_map(|j| j.target_lang.clone().map(String::from))
        .collect();
    targets.sort();
    assert_eq!(targets, ["de", "fr"]);
    assert!(jobs.iter().all(|j| j.filename.as_deref() == Some(NAME)));

    let listed = client
        .job_list()
        .project_uid(project.as_str())
        .send()
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.total_elements, Some(2));
    assert!(
        listed
            .content
            .unwrap_or_default()
            .iter()
            .all(|j| j.imported == Some(true) && j.filename.as_deref() == Some(NAME))
    );
    assert_eq!(sandbox.memsource().jobs(&project).len(), 2);

    let job = import.job_uids().expect("uids")[0].clone();
    let detail = client
        .job_get()
        .project_uid(project.as_str())
        .job_uid(&job)
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(
        detail.words_count,
        Some(8),
        "Hello world. How are you? Save the file!"
    );
    let original = client
        .job_download_original()
        .project_uid(project.as_str())
        .job_uid(&job)
        .send()
        .await
        .expect("original");
    let disposition = original
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
        .expect("a file name");
    assert!(
        disposition.starts_with("attachment; filename*=UTF-8''Z%C3%BCrich"),
        "{disposition}"
    );
    let mut bytes = Vec::new();
    memsource_api::upload::download_to(original.into_inner(), &mut bytes)
        .await
        .expect("downloaded");
    assert_eq!(bytes, TEXT.as_bytes());
}

#[tokio::test]
async fn a_target_export_downloads_the_pseudo_translation() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let client = client(&sandbox);
    let project = seed_project(&sandbox);
    let import = upload(&client, &project, "a.txt", TEXT.as_bytes(), &["de"])
        .await
        .expect("imported");
    let job = import.job_uids().expect("uids")[0].clone();
    let mut file = Vec::new();
    let export = client
        .export_target(project.as_str(), &job)
        .to_writer(&mut file)
        .schedule(fast_polls())
        .await
        .expect("exported");
    assert!(export.outcome.is_finished());
    assert_eq!(
        String::from_utf8(file).expect("text"),
        "[de] Hello world. How are you?\n[de] Save the file!\n"
    );
    assert_eq!(export.written, 51);
}

#[tokio::test]
async fn an_oversized_upload_is_refused_with_413_and_creates_nothing() {
    let sandbox = Sandbox::start_with(SandboxConfig {
        max_body: 1024,
        ..quick()
    })
    .await
    .expect("sandbox starts");
    let client = client(&sandbox);
    let project = seed_project(&sandbox);
    let error = upload(&client, &project, "big.txt", &[b'a'; 4096], &["de"])
        .await
        .expect_err("too big");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(413), "{error:?}");
    assert!(sandbox.memsource().jobs(&project).is_empty());
    assert!(sandbox.memsource().async_requests().is_empty());
}

#[tokio::test]
async fn a_target_language_outside_the_project_is_a_job_create_error() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let client = client(&sandbox);
    let project = seed_project(&sandbox);
    let error = upload(&client, &project, "a.txt", b"Hi.", &["ja"])
        .await
        .expect_err("ja is not a target of the project");
    assert_eq!(error.code(), Some(ErrorCode::JobCreateError), "{error:?}");
    assert!(sandbox.memsource().jobs(&project).is_empty());
}

#[tokio::test]
async fn a_broken_content_disposition_or_memsource_header_is_refused() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let token = token(&sandbox).await;
    let project = seed_project(&sandbox);
    let http = reqwest::Client::new();
    let cases = [
        (
            "attachment; filename*=UTF-8''%E6%9D",
            r#"{"targetLangs":["de"]}"#,
        ),
        (
            "attachment; filename*=UTF-8''ok.txt",
            r#"{"targetLangs":"de""#,
        ),
        (
            "attachment; filename*=UTF-8''ok.txt",
            r#"{"targetLangs":[]}"#,
        ),
    ];
    for (disposition, meta) in cases {
        let answer = http
            .post(url(&sandbox, &format!("v1/projects/{project}/jobs")))
            .header("Authorization", format!("ApiToken {token}"))
            .header("Content-Disposition", disposition)
            .header("Memsource", meta)
            .body("Hello.")
            .send()
            .await
            .expect("answered");
        assert_eq!(answer.status(), 400, "{disposition} {meta}");
        let body: serde_json::Value = answer.json().await.expect("vendor error JSON");
        assert_eq!(body["errorCode"], "InvalidArguments");
    }
    assert!(sandbox.memsource().jobs(&project).is_empty());
}

#[tokio::test]
async fn jobs_are_patched_and_deleted_in_a_batch() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let client = client(&sandbox);
    let project = seed_project(&sandbox);
    let import = upload(&client, &project, "a.txt", b"One. Two.", &["de", "fr"])
        .await
        .expect("imported");
    let uids = import.job_uids().expect("uids");
    let patched = client
        .job_patch()
        .project_uid(project.as_str())
        .job_uid(&uids[0])
        .body_map(|b| b.status(Some(memsource_api::enums::JobStatus::Accepted)))
        .send()
        .await
        .expect("patched")
        .into_inner();
    assert_eq!(
        patched.status,
        Some(memsource_api::enums::JobStatus::Accepted)
    );
    client
        .job_delete_batch()
        .project_uid(project.as_str())
        .body_map(|b| {
            b.jobs(vec![memsource_api::types::UidReference {
                uid: Some(uids[1].to_string()),
            }])
        })
        .send()
        .await
        .expect("deleted");
    let left = sandbox.memsource().jobs(&project);
    assert_eq!(left.len(), 1);
    let missing = Error::from(
        client
            .job_get()
            .project_uid(project.as_str())
            .job_uid(&uids[1])
            .send()
            .await
            .expect_err("deleted"),
    );
    assert_eq!(missing.status().map(|s| s.as_u16()), Some(404));
}
