//! The open enums generated from the spec: every value it lists has a named variant, and
//! unknown values are kept.

use memsource_api::enums::*;
use serde_json::{Value, json};
use tms_testkit::surface::open_enum_values;

const SPEC: &str = include_str!("../../../openapi/memsource.yaml");

/// Decodes `wire` as the enum of `schema`: whether it is a named variant, and what it encodes to.
fn round_trip(schema: &str, wire: Value) -> (bool, Value) {
    __round_trip(schema, wire.clone())
        .unwrap_or_else(|| panic!("{schema} has no generated enum"))
        .unwrap_or_else(|e| panic!("{schema}: {wire} does not decode: {e}"))
}

#[test]
fn every_listed_value_has_a_variant_and_the_same_wire_value() {
    let enums = open_enum_values(SPEC);
    assert!(enums.len() >= 6, "the spec declares the open enums");
    for (schema, values) in enums {
        for wire in values {
            let (known, back) = round_trip(&schema, wire.clone());
            assert!(known, "{schema}: {wire} decodes to Unknown");
            assert_eq!(back, wire, "{schema}: {wire} encodes as {back}");
        }
    }
}

#[test]
fn unknown_values_are_kept() {
    let action: AsyncRequestAction = serde_json::from_str(r#""QUANTUM_ALIGN""#).expect("decodes");
    assert_eq!(action, AsyncRequestAction::Unknown("QUANTUM_ALIGN".into()));
    assert_eq!(
        serde_json::to_string(&action).expect("encodes"),
        r#""QUANTUM_ALIGN""#
    );
    assert_eq!(
        round_trip("JobStatus", json!("IN_REVIEW")),
        (false, json!("IN_REVIEW"))
    );
}

#[test]
fn variant_names_follow_the_wire_names() {
    assert_eq!(
        JobStatus::from("COMPLETED_BY_LINGUIST"),
        JobStatus::CompletedByLinguist
    );
    assert_eq!(AsyncRequestAction::from("QA_V3"), AsyncRequestAction::QaV3);
    assert_eq!(AnalyseType::from("PreAnalyse"), AnalyseType::PreAnalyse);
}
