#![warn(missing_docs)]
//! Vendor-neutral runtime shared by the `tms-rs` API clients (`memoq-api`, `memsource-api`).
//!
//! The client crates are generated from hand-written OpenAPI specs by progenitor; each one wires
//! this crate into progenitor's `ClientHooks` and adds only its vendor's policy (how to log in,
//! which error code means "token expired", what the vendor's error body looks like).
//!
//! What lives here:
//! - [`token`]: a shared, redacted slot for a session token and the sensitive `Authorization`
//!   header built from it.
//! - [`wire`]: response hygiene, so that a proxy's HTML error page, an empty body or truncated
//!   JSON on an error status still reaches the caller as a typed vendor error that keeps the
//!   HTTP status and the raw body.
//! - [`hooks`]: what every `ClientHooks` impl does (strip `api-version`, set `Authorization`,
//!   a tracing span per call, error-body hygiene).
//! - [`error`]: the typed error every client returns, generic over the vendor's error body.
//! - [`secret`]: secrets inside bodies (passwords, tokens) that never show in `Debug`.
//! - [`time`]: date-times kept as sent and read leniently.
//! - [`enums`]: [`open_int_enum!`] and [`open_str_enum!`], enums that keep unknown values.

pub mod clock;
pub mod engine;
pub mod enums;
pub mod error;
pub mod hooks;
pub mod options;
pub mod poll;
pub mod retry;
pub mod secret;
pub mod session;
pub mod time;
pub mod token;
pub mod transport;
pub mod wire;
