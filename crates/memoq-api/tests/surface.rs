//! The client's operation surface, read from the generated code itself: for every operation the
//! method and path it sends, each parameter with its Rust type, and the success and error types
//! of `send()`. Adding, removing or retyping anything shows up as a snapshot diff.

use tms_testkit::surface::{operation_surface, spec_operations};

const GENERATED: &str = include_str!("../src/generated.rs");
const SPEC: &str = include_str!("../../../openapi/memoq-resources.yaml");

#[test]
fn operation_surface_matches_the_spec() {
    let surface = operation_surface(GENERATED);
    insta::assert_snapshot!("operation_surface", surface.text);
    let documented = spec_operations(SPEC);
    assert_eq!(
        documented.len(),
        30,
        "the vendor documents 30 method+path pairs"
    );
    assert_eq!(surface.requests, documented);
}

/// Every operation declares whether it may be sent twice; the generated policy says what the
/// spec declares, for every operation the client has.
#[test]
fn every_operation_declares_its_idempotency() {
    use tms_runtime::engine::{Idempotency, OperationPolicy};

    let missing = tms_testkit::surface::undeclared_idempotency(SPEC);
    assert!(missing.is_empty(), "no x-idempotent on {missing:?}");
    let surface = operation_surface(GENERATED);
    assert_eq!(
        memoq_api::operations::OPERATIONS.len(),
        surface.requests.len()
    );

    let policy = memoq_api::operations::of;
    assert_eq!(policy("tm_entry_create").idempotency, Idempotency::Unsafe);
    assert_eq!(policy("tm_lookup_segments").idempotency, Idempotency::Safe);
    assert!(policy("tb_entry_meta_get").transfer);
    assert!(policy("tb_entry_create").empty_success);
    assert!(policy("auth_login").anonymous && !policy("auth_logout").anonymous);
    assert_eq!(policy("no_such_operation"), OperationPolicy::UNKNOWN);
}
