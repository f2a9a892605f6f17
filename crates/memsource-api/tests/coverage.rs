//! The spec against the official operation list of the Phrase TMS (Memsource) API: every
//! operation the spec declares must be one of the official `METHOD /path` pairs, exactly as the
//! vendor spells method, path, parameter names and version segment (`cargo xtask coverage`
//! prints the missing ones).

use std::collections::BTreeSet;

const SPEC: &str = include_str!("../../../openapi/memsource.yaml");
const OFFICIAL: &str = include_str!("../../../openapi/memsource-official-operations.txt");

fn official() -> BTreeSet<&'static str> {
    OFFICIAL
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .collect()
}

#[test]
fn every_spec_operation_is_an_official_one() {
    let official = official();
    assert_eq!(official.len(), 400, "the official list has 400 operations");
    let spec = tms_testkit::surface::spec_operations(SPEC);
    let unknown: Vec<_> = spec
        .iter()
        .filter(|op| !official.contains(op.as_str()))
        .collect();
    assert!(unknown.is_empty(), "not in the official list: {unknown:#?}");
    eprintln!(
        "memsource spec covers {} of {} official operations",
        spec.len(),
        official.len()
    );
    // The pipeline operations (part A of the pipeline issue) bring the spec to 170 at least.
    assert!(spec.len() >= 170, "only {} operations", spec.len());
}

/// The workflow, job, project-resource, webhook and QA operations the pipeline issue names.
#[test]
fn the_named_pipeline_operations_are_in_the_spec() {
    let spec = tms_testkit::surface::spec_operations(SPEC);
    let named = [
        "GET /api2/v1/workflowSteps",
        "GET /api2/v2/projects/{projectUid}/workflowSteps",
        "POST /api2/v1/projects/{projectUid}/workflowSteps",
        "GET /api2/v1/projects/{projectUid}/jobs/{jobUid}/workflowStep",
        "GET /api2/v1/additionalWorkflowSteps",
        "PATCH /api2/v3/jobs",
        "PUT /api2/v1/projects/{projectUid}/jobs/batch",
        "GET /api2/v1/projects/{projectUid}/jobs/{jobUid}/statusChanges",
        "POST /api2/v1/projects/{projectUid}/jobs/search",
        "POST /api2/v1/projects/{projectUid}/jobs/notifyAssigned",
        "GET /api2/v1/projects/{projectUid}/jobs/{jobUid}/targetFileWarnings",
        "POST /api2/v1/projects/{projectUid}/jobs/segmentsCount",
        "POST /api2/v1/projects/{projectUid}/jobs/bilingualFile",
        "PUT /api2/v1/bilingualFiles",
        "POST /api2/v3/projects/{projectUid}/jobs/export",
        "POST /api2/v2/projects/{projectUid}/jobs/webEditor",
        "POST /api2/v1/projects/{projectUid}/jobs/{jobUid}/split",
        "GET /api2/v3/projects/{projectUid}/preTranslateSettings",
        "PUT /api2/v3/projects/{projectUid}/preTranslateSettings",
        "GET /api2/v1/users/{userUid}/jobs",
        "GET /api2/v3/projects/{projectUid}/transMemories",
        "PUT /api2/v3/projects/{projectUid}/transMemories",
        "GET /api2/v1/projects/{projectUid}/termBases",
        "PUT /api2/v1/projects/{projectUid}/termBases",
        "POST /api2/v1/projects/{projectUid}/targetLangs",
        "GET /api2/v1/projects/{projectUid}/providers",
        "POST /api2/v2/projects/{projectUid}/providers/suggest",
        "POST /api2/v1/projects/{projectUid}/applyTemplate/{templateUid}/assignProviders",
        "GET /api2/v2/projects/{projectUid}/accessSettings",
        "GET /api2/v1/projects/{projectUid}/references",
        "GET /api2/v1/projectTemplates",
        "GET /api2/v1/projectTemplates/{projectTemplateUid}",
        "POST /api2/v2/projects/applyTemplate/{templateUid}",
        "GET /api2/v2/webhooks",
        "POST /api2/v2/webhooks",
        "GET /api2/v2/webhooks/{webHookUid}",
        "PUT /api2/v2/webhooks/{webHookUid}",
        "DELETE /api2/v2/webhooks/{webHookUid}",
        "GET /api2/v1/webhooksCalls",
        "POST /api2/v1/webhooksCalls/replay",
        "POST /api2/v3/projects/{projectUid}/jobs/{jobUid}/qualityAssurances/run",
        "POST /api2/v3/projects/{projectUid}/jobs/qualityAssurances/run",
        "GET /api2/v2/projects/{projectUid}/jobs/qualityAssurances/settings",
        "POST /api2/v1/projects/{projectUid}/jobs/{jobUid}/qualityAssurances/ignoredWarnings",
    ];
    let absent: Vec<_> = named
        .iter()
        .filter(|op| !spec.iter().any(|s| s == *op))
        .collect();
    assert!(absent.is_empty(), "named but absent: {absent:#?}");
}
