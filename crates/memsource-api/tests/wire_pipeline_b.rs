//! Wire snapshots of the pipeline operations for organisation, machine translation, analyses,
//! TM/TB search and maintenance, files and connectors: the exact request the client sends
//! (method, path with its version segment, query, headers, body), snapshotted as
//! `wire_pipeline_b__<operation>`. Each mock is matched by the generated typed `When`, so the
//! typed mocks and the client must agree on method and path.

#![allow(non_snake_case)]

mod support;

use support::wire::{BINARY, JSON, json_body, wire};

use memsource_api::types;
use memsource_api::upload::content_disposition;
use memsource_api_httpmock::MockServerExt;
use serde_json::json;

// ---------------------------------------------------------------------------------------------
// Organisation
// ---------------------------------------------------------------------------------------------

wire!(client_list, 200, JSON, "{}", |client| client
    .client_list()
    .name("ACME")
    .created_by("uSer1")
    .sort("NAME")
    .order("DESC")
    .page_number(1)
    .page_size(20)
    .send());

wire!(client_create, 201, JSON, "{}", |client| client
    .client_create()
    .body(json_body::<types::ClientEditDto>(json!({
        "name": "ACME Zürich", "externalId": "CRM-0042", "displayNoteInProject": true,
        "priceList": {"id": "11"}, "netRateScheme": {"id": 12}
    })))
    .send());

wire!(client_get, 200, JSON, "{}", |client| client
    .client_get()
    .client_uid("cLiEnT1")
    .send());

wire!(client_update, 200, JSON, "{}", |client| client
    .client_update()
    .client_uid("cLiEnT1")
    .body(json_body::<types::ClientEditDto>(
        json!({"name": "ACME", "note": "key account"})
    ))
    .send());

wire!(client_delete, 204, JSON, "", |client| client
    .client_delete()
    .client_uid("cLiEnT1")
    .send());

wire!(domain_list, 200, JSON, "{}", |client| client
    .domain_list()
    .name("Legal")
    .created_by("uSer1")
    .page_number(0)
    .page_size(50)
    .send());

wire!(domain_create, 201, JSON, "{}", |client| client
    .domain_create()
    .body(json_body::<types::DomainEditDto>(json!({"name": "Legal"})))
    .send());

wire!(domain_get, 200, JSON, "{}", |client| client
    .domain_get()
    .domain_uid("d0maIn")
    .send());

wire!(domain_update, 200, JSON, "{}", |client| client
    .domain_update()
    .domain_uid("d0maIn")
    .body(json_body::<types::DomainEditDto>(json!({"name": "Law"})))
    .send());

wire!(domain_delete, 204, JSON, "", |client| client
    .domain_delete()
    .domain_uid("d0maIn")
    .send());

wire!(sub_domain_list, 200, JSON, "{}", |client| client
    .sub_domain_list()
    .name("Contracts")
    .sort("NAME")
    .order("ASC")
    .send());

wire!(sub_domain_create, 201, JSON, "{}", |client| client
    .sub_domain_create()
    .body(json_body::<types::SubDomainEditDto>(
        json!({"name": "Contracts"})
    ))
    .send());

wire!(sub_domain_get, 200, JSON, "{}", |client| client
    .sub_domain_get()
    .sub_domain_uid("sUbD0m")
    .send());

wire!(sub_domain_update, 200, JSON, "{}", |client| client
    .sub_domain_update()
    .sub_domain_uid("sUbD0m")
    .body(json_body::<types::SubDomainEditDto>(
        json!({"name": "NDAs"})
    ))
    .send());

wire!(sub_domain_delete, 204, JSON, "", |client| client
    .sub_domain_delete()
    .sub_domain_uid("sUbD0m")
    .send());

wire!(business_unit_list, 200, JSON, "{}", |client| client
    .business_unit_list()
    .name("EMEA")
    .created_by("uSer1")
    .page_size(10)
    .send());

wire!(business_unit_create, 201, JSON, "{}", |client| client
    .business_unit_create()
    .body(json_body::<types::BusinessUnitEditDto>(
        json!({"name": "EMEA marketing"})
    ))
    .send());

wire!(business_unit_get, 200, JSON, "{}", |client| client
    .business_unit_get()
    .business_unit_uid("bU1")
    .send());

wire!(business_unit_update, 200, JSON, "{}", |client| client
    .business_unit_update()
    .business_unit_uid("bU1")
    .body(json_body::<types::BusinessUnitEditDto>(
        json!({"name": "APAC"})
    ))
    .send());

wire!(business_unit_delete, 204, JSON, "", |client| client
    .business_unit_delete()
    .business_unit_uid("bU1")
    .send());

wire!(cost_center_list, 200, JSON, "{}", |client| client
    .cost_center_list()
    .name("CC-100")
    .page_number(2)
    .send());

wire!(cost_center_create, 201, JSON, "{}", |client| client
    .cost_center_create()
    .body(json_body::<types::CostCenterEditDto>(
        json!({"name": "CC-100 Documentation"})
    ))
    .send());

wire!(cost_center_get, 200, JSON, "{}", |client| client
    .cost_center_get()
    .cost_center_uid("cC1")
    .send());

wire!(cost_center_update, 200, JSON, "{}", |client| client
    .cost_center_update()
    .cost_center_uid("cC1")
    .body(json_body::<types::CostCenterEditDto>(
        json!({"name": "CC-200"})
    ))
    .send());

wire!(cost_center_delete, 204, JSON, "", |client| client
    .cost_center_delete()
    .cost_center_uid("cC1")
    .send());

wire!(vendor_list, 200, JSON, "{}", |client| client
    .vendor_list()
    .name("Lingo")
    .page_number(0)
    .page_size(50)
    .send());

wire!(vendor_create, 201, JSON, "{}", |client| client
    .vendor_create()
    .body(json_body::<types::CreateVendorDto>(json!({
        "vendorToken": "Vt0k3n", "sourceLocales": ["en"], "targetLocales": ["de", "ja"],
        "clients": [{"uid": "cLiEnT1"}], "workflowSteps": [{"uid": "wF1"}],
        "netRateScheme": {"uid": "n3t"}
    })))
    .send());

wire!(vendor_get, 200, JSON, "{}", |client| client
    .vendor_get()
    .vendor_uid("vEnd0r")
    .send());

wire!(user_create, 201, JSON, "{}", |client| client
    .user_create()
    .body(json_body::<types::UserCreateDtoV3>(json!({
        "userName": "jlinguist", "firstName": "Jana", "lastName": "Linguistová",
        "email": "jana@example.com", "password": "S3cret-Passw0rd", "role": "LINGUIST",
        "timezone": "Europe/Prague", "sourceLocales": ["en"], "targetLocales": ["cs"],
        "enableMT": true, "mayRejectJobs": false, "netRateScheme": {"uid": "n3t"}
    })))
    .send());

wire!(user_update, 200, JSON, "{}", |client| client
    .user_update()
    .user_uid("uSer1")
    .body(json_body::<types::UserEditDtoV3>(json!({
        "userName": "pm", "firstName": "Petra", "lastName": "Manager",
        "email": "pm@example.com", "role": "PROJECT_MANAGER", "timezone": "Europe/Berlin",
        "projectViewOther": false, "projectClients": [{"uid": "cLiEnT1"}],
        "dashboardSetting": "OWN_DATA"
    })))
    .send());

wire!(net_rate_scheme_list, 200, JSON, "{}", |client| client
    .net_rate_scheme_list()
    .page_number(0)
    .page_size(50)
    .send());

wire!(net_rate_scheme_create, 201, JSON, "{}", |client| client
    .net_rate_scheme_create()
    .body(json_body::<types::NetRateSchemeCreateDto>(json!({
        "name": "Standard", "rates": {"repetition": 0.3, "tm100": 0.25, "tm0": 1},
        "workflowStepNetSchemes": [{"workflowStep": {"id": "7"}, "rates": {"tm100": 0.1}}]
    })))
    .send());

wire!(net_rate_scheme_get, 200, JSON, "{}", |client| client
    .net_rate_scheme_get()
    .net_rate_scheme_uid("n3t")
    .send());

wire!(net_rate_scheme_update, 200, JSON, "{}", |client| client
    .net_rate_scheme_update()
    .net_rate_scheme_uid("n3t")
    .body(json_body::<types::NetRateSchemeEditDto>(
        json!({"name": "Standard 2025", "rates": {"mt100": 0.5}})
    ))
    .send());

wire!(
    net_rate_scheme_workflow_step_list,
    200,
    JSON,
    "{}",
    |client| {
        client
            .net_rate_scheme_workflow_step_list()
            .net_rate_scheme_uid("n3t")
            .page_number(0)
            .page_size(50)
            .send()
    }
);

wire!(
    net_rate_scheme_workflow_step_get,
    200,
    JSON,
    "{}",
    |client| {
        client
            .net_rate_scheme_workflow_step_get()
            .net_rate_scheme_uid("n3t")
            .net_rate_scheme_workflow_step_id("42")
            .send()
    }
);

wire!(
    net_rate_scheme_workflow_step_update,
    200,
    JSON,
    "{}",
    |client| {
        client
            .net_rate_scheme_workflow_step_update()
            .net_rate_scheme_uid("n3t")
            .net_rate_scheme_workflow_step_id("42")
            .body(json_body::<types::NetRateSchemeWorkflowStepEditDto>(
                json!({"rates": {"tm95": 0.4}}),
            ))
            .send()
    }
);

wire!(import_settings_list, 200, JSON, "{}", |client| client
    .import_settings_list()
    .name("Word")
    .page_number(0)
    .page_size(50)
    .send());

wire!(import_settings_create, 201, JSON, "{}", |client| client
    .import_settings_create()
    .body(json_body::<types::ImportSettingsCreateDto>(json!({
        "name": "Word without hidden text",
        "fileImportSettings": {"inputCharset": "UTF-8", "doc": {"hiddenTextImport": false}}
    })))
    .send());

wire!(import_settings_update, 200, JSON, "{}", |client| client
    .import_settings_update()
    .body(json_body::<types::ImportSettingsEditDto>(json!({
        "uid": "iMpS1", "name": "Word", "fileImportSettings": {"segmentationRuleId": 5}
    })))
    .send());

wire!(import_settings_get_default, 200, JSON, "{}", |client| {
    client.import_settings_get_default().send()
});

wire!(import_settings_get, 200, JSON, "{}", |client| client
    .import_settings_get()
    .uid("iMpS1")
    .send());

wire!(import_settings_delete, 204, JSON, "", |client| client
    .import_settings_delete()
    .uid("iMpS1")
    .send());

wire!(custom_field_list, 200, JSON, "{}", |client| client
    .custom_field_list()
    .page_number(0)
    .page_size(50)
    .name("Purchase order")
    .allowed_entities(vec!["PROJECT".to_string()])
    .types(vec!["STRING".to_string(), "SINGLE_SELECT".to_string()])
    .created_by(vec!["uSer1".to_string()])
    .modified_by(vec!["uSer2".to_string()])
    .uids(vec!["cF1".to_string(), "cF2".to_string()])
    .required(true)
    .sort_field("NAME")
    .sort_trend("DESC")
    .send());

wire!(custom_field_create, 201, JSON, "{}", |client| client
    .custom_field_create()
    .body(json_body::<types::CreateCustomFieldDto>(json!({
        "name": "Priority", "type": "SINGLE_SELECT", "allowedEntities": ["PROJECT"],
        "options": ["low", "high"], "required": false
    })))
    .send());

wire!(custom_field_get, 200, JSON, "{}", |client| client
    .custom_field_get()
    .field_uid("cF1")
    .send());

wire!(custom_field_option_list, 200, JSON, "{}", |client| client
    .custom_field_option_list()
    .field_uid("cF1")
    .name("high")
    .sort_field("VALUE")
    .sort_trend("ASC")
    .page_number(0)
    .send());

wire!(project_custom_field_list, 200, JSON, "{}", |client| client
    .project_custom_field_list()
    .project_uid("pRoJ3ct")
    .page_number(0)
    .page_size(20)
    .created_by(vec!["uSer1".to_string()])
    .modified_by(vec!["uSer2".to_string()])
    .sort_field("CREATED")
    .sort_trend("ASC")
    .send());

wire!(project_custom_field_create, 200, JSON, "{}", |client| {
    client
        .project_custom_field_create()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::CreateCustomFieldInstancesDto>(json!({
            "customFieldInstances": [
                {"customField": {"uid": "cF1"}, "value": "PO-2024-17"},
                {"customField": {"uid": "cF2"}, "selectedOptions": [{"uid": "oPt1"}]}
            ]
        })))
        .send()
});

wire!(project_custom_field_update_all, 200, JSON, "{}", |client| {
    client
        .project_custom_field_update_all()
        .project_uid("pRoJ3ct")
        .body(json_body::<types::UpdateCustomFieldInstancesDto>(json!({
            "addInstances": [{"customField": {"uid": "cF3"}, "value": "42"}],
            "removeInstances": [{"uid": "cFi1"}],
            "updateInstances": [{"customFieldInstance": {"uid": "cFi2"}, "value": "new"}]
        })))
        .send()
});

wire!(project_custom_field_get, 200, JSON, "{}", |client| client
    .project_custom_field_get()
    .project_uid("pRoJ3ct")
    .field_instance_uid("cFi2")
    .send());

wire!(project_custom_field_update, 200, JSON, "{}", |client| {
    client
        .project_custom_field_update()
        .project_uid("pRoJ3ct")
        .field_instance_uid("cFi2")
        .body(json_body::<types::UpdateCustomFieldInstanceDto>(
            json!({"value": "PO-2024-18"}),
        ))
        .send()
});

wire!(project_custom_field_delete, 204, JSON, "", |client| client
    .project_custom_field_delete()
    .project_uid("pRoJ3ct")
    .field_instance_uid("cFi2")
    .send());

// ---------------------------------------------------------------------------------------------
// Machine translation
// ---------------------------------------------------------------------------------------------

wire!(mt_settings_list, 200, JSON, "{}", |client| client
    .mt_settings_list()
    .name("DeepL")
    .sort("NAME")
    .order("desc")
    .page_number(0)
    .page_size(50)
    .send());

wire!(
    mt_settings_list_third_party_engines,
    200,
    JSON,
    "{}",
    |client| {
        client
            .mt_settings_list_third_party_engines()
            .name("Google")
            .send()
    }
);

wire!(mt_settings_types, 200, JSON, "{}", |client| client
    .mt_settings_types()
    .send());

wire!(mt_settings_get, 200, JSON, "{}", |client| client
    .mt_settings_get()
    .mts_uid("mTs1")
    .send());

wire!(mt_settings_status, 200, JSON, "{}", |client| client
    .mt_settings_status()
    .mts_uid("mTs1")
    .send());

wire!(mt_translate, 200, JSON, "{}", |client| client
    .mt_translate()
    .mt_settings_uid("mTs1")
    .body(json_body::<types::TranslationRequestExtendedDto>(json!({
        "sourceTexts": ["Hello world", "Grüße aus Zürich"], "from": "en", "to": "de",
        "filename": "greetings.txt"
    })))
    .send());

wire!(project_mt_settings_get, 200, JSON, "{}", |client| client
    .project_mt_settings_get()
    .project_uid("pRoJ3ct")
    .send());

wire!(project_mt_settings_set, 200, JSON, "{}", |client| client
    .project_mt_settings_set()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::EditProjectMtSettingsDto>(
        json!({"machineTranslateSettings": {"id": "4711"}})
    ))
    .send());

wire!(
    project_mt_settings_per_language_set,
    200,
    JSON,
    "{}",
    |client| {
        client
            .project_mt_settings_per_language_set()
            .project_uid("pRoJ3ct")
            .body(json_body::<types::EditProjectMtSettingsPerLangListDto>(
                json!({
                    "mtSettingsPerLangList": [
                        {"targetLang": "de", "machineTranslateSettings": {"id": "4711"}},
                        {"targetLang": "ja", "machineTranslateSettings": {"id": 4712}}
                    ]
                }),
            ))
            .send()
    }
);

wire!(job_translate_with_mt, 200, JSON, "{}", |client| client
    .job_translate_with_mt()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::TranslationRequestDto>(
        json!({"sourceTexts": ["Hello world"]})
    ))
    .send());

// ---------------------------------------------------------------------------------------------
// Analyses
// ---------------------------------------------------------------------------------------------

wire!(analysis_create_by_languages, 200, JSON, "{}", |client| {
    client
        .analysis_create_by_languages()
        .body(json_body::<types::CreateAnalyseListAsyncDto>(json!({
            "jobs": [{"uid": "j0bUid1"}, {"uid": "j0bUid2"}], "type": "PreAnalyse",
            "includeMachineTranslationMatches": true, "netRateScheme": {"id": "12"},
            "callbackUrl": "https://hooks.example.com/memsource/analyses"
        })))
        .send()
});

wire!(analysis_create_by_providers, 200, JSON, "{}", |client| {
    client
        .analysis_create_by_providers()
        .body(json_body::<types::CreateAnalyseListAsyncDto>(
            json!({"jobs": [{"uid": "j0bUid1"}], "type": "PostAnalyse"}),
        ))
        .send()
});

wire!(analysis_recalculate, 200, JSON, "{}", |client| client
    .analysis_recalculate()
    .body(json_body::<types::AnalyseRecalculateRequestDto>(
        json!({"analyses": [{"id": "123"}, {"id": 124}]})
    ))
    .send());

wire!(analysis_delete_bulk, 204, JSON, "", |client| client
    .analysis_delete_bulk()
    .body(json_body::<types::BulkDeleteAnalyseDto>(
        json!({"analyses": [{"id": "123"}], "purge": true})
    ))
    .send());

wire!(analysis_update_bulk, 200, JSON, "{}", |client| client
    .analysis_update_bulk()
    .body(json_body::<types::BulkEditAnalyseV2Dto>(json!({
        "analyses": [{"id": "123"}], "name": "Vendor quote",
        "provider": {"type": "VENDOR", "id": "55"}
    })))
    .send());

wire!(analysis_delete, 204, JSON, "", |client| client
    .analysis_delete()
    .analyse_uid("aNa1")
    .purge(false)
    .send());

wire!(analysis_update, 200, JSON, "{}", |client| client
    .analysis_update()
    .analyse_uid("aNa1")
    .body(json_body::<types::EditAnalyseV2Dto>(
        json!({"name": "Vendor quote", "netRateScheme": {"uid": "n3t"}})
    ))
    .send());

wire!(analysis_language_part_get, 200, JSON, "{}", |client| client
    .analysis_language_part_get()
    .analyse_uid("aNa1")
    .analyse_language_part_id("987")
    .send());

wire!(analysis_language_part_job_list, 200, JSON, "{}", |client| {
    client
        .analysis_language_part_job_list()
        .analyse_uid("aNa1")
        .analyse_language_part_id("987")
        .page_number(0)
        .page_size(50)
        .send()
});

wire!(analysis_job_get, 200, JSON, "{}", |client| client
    .analysis_job_get()
    .analyse_uid("aNa1")
    .job_uid("j0bUid1")
    .send());

wire!(analysis_list_by_job, 200, JSON, "{}", |client| client
    .analysis_list_by_job()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .page_number(0)
    .page_size(50)
    .send());

// ---------------------------------------------------------------------------------------------
// Translation memories
// ---------------------------------------------------------------------------------------------

wire!(tm_wild_card_search, 200, JSON, "{}", |client| client
    .tm_wild_card_search()
    .trans_memory_uid("tM1")
    .body(json_body::<types::WildCardSearchRequestDto>(json!({
        "query": "invoice*", "sourceLang": "en", "targetLangs": ["de"], "count": 20, "offset": 40
    })))
    .send());

wire!(tm_export_by_query_async, 200, JSON, "{}", |client| client
    .tm_export_by_query_async()
    .trans_memory_uid("tM1")
    .body(json_body::<types::ExportByQueryDto>(json!({
        "exportTargetLangs": ["de"], "queries": ["invoice", "Rechnung"], "queryLangs": ["en", "de"],
        "createdAtMin": "2024-01-01T00:00:00Z",
        "callbackUrl": "https://hooks.example.com/memsource/tm-export"
    })))
    .send());

wire!(tm_segment_update, 204, JSON, "", |client| client
    .tm_segment_update()
    .trans_memory_uid("tM1")
    .segment_id("5f1e2d3c")
    .body(json_body::<types::TranslationDto>(
        json!({"lang": "de", "text": "Hallo Welt"})
    ))
    .send());

wire!(tm_segment_translation_delete, 204, JSON, "", |client| {
    client
        .tm_segment_translation_delete()
        .trans_memory_uid("tM1")
        .segment_id("5f1e2d3c")
        .lang("de")
        .send()
});

wire!(tm_target_language_add, 201, JSON, "{}", |client| client
    .tm_target_language_add()
    .trans_memory_uid("tM1")
    .body(json_body::<types::TargetLanguageDto>(
        json!({"language": "fr"})
    ))
    .send());

wire!(tm_metadata, 200, JSON, "{}", |client| client
    .tm_metadata()
    .trans_memory_uid("tM1")
    .by_language(true)
    .send());

wire!(tm_last_background_task, 200, JSON, "{}", |client| client
    .tm_last_background_task()
    .trans_memory_uid("tM1")
    .send());

wire!(tm_related_projects, 200, JSON, "{}", |client| client
    .tm_related_projects()
    .trans_memory_uid("tM1")
    .page_number(0)
    .page_size(50)
    .send());

wire!(tm_clear, 204, JSON, "", |client| client
    .tm_clear()
    .trans_memory_uid("tM1")
    .send());

wire!(tm_clear_v2, 202, JSON, "{}", |client| client
    .tm_clear_v2()
    .trans_memory_uid("tM1")
    .send());

wire!(tm_extract_cleaned, 202, JSON, "{}", |client| client
    .tm_extract_cleaned()
    .body(json_body::<types::CleanedTransMemoriesDto>(json!({
        "uids": ["tM1", "tM2"], "outputFormat": "TSV", "preserveRatio": 0.5, "targetLangs": ["de"]
    })))
    .send());

wire!(tm_download_cleaned, 200, BINARY, "en\tde\n", |client| {
    client
        .tm_download_cleaned()
        .async_request_id("123456")
        .send()
});

wire!(job_tm_search, 200, JSON, "{}", |client| client
    .job_tm_search()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::SearchTmByJobRequestDtoV3>(json!({
        "query": "Hello world", "reverse": false, "scoreThreshold": 0.7, "maxResults": 15
    })))
    .send());

wire!(job_tm_wild_card_search, 200, JSON, "{}", |client| client
    .job_tm_wild_card_search()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::WildCardSearchByJobRequestDtoV3>(
        json!({"query": "Hello*", "reverse": true, "count": 10, "offset": 0})
    ))
    .send());

wire!(job_tm_search_segment, 200, JSON, "{}", |client| client
    .job_tm_search_segment()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::SearchTmByJobRequestDto>(json!({
        "segment": "Hello {1}world{2}", "previousSegment": "Intro", "scoreThreshold": 0.75,
        "maxSegments": 5, "tagMetadata": [{"id": "1", "type": "bold"}]
    })))
    .send());

wire!(project_tm_search_segment, 200, JSON, "{}", |client| client
    .project_tm_search_segment()
    .project_uid("pRoJ3ct")
    .body(json_body::<types::SearchTmRequestDto>(
        json!({"segment": "Hello world", "targetLangs": ["de", "ja"], "workflowLevel": 1})
    ))
    .send());

// ---------------------------------------------------------------------------------------------
// Term bases
// ---------------------------------------------------------------------------------------------

wire!(tb_update, 200, JSON, "{}", |client| client
    .tb_update()
    .term_base_uid("tB1")
    .body(json_body::<types::TermBaseEditDto>(
        json!({"name": "Product terms", "langs": ["en", "de", "ja"]})
    ))
    .send());

wire!(tb_delete, 204, JSON, "", |client| client
    .tb_delete()
    .term_base_uid("tB1")
    .purge(true)
    .send());

wire!(tb_clear, 204, JSON, "", |client| client
    .tb_clear()
    .term_base_uid("tB1")
    .send());

wire!(tb_browse, 200, JSON, "{}", |client| client
    .tb_browse()
    .term_base_uid("tB1")
    .body(json_body::<types::BrowseRequestDto>(json!({
        "queryLang": "en", "query": "invoice", "status": "Approved", "pageNumber": 0, "pageSize": 50
    })))
    .send());

wire!(tb_concept_list, 200, JSON, "{}", |client| client
    .tb_concept_list()
    .term_base_uid("tB1")
    .page_number(0)
    .page_size(50)
    .send());

wire!(tb_concept_create, 201, JSON, "{}", |client| client
    .tb_concept_create()
    .term_base_uid("tB1")
    .body(json_body::<types::ConceptEditDto>(json!({
        "definition": "A request for payment.", "domain": {"uid": "d0maIn"},
        "subdomains": [{"uid": "sUbD0m"}], "conceptNote": "Finance"
    })))
    .send());

wire!(tb_concept_delete_batch, 204, JSON, "", |client| client
    .tb_concept_delete_batch()
    .term_base_uid("tB1")
    .body(json_body::<types::ConceptListReference>(
        json!({"concepts": [{"id": "42"}, {"id": 43}]})
    ))
    .send());

wire!(tb_concept_get, 200, JSON, "{}", |client| client
    .tb_concept_get()
    .term_base_uid("tB1")
    .concept_id("42")
    .send());

wire!(tb_concept_update, 200, JSON, "{}", |client| client
    .tb_concept_update()
    .term_base_uid("tB1")
    .concept_id("42")
    .body(json_body::<types::ConceptEditDto>(
        json!({"definition": "A bill.", "url": "https://example.com/glossary#invoice"})
    ))
    .send());

wire!(tb_concept_delete, 204, JSON, "", |client| client
    .tb_concept_delete()
    .term_base_uid("tB1")
    .concept_id("42")
    .send());

wire!(tb_concept_terms, 200, JSON, "{}", |client| client
    .tb_concept_terms()
    .term_base_uid("tB1")
    .concept_id("42")
    .send());

wire!(tb_upload, 200, JSON, "{}", |client| client
    .tb_upload()
    .term_base_uid("tB1")
    .content_disposition(content_disposition("Glossar Zürich.tbx"))
    .charset("UTF-8")
    .strict_lang_matching(false)
    .update_terms(true)
    .body(reqwest::Body::from("<martif/>"))
    .send());

wire!(tb_metadata, 200, JSON, "{}", |client| client
    .tb_metadata()
    .term_base_uid("tB1")
    .send());

wire!(tb_last_background_task, 200, JSON, "{}", |client| client
    .tb_last_background_task()
    .term_base_uid("tB1")
    .send());

wire!(job_tb_search, 200, JSON, "{}", |client| client
    .job_tb_search()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::SearchTbByJobRequestDto>(
        json!({"query": "invoice", "count": 15, "offset": 0, "reverse": false})
    ))
    .send());

wire!(job_tb_search_in_text, 200, JSON, "{}", |client| client
    .job_tb_search_in_text()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::SearchTbInTextByJobRequestDto>(
        json!({"text": "Please pay the invoice by Friday.", "reverse": false})
    ))
    .send());

wire!(job_tb_term_create, 200, JSON, "{}", |client| client
    .job_tb_term_create()
    .project_uid("pRoJ3ct")
    .job_uid("j0bUid1")
    .body(json_body::<types::CreateTermsDto>(json!({
        "sourceTerm": {"text": "invoice", "partOfSpeech": "NOUN"},
        "targetTerm": {"text": "Rechnung", "gender": "FEMININE"}
    })))
    .send());

// ---------------------------------------------------------------------------------------------
// Files and connectors
// ---------------------------------------------------------------------------------------------

wire!(file_list, 200, JSON, "{}", |client| client
    .file_list()
    .page_number(0)
    .page_size(50)
    .name("manual")
    .types(vec!["DOCX".to_string(), "XLIFF".to_string()])
    .created_by(1234)
    .bigger_than(1024)
    .send());

wire!(file_upload, 201, JSON, "{}", |client| client
    .file_upload()
    .content_disposition(content_disposition("Zürich 東京.docx"))
    .body(reqwest::Body::from("file bytes \u{1F642}"))
    .send());

wire!(file_get, 200, JSON, "{}", |client| client
    .file_get()
    .file_uid("fIlE1")
    .send());

wire!(file_delete, 204, JSON, "", |client| client
    .file_delete()
    .file_uid("fIlE1")
    .send());

wire!(connector_list, 200, JSON, "{}", |client| client
    .connector_list()
    .type_("GITHUB")
    .send());

wire!(connector_get, 200, JSON, "{}", |client| client
    .connector_get()
    .connector_id("c0nn")
    .send());

wire!(connector_root_folder, 200, JSON, "{}", |client| client
    .connector_root_folder()
    .connector_id("c0nn")
    .file_type("FOLDERS")
    .sort("DATE_MODIFIED")
    .direction("DESCENDING")
    .send());

wire!(connector_folder, 200, JSON, "{}", |client| client
    .connector_folder()
    .connector_id("c0nn")
    .folder("ZG9jcy9lbg")
    .project_uid("pRoJ3ct")
    .file_type("FILES")
    .sort("NAME")
    .direction("ASCENDING")
    .send());

wire!(
    connector_file_download,
    200,
    BINARY,
    "remote bytes",
    |client| {
        client
            .connector_file_download()
            .connector_id("c0nn")
            .folder("ZG9jcy9lbg")
            .file_name("aW5kZXgubWQ")
            .send()
    }
);

wire!(connector_file_request, 200, JSON, "{}", |client| client
    .connector_file_request()
    .connector_id("c0nn")
    .folder("ZG9jcy9lbg")
    .file_name("aW5kZXgubWQ")
    .body(json_body::<types::GetFileRequestParamsDto>(json!({
        "callbackUrl": "https://hooks.example.com/memsource/connector", "sourceLang": "en"
    })))
    .send());

wire!(
    connector_file_task_download,
    200,
    BINARY,
    "remote bytes",
    |client| {
        client
            .connector_file_task_download()
            .connector_id("c0nn")
            .folder("ZG9jcy9lbg")
            .file_name("aW5kZXgubWQ")
            .task_id("t4sk")
            .send()
    }
);

// ---------------------------------------------------------------------------------------------
// The spec itself
// ---------------------------------------------------------------------------------------------

const SPEC: &str = include_str!("../../../openapi/memsource.yaml");

/// Names that appear more than once among the lines `line_key` picks out.
fn repeated<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut seen = std::collections::BTreeSet::new();
    keys.filter(|key| !seen.insert(*key)).collect()
}

/// A path or schema written twice is not a YAML error to the generator's parser: the second
/// silently replaces the first, and with it every operation of the first (this happened once
/// with `/api2/v3/users/{userUid}`, and userGet vanished from the client).
#[test]
fn no_path_or_schema_is_declared_twice() {
    let (paths, components) = SPEC
        .split_once("\ncomponents:\n")
        .expect("the spec has a components section");
    let path_keys = paths
        .lines()
        .filter(|line| line.starts_with("  /"))
        .map(|line| line.trim().trim_end_matches(':'));
    assert_eq!(
        repeated(path_keys),
        Vec::<&str>::new(),
        "paths declared twice"
    );

    let (_, schemas) = components
        .split_once("\n  schemas:\n")
        .expect("the spec has schemas");
    let schema_keys = schemas
        .lines()
        .filter(|line| {
            line.len() > 4
                && line.starts_with("    ")
                && !line.starts_with("     ")
                && !line.trim_start().starts_with('#')
                && line.ends_with(':')
        })
        .map(str::trim);
    assert_eq!(
        repeated(schema_keys),
        Vec::<&str>::new(),
        "schemas declared twice"
    );
}
