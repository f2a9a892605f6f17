//! One wire snapshot per operation: the exact request the client sends (method, path with its
//! version segment, query, headers, body), snapshotted as `wire__<operation>`. Each mock is
//! matched by the generated typed `When`, so the typed mocks and the client must agree on method
//! and path. A spec or generator change that alters a request shows up as a snapshot diff.

#![allow(non_snake_case)]

mod support;

use support::wire::{BINARY, JSON, json_body, wire};
use tms_testkit::Recorder;

use memsource_api::types;
use memsource_api::upload::{content_disposition, memsource_header};
use memsource_api_httpmock::MockServerExt;

wire!(auth_who_am_i, 200, JSON, "{}", |client| client
    .auth_who_am_i()
    .send());

wire!(auth_logout, 204, JSON, "", |client| client
    .auth_logout()
    .send());

wire!(async_request_list_pending, 200, JSON, "{}", |client| client
    .async_request_list_pending()
    .all(true)
    .page_number(0)
    .page_size(50)
    .send());

wire!(async_request_status, 200, JSON, "{}", |client| client
    .async_request_status()
    .send());

wire!(async_request_get, 200, JSON, "{}", |client| client
    .async_request_get()
    .async_request_id("123456")
    .send());

wire!(project_list, 200, JSON, "{}", |client| client
    .project_list()
    .name("Manuals")
    .name_or_internal_id("x")
    .client_id(7)
    .client_name("x")
    .business_unit_id(7)
    .business_unit_name("x")
    .statuses(vec!["NEW".to_string(), "COMPLETED".to_string()])
    .target_langs(vec!["de".into(), "ja".into()])
    .source_langs(vec!["de".into(), "ja".into()])
    .domain_id(7)
    .domain_name("x")
    .sub_domain_id(7)
    .sub_domain_name("x")
    .cost_center_id(7)
    .cost_center_name("x")
    .due_in_hours(7)
    .created_in_last_hours(7)
    .owner_id(7)
    .buyer_id(7)
    .job_statuses(vec!["NEW".to_string(), "COMPLETED".to_string()])
    .job_status_group("ACCEPTED")
    .include_archived(true)
    .archived_only(true)
    .page_number(0)
    .page_size(50)
    .send());

wire!(project_create, 201, JSON, "{}", |client| {
    client
        .project_create()
        .body(json_body::<types::CreateProjectV3Dto>(serde_json::json!({"name": "Manuals Q4", "sourceLang": "en", "targetLangs": ["de", "ja"], "dateDue": "2026-12-24T17:00:00Z", "note": "Ünïcode note"})))
        .send()
});

wire!(project_get, 200, JSON, "{}", |client| client
    .project_get()
    .project_uid("pRoJ3ct")
    .send());

wire!(project_patch, 200, JSON, "{}", |client| client
    .project_patch()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::PatchProjectDto>(serde_json::json!({})))
    .send());

wire!(project_delete, 204, JSON, "", |client| client
    .project_delete()
    .project_uid("pRoJ3ct")
    .purge(true)
    .send());

wire!(project_edit, 200, JSON, "{}", |client| client
    .project_edit()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::EditProjectV2Dto>(
        serde_json::json!({"name": "Manuals"})
    ))
    .send());

wire!(project_set_status, 204, JSON, "", |client| client
    .project_set_status()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::SetProjectStatusDto>(
        serde_json::json!({"status": "COMPLETED"})
    ))
    .send());

wire!(project_clone, 201, JSON, "{}", |client| client
    .project_clone()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::CloneProjectDto>(
        serde_json::json!({"name": "Manuals"})
    ))
    .send());

wire!(project_template_list, 200, JSON, "{}", |client| client
    .project_template_list()
    .name("Manuals")
    .client_id(7)
    .client_name("x")
    .owner_uid("x")
    .domain_name("x")
    .sub_domain_name("x")
    .cost_center_id(7)
    .cost_center_name("x")
    .business_unit_name("x")
    .sort("NAME")
    .direction("ASC")
    .page_number(0)
    .page_size(50)
    .send());

wire!(project_template_get, 200, JSON, "{}", |client| client
    .project_template_get()
    .project_template_uid("tMpl1")
    .send());

wire!(project_create_from_template, 201, JSON, "{}", |client| {
    client
        .project_create_from_template()
        .template_uid("tMpl1")
        .body(json_body::<types::CreateProjectFromTemplateV2Dto>(
            serde_json::json!({"name": "Manuals"}),
        ))
        .send()
});

wire!(
    project_create_from_template_async,
    202,
    JSON,
    "{}",
    |client| client
        .project_create_from_template_async()
        .template_uid("tMpl1")
        .body(json_body::<types::CreateProjectFromTemplateAsyncV2Dto>(
            serde_json::json!({"name": "Manuals"})
        ))
        .send()
);

wire!(job_create, 201, JSON, "{}", |client| {
    client
        .job_create()
        .project_uid("pRoJ3ct")
        .memsource(memsource_header(&serde_json::json!({"targetLangs":["de","ja"],"path":"Zürich/東京","callbackUrl":"https://hooks.example.com/memsource/jkl"})).expect("JSON"))
        .content_disposition(content_disposition("Zürich 東京.docx"))
        .body(reqwest::Body::from("file bytes \u{1F642}"))
        .send()
});

wire!(job_list, 200, JSON, "{}", |client| client
    .job_list()
    .project_uid("pRoJ3ct")
    .page_number(0)
    .page_size(50)
    .count(true)
    .workflow_level(7)
    .status(vec!["NEW".to_string(), "COMPLETED".to_string()])
    .assigned_user(7)
    .assigned_vendor(7)
    .due_in_hours(7)
    .filename("manual.docx")
    .target_lang("de")
    .send());

wire!(job_get, 200, JSON, "{}", |client| client
    .job_get()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .send());

wire!(job_update, 200, JSON, "{}", |client| client
    .job_update()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::JobPartUpdateSingleDto>(
        serde_json::json!({"status": "COMPLETED"})
    ))
    .send());

wire!(job_patch, 200, JSON, "{}", |client| client
    .job_patch()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::JobPartPatchSingleDto>(
        serde_json::json!({})
    ))
    .send());

wire!(job_set_status, 204, JSON, "", |client| {
    client
        .job_set_status()
        .project_uid("pRoJ3ct")
        .job_uid("j0bUid1")
        .body(json_body::<types::JobStatusChangeActionDto>(serde_json::json!({"requestedStatus": "COMPLETED", "notifyOwner": false, "propagateStatus": true})))
        .send()
});

wire!(job_delete_batch, 204, JSON, "", |client| client
    .job_delete_batch()
    .project_uid("pRoJ3ct")
    .purge(true)
    .body(json_body::<types::JobPartDeleteReferences>(
        serde_json::json!({"jobs": [{"uid": "j0bUid1"}, {"uid": "j0bUid2"}]})
    ))
    .send());

wire!(
    job_download_original,
    200,
    BINARY,
    "binary bytes",
    |client| client
        .job_download_original()
        .project_uid("pRoJ3ct")
        .job_uid("j0bUid1")
        .send()
);

wire!(job_export_target_file, 202, JSON, "{}", |client| client
    .job_export_target_file()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::TargetFileExportRequestDto>(
        serde_json::json!({"callbackUrl": "https://hooks.example.com/memsource/ghi"})
    ))
    .send());

wire!(
    job_download_target_file,
    200,
    BINARY,
    "binary bytes",
    |client| client
        .job_download_target_file()
        .project_uid("pRoJ3ct")
        .job_uid("j0bUid1")
        .async_request_id("123456")
        .format("ORIGINAL")
        .send()
);

wire!(job_pre_translate, 202, JSON, "{}", |client| {
    client
        .job_pre_translate()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::PreTranslateJobsV2Dto>(serde_json::json!({"jobs": [{"uid": "j0bUid1"}], "useProjectPreTranslateSettings": true, "callbackUrl": "https://hooks.example.com/memsource/abc"})))
        .send()
});

wire!(job_update_source, 200, JSON, "{}", |client| client
    .job_update_source()
    .project_uid("pRoJ3ct")
    .memsource(
        memsource_header(&serde_json::json!({"jobs":[{"uid":"j0bUid1"}],"preTranslate":true}))
            .expect("JSON")
    )
    .content_disposition(content_disposition("Zürich 東京.docx"))
    .body(reqwest::Body::from("file bytes \u{1F642}"))
    .send());

wire!(job_update_target, 202, JSON, "{}", |client| client
    .job_update_target()
    .project_uid("pRoJ3ct")
    .memsource(
        memsource_header(
            &serde_json::json!({"jobs":[{"uid":"j0bUid1"}],"propagateConfirmedToTm":true})
        )
        .expect("JSON")
    )
    .content_disposition(content_disposition("Zürich 東京.docx"))
    .body(reqwest::Body::from("file bytes \u{1F642}"))
    .send());

wire!(job_split, 200, JSON, "{}", |client| client
    .job_split()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::SplitJobActionDto>(serde_json::json!({})))
    .send());

wire!(job_segments, 200, JSON, "{}", |client| client
    .job_segments()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .begin_index(0)
    .end_index(99)
    .send());

wire!(analysis_create, 200, JSON, "{}", |client| {
    client
        .analysis_create()
        .body(json_body::<types::CreateAnalyseAsyncV2Dto>(serde_json::json!({"jobs": [{"uid": "j0bUid1"}, {"uid": "j0bUid2"}], "type": "PreAnalyse", "includeTransMemory": true, "callbackUrl": "https://hooks.example.com/memsource/def"})))
        .send()
});

wire!(analysis_get, 200, JSON, "{}", |client| client
    .analysis_get()
    .analyse_uid("aNa1")
    .send());

wire!(analysis_list_by_project, 200, JSON, "{}", |client| client
    .analysis_list_by_project()
    .project_uid("pRoJ3ct")
    .name("Manuals")
    .uid("x")
    .sort("NAME")
    .order("ASC")
    .only_owner_org(true)
    .page_number(0)
    .page_size(50)
    .send());

wire!(analysis_download, 200, BINARY, "binary bytes", |client| {
    client
        .analysis_download()
        .analyse_uid("aNa1")
        .format("JSON")
        .send()
});

wire!(tm_list, 200, JSON, "{}", |client| client
    .tm_list()
    .name("Manuals")
    .source_lang("en")
    .target_lang("de")
    .client_id("x")
    .domain_id("x")
    .sub_domain_id("x")
    .business_unit_id("x")
    .page_number(0)
    .page_size(50)
    .send());

wire!(tm_create, 201, JSON, "{}", |client| client
    .tm_create()
    .body(json_body::<types::TransMemoryCreateDto>(
        serde_json::json!({"name": "Manuals", "sourceLang": "en", "targetLangs": ["targetLangs"]})
    ))
    .send());

wire!(tm_get, 200, JSON, "{}", |client| client
    .tm_get()
    .trans_memory_uid("tM1uid")
    .send());

wire!(tm_update, 200, JSON, "{}", |client| client
    .tm_update()
    .trans_memory_uid("tM1uid")
    .body(json_body::<types::TransMemoryEditDto>(
        serde_json::json!({"name": "Manuals", "targetLangs": ["targetLangs"]})
    ))
    .send());

wire!(tm_delete, 204, JSON, "", |client| client
    .tm_delete()
    .trans_memory_uid("tM1uid")
    .purge(true)
    .send());

wire!(tm_import, 202, JSON, "{}", |client| client
    .tm_import()
    .trans_memory_uid("tM1uid")
    .content_disposition(content_disposition("Zürich 東京.docx"))
    .strict_lang_matching(true)
    .strip_native_codes(true)
    .body(reqwest::Body::from("file bytes \u{1F642}"))
    .send());

wire!(tm_export, 200, JSON, "{}", |client| client
    .tm_export()
    .trans_memory_uid("tM1uid")
    .body(json_body::<types::ExportTmDto>(serde_json::json!({})))
    .send());

wire!(tm_download_export, 200, BINARY, "binary bytes", |client| {
    client
        .tm_download_export()
        .async_request_id("123456")
        .format("TMX")
        .fields(vec!["SOURCE".to_string(), "TARGET".to_string()])
        .send()
});

wire!(tm_search, 200, JSON, "{}", |client| {
    client
        .tm_search()
        .trans_memory_uid("tM1uid")
        .body(json_body::<types::SearchRequestDto>(serde_json::json!({"query": "Turn the printer off.", "sourceLang": "en", "targetLangs": ["de"]})))
        .send()
});

wire!(tm_segment_insert, 204, JSON, "", |client| {
    client
        .tm_segment_insert()
        .trans_memory_uid("tM1uid")
        .body(json_body::<types::SegmentDto>(serde_json::json!({"targetLang": "de", "sourceSegment": "sourceSegment", "targetSegment": "targetSegment"})))
        .send()
});

wire!(tm_segment_delete, 204, JSON, "", |client| client
    .tm_segment_delete()
    .trans_memory_uid("tM1uid")
    .segment_id("s3gm3nt")
    .send());

wire!(tb_list, 200, JSON, "{}", |client| client
    .tb_list()
    .name("Manuals")
    .lang(vec!["de".into(), "ja".into()])
    .client_id("x")
    .domain_id("x")
    .sub_domain_id("x")
    .page_number(0)
    .page_size(50)
    .send());

wire!(tb_create, 200, JSON, "{}", |client| client
    .tb_create()
    .body(json_body::<types::TermBaseEditDto>(
        serde_json::json!({"name": "Manuals", "langs": ["langs"]})
    ))
    .send());

wire!(tb_get, 200, JSON, "{}", |client| client
    .tb_get()
    .term_base_uid("tB1uid")
    .send());

wire!(tb_search, 200, JSON, "{}", |client| client
    .tb_search()
    .term_base_uid("tB1uid")
    .body(json_body::<types::TermBaseSearchRequestDto>(
        serde_json::json!({"targetLangs": ["targetLangs"], "sourceLang": "en", "query": "query"})
    ))
    .send());

wire!(tb_term_create, 201, JSON, "{}", |client| client
    .tb_term_create()
    .term_base_uid("tB1uid")
    .body(json_body::<types::TermCreateDto>(
        serde_json::json!({"text": "text", "lang": "en"})
    ))
    .send());

wire!(tb_term_get, 200, JSON, "{}", |client| client
    .tb_term_get()
    .term_base_uid("tB1uid")
    .term_id("t3rm")
    .send());

wire!(tb_term_update, 200, JSON, "{}", |client| client
    .tb_term_update()
    .term_base_uid("tB1uid")
    .term_id("t3rm")
    .body(json_body::<types::TermEditDto>(
        serde_json::json!({"text": "text"})
    ))
    .send());

wire!(tb_term_delete, 204, JSON, "", |client| client
    .tb_term_delete()
    .term_base_uid("tB1uid")
    .term_id("t3rm")
    .send());

wire!(tb_export, 200, BINARY, "binary bytes", |client| client
    .tb_export()
    .term_base_uid("tB1uid")
    .format("XLSX")
    .charset("UTF-8")
    .term_status("APPROVED")
    .send());

wire!(user_list, 200, JSON, "{}", |client| client
    .user_list()
    .first_name("x")
    .last_name("x")
    .name("Manuals")
    .user_name("x")
    .email("x")
    .name_or_email("x")
    .role(vec!["PROJECT_MANAGER".to_string(), "LINGUIST".to_string()])
    .include_deleted(true)
    .sort(vec!["NAME".to_string()])
    .order(vec!["ASC".to_string()])
    .page_number(0)
    .page_size(50)
    .send());

wire!(user_get, 200, JSON, "{}", |client| client
    .user_get()
    .user_uid("uS3r")
    .send());

wire!(language_list, 200, JSON, "{}", |client| client
    .language_list()
    .active(true)
    .send());

/// The v3 login itself: no `Authorization` header, credentials (with org and 2FA code) in the
/// body, and the token kept for later calls.
#[tokio::test]
async fn auth_login_v3() {
    let server = httpmock::MockServer::start_async().await;
    let recorder = Recorder::default();
    let expires = chrono::DateTime::<chrono::Utc>::from(
        std::time::SystemTime::now() + std::time::Duration::from_secs(24 * 3600),
    );
    let answer = format!(
        r#"{{"token":"t0k3n","expires":"{}","user":{{"userName":"pm","uid":"u1","id":42}}}}"#,
        expires.format("%Y-%m-%dT%H:%M:%S+0000")
    );
    let mock = server.auth_login_v3(|_when, then| {
        then.into_inner()
            .respond_with(recorder.responder(200, JSON, answer.into_bytes()));
    });
    let client = memsource_api::Client::builder(server.base_url())
        .build()
        .expect("loopback");
    let info = client
        .login(
            &memsource_api::Login::new("pm", "secret")
                .user_uid("Xy12")
                .code("123456"),
        )
        .await
        .expect("login succeeds");
    mock.assert_async().await;
    assert!(client.is_logged_in());
    assert_eq!(
        info.expires
            .and_then(|t| t.to_utc())
            .map(|t| t.to_rfc3339()),
        Some(expires.format("%Y-%m-%dT%H:%M:%S+00:00").to_string())
    );
    let request = recorder.only();
    assert!(request.headers.iter().all(|(n, _)| n != "authorization"));
    insta::assert_yaml_snapshot!("auth_login_v3", request);
}

/// The v1 login, as the session sends it: no `Authorization` header, user name and password in
/// the body, the v1 path.
#[tokio::test]
async fn auth_login() {
    let server = httpmock::MockServer::start_async().await;
    let recorder = Recorder::default();
    let mock = server.auth_login(|_when, then| {
        then.into_inner().respond_with(recorder.responder(
            200,
            JSON,
            br#"{"token":"t0k3n"}"#.to_vec(),
        ));
    });
    let client = memsource_api::Client::builder(server.base_url())
        .build()
        .expect("loopback");
    client
        .login(&memsource_api::Login::new("userName", "secret").v1())
        .await
        .expect("login succeeds");
    mock.assert_async().await;
    let request = recorder.only();
    assert!(request.headers.iter().all(|(n, _)| n != "authorization"));
    insta::assert_yaml_snapshot!("auth_login", request);
}
