//! What a vendor and its operations declare: how to read and classify the vendor's failures
//! ([`Vendor`]), and per operation whether it may be sent twice, whether it moves a file, and
//! whether it needs a token ([`OperationPolicy`], generated from the spec).

use reqwest::StatusCode;

use crate::retry::is_transient_status;

/// What a failed answer means, as the vendor's policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The session token is no longer valid: log in again once and replay.
    TokenExpired,
    /// Worth another attempt after a wait (throttling, a gateway error, no free licence).
    Transient,
    /// Retrying cannot help.
    Permanent,
}

/// A vendor's policy: the shape of its error body and what its failures mean.
pub trait Vendor: Send + Sync {
    /// The vendor's name, for tracing.
    const NAME: &'static str;
    /// The vendor's JSON error body.
    type ErrorBody: crate::error::ErrorBody + serde::de::DeserializeOwned;

    /// Classifies an error answer by its status and the vendor's error code (decoded once, by
    /// the engine). The default retries 429 and 502/503/504 and nothing else.
    fn classify(&self, status: StatusCode, code: Option<ErrorCode<Self>>) -> Failure {
        let _ = code;
        if is_transient_status(status) {
            Failure::Transient
        } else {
            Failure::Permanent
        }
    }
}

/// The error code type of a vendor's error body.
pub type ErrorCode<V> = <<V as Vendor>::ErrorBody as crate::error::ErrorBody>::Code;

/// Whether sending an operation twice is harmless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// Reads, lookups and searches (even when they are POSTs), deletes and full updates: retried
    /// on any transient failure.
    Safe,
    /// Creates and other actions with effects (logins too): retried only when the request
    /// provably was not carried out — the connection was refused, or the server answered 429 or
    /// 503 — and otherwise the error reaches the caller. After a broken connection or a
    /// timeout its outcome is unknown.
    Unsafe,
}

/// What a spec declares about one operation (`x-idempotent`, `x-transfer`, `x-empty-success`);
/// `cargo xtask regen` generates each client's table of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OperationPolicy {
    /// Whether sending it twice is harmless.
    pub idempotency: Idempotency,
    /// Its answer is a file, read under the transfer timeout instead of the per-attempt one.
    /// Requests with a streaming body are transfers anyway.
    pub transfer: bool,
    /// A success may come without a body; it reads as JSON `null`.
    pub empty_success: bool,
    /// Sent without a token (`security: []` in the spec: the logins).
    pub anonymous: bool,
}

impl OperationPolicy {
    /// The policy of an operation nobody declared: retried only as [`Idempotency::Unsafe`]
    /// allows, not a transfer.
    pub const UNKNOWN: Self = Self {
        idempotency: Idempotency::Unsafe,
        transfer: false,
        empty_success: false,
        anonymous: false,
    };
}
