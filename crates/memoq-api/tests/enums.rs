//! The hand-written open enums name exactly the values the spec documents in `x-enum-values`.

use memoq_api::enums::*;
use tms_testkit::surface::documented_enum_values;

const SPEC: &str = include_str!("../../../openapi/memoq-resources.yaml");

/// Names compared loosely: case and the Rust-side `Error` suffix that keeps the server's
/// "Unknown" apart from the `Unknown(i32)` arm.
fn same_name(rust: &str, spec: &str) -> bool {
    rust.eq_ignore_ascii_case(spec) || rust.eq_ignore_ascii_case(&format!("{spec}Error"))
}

fn check(schema: &str, name_of: impl Fn(i32) -> Option<&'static str>) {
    let documented = documented_enum_values(SPEC, schema);
    for (value, name) in &documented {
        let value: i32 = value.parse().expect("integer enum");
        let rust = name_of(value).unwrap_or_else(|| panic!("{schema}: {value} is not named"));
        assert!(
            same_name(rust, name),
            "{schema}: {value} is {rust}, spec says {name}"
        );
    }
    let named = (-1..64).filter(|v| name_of(*v).is_some()).count();
    assert_eq!(
        named,
        documented.len(),
        "{schema}: Rust names values the spec does not"
    );
}

#[test]
fn enums_match_the_spec() {
    check("LoginMode", |v| LoginMode::from_value(v).name());
    check("ResourceAccessLevel", |v| {
        ResourceAccessLevel::from_value(v).name()
    });
    check("TMEngineType", |v| TmEngineType::from_value(v).name());
    check("InlineTagStrictness", |v| {
        InlineTagStrictness::from_value(v).name()
    });
    check("ConcordanceColumn", |v| {
        ConcordanceColumn::from_value(v).name()
    });
    check("ConcordanceFirstLast", |v| {
        ConcordanceFirstLast::from_value(v).name()
    });
    check("ConcordanceMeta", |v| ConcordanceMeta::from_value(v).name());
    check("ConcordanceErrorType", |v| {
        ConcordanceErrorType::from_value(v).name()
    });
    check("TermCaseSense", |v| TermCaseSense::from_value(v).name());
    check("TermPartialMatch", |v| {
        TermPartialMatch::from_value(v).name()
    });
    check("SearchFilteringCondition", |v| {
        SearchFilteringCondition::from_value(v).name()
    });
    check("SearchMetaFilteringCondition", |v| {
        SearchMetaFilteringCondition::from_value(v).name()
    });
    check("SearchMetaName", |v| SearchMetaName::from_value(v).name());
    check("TBMetaType", |v| TbMetaType::from_value(v).name());
    check("TBMetaScope", |v| TbMetaScope::from_value(v).name());
}
