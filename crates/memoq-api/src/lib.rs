#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

#[rustfmt::skip]
#[allow(clippy::all, missing_docs, dead_code, unused_mut)]
mod generated;

mod client_builder;
pub mod enums;
mod error;
pub mod ids;
pub mod lang;
mod lookup;
pub use generated::policy as operations;
pub mod segment;
mod session;
mod tb_lookup;
mod vendor;

pub use client_builder::ClientBuilder;
pub use error::{Error, ErrorCode};
pub use generated::*;
pub use lookup::LookupHit;
pub use session::{Credentials, LoginInfo, Session};
pub use tms_runtime::secret::Secret;
pub use tms_runtime::session::SavedToken;
pub use tms_runtime::time::Timestamp;
