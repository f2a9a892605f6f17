//! Per-operation retry safety. Every operation of the spec is listed (a test keeps the table
//! complete); an operation missing from it is treated as unsafe.

use tms_runtime::engine::Idempotency::{self, Safe, Unsafe};

/// `(operation id, whether sending it twice is harmless)`.
///
/// Lookups, concordance and TB search are POSTs but only read. Creates are unsafe (a duplicate
/// entry). Updates are unsafe too: a replay after a successful first send answers
/// `OptimisticConcurrencyError`, which would misreport the outcome; deletes likewise answer
/// `EntryNotFound`. Logging in twice risks `TooFrequentLogin`. Setting a meta image twice with
/// the same bytes is harmless.
pub const OPERATIONS: &[(&str, Idempotency)] = &[
    ("auth_login", Unsafe),
    ("auth_logout", Safe),
    ("tm_list", Safe),
    ("tm_get", Safe),
    ("tm_custom_meta_scheme", Safe),
    ("tm_concordance", Safe),
    ("tm_lookup_segments", Safe),
    ("tm_entry_get", Safe),
    ("tm_entry_update", Unsafe),
    ("tm_entry_create", Unsafe),
    ("tm_entry_delete", Unsafe),
    ("tb_list", Safe),
    ("tb_get", Safe),
    ("tb_meta_definitions", Safe),
    ("tb_lookup_terms", Safe),
    ("tb_search", Safe),
    ("tb_entry_get", Safe),
    ("tb_entry_update", Unsafe),
    ("tb_entry_create", Unsafe),
    ("tb_entry_delete", Unsafe),
    ("tb_entry_meta_get", Safe),
    ("tb_entry_meta_set", Safe),
    ("tb_language_meta_get", Safe),
    ("tb_language_meta_set", Safe),
    ("tb_language_meta_get_for_language", Safe),
    ("tb_language_meta_set_for_language", Safe),
    ("tb_term_meta_get", Safe),
    ("tb_term_meta_set", Safe),
    ("tb_term_meta_get_for_term", Safe),
    ("tb_term_meta_set_for_term", Safe),
];

/// How safe it is to send `operation` twice.
pub fn idempotency(operation: &str) -> Idempotency {
    OPERATIONS
        .iter()
        .find(|(name, _)| *name == operation)
        .map_or(Unsafe, |(_, idempotency)| *idempotency)
}
