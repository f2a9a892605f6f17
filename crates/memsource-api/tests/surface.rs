//! The client's operation surface, read from the generated code itself: for every operation the
//! method and path it sends, each parameter with its Rust type, and the success and error types
//! of `send()`. Adding, removing or retyping anything shows up as a snapshot diff.

use tms_testkit::surface::{operation_surface, spec_operations};

const GENERATED: &str = include_str!("../src/generated.rs");
const SPEC: &str = include_str!("../../../openapi/memsource.yaml");

#[test]
fn operation_surface_matches_the_spec() {
    let surface = operation_surface(GENERATED);
    insta::assert_snapshot!("operation_surface", surface.text);
    let documented = spec_operations(SPEC);
    assert!(
        documented.len() >= 55,
        "at least 55 operations, found {}",
        documented.len()
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
        memsource_api::operations::OPERATIONS.len(),
        surface.requests.len()
    );

    let policy = memsource_api::operations::of;
    assert_eq!(policy("job_create").idempotency, Idempotency::Unsafe);
    assert_eq!(policy("project_list").idempotency, Idempotency::Safe);
    assert!(policy("job_download_target_file").transfer);
    assert!(policy("auth_login_v3").anonymous && !policy("auth_who_am_i").anonymous);
    assert_eq!(policy("no_such_operation"), OperationPolicy::UNKNOWN);
}
