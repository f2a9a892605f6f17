//! Answers of the pipeline operations (workflow, jobs, project resources, webhooks, QA) and the
//! three fidelity fixes, with the vendor's field sets (phrasetms-python models): each fixture
//! under `tests/fixtures/pipeline_a/` decodes, is snapshotted as the Rust value it became and
//! re-encodes without losing a field — so every field the vendor sends has a place in the type.

use memsource_api::enums::{
    AnalyseType, JobStatus, ProviderType, QaCheckType, QaWarningType, UserRole, WebhookEvent,
    WebhookStatus,
};
use memsource_api::{Page, types};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn decode<T: DeserializeOwned + Serialize + std::fmt::Debug>(name: &str) -> T {
    let decoded: T =
        tms_testkit::decode_round_trip(env!("CARGO_MANIFEST_DIR"), &format!("pipeline_a/{name}"));
    insta::assert_debug_snapshot!(name, decoded);
    decoded
}

// ---------------------------------------------------------------------------------------------
// Fidelity fix 1: provider references keep every field of the USER and VENDOR variants
// ---------------------------------------------------------------------------------------------

#[test]
fn providers_in_jobs() {
    let jobs: types::JobPartsDto = decode("providers_in_jobs");
    let job = jobs.jobs.unwrap_or_default().pop().expect("one job");
    let providers = job.providers.unwrap_or_default();
    let [user, vendor, other] = providers.as_slice() else {
        panic!("three providers, got {providers:?}");
    };
    assert_eq!(user.type_, Some(ProviderType::User));
    assert_eq!(user.user_name.as_deref(), Some("jdoe"));
    assert_eq!(
        (user.first_name.as_deref(), user.last_name.as_deref()),
        (Some("Jane"), Some("Doe"))
    );
    assert_eq!(user.email.as_deref(), Some("jane.doe@example.com"));
    assert_eq!(user.active, Some(true));
    assert_eq!(vendor.type_, Some(ProviderType::Vendor));
    assert_eq!(vendor.name.as_deref(), Some("Lingua Partners s.r.o."));
    assert_eq!(vendor.default_project_owner_id, Some(4711));
    assert_eq!(
        vendor.id.as_ref().map(ToString::to_string).as_deref(),
        Some("7")
    );
    // A provider type a newer server adds still decodes, with its id.
    assert_eq!(other.type_, Some(ProviderType::Unknown("TEAM".into())));
    assert_eq!(other.uid.as_deref(), Some("t3aMuid1"));
}

#[test]
fn project_vendor_view() {
    // The buyer's owner comes as a USER provider without a numeric id.
    let project: types::AbstractProjectDto = decode("project_vendor_view");
    assert_eq!(project.user_role, Some(UserRole::Vendor));
    let owner = project.buyer_owner.expect("buyerOwner");
    assert!(owner.id.is_none());
    assert_eq!(owner.type_, Some(ProviderType::User));
    assert_eq!(owner.user_name.as_deref(), Some("acme.pm"));
    assert_eq!(owner.uid.as_deref(), Some("bUy3r0wn3r"));
}

#[test]
fn suggested_providers() {
    let suggested: types::ProviderListDtoV2 = decode("suggested_providers");
    let providers = suggested.providers.expect("providers");
    assert_eq!(providers.all.map(|all| all.len()), Some(2));
    let relevant = providers.relevant.unwrap_or_default();
    assert_eq!(relevant[0].default_project_owner_id, Some(4711));
}

// ---------------------------------------------------------------------------------------------
// Fidelity fix 2: objects that were free-form are typed
// ---------------------------------------------------------------------------------------------

#[test]
fn pre_translate_settings() {
    let settings: types::PreTranslateSettingsV3Dto = decode("pre_translate_settings");
    let tm = settings.translation_memory_settings.expect("TM settings");
    assert_eq!(tm.use_translation_memory, Some(true));
    assert_eq!(tm.translation_memory_threshold, Some(0.75));
    assert_eq!(tm.lock101_percent_matches, Some(true));
    let mt = settings.machine_translation_settings.expect("MT settings");
    assert_eq!(mt.mt_qe_matches_in_editors, Some(true));
    let nt = settings.non_translatable_settings.expect("NT settings");
    assert_eq!(nt.non_translatables_in_editors, Some(true));
    let repetitions = settings.repetitions_settings.expect("repetitions");
    assert_eq!(repetitions.auto_propagate_repetitions, Some(true));
}

#[test]
fn pre_translate_jobs_request() {
    // The body of jobPreTranslate: its per-run settings are typed too.
    let request: types::PreTranslateJobsV2Dto = decode("pre_translate_jobs_request");
    let settings = request.pre_translate_settings.expect("settings");
    let tm = settings.translation_memory_settings.expect("TM");
    assert_eq!(tm.translation_memory_threshold, Some(0.8));
    assert_eq!(
        settings
            .machine_translation_settings
            .and_then(|mt| mt.use_alt_trans_only),
        Some(true)
    );
    assert_eq!(
        settings
            .non_translatable_settings
            .and_then(|nt| nt.lock100_percent_matches),
        Some(true)
    );
}

#[test]
fn project_template() {
    let template: types::ProjectTemplateDto = decode("project_template");
    let steps = template.workflow_settings.unwrap_or_default();
    assert_eq!(steps.len(), 2);
    let translation = &steps[0];
    assert_eq!(
        translation
            .workflow_step
            .as_ref()
            .and_then(|s| s.name.as_deref()),
        Some("Translation")
    );
    let assigned = translation.assigned_to.clone().unwrap_or_default();
    assert_eq!(
        assigned[0].target_lang.as_ref().map(|l| l.as_str()),
        Some("de")
    );
    assert_eq!(
        assigned[0].providers.as_deref().map(|p| p[0].type_.clone()),
        Some(Some(ProviderType::Vendor))
    );
    assert_eq!(
        translation
            .notify_provider
            .as_ref()
            .and_then(|n| n.notification_interval_in_minutes),
        Some(30)
    );
    assert_eq!(
        steps[1].lqa_profile.as_ref().and_then(|p| p.uid.as_deref()),
        Some("lQaPr0f1le")
    );
    let notify = template.notify_providers.expect("notifyProviders");
    assert_eq!(notify.notification_interval_in_minutes, Some(0));
    assert_eq!(template.assigned_to.map(|a| a.len()), Some(1));
}

#[test]
fn analysis_with_settings() {
    let analysis: types::AnalyseV3Dto = decode("analysis_with_settings");
    let settings = analysis.settings.expect("settings");
    assert_eq!(settings.type_, Some(AnalyseType::PreAnalyse));
    assert_eq!(settings.analyze_by_language, Some(true));
    assert_eq!(
        settings.naming_pattern.as_deref(),
        Some("#{innerId} {type}")
    );
}

#[test]
fn user_with_price_list() {
    let user: types::UserDto = decode("user_with_price_list");
    let price_list = user.price_list.expect("priceList");
    assert_eq!(price_list.name.as_deref(), Some("Standard 2026"));
    let scheme = user.net_rate_scheme.expect("netRateScheme");
    assert_eq!(scheme.uid.as_deref(), Some("n3tR4te"));
    assert_eq!(
        scheme.created_by.and_then(|u| u.role),
        Some(UserRole::Admin)
    );
}

#[test]
fn linguist_details() {
    let user: types::UserDetailsDtoV3 = decode("linguist_details");
    assert_eq!(
        user.net_rate_scheme.and_then(|s| s.name),
        Some("Default scheme".to_owned())
    );
    assert_eq!(
        user.translation_price_list.and_then(|p| p.uid),
        Some("pR1c3L1st".to_owned())
    );
}

// ---------------------------------------------------------------------------------------------
// Workflow
// ---------------------------------------------------------------------------------------------

#[test]
fn page_of_workflow_steps() {
    let page: types::PageDtoWorkflowStepDto = decode("page_of_workflow_steps");
    assert!(!page.has_next());
    let abbreviations: Vec<_> = page.items().iter().map(|s| s.abbr.clone()).collect();
    assert_eq!(
        abbreviations,
        [Some("T".into()), Some("R".into()), Some("CR".into())]
    );
}

#[test]
fn project_workflow_steps() {
    let steps: types::ProjectWorkflowStepListDtoV2 = decode("project_workflow_steps");
    let levels: Vec<_> = steps
        .project_workflow_steps
        .unwrap_or_default()
        .iter()
        .map(|s| {
            (
                s.workflow_level,
                s.workflow_step.clone().and_then(|w| w.uid),
            )
        })
        .collect();
    assert_eq!(
        levels,
        [
            (Some(1), Some("wFsTeP1".to_owned())),
            (Some(2), Some("wFsTeP2".to_owned()))
        ]
    );
}

// ---------------------------------------------------------------------------------------------
// Jobs
// ---------------------------------------------------------------------------------------------

#[test]
fn job_status_changes() {
    let changes: types::JobPartStatusChangesDto = decode("job_status_changes");
    let statuses: Vec<_> = changes
        .status_changes
        .unwrap_or_default()
        .into_iter()
        .map(|c| c.status)
        .collect();
    assert_eq!(
        statuses,
        [
            Some(JobStatus::New),
            Some(JobStatus::Accepted),
            Some(JobStatus::Unknown("ON_HOLD".into()))
        ]
    );
}

#[test]
fn job_patch_result() {
    let result: types::JobPartPatchResultDto = decode("job_patch_result");
    assert_eq!(result.updated, Some(48));
    let errors = result.errors.unwrap_or_default();
    assert_eq!(errors[0].code.as_deref(), Some("JobLocked"));
}

#[test]
fn segments_counts() {
    let counts: types::SegmentsCountsResponseListDto = decode("segments_counts");
    let job = counts
        .segments_counts_results
        .unwrap_or_default()
        .pop()
        .expect("one job");
    assert_eq!(
        job.job_part_uid.as_ref().map(|u| u.as_str()),
        Some("j0bUid1")
    );
    let counts = job.counts.expect("counts");
    assert_eq!(
        (counts.segments_count, counts.words_count),
        (Some(120), Some(900))
    );
    assert_eq!(
        counts.quality_assurance.and_then(|qa| qa.warnings_count),
        Some(5)
    );
    assert_eq!(job.previous_workflow.and_then(|p| p.completed), Some(true));
}

#[test]
fn web_editor_link() {
    let link: types::WebEditorLinkDtoV2 = decode("web_editor_link");
    assert!(link.url.is_some_and(|url| url.starts_with("https://")));
    assert_eq!(
        link.warnings.unwrap_or_default()[0].code.as_deref(),
        Some("NOT_ACCEPTED_BY_LINGUIST")
    );
}

#[test]
fn page_of_assigned_jobs() {
    let page: types::PageDtoAssignedJobDto = decode("page_of_assigned_jobs");
    let job = &page.items()[0];
    assert_eq!(job.status, Some(JobStatus::Accepted));
    assert_eq!(
        job.project.as_ref().map(|p| p.name.clone()),
        Some(Some("Website update".into()))
    );
    assert_eq!(
        job.workflow_step.as_ref().and_then(|s| s.workflow_level),
        Some(1)
    );
}

// ---------------------------------------------------------------------------------------------
// Project resources
// ---------------------------------------------------------------------------------------------

#[test]
fn project_trans_memories() {
    let list: types::ProjectTransMemoryListDtoV3 = decode("project_trans_memories");
    let tm = &list.trans_memories.unwrap_or_default()[0];
    assert_eq!((tm.read_mode, tm.write_mode), (Some(true), Some(true)));
    assert_eq!(tm.penalty, Some(2.5));
    assert_eq!(
        tm.trans_memory.as_ref().and_then(|t| t.name.as_deref()),
        Some("Main EN-DE")
    );
}

#[test]
fn project_term_bases() {
    let list: types::ProjectTermBaseListDto = decode("project_term_bases");
    let tb = &list.term_bases.unwrap_or_default()[0];
    assert_eq!(tb.quality_assurance, Some(true));
    assert_eq!(
        tb.term_base.as_ref().map(|t| t.name.clone()),
        Some(Some("Product glossary".into()))
    );
}

#[test]
fn access_settings() {
    let settings: types::ProjectSecuritySettingsDtoV2 = decode("access_settings");
    assert_eq!(settings.trigger_webhooks, Some(true));
    assert_eq!(
        settings
            .vendors
            .and_then(|v| v.can_change_shared_job_due_date)
            .map(|v| v.len()),
        Some(1)
    );
}

#[test]
fn reference_files_page() {
    let page: types::ReferenceFilePageDto = decode("reference_files_page");
    assert!(!page.has_next());
    assert_eq!(page.items().len(), 2);
    assert_eq!(page.access.and_then(|a| a.can_create), Some(true));
}

// ---------------------------------------------------------------------------------------------
// Webhooks
// ---------------------------------------------------------------------------------------------

#[test]
fn webhook() {
    let hook: types::WebHookDtoV2 = decode("webhook");
    assert_eq!(hook.status, Some(WebhookStatus::Enabled));
    assert_eq!(
        hook.events.unwrap_or_default(),
        [
            WebhookEvent::JobStatusChanged,
            WebhookEvent::JobCreated,
            WebhookEvent::Unknown("JOB_SEGMENTS_LOCKED".into())
        ]
    );
    // The token round-trips on the wire but never shows in Debug output.
    let token = hook.secret_token.expect("secretToken");
    assert!(!format!("{token:?}").contains("s3cr3t"));
}

#[test]
fn page_of_webhook_calls() {
    let page: types::PageDtoWebhookCallDto = decode("page_of_webhook_calls");
    let calls = page.items();
    assert_eq!(calls[0].status_code, Some(503));
    assert_eq!(calls[0].trigger_event, Some(WebhookEvent::JobStatusChanged));
    assert_eq!(calls[1].parent_uid.as_deref(), Some("wHc4ll1"));
    assert_eq!(calls[1].forced, Some(true));
}

// ---------------------------------------------------------------------------------------------
// Quality assurance
// ---------------------------------------------------------------------------------------------

#[test]
fn qa_run_result() {
    let result: types::QualityAssuranceResponseDto = decode("qa_run_result");
    assert_eq!(result.finished, Some(false));
    let segment = &result.segment_warnings.unwrap_or_default()[0];
    let types: Vec<_> = segment
        .warnings
        .clone()
        .unwrap_or_default()
        .into_iter()
        .map(|w| w.type_)
        .collect();
    assert_eq!(
        types,
        [
            Some(QaWarningType::EmptyTranslation),
            Some(QaWarningType::Unknown("TerminologyMismatchV9".into()))
        ]
    );
}

#[test]
fn qa_checks() {
    let checks: types::QualityAssuranceChecksDtoV2 = decode("qa_checks");
    let enabled = checks.enabled_checks.unwrap_or_default();
    assert_eq!(enabled[1].checker_type, Some(QaWarningType::Moravia));
    assert_eq!(
        checks.regexp_rules.unwrap_or_default()[0]
            .target_regexp
            .as_deref(),
        Some("--")
    );
}

#[test]
fn qa_settings() {
    let settings: types::QaSettingsDtoV2 = decode("qa_settings");
    let checks = settings.checks.unwrap_or_default();
    let kinds: Vec<_> = checks.iter().map(|c| c.type_.clone()).collect();
    assert_eq!(
        kinds,
        [
            Some(QaCheckType::Void),
            Some(QaCheckType::Number),
            Some(QaCheckType::String),
            Some(QaCheckType::Regex),
            Some(QaCheckType::Moravia),
            Some(QaCheckType::Unknown("PERCENT".into())),
        ]
    );
    // `value` keeps the variant's JSON type: a number for NUMBER, a string for STRING.
    assert_eq!(checks[1].value, Some(serde_json::json!(130)));
    assert_eq!(checks[2].value, Some(serde_json::json!(".!?")));
    assert_eq!(checks[3].rules.as_ref().map(Vec::len), Some(1));
}

#[test]
fn lqa_settings() {
    let settings: types::LqaSettingsDto = decode("lqa_settings");
    assert_eq!(settings.severities.map(|s| s.len()), Some(3));
    let accuracy = &settings.categories.unwrap_or_default()[0];
    assert_eq!(
        accuracy
            .error_categories
            .as_ref()
            .map(|c| c[0].name.clone()),
        Some(Some("Mistranslation".into()))
    );
}
