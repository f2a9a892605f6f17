//! Memsource projects through the real client: create, list with paging and a name filter,
//! get, patch, status, delete, and the vendor's errors for bad requests.

mod memsource_support;

use futures::TryStreamExt;
use memsource_api::enums::ProjectStatus;
use memsource_api::paging::all;
use memsource_api::{Error, ErrorCode, types};
use memsource_support::{client, token, url};
use tms_sandbox::Sandbox;
use tms_sandbox::memsource::SEED_PROJECT;

#[tokio::test]
async fn created_projects_list_in_pages_with_totals() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = client(&sandbox);
    for n in 1..=5 {
        let created = client
            .project_create()
            .body_map(|p| {
                p.name(format!("Batch {n}"))
                    .source_lang("en")
                    .target_langs(vec!["de".into(), "ja".into()])
            })
            .send()
            .await
            .expect("created")
            .into_inner();
        assert_eq!(created.name.as_deref(), Some(format!("Batch {n}").as_str()));
        assert_eq!(created.target_langs.map(|l| l.len()), Some(2));
    }
    let page = client
        .project_list()
        .name("batch")
        .page_size(2)
        .page_number(1)
        .send()
        .await
        .expect("page 1")
        .into_inner();
    assert_eq!(page.total_elements, Some(5));
    assert_eq!(page.total_pages, Some(3));
    assert_eq!((page.page_number, page.page_size), (Some(1), Some(2)));
    let names: Vec<_> = page
        .content
        .unwrap_or_default()
        .into_iter()
        .filter_map(|p| p.name)
        .collect();
    assert_eq!(names, ["Batch 3", "Batch 2"], "newest first");

    let everything: Vec<types::AbstractProjectDto> = all(2, |number, size| {
        client
            .project_list()
            .page_number(number)
            .page_size(size)
            .send()
    })
    .try_collect()
    .await
    .expect("every page");
    assert_eq!(everything.len(), 6, "five new and the seeded one");
    assert!(
        everything
            .iter()
            .any(|p| p.name.as_deref() == Some(SEED_PROJECT))
    );
    assert_eq!(sandbox.memsource().projects().len(), 6);
}

#[tokio::test]
async fn a_project_is_read_patched_set_and_deleted() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = client(&sandbox);
    let uid = memsource_support::seed_project(&sandbox);
    let project = client
        .project_get()
        .project_uid(&uid)
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(project.source_lang.as_deref(), Some("en"));
    let targets: Vec<String> = project
        .target_langs
        .unwrap_or_default()
        .into_iter()
        .map(String::from)
        .collect();
    assert_eq!(targets, ["de", "fr"]);

    let patched = client
        .project_patch()
        .project_uid(&uid)
        .body_map(|p| {
            p.name(Some("Renamed".to_owned()))
                .note(Some("a note".to_owned()))
        })
        .send()
        .await
        .expect("patch")
        .into_inner();
    assert_eq!(patched.name.as_deref(), Some("Renamed"));
    assert_eq!(patched.note.as_deref(), Some("a note"));

    client
        .project_set_status()
        .project_uid(&uid)
        .body_map(|s| s.status(ProjectStatus::Completed))
        .send()
        .await
        .expect("set status");
    let status = client
        .project_get()
        .project_uid(&uid)
        .send()
        .await
        .expect("get")
        .into_inner()
        .status;
    assert_eq!(status, Some(ProjectStatus::Completed));

    client
        .project_delete()
        .project_uid(&uid)
        .send()
        .await
        .expect("delete");
    let gone = Error::from(
        client
            .project_get()
            .project_uid(&uid)
            .send()
            .await
            .expect_err("deleted"),
    );
    assert_eq!(gone.status().map(|s| s.as_u16()), Some(404));
}

#[tokio::test]
async fn an_unknown_language_is_refused_with_invalid_arguments() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = client(&sandbox);
    let error = Error::from(
        client
            .project_create()
            .body_map(|p| {
                p.name("Klingon")
                    .source_lang("en")
                    .target_langs(vec!["tlh_xx".into()])
            })
            .send()
            .await
            .expect_err("unknown language"),
    );
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.code(), Some(ErrorCode::InvalidArguments));
    assert_eq!(sandbox.memsource().projects().len(), 1, "nothing created");
}

#[tokio::test]
async fn malformed_requests_get_the_vendor_error_shape_not_a_panic() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let token = token(&sandbox).await;
    let http = reqwest::Client::new();
    let cases = [
        ("v3/projects", "{not json"),
        ("v3/projects", r#"{"name": "no languages"}"#),
        (
            "v3/projects",
            r#"{"name": 7, "sourceLang": "en", "targetLangs": ["de"]}"#,
        ),
    ];
    for (path, body) in cases {
        let answer = http
            .post(url(&sandbox, path))
            .header("Authorization", format!("ApiToken {token}"))
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .expect("answered");
        assert_eq!(answer.status(), 400, "{body}");
        let error: serde_json::Value = answer.json().await.expect("vendor error JSON");
        assert_eq!(error["errorCode"], "InvalidArguments", "{body}");
        assert!(error["errorDescription"].is_string());
    }
    let too_big = http
        .get(format!("{}?pageSize=51", url(&sandbox, "v1/projects")))
        .header("Authorization", format!("ApiToken {token}"))
        .send()
        .await
        .expect("answered");
    assert_eq!(too_big.status(), 400);
    let error: serde_json::Value = too_big.json().await.expect("JSON");
    assert!(
        error["errorDescription"]
            .as_str()
            .is_some_and(|d| d.contains("Maximum value is: 50"))
    );
    let not_a_number = http
        .get(format!("{}?pageNumber=first", url(&sandbox, "v1/projects")))
        .header("Authorization", format!("ApiToken {token}"))
        .send()
        .await
        .expect("answered");
    assert_eq!(not_a_number.status(), 400);
}
