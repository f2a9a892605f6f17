//! Answers of the organisation, machine translation, analysis, TM/TB and connector operations,
//! with the vendor's field sets (tests/fixtures/pipeline_b), decode into the generated types, are
//! snapshotted as the Rust values they became, and re-encode without losing a field — including
//! the quirks: ids as numbers, `+0000` offsets, enum values a newer server adds, free-form
//! per-format import settings and the vendor's `default` field name.

use memsource_api::enums::{AsyncRequestAction, ConnectorType, CustomFieldType, UserRole};
use memsource_api::{Page, types};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes `fixtures/pipeline_b/<name>.json` as `T`, checks that re-encoding gives the same JSON
/// (nulls dropped, numeric ids compared as strings, numbers compared by value: the vendor writes
/// `1` where the type holds a float), and snapshots the decoded value as `<name>`. Maps that
/// decode into a `HashMap` (MT `args`) hold one entry in the fixtures, so that the snapshot's
/// order is fixed.
fn decode<T: DeserializeOwned + Serialize + std::fmt::Debug>(name: &str) -> T {
    let path = format!(
        "{}/tests/fixtures/pipeline_b/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let decoded: T = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let original: Value = serde_json::from_str(&text).expect("fixture is JSON");
    let reencoded = serde_json::to_value(&decoded).expect("encodes");
    assert_eq!(
        normalized(reencoded),
        normalized(original),
        "{name} lost or changed a field on the way through {}",
        std::any::type_name::<T>()
    );
    insta::assert_debug_snapshot!(name, decoded);
    decoded
}

fn normalized(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| match v {
                    Value::Number(n) if k == "id" => (k, Value::String(n.to_string())),
                    other => (k, normalized(other)),
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(normalized).collect()),
        Value::Number(n) => n
            .as_f64()
            .and_then(serde_json::Number::from_f64)
            .map_or(Value::Number(n), Value::Number),
        other => other,
    }
}

#[test]
fn page_of_clients() {
    let page: types::PageDtoClientDto = decode("page_of_clients");
    assert!(page.has_next(), "page 0 of 2 has a successor");
    let client = &page.items()[0];
    // The id came as a JSON number.
    assert_eq!(client.id.as_ref().map(|id| id.as_str()), Some("118"));
    let scheme = client.net_rate_scheme.as_ref().expect("net rate scheme");
    let created = scheme.date_created.as_ref().and_then(|t| t.to_utc());
    assert_eq!(
        created.map(|t| t.to_rfc3339()).as_deref(),
        Some("2023-05-02T08:15:00+00:00"),
        "`+0000` reads as UTC"
    );
    assert_eq!(
        client.created_by.as_ref().and_then(|u| u.role.clone()),
        Some(UserRole::Admin)
    );
}

#[test]
fn vendor() {
    let vendor: types::VendorDto = decode("vendor");
    let targets: Vec<String> = vendor
        .target_locales
        .unwrap_or_default()
        .iter()
        .map(|code| code.to_string())
        .collect();
    assert_eq!(targets, ["cs", "sk", "sr_latn"]);
    assert_eq!(vendor.workflow_steps.map(|steps| steps.len()), Some(1));
}

#[test]
fn net_rate_scheme() {
    let scheme: types::NetRateSchemeDto = decode("net_rate_scheme");
    let rates = scheme.rates.expect("rates");
    assert_eq!(rates.tm100, Some(0.25));
    assert_eq!(rates.nt99, Some(0.2));
    assert_eq!(rates.tm0, Some(1.0), "an integer rate reads as a float");
    assert_eq!(scheme.workflow_step_net_schemes.map(|s| s.len()), Some(1));
}

#[test]
fn import_settings() {
    let settings: types::ImportSettingsDto = decode("import_settings");
    let formats = settings.file_import_settings.expect("per-format settings");
    assert_eq!(
        formats["doc"]["hiddenTextImport"],
        Value::Bool(false),
        "nested format settings are kept as sent"
    );
    assert!(
        formats.contains_key("aFormatIntroducedNextYear"),
        "formats this client does not know survive"
    );
}

#[test]
fn custom_field_instances() {
    let instances: types::CustomFieldInstancesDto = decode("custom_field_instances");
    let instances = instances.custom_field_instances.unwrap_or_default();
    let types_: Vec<_> = instances
        .iter()
        .map(|i| i.custom_field.as_ref().and_then(|f| f.type_.clone()))
        .collect();
    assert_eq!(
        types_,
        [
            Some(CustomFieldType::SingleSelect),
            Some(CustomFieldType::Unknown("CHECKBOX".into()))
        ]
    );
    let selected = instances[0].selected_options.as_deref().unwrap_or_default();
    assert_eq!(selected[0].value.as_deref(), Some("high"));
}

#[test]
fn mt_settings_page() {
    let page: types::PageDtoMachineTranslateSettingsPbmDto = decode("mt_settings_page");
    assert!(!page.has_next(), "the only page");
    let deepl = &page.items()[0];
    assert_eq!(deepl.default, Some(true), "the vendor's `default` field");
    assert_eq!(
        deepl
            .args
            .as_ref()
            .and_then(|a| a.get("formality"))
            .map(String::as_str),
        Some("more")
    );
    let custom = &page.items()[1];
    assert_eq!(custom.id.as_ref().map(|id| id.as_str()), Some("4712"));
    assert_eq!(
        custom
            .langs
            .as_ref()
            .and_then(|l| l.target_langs.as_ref())
            .map(Vec::len),
        Some(2)
    );
}

#[test]
fn project_mt_settings() {
    let settings: types::ProjectMtSettingsListDto = decode("project_mt_settings");
    let per_lang = settings.mt_settings_per_lang_list.unwrap_or_default();
    assert!(
        per_lang[0].target_lang.is_none(),
        "the project-wide entry has no target language"
    );
    assert_eq!(
        per_lang[1]
            .target_lang
            .as_ref()
            .map(|c| c.to_string())
            .as_deref(),
        Some("ja")
    );
}

#[test]
fn analyses_by_languages() {
    let answer: types::AsyncAnalyseListResponseDto = decode("analyses_by_languages");
    let analyses = answer.analyses.unwrap_or_default();
    assert_eq!(analyses.len(), 2);
    let request = analyses[0].async_request.as_ref().expect("asyncRequest");
    assert_eq!(request.action, Some(AsyncRequestAction::PreAnalyse));
    assert_eq!(
        request.id.as_ref().map(|id| id.as_str()),
        Some("987654"),
        "the id a waiter polls"
    );
    assert!(request.async_response.is_none(), "still running");
}

#[test]
fn analysis_language_part() {
    let part: types::AnalyseLanguagePartDto = decode("analysis_language_part");
    let data = part.data.expect("data");
    let nt = data.non_translatables_matches.expect("non-translatables");
    assert_eq!(
        nt.match99.and_then(|c| c.segments),
        Some(1.0),
        "the v1 non-translatable 99% band is kept"
    );
    assert_eq!(data.all.and_then(|c| c.normalized_pages), Some(5.5));
}

#[test]
fn job_tm_search_v3() {
    let answer: types::SearchResponseListTmDtoV3 = decode("job_tm_search_v3");
    let hit = &answer.search_results.unwrap_or_default()[0];
    assert_eq!(hit.score, Some(1.0));
    let source = hit.source.as_ref().expect("source");
    assert_eq!(
        source
            .project
            .as_ref()
            .and_then(|p| p.id.as_ref())
            .map(|id| id.as_str()),
        Some("101"),
        "the vendor's integer project id"
    );
    let translation = &hit.translations.as_deref().unwrap_or_default()[0];
    assert_eq!(translation.target_note.as_deref(), Some("Informal"));
}

#[test]
fn tb_search_in_text() {
    let answer: types::SearchInTextResponseList2Dto = decode("tb_search_in_text");
    let found = &answer.search_results.unwrap_or_default()[0];
    let matches = found.matches.as_deref().unwrap_or_default();
    assert_eq!(matches[0].begin_index, Some(15));
    assert_eq!(
        found.concept.as_ref().and_then(|c| c.definition.as_deref()),
        Some("A request for payment.")
    );
    assert_eq!(
        found
            .term_base
            .as_ref()
            .and_then(|t| t.id.as_ref())
            .map(|id| id.as_str()),
        Some("77")
    );
}

#[test]
fn tb_browse() {
    let answer: types::BrowseResponseListDto = decode("tb_browse");
    let concept = &answer.search_results.unwrap_or_default()[0];
    let per_language: Vec<usize> = concept
        .terms
        .as_deref()
        .unwrap_or_default()
        .iter()
        .map(Vec::len)
        .collect();
    assert_eq!(per_language, [1, 2], "terms grouped by language");
}

#[test]
fn connectors() {
    let list: types::ConnectorListDto = decode("connectors");
    let connectors = list.connectors.unwrap_or_default();
    assert_eq!(connectors[0].type_, Some(ConnectorType::Github));
    assert_eq!(
        connectors[1].type_,
        Some(ConnectorType::Unknown("FIGMA".into())),
        "a connector type added later still decodes"
    );
    let automation = &connectors[0]
        .automated_project_settings
        .as_deref()
        .unwrap_or_default()[0];
    assert_eq!(automation.remote_folder.as_deref(), Some("docs/en"));
}

#[test]
fn connector_folder() {
    let folder: types::FileListDto = decode("connector_folder");
    assert_eq!(folder.encoded_current_folder.as_deref(), Some("ZG9jcy9lbg"));
    let files = folder.files.unwrap_or_default();
    let directories: Vec<bool> = files.iter().map(|f| f.directory == Some(true)).collect();
    assert_eq!(directories, [false, true, false]);
    assert_eq!(
        files[2].error.as_ref().and_then(|e| e.code.as_deref()),
        Some("FILE_TOO_LARGE")
    );
}

#[test]
fn tm_export_by_query() {
    let answer: types::AsyncExportTmByQueryResponseDto = decode("tm_export_by_query");
    let request = answer.async_request.expect("asyncRequest");
    assert_eq!(request.action, Some(AsyncRequestAction::ExportTmxByQuery));
    let queries = answer
        .async_export
        .and_then(|e| e.queries)
        .unwrap_or_default();
    assert_eq!(queries[1].lang.as_deref(), Some("de"));
}
