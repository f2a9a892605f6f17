//! One wire snapshot per pipeline operation (workflow, jobs, project resources, project
//! templates, webhooks, QA): the exact request the client sends (method, path with its version
//! segment, query, headers, body), snapshotted as `wire_pipeline_a__<operation>`. Each mock is
//! matched by the generated typed `When`, so the typed mocks and the client must agree on method
//! and path. Same harness as `wire.rs`.

#![allow(non_snake_case)]

mod support;

use support::wire::{BINARY, JSON, json_body, wire};

use memsource_api::enums::{WebhookEvent, WebhookStatus};
use memsource_api::types;
use memsource_api::upload::{content_disposition, memsource_header};
use memsource_api_httpmock::MockServerExt;
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Workflow
// ---------------------------------------------------------------------------------------------

wire!(workflow_step_list, 200, JSON, "{}", |client| client
    .workflow_step_list()
    .page_number(0)
    .page_size(50)
    .sort("ORDER")
    .order("DESC")
    .name("Translation")
    .abbr("T")
    .send());

wire!(workflow_step_create, 201, JSON, "{}", |client| client
    .workflow_step_create()
    .body(json_body::<types::CreateWorkflowStepDto>(
        json!({"name": "Proofreading", "abbr": "P", "order": 3, "lqaEnabled": true})
    ))
    .send());

wire!(workflow_step_update, 200, JSON, "{}", |client| client
    .workflow_step_update()
    .workflow_step_uid("wFsTeP1")
    .body(json_body::<types::EditWorkflowStepDto>(
        json!({"name": "Révision"})
    ))
    .send());

wire!(project_workflow_step_list, 200, JSON, "{}", |client| client
    .project_workflow_step_list()
    .project_uid("pRoJ3ct")
    .with_assigned_jobs(true)
    .send());

wire!(project_workflow_step_add, 204, JSON, "", |client| client
    .project_workflow_step_add()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::AddWorkflowStepsDto>(
        json!({"workflowSteps": [{"id": "7"}, {"id": "8"}]})
    ))
    .send());

wire!(job_workflow_step_get, 200, JSON, "{}", |client| client
    .job_workflow_step_get()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .send());

wire!(additional_workflow_step_list, 200, JSON, "{}", |client| {
    client
        .additional_workflow_step_list()
        .page_number(1)
        .page_size(20)
        .name("DTP")
        .send()
});

wire!(additional_workflow_step_create, 201, JSON, "{}", |client| {
    client
        .additional_workflow_step_create()
        .body(json_body::<types::AdditionalWorkflowStepRequestDto>(
            json!({"name": "DTP"}),
        ))
        .send()
});

wire!(additional_workflow_step_delete, 204, JSON, "", |client| {
    client.additional_workflow_step_delete().id("42").send()
});

wire!(user_workflow_step_list, 200, JSON, "{}", |client| client
    .user_workflow_step_list()
    .user_uid("uS3r")
    .status(vec!["NEW".to_string(), "ACCEPTED".to_string()])
    .project_uid("pRoJ3ct")
    .target_lang(vec!["de".into(), "pt_br".into()])
    .due_in_hours(-1)
    .filename("manual.docx")
    .page_number(0)
    .page_size(50)
    .send());

wire!(
    workflow_changes_download,
    200,
    BINARY,
    "report bytes",
    |client| client
        .workflow_changes_download()
        .body(json_body::<types::WorkflowChangesDto>(
            json!({"jobs": [{"uid": "j0bUid1"}]})
        ))
        .send()
);

// ---------------------------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------------------------

wire!(job_patch_batch, 200, JSON, "{}", |client| client
    .job_patch_batch()
    .body(json_body::<types::JobPartPatchBatchDto>(json!({
        "jobs": [{"uid": "j0bUid1"}, {"uid": "j0bUid2"}],
        "status": "ACCEPTED",
        "clearDateDue": true,
        "providers": [{"type": "VENDOR", "id": "7"}]
    })))
    .send());

wire!(job_update_batch, 200, JSON, "{}", |client| client
    .job_update_batch()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::JobPartUpdateBatchDto>(json!({
        "jobs": [{"uid": "j0bUid1"}],
        "status": "COMPLETED",
        "dateDue": "2026-12-24T17:00:00Z",
        "providers": [{"type": "USER", "id": "1024"}]
    })))
    .send());

wire!(job_status_changes, 200, JSON, "{}", |client| client
    .job_status_changes()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .send());

wire!(job_search, 200, JSON, "{}", |client| client
    .job_search()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::SearchJobsRequestDto>(
        json!({"jobs": [{"uid": "j0bUid1"}, {"uid": "j0bUid2"}]})
    ))
    .send());

wire!(job_notify_assigned, 204, JSON, "", |client| client
    .job_notify_assigned()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::NotifyJobPartsRequestDto>(json!({
        "jobs": [{"uid": "j0bUid1"}],
        "emailTemplate": {"id": "3"},
        "cc": ["pm@example.com"],
        "bcc": ["audit@example.com"]
    })))
    .send());

wire!(job_target_file_warnings, 200, JSON, "{}", |client| client
    .job_target_file_warnings()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .send());

wire!(job_segments_count, 200, JSON, "{}", |client| client
    .job_segments_count()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::JobPartReadyReferences>(
        json!({"jobs": [{"uid": "j0bUid1"}]})
    ))
    .send());

wire!(user_job_list, 200, JSON, "{}", |client| client
    .user_job_list()
    .user_uid("uS3r")
    .status(vec!["NEW".to_string()])
    .project_uid("pRoJ3ct")
    .target_lang(vec!["de".into()])
    .workflow_step_id(7)
    .due_in_hours(48)
    .filename("manual.docx")
    .page_number(2)
    .page_size(10)
    .send());

wire!(
    job_bilingual_file_download,
    200,
    BINARY,
    "mxliff bytes",
    |client| client
        .job_bilingual_file_download()
        .project_uid("pRoJ3ct")
        .format("DOCX")
        .preview(false)
        .body(json_body::<types::GetBilingualFileDto>(
            json!({"jobs": [{"uid": "j0bUid1"}, {"uid": "j0bUid2"}]})
        ))
        .send()
);

wire!(bilingual_file_upload, 200, JSON, "{}", |client| client
    .bilingual_file_upload()
    .format("MXLF")
    .save_to_trans_memory("All")
    .set_completed(true)
    .body(reqwest::Body::from("<xliff/>"))
    .send());

wire!(bilingual_file_compare, 200, JSON, "{}", |client| client
    .bilingual_file_compare()
    .workflow_level(2)
    .body(reqwest::Body::from("<xliff/>"))
    .send());

wire!(
    bilingual_file_convert,
    200,
    BINARY,
    "docx bytes",
    |client| client
        .bilingual_file_convert()
        .from("MXLF")
        .to("DOCX")
        .body(reqwest::Body::from("<xliff/>"))
        .send()
);

wire!(
    bilingual_file_preview,
    200,
    BINARY,
    "preview bytes",
    |client| client
        .bilingual_file_preview()
        .body(reqwest::Body::from("<xliff/>"))
        .send()
);

wire!(job_export_to_repository, 200, JSON, "{}", |client| client
    .job_export_to_repository()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::JobExportActionDto>(
        json!({"jobs": [{"uid": "j0bUid1"}]})
    ))
    .send());

wire!(job_web_editor_link, 200, JSON, "{}", |client| client
    .job_web_editor_link()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::CreateWebEditorLinkDtoV2>(
        json!({"jobs": [{"uid": "j0bUid1"}]})
    ))
    .send());

wire!(
    job_preview_download,
    200,
    BINARY,
    "preview bytes",
    |client| client
        .job_preview_download()
        .project_uid("pRoJ3ct")
        .job_uid("j0bUid1")
        .send()
);

wire!(
    job_preview_from_bilingual_file,
    200,
    BINARY,
    "preview bytes",
    |client| client
        .job_preview_from_bilingual_file()
        .project_uid("pRoJ3ct")
        .job_uid("j0bUid1")
        .body(reqwest::Body::from("<xliff/>"))
        .send()
);

wire!(job_preview_urls, 200, JSON, "{}", |client| client
    .job_preview_urls()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .workflow_level(2)
    .send());

wire!(
    project_pre_translate_settings_get,
    200,
    JSON,
    "{}",
    |client| client
        .project_pre_translate_settings_get()
        .project_uid("pRoJ3ct")
        .send()
);

wire!(
    project_pre_translate_settings_update,
    200,
    JSON,
    "{}",
    |client| {
        client
    .project_pre_translate_settings_update()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::PreTranslateSettingsV3Dto>(json!({
        "preTranslateOnJobCreation": true,
        "translationMemorySettings": {"useTranslationMemory": true, "translationMemoryThreshold": 0.75},
        "machineTranslationSettings": {"useMachineTranslation": true, "mtForTMAbove100": false},
        "nonTranslatableSettings": {"preTranslateNonTranslatables": true},
        "repetitionsSettings": {"autoPropagateRepetitions": true}
    })))
    .send()
    }
);

wire!(job_compare, 200, JSON, "{}", |client| client
    .job_compare()
    .project_uid("pRoJ3ct")
    .at_workflow_level(1)
    .with_workflow_level(2)
    .body(json_body::<types::JobPartReadyReferences>(
        json!({"jobs": [{"uid": "j0bUid1"}]})
    ))
    .send());

wire!(job_copy_source_to_target_batch, 204, JSON, "", |client| {
    client
        .job_copy_source_to_target_batch()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::JobPartReadyReferences>(
            json!({"jobs": [{"uid": "j0bUid1"}]}),
        ))
        .send()
});

wire!(job_copy_source_to_target, 204, JSON, "", |client| client
    .job_copy_source_to_target()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .send());

wire!(job_human_translate, 200, JSON, "{}", |client| client
    .job_human_translate()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::HumanTranslateJobsDto>(json!({
        "jobs": [{"uid": "j0bUid1"}],
        "humanTranslateSettings": {"id": "12"},
        "comment": "Ünïcode comment",
        "level": "PRO",
        "callbackUrl": "https://hooks.example.com/memsource/ht"
    })))
    .send());

wire!(job_delete_translations, 204, JSON, "", |client| client
    .job_delete_translations()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::JobPartReadyReferences>(
        json!({"jobs": [{"uid": "j0bUid1"}]})
    ))
    .send());

wire!(job_delete_translations_v2, 204, JSON, "", |client| client
    .job_delete_translations_v2()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::JobPartReadyDeleteTranslationDto>(
        json!({
            "forAllJobs": true,
            "workflowLevel": 2,
            "deleteSettings": {"confirmed": false, "locked": false},
            "filter": {"statuses": ["NEW"], "targetLang": "de", "overdue": true}
        })
    ))
    .send());

wire!(job_pseudo_translate, 204, JSON, "", |client| client
    .job_pseudo_translate()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::PseudoTranslateActionDto>(json!({
        "prefix": "[", "suffix": "]", "length": 1.3,
        "substitution": [{"source": "a", "target": "á"}]
    })))
    .send());

wire!(job_pseudo_translate_batch, 204, JSON, "", |client| client
    .job_pseudo_translate_batch()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::PseudoTranslateWrapperDto>(json!({
        "jobParts": {"jobs": [{"uid": "j0bUid1"}]},
        "pseudoTranslate": {"replacement": "x", "keyHashPrefixLen": 4}
    })))
    .send());

wire!(job_translation_resources, 200, JSON, "{}", |client| client
    .job_translation_resources()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .send());

wire!(
    job_handover_file_download,
    200,
    BINARY,
    "zip bytes",
    |client| client
        .job_handover_file_download()
        .project_uid("pRoJ3ct")
        .job_uid(vec!["j0bUid1".into(), "j0bUid2".into()])
        .send()
);

wire!(job_handover_file_upload, 200, JSON, "{}", |client| client
    .job_handover_file_upload()
    .project_uid("pRoJ3ct")
    .memsource(memsource_header(&json!({"jobs": [{"uid": "j0bUid1"}]})).expect("JSON"))
    .content_disposition(content_disposition("Übergabe.pdf"))
    .body(reqwest::Body::from("handover bytes"))
    .send());

wire!(job_handover_file_delete, 204, JSON, "", |client| client
    .job_handover_file_delete()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::JobPartReferences>(
        json!({"jobs": [{"uid": "j0bUid1"}]})
    ))
    .send());

wire!(job_provider_suggest, 200, JSON, "{}", |client| client
    .job_provider_suggest()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .send());

// ---------------------------------------------------------------------------------------------
// Project resources
// ---------------------------------------------------------------------------------------------

wire!(project_trans_memory_list, 200, JSON, "{}", |client| client
    .project_trans_memory_list()
    .project_uid("pRoJ3ct")
    .target_lang("de")
    .wf_step_uid("wFsTeP1")
    .send());

wire!(project_trans_memory_set, 200, JSON, "{}", |client| {
    client
    .project_trans_memory_set()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::SetProjectTransMemoriesV3Dto>(json!({
        "dataPerContext": [{
            "transMemories": [{"transMemory": {"uid": "tMuid1"}, "readMode": true, "writeMode": true, "penalty": 0, "order": 1}],
            "targetLang": "de",
            "workflowStep": {"uid": "wFsTeP1"},
            "orderEnabled": true
        }]
    })))
    .send()
});

wire!(project_term_base_list, 200, JSON, "{}", |client| client
    .project_term_base_list()
    .project_uid("pRoJ3ct")
    .send());

wire!(project_term_base_set, 200, JSON, "{}", |client| client
    .project_term_base_set()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::SetTermBaseDto>(json!({
        "readTermBases": [{"id": "41"}, {"id": "42"}],
        "writeTermBase": {"id": "41"},
        "qualityAssuranceTermBases": [{"id": "42"}],
        "targetLang": "de"
    })))
    .send());

wire!(
    project_trans_memory_relevant_list,
    200,
    JSON,
    "{}",
    |client| client
        .project_trans_memory_relevant_list()
        .project_uid("pRoJ3ct")
        .name("Main")
        .domain_name("Legal")
        .client_name("ACME")
        .sub_domain_name("Contracts")
        .target_langs(vec!["de".into(), "fr".into()])
        .strict_lang_matching(true)
        .page_number(0)
        .page_size(50)
        .send()
);

wire!(project_term_base_relevant_list, 200, JSON, "{}", |client| {
    client
        .project_term_base_relevant_list()
        .project_uid("pRoJ3ct")
        .name("Glossary")
        .domain_name("Legal")
        .client_name("ACME")
        .sub_domain_name("Contracts")
        .target_langs(vec!["de".into()])
        .strict_lang_matching(false)
        .page_number(0)
        .page_size(50)
        .send()
});

wire!(project_target_lang_add, 204, JSON, "", |client| client
    .project_target_lang_add()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::AddTargetLangDto>(
        json!({"targetLangs": ["fr", "it"]})
    ))
    .send());

wire!(project_provider_list, 200, JSON, "{}", |client| client
    .project_provider_list()
    .project_uid("pRoJ3ct")
    .provider_name("Jane")
    .page_number(0)
    .page_size(50)
    .send());

wire!(project_provider_suggest, 200, JSON, "{}", |client| client
    .project_provider_suggest()
    .project_uid("pRoJ3ct")
    .send());

wire!(
    project_assign_providers_from_template,
    200,
    JSON,
    "{}",
    |client| client
        .project_assign_providers_from_template()
        .project_uid("pRoJ3ct")
        .template_uid("tMpl1")
        .send()
);

wire!(
    project_assign_providers_from_template_to_jobs,
    200,
    JSON,
    "{}",
    |client| client
        .project_assign_providers_from_template_to_jobs()
        .project_uid("pRoJ3ct")
        .template_uid("tMpl1")
        .body(json_body::<types::JobPartReferences>(
            json!({"jobs": [{"uid": "j0bUid1"}]})
        ))
        .send()
);

wire!(project_assign_vendor, 204, JSON, "", |client| client
    .project_assign_vendor()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::AssignVendorDto>(
        json!({"vendor": {"id": "7"}, "dateDue": "2026-12-24T17:00:00Z"})
    ))
    .send());

wire!(
    project_assignable_template_list,
    200,
    JSON,
    "{}",
    |client| client
        .project_assignable_template_list()
        .project_uid("pRoJ3ct")
        .send()
);

wire!(project_access_settings_get, 200, JSON, "{}", |client| {
    client
        .project_access_settings_get()
        .project_uid("pRoJ3ct")
        .send()
});

wire!(project_access_settings_update, 200, JSON, "{}", |client| {
    client
        .project_access_settings_update()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::EditProjectSecuritySettingsDtoV2>(
            json!({
                "downloadEnabled": true,
                "triggerWebhooks": true,
                "vendors": {"jobVendorsMayUploadReferences": true},
                "allowedDomains": ["example.com"]
            }),
        ))
        .send()
});

wire!(
    project_file_naming_settings_get,
    200,
    JSON,
    "{}",
    |client| client
        .project_file_naming_settings_get()
        .project_uid("pRoJ3ct")
        .send()
);

wire!(
    project_file_naming_settings_update,
    200,
    JSON,
    "{}",
    |client| client
        .project_file_naming_settings_update()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::FileNamingSettingsDto>(json!({
            "renameCompleted": true,
            "completedFilePattern": "{filename}_{targetLang}",
            "targetFolderPath": "out/{targetLang}"
        })))
        .send()
);

wire!(project_financial_settings_get, 200, JSON, "{}", |client| {
    client
        .project_financial_settings_get()
        .project_uid("pRoJ3ct")
        .send()
});

wire!(
    project_financial_settings_update,
    200,
    JSON,
    "{}",
    |client| client
        .project_financial_settings_update()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::SetFinancialSettingsDto>(
            json!({"netRateScheme": {"id": "5"}, "priceList": {"id": "9"}})
        ))
        .send()
);

wire!(project_analyse_settings_get, 200, JSON, "{}", |client| {
    client
        .project_analyse_settings_get()
        .project_uid("pRoJ3ct")
        .send()
});

wire!(project_reference_list, 200, JSON, "{}", |client| client
    .project_reference_list()
    .project_uid("pRoJ3ct")
    .filename("style.pdf")
    .date_created_since("2024-01-01T00:00:00Z")
    .created_by("uS3r")
    .page_number(0)
    .page_size(50)
    .sort("FILENAME")
    .order("ASC")
    .send());

wire!(project_reference_create, 201, JSON, "{}", |client| client
    .project_reference_create()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::CreateReferenceFileNoteDto>(
        json!({"note": "Use the formal address (Sie) throughout."})
    ))
    .send());

wire!(project_reference_delete_batch, 204, JSON, "", |client| {
    client
        .project_reference_delete_batch()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::ProjectReferenceFilesRequestDto>(
            json!({"referenceFiles": [{"id": "51"}]}),
        ))
        .send()
});

wire!(project_reference_creator_list, 200, JSON, "{}", |client| {
    client
        .project_reference_creator_list()
        .project_uid("pRoJ3ct")
        .user_name("jdoe")
        .send()
});

wire!(
    project_reference_download_batch,
    200,
    BINARY,
    "zip bytes",
    |client| client
        .project_reference_download_batch()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::ProjectReferenceFilesRequestDto>(
            json!({"referenceFiles": [{"id": "51"}, {"id": "52"}]})
        ))
        .send()
);

wire!(
    project_reference_download,
    200,
    BINARY,
    "pdf bytes",
    |client| client
        .project_reference_download()
        .project_uid("pRoJ3ct")
        .reference_file_id("51")
        .send()
);

// ---------------------------------------------------------------------------------------------
// Project templates
// ---------------------------------------------------------------------------------------------

wire!(project_template_create, 201, JSON, "{}", |client| client
    .project_template_create()
    .body(json_body::<types::ProjectTemplateCreateActionDto>(json!({
        "project": {"uid": "pRoJ3ct"},
        "name": "Website template",
        "useDynamicTitle": true,
        "dynamicTitle": "{templateName} {date}"
    })))
    .send());

wire!(project_template_update, 200, JSON, "{}", |client| client
    .project_template_update()
    .project_template_uid("tMpl1")
    .body(json_body::<types::ProjectTemplateEditDto>(json!({
        "templateName": "Website template",
        "targetLangs": ["de", "fr"],
        "workFlowSettings": [{
            "workflowStep": {"id": "7"},
            "assignedTo": [{"targetLang": "de", "providers": [{"type": "USER", "id": "1024"}]}]
        }],
        "client": {"id": "3"}
    })))
    .send());

wire!(project_template_delete, 204, JSON, "", |client| client
    .project_template_delete()
    .project_template_uid("tMpl1")
    .send());

wire!(
    project_template_access_settings_get,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_access_settings_get()
        .project_template_uid("tMpl1")
        .send()
);

wire!(
    project_template_access_settings_update,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_access_settings_update()
        .project_template_uid("tMpl1")
        .body(json_body::<types::EditProjectSecuritySettingsDtoV2>(
            json!({"linguistsMayEditSource": false})
        ))
        .send()
);

wire!(project_template_term_base_list, 200, JSON, "{}", |client| {
    client
        .project_template_term_base_list()
        .project_template_uid("tMpl1")
        .send()
});

wire!(project_template_term_base_set, 200, JSON, "{}", |client| {
    client
        .project_template_term_base_set()
        .project_template_uid("tMpl1")
        .body(json_body::<types::SetProjectTemplateTermBaseDto>(json!({
            "readTermBases": [{"id": "41"}],
            "writeTermBase": {"id": "41"},
            "targetLang": "de",
            "workflowStep": {"id": "7"}
        })))
        .send()
});

wire!(
    project_template_trans_memory_relevant_list,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_trans_memory_relevant_list()
        .project_template_uid("tMpl1")
        .name("Main")
        .domain_name("Legal")
        .client_name("ACME")
        .sub_domain_name("Contracts")
        .target_langs(vec!["de".into()])
        .strict_lang_matching(true)
        .page_number(0)
        .page_size(50)
        .send()
);

wire!(
    project_template_trans_memory_list,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_trans_memory_list()
        .project_template_uid("tMpl1")
        .target_lang("de")
        .wf_step_uid("wFsTeP1")
        .send()
);

wire!(
    project_template_trans_memory_set,
    200,
    JSON,
    "{}",
    |client| {
        client
    .project_template_trans_memory_set()
    .project_template_uid("tMpl1")
    .body(json_body::<types::SetProjectTransMemoriesV3Dto>(json!({
        "dataPerContext": [{"transMemories": [{"transMemory": {"uid": "tMuid1"}, "readMode": true}]}]
    })))
    .send()
    }
);

wire!(
    project_template_pre_translate_settings_get,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_pre_translate_settings_get()
        .project_template_uid("tMpl1")
        .send()
);

wire!(
    project_template_pre_translate_settings_update,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_pre_translate_settings_update()
        .project_template_uid("tMpl1")
        .body(json_body::<types::PreTranslateSettingsV3Dto>(
            json!({"overwriteExistingTranslations": false, "setJobStatusCompleted": true})
        ))
        .send()
);

wire!(
    project_template_qa_settings_get,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_qa_settings_get()
        .project_template_uid("tMpl1")
        .send()
);

wire!(
    project_template_qa_settings_update,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_qa_settings_update()
        .project_template_uid("tMpl1")
        .body(json_body::<types::EditQaSettingsDtoV2>(json!({
            "checks": [{"name": "targetLength", "enabled": true, "value": 120}]
        })))
        .send()
);

wire!(
    project_template_analyse_settings_get,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_analyse_settings_get()
        .project_template_uid("tMpl1")
        .send()
);

wire!(
    project_template_analyse_settings_update,
    200,
    JSON,
    "{}",
    |client| client
        .project_template_analyse_settings_update()
        .project_template_uid("tMpl1")
        .body(json_body::<types::EditAnalyseSettingsDto>(json!({
            "type": "PreAnalyse",
            "includeNumbers": true,
            "analyzeByLanguage": true,
            "analyzeByProvider": false
        })))
        .send()
);

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

wire!(webhook_list, 200, JSON, "{}", |client| client
    .webhook_list()
    .page_number(0)
    .page_size(50)
    .name("Pipeline")
    .status(WebhookStatus::Enabled)
    .url("https://hooks.example.com/phrase")
    .events(vec![
        WebhookEvent::JobStatusChanged,
        WebhookEvent::JobCreated
    ])
    .created_by(vec!["uS3r".to_string()])
    .modified_by(vec!["uS3r".to_string()])
    .sort_field("NAME")
    .sort_trend("DESC")
    .send());

wire!(webhook_create, 201, JSON, "{}", |client| client
    .webhook_create()
    .body(json_body::<types::CreateWebHookDto>(json!({
        "name": "Pipeline",
        "url": "https://hooks.example.com/phrase",
        "events": ["JOB_STATUS_CHANGED", "JOB_CREATED"],
        "secretToken": "s3cr3t-t0ken",
        "hidden": false,
        "status": "ENABLED"
    })))
    .send());

wire!(webhook_get, 200, JSON, "{}", |client| client
    .webhook_get()
    .web_hook_uid("wHoOk1")
    .send());

wire!(webhook_update, 200, JSON, "{}", |client| client
    .webhook_update()
    .web_hook_uid("wHoOk1")
    .body(json_body::<types::CreateWebHookDto>(json!({
        "url": "https://hooks.example.com/phrase",
        "events": ["PROJECT_STATUS_CHANGED"],
        "status": "DISABLED"
    })))
    .send());

wire!(webhook_delete, 204, JSON, "", |client| client
    .webhook_delete()
    .web_hook_uid("wHoOk1")
    .send());

wire!(webhook_preview_list, 200, JSON, "{}", |client| client
    .webhook_preview_list()
    .events(vec![WebhookEvent::JobCreated, WebhookEvent::JobUpdated])
    .send());

wire!(webhook_send_test, 201, JSON, "", |client| client
    .webhook_send_test()
    .webhook_uid("wHoOk1")
    .event(WebhookEvent::ProjectCreated)
    .send());

wire!(webhook_call_list, 200, JSON, "{}", |client| client
    .webhook_call_list()
    .page_number(0)
    .page_size(50)
    .events(vec![WebhookEvent::JobStatusChanged])
    .status("FAILED")
    .webhook_uid("wHoOk1")
    .parent_uid("wHc4ll1")
    .send());

wire!(webhook_call_replay, 202, JSON, "", |client| client
    .webhook_call_replay()
    .body(json_body::<types::ReplayRequestDto>(
        json!({"webhookCalls": [{"uid": "wHc4ll1"}, {"uid": "wHc4ll2"}]})
    ))
    .send());

wire!(webhook_call_replay_latest, 202, JSON, "", |client| client
    .webhook_call_replay_latest()
    .number_of_calls(10)
    .events(vec![WebhookEvent::JobStatusChanged])
    .status("FAILED")
    .send());

// ---------------------------------------------------------------------------------------------
// Quality assurance
// ---------------------------------------------------------------------------------------------

wire!(job_qa_run, 200, JSON, "{}", |client| client
    .job_qa_run()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::QualityAssuranceRunDtoV3>(json!({
        "initialSegment": {"uid": "s3gm3nt1"},
        "maxQaWarningsCount": 100,
        "warningTypes": ["EmptyTranslation", "MissingNumbersV3"]
    })))
    .send());

wire!(job_qa_run_batch, 200, JSON, "{}", |client| client
    .job_qa_run_batch()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::QualityAssuranceBatchRunDtoV3>(json!({
        "jobs": [{"uid": "j0bUid1"}, {"uid": "j0bUid2"}],
        "settings": {"warningTypes": ["Formatting"]},
        "maxQaWarningsCount": 50
    })))
    .send());

wire!(job_qa_run_segments, 200, JSON, "{}", |client| client
    .job_qa_run_segments()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::QualityAssuranceSegmentsRunDtoV3>(
        json!({
            "jobsAndSegments": [{"job": {"uid": "j0bUid1"}, "segments": ["s3gm3nt1", "s3gm3nt2"]}]
        })
    ))
    .send());

wire!(qa_settings_for_project, 200, JSON, "{}", |client| client
    .qa_settings_for_project()
    .project_uid("pRoJ3ct")
    .send());

wire!(qa_settings_for_job, 200, JSON, "{}", |client| client
    .qa_settings_for_job()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .send());

wire!(project_qa_settings_update, 200, JSON, "{}", |client| client
    .project_qa_settings_update()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::EditQaSettingsDtoV2>(json!({
        "checks": [{"name": "emptyTarget", "enabled": true, "ignorable": false}]
    })))
    .send());

wire!(qa_enabled_checks_for_project, 200, JSON, "{}", |client| {
    client
        .qa_enabled_checks_for_project()
        .project_uid("pRoJ3ct")
        .send()
});

wire!(job_qa_ignored_checks_update, 204, JSON, "", |client| client
    .job_qa_ignored_checks_update()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::UpdateIgnoredChecksDto>(json!({
        "segment": {"uid": "s3gm3nt1"},
        "warningTypes": ["TrailingPunctuation"]
    })))
    .send());

fn ignored_warnings() -> types::UpdateIgnoredWarningsDto {
    json_body(json!({
        "jobParts": [{
            "jobPartUid": "j0bUid1",
            "segments": [{"uid": "s3gm3nt1", "warnings": [{"id": "w4rn1"}]}]
        }]
    }))
}

wire!(job_qa_ignored_warnings_add, 200, JSON, "{}", |client| {
    client
        .job_qa_ignored_warnings_add()
        .project_uid("pRoJ3ct")
        .job_uid("j0bUid1")
        .body(ignored_warnings())
        .send()
});

wire!(job_qa_ignored_warnings_delete, 204, JSON, "", |client| {
    client
        .job_qa_ignored_warnings_delete()
        .project_uid("pRoJ3ct")
        .job_uid("j0bUid1")
        .body(ignored_warnings())
        .send()
});

wire!(
    job_qa_ignored_warnings_add_batch,
    200,
    JSON,
    "{}",
    |client| client
        .job_qa_ignored_warnings_add_batch()
        .project_uid("pRoJ3ct")
        .body(ignored_warnings())
        .send()
);

wire!(
    job_qa_ignored_warnings_delete_batch,
    204,
    JSON,
    "",
    |client| client
        .job_qa_ignored_warnings_delete_batch()
        .project_uid("pRoJ3ct")
        .body(ignored_warnings())
        .send()
);

wire!(project_lqa_settings_get, 200, JSON, "{}", |client| client
    .project_lqa_settings_get()
    .project_uid("pRoJ3ct")
    .workflow_level(2)
    .send());
