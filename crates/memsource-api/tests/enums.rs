//! Each open enum names exactly the values the spec lists in `x-enum-values`, and keeps others.

use memsource_api::enums::*;
use tms_testkit::surface::documented_enum_values;

const SPEC: &str = include_str!("../../../openapi/memsource.yaml");

/// The enum names exactly the documented values, and each decodes to a named variant that
/// encodes back to the same string.
fn check<E>(schema: &str, known: &[&str], is_known: fn(&E) -> bool)
where
    E: serde::de::DeserializeOwned + serde::Serialize + std::fmt::Debug,
{
    let mut documented: Vec<String> = documented_enum_values(SPEC, schema)
        .into_iter()
        .map(|(value, _)| value)
        .collect();
    let mut named: Vec<String> = known.iter().map(|v| (*v).to_owned()).collect();
    documented.sort();
    named.sort();
    assert_eq!(
        named, documented,
        "{schema}: Rust and the spec name different values"
    );
    for value in &documented {
        let decoded: E =
            serde_json::from_value(serde_json::Value::String(value.clone())).expect("decodes");
        assert!(
            is_known(&decoded),
            "{schema}: {value} decodes to {decoded:?}"
        );
        assert_eq!(
            serde_json::to_value(&decoded).expect("encodes"),
            serde_json::Value::String(value.clone())
        );
    }
}

#[test]
fn enums_match_the_spec() {
    check(
        "AsyncRequestAction",
        AsyncRequestAction::KNOWN,
        AsyncRequestAction::is_known,
    );
    check(
        "ProjectStatus",
        ProjectStatus::KNOWN,
        ProjectStatus::is_known,
    );
    check("JobStatus", JobStatus::KNOWN, JobStatus::is_known);
    check("UserRole", UserRole::KNOWN, UserRole::is_known);
    check("ProviderType", ProviderType::KNOWN, ProviderType::is_known);
    check("AnalyseType", AnalyseType::KNOWN, AnalyseType::is_known);
}

#[test]
fn unknown_values_are_kept() {
    let action: AsyncRequestAction = serde_json::from_str(r#""QUANTUM_ALIGN""#).expect("decodes");
    assert_eq!(action, AsyncRequestAction::Unknown("QUANTUM_ALIGN".into()));
    assert_eq!(
        serde_json::to_string(&action).expect("encodes"),
        r#""QUANTUM_ALIGN""#
    );
}
