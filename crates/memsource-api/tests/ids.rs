//! Typed uids and languages: a Language goes out in Memsource's spelling, created and listed
//! items hand out their uids without unwrapping, and an item without one is a protocol error.

mod support;

use memsource_api::Error;
use memsource_api::flows::JobImport;
use memsource_api::ids::{JobUid, ProjectUid};
use memsource_api::lang::{self, MemsourceCode};
use memsource_api::types::{AbstractProjectDtoV2, JobListDto, JobPartReference};
use memsource_api_httpmock::MockServerExt;

#[tokio::test]
async fn languages_and_uids_reach_the_wire_as_memsource_spells_them() {
    let (server, client) = support::logged_in().await;
    let german = lang::from_memoq("ger-DE").expect("known");
    let list = server.job_list(|when, then| {
        when.project_uid(&"pRoJ3ct".into())
            .target_lang(&MemsourceCode::from("de_de"));
        then.ok(&memsource_api::types::PageDtoJobPartReferenceV2::default());
    });
    let project = ProjectUid::from("pRoJ3ct");
    client
        .job_list()
        .project_uid(&project)
        .target_lang(german)
        .send()
        .await
        .expect("list");
    list.assert_async().await;
}

#[test]
fn created_items_hand_out_their_uids() {
    let project: AbstractProjectDtoV2 =
        serde_json::from_str(r#"{"uid": "pRoJ3ct", "sourceLang": "en"}"#).expect("decode");
    assert_eq!(
        project.project_uid().ok(),
        Some(ProjectUid::from("pRoJ3ct"))
    );
    assert_eq!(
        project.source_lang.as_ref().and_then(|c| c.language().ok()),
        lang::from_bcp47("en").ok()
    );
    match AbstractProjectDtoV2::default().project_uid() {
        Err(Error::Protocol(message)) => assert!(message.contains("project"), "{message}"),
        other => panic!("expected a protocol error, got {other:?}"),
    }
}

#[test]
fn an_import_lists_its_job_uids_or_says_which_is_missing() {
    let job = |uid: Option<&str>| JobPartReference {
        uid: uid.map(JobUid::from),
        ..Default::default()
    };
    let import = |jobs| JobImport {
        jobs: JobListDto {
            jobs: Some(jobs),
            ..Default::default()
        },
        outcome: memsource_api::async_requests::AsyncOutcome::TimedOut {
            elapsed: std::time::Duration::ZERO,
            polls: 0,
            last: None,
        },
    };
    let both = import(vec![job(Some("j1")), job(Some("j2"))]);
    assert_eq!(
        both.job_uids().ok(),
        Some(vec![JobUid::from("j1"), JobUid::from("j2")])
    );
    assert!(matches!(
        import(vec![job(Some("j1")), job(None)]).job_uids(),
        Err(Error::Protocol(_))
    ));
}

#[test]
fn uids_decode_from_numbers_and_codes_keep_unknown_values() {
    let job: JobPartReference =
        serde_json::from_str(r#"{"uid": 12345, "targetLang": "xx_yy"}"#).expect("decode");
    assert_eq!(job.job_uid().ok(), Some(JobUid::from("12345")));
    let code = job.target_lang.as_ref().expect("sent");
    assert_eq!(code, &"xx_yy");
    assert!(code.language().is_err());
    assert_eq!(
        serde_json::to_value(&job).expect("encode")["uid"],
        serde_json::json!("12345")
    );
}
