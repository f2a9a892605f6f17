#![warn(missing_docs)]
//! Vendor-neutral runtime shared by the `tms-rs` API clients (`memoq-api`, `memsource-api`).
//!
//! The client crates are generated from hand-written OpenAPI specs by progenitor; each one wires
//! this crate into progenitor's `ClientHooks` and adds only its vendor's policy (how to log in,
//! which error code means "token expired", what the vendor's error body looks like).
//!
//! What lives here:
//! - [`engine`]: the request loop every client's `ClientHooks::exec` runs: send, classify,
//!   re-login once, retry what is safe to retry, stop in time; [`auth`]: how a request
//!   authenticates, sending a login, ending a session; [`vendor`]: what a vendor and each of
//!   its operations declare.
//! - [`client`]: the hooks path, explicit login and logout, written once for every client.
//! - [`session`]: the single-flight token cache behind it, and [`login`]: what a login yields
//!   (a token and its lifetime) or why it yielded none.
//! - [`failure`]: how a failed call reaches the typed error past the generated code.
//! - [`fleet`]: a session and a rate budget shared by many processes through a store
//!   (`tms-redis` keeps them on Redis); without one, each client keeps its own.
//! - [`retry`]: backoff with jitter, `Retry-After`, the retry budget.
//! - [`poll`]: waiting for long-running work, by polling or a push notification.
//! - [`clock`]: time, injectable so tests run on virtual time.
//! - [`transport`] and [`options`]: the HTTP client (HTTPS rule, root CAs) and builder options.
//! - [`wire`]: response hygiene: error bodies read up to a cap, and a proxy's HTML error page,
//!   an empty body or truncated JSON told apart from the vendor's error.
//! - [`error`]: the typed error every client returns, generic over the vendor's error body.
//! - [`secret`]: secrets inside bodies (passwords, tokens) that never show in `Debug`.
//! - [`time`]: date-times kept as sent and read leniently.
//! - [`enums`]: [`open_int_enum!`] and [`open_str_enum!`], enums that keep unknown values;
//!   [`ids`]: [`string_newtype!`], ids and codes as types of their own.

pub mod auth;
pub mod client;
pub mod clock;
pub mod engine;
pub mod enums;
pub mod error;
pub mod failure;
pub mod fleet;
pub mod ids;
pub mod login;
pub mod options;
pub mod poll;
pub mod retry;
pub mod secret;
pub mod session;
pub mod time;
pub mod transport;
pub mod vendor;
pub mod wire;

/// The README's examples, compiled as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

/// What the exported macros name; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use serde;
}
