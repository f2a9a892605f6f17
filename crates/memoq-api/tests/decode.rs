//! Every JSON example from the vendor documentation (and both reported TB lookup shapes) decodes
//! into its generated type, is snapshotted as the Rust value it became, and re-encodes without
//! losing a field.

use memoq_api::enums::{ResourceAccessLevel, TermCaseSense};
use memoq_api::types;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// Decodes fixture `name` as `T`, checks the round trip and snapshots the value.
fn decode<T: DeserializeOwned + Serialize + std::fmt::Debug>(name: &str) -> T {
    let decoded: T = tms_testkit::decode_round_trip(env!("CARGO_MANIFEST_DIR"), name);
    insta::assert_debug_snapshot!(name, decoded);
    decoded
}

#[test]
fn tm_list_response() {
    let tms: Vec<types::TmModel> = decode("tm_list_response");
    assert_eq!(tms.len(), 2);
    assert_eq!(tms[0].access_level, Some(ResourceAccessLevel::ReadWrite));
    assert_eq!(
        tms[1].tm_guid.as_deref(),
        Some("2433ea4e-0ea6-4339-9c1f-f84bce41ad3b")
    );
}

#[test]
fn tm_get_response() {
    let tm: types::TmModel = decode("tm_get_response");
    assert_eq!(tm.friendly_name.as_deref(), Some("Test TM 2"));
}

#[test]
fn login_param() {
    let param: types::LoginParam = decode("login_param");
    assert_eq!(
        param.login_mode,
        memoq_api::enums::LoginMode::MemoQServerUser
    );
}

#[test]
fn login_result() {
    let result: types::LoginResult = decode("login_result");
    assert_eq!(
        result
            .access_token
            .map(|t| t.expose().to_owned())
            .as_deref(),
        Some("803be2ac-f4a1-4b47-abea-8b12f2a172d8")
    );
}

#[test]
fn tm_entry_create_request() {
    decode::<types::TmEntryModel>("tm_entry_create_request");
}

#[test]
fn tm_entry_get_response() {
    let entry: types::TmEntryModel = decode("tm_entry_get_response");
    // `Modified` must survive byte for byte: the update call echoes it back.
    assert_eq!(
        entry.modified.as_ref().map(memoq_api::Timestamp::as_str),
        Some("2015-10-15T12:45:49.209Z")
    );
}

#[test]
fn tm_entry_update_request() {
    decode::<types::TmEntryModel>("tm_entry_update_request");
}

#[test]
fn tm_lookup_segments_request() {
    decode::<types::LookupSegmentRequest>("tm_lookup_segments_request");
}

#[test]
fn tm_lookup_segments_response() {
    let result: types::LookupSegmentsResult = decode("tm_lookup_segments_response");
    let hits = result.result.as_deref().unwrap_or_default();
    let first = hits[0].tm_hits.as_deref().unwrap_or_default();
    assert_eq!(first[0].match_rate, Some(58));
}

#[test]
fn tm_concordance_request() {
    decode::<types::ConcordanceRequest>("tm_concordance_request");
}

#[test]
fn tm_concordance_response() {
    let result: types::ConcordanceResult = decode("tm_concordance_response");
    assert_eq!(result.total_conc_result, Some(1));
}

#[test]
fn error_response() {
    let error: types::ErrorResponse = decode("error_response");
    assert_eq!(error.error_code.as_deref(), Some("InvalidOrExpiredToken"));
}

#[test]
fn tb_entry_create_request() {
    let entry: types::TbEntryModel = decode("tb_entry_create_request");
    let languages = entry.languages.unwrap_or_default();
    let terms = languages[0].term_items.clone().unwrap_or_default();
    assert_eq!(terms[0].case_sense, Some(TermCaseSense::Insensitive));
}

#[test]
fn tb_lookup_flat_response() {
    let response: types::TbLookupResponse = decode("tb_lookup_flat_response");
    assert!(matches!(response, types::TbLookupResponse::ResultList(_)));
    let hits: Vec<_> = response.results()[0].hits().collect();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].match_rate, Some(100));
}

#[test]
fn tb_lookup_nested_response() {
    let response: types::TbLookupResponse = decode("tb_lookup_nested_response");
    assert!(matches!(response, types::TbLookupResponse::Envelope(_)));
    let result = &response.results()[0];
    assert!(matches!(
        result.tb_hits,
        Some(types::TbLookupHits::Groups(_))
    ));
    let hits: Vec<_> = result.hits().collect();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].target_term.as_deref(), Some("Drucker"));
}
