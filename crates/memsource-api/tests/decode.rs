//! Realistic Memsource payloads (field sets from the vendor notes) decode into the generated
//! types, are snapshotted as the Rust values they became, and re-encode without losing a field —
//! including every quirk that broke other generated clients: `Z`/`+00:00`/`+0000` date-times,
//! ids as strings or numbers, async actions, statuses and roles a newer server adds, the
//! recursive `parent`, and `errorDesc` (not `errorDescription`) in async responses.

use memsource_api::enums::{AsyncRequestAction, JobStatus, ProjectStatus, ProviderType, UserRole};
use memsource_api::{Page, types};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn decode<T: DeserializeOwned + Serialize + std::fmt::Debug>(name: &str) -> T {
    let decoded: T = tms_testkit::decode_round_trip(env!("CARGO_MANIFEST_DIR"), name);
    insta::assert_debug_snapshot!(name, decoded);
    decoded
}

#[test]
fn login_response_v3() {
    let login: types::LoginResponseV3Dto = decode("login_response_v3");
    // `+0000` is not RFC 3339, yet it reads as the same instant as `Z`.
    let expires = login.expires.and_then(|t| t.to_utc()).expect("readable");
    assert_eq!(expires.to_rfc3339(), "2026-11-26T20:00:00+00:00");
    assert_eq!(
        login.user.and_then(|u| u.role),
        Some(UserRole::ProjectManager)
    );
}

#[test]
fn async_request_pending() {
    let request: types::AsyncRequestDto = decode("async_request_pending");
    assert_eq!(request.id.as_ref().map(|id| id.as_str()), Some("123456"));
    assert_eq!(request.action, Some(AsyncRequestAction::ImportJob));
    assert!(request.async_response.is_none(), "not finished yet");
}

#[test]
fn async_request_finished_with_warnings() {
    let request: types::AsyncRequestDto = decode("async_request_finished_with_warnings");
    let response = request.async_response.expect("finished");
    assert_eq!(response.error_code, None);
    assert_eq!(response.warnings.map(|w| w.len()), Some(1));
    let parent = request.parent.expect("recursive parent decodes");
    assert_eq!(parent.action, Some(AsyncRequestAction::ImportJob));
}

#[test]
fn async_request_failed() {
    let request: types::AsyncRequestDto = decode("async_request_failed");
    let response = request.async_response.expect("finished");
    assert_eq!(response.error_code.as_deref(), Some("TmExportFailed"));
    assert_eq!(
        response.error_desc.as_deref(),
        Some("Export of the translation memory failed")
    );
}

#[test]
fn async_request_unknown_action() {
    let request: types::AsyncRequestDto = decode("async_request_unknown_action");
    assert_eq!(
        request.action,
        Some(AsyncRequestAction::Unknown("SEMANTIC_ALIGN_V9".into()))
    );
}

#[test]
fn callback_async_request() {
    // Callback bodies carry the ids as JSON numbers.
    let request: types::AsyncRequestDto = decode("callback_async_request");
    assert_eq!(request.id.as_ref().map(|id| id.as_str()), Some("123460"));
    let parent = request.parent.expect("parent");
    assert_eq!(parent.id.as_ref().map(|id| id.as_str()), Some("123456"));
}

#[test]
fn job_list_created() {
    let list: types::JobListDto = decode("job_list_created");
    let jobs = list.jobs.unwrap_or_default();
    assert_eq!(jobs.len(), 2, "one job per target language");
    assert_eq!(jobs[0].status, Some(JobStatus::New));
    let providers: Vec<_> = jobs
        .iter()
        .flat_map(|j| j.providers.clone().unwrap_or_default())
        .map(|p| (p.type_, p.id.map(|id| id.to_string())))
        .collect();
    assert_eq!(
        providers,
        [
            (Some(ProviderType::Vendor), Some("7".to_owned())),
            (Some(ProviderType::User), Some("1024".to_owned())),
        ]
    );
    assert_eq!(
        list.async_request.and_then(|r| r.action),
        Some(AsyncRequestAction::ImportJob)
    );
}

#[test]
fn page_of_projects() {
    let page: types::PageDtoAbstractProjectDto = decode("page_of_projects");
    assert!(!page.has_next());
    let roles: Vec<_> = page.items().iter().map(|p| p.user_role.clone()).collect();
    assert_eq!(
        roles,
        [
            Some(UserRole::ProjectManager),
            Some(UserRole::Vendor),
            Some(UserRole::Unknown("QUALITY_REVIEWER".into())),
        ]
    );
    // A caller matches on the role to read the role-specific fields.
    for project in page.items() {
        match &project.user_role {
            Some(UserRole::Vendor) => assert!(project.buyer.is_some()),
            Some(UserRole::ProjectManager) => assert!(project.owner.is_some()),
            _ => {}
        }
    }
    assert_eq!(
        page.items()[2].status,
        Some(ProjectStatus::Unknown("ON_HOLD".into()))
    );
}

#[test]
fn error_response() {
    let error: types::ErrorResponse = decode("error_response");
    assert_eq!(error.error_code.as_deref(), Some("NOT_UNIQUE_TARGET_LANG"));
    assert_eq!(error.error_details.map(|d| d.len()), Some(1));
}

#[test]
fn analyses_created() {
    let created: types::AsyncAnalyseListResponseV2Dto = decode("analyses_created");
    assert_eq!(created.async_requests.map(|r| r.len()), Some(1));
}

#[test]
fn languages() {
    let list: types::LanguageListDto = decode("languages");
    assert_eq!(list.languages.map(|l| l.len()), Some(2));
}

#[test]
fn async_status() {
    let status: types::AsyncRequestStatusDto = decode("async_status");
    let concurrent = status.concurrent_requests.expect("present");
    assert_eq!((concurrent.limit, concurrent.count), (Some(200), Some(3)));
}
