#![warn(missing_docs)]
#![doc = include_str!("../README.md")]
//!
//! # Modules
//! - [`RedisFleet`] and [`FleetConfig`]: the connection and its settings; the fleet is both a
//!   [`SessionStore`](tms_runtime::fleet::SessionStore) and a
//!   [`RateLimitStore`](tms_runtime::fleet::RateLimitStore).
//! - [`FleetKey`]: the key tokens are sealed with, and store keys derived from.
//! - [`testing`]: a throwaway `redis-server` for tests and benchmarks.

mod config;
mod crypto;
mod events;
mod health;
mod rate;
mod session;
pub mod testing;

pub use config::{FleetConfig, FleetError, RedisFleet};
pub use crypto::FleetKey;
