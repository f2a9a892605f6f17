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

/// The retry-safety table names every operation the client has, and nothing else.
#[test]
fn the_idempotency_table_is_complete() {
    let surface = operation_surface(GENERATED);
    let mut client_ops: Vec<&str> = surface
        .text
        .lines()
        .filter(|l| !l.starts_with(' '))
        .filter_map(|l| l.split(':').next())
        .collect();
    let mut table: Vec<&str> = memoq_api::operations::OPERATIONS
        .iter()
        .map(|(op, _)| *op)
        .collect();
    client_ops.sort_unstable();
    table.sort_unstable();
    assert_eq!(table, client_ops);
}
