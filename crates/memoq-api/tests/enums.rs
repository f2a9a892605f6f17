//! The open enums generated from the spec: every value it lists has a named variant, unknown
//! values are kept, and numerals in strings decode.

use memoq_api::enums::*;
use serde_json::{Value, json};
use tms_testkit::surface::open_enum_values;

const SPEC: &str = include_str!("../../../openapi/memoq-resources.yaml");

/// Decodes `wire` as the enum of `schema`: whether it is a named variant, and what it encodes to.
fn round_trip(schema: &str, wire: Value) -> (bool, Value) {
    __round_trip(schema, wire.clone())
        .unwrap_or_else(|| panic!("{schema} has no generated enum"))
        .unwrap_or_else(|e| panic!("{schema}: {wire} does not decode: {e}"))
}

#[test]
fn every_listed_value_has_a_variant_and_the_same_wire_value() {
    let enums = open_enum_values(SPEC);
    assert!(enums.len() >= 15, "the spec declares the open enums");
    for (schema, values) in enums {
        for wire in values {
            let (known, back) = round_trip(&schema, wire.clone());
            assert!(known, "{schema}: {wire} decodes to Unknown");
            assert_eq!(back, wire, "{schema}: {wire} encodes as {back}");
            // The .NET server also accepts the numeral in a string; it encodes as the integer.
            let (known, back) = round_trip(&schema, Value::String(wire.to_string()));
            assert!(known && back == wire, "{schema}: \"{wire}\" gives {back}");
        }
    }
}

#[test]
fn known_and_unknown_values_round_trip() {
    let decoded: Vec<TmEngineType> = serde_json::from_str("[0, 1, 2, 7]").unwrap();
    assert_eq!(
        decoded,
        [
            TmEngineType::Classic,
            TmEngineType::Hybrid,
            TmEngineType::Ngtm,
            TmEngineType::Unknown(7)
        ]
    );
    assert_eq!(serde_json::to_string(&decoded).unwrap(), "[0,1,2,7]");
    assert_eq!(round_trip("TMEngineType", json!(7)), (false, json!(7)));
}

#[test]
fn numeral_strings_decode_and_garbage_is_an_error() {
    let mode: LoginMode = serde_json::from_str(r#""1""#).unwrap();
    assert_eq!(mode, LoginMode::WindowsUser);
    let err = serde_json::from_str::<LoginMode>(r#""admin""#).unwrap_err();
    assert!(err.to_string().contains("LoginMode"), "{err}");
    let err = serde_json::from_str::<LoginMode>("4294967296").unwrap_err();
    assert!(err.to_string().contains("out of range"), "{err}");
}

#[test]
fn gap_in_concordance_error_type_stays_unknown() {
    assert_eq!(
        ConcordanceErrorType::from_value(2),
        ConcordanceErrorType::Unknown(2)
    );
    assert_eq!(
        ConcordanceErrorType::from_value(3).to_string(),
        "UnknownError"
    );
    assert_eq!(ResourceAccessLevel::Unknown(9).to_string(), "9");
}
