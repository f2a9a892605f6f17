#![doc = include_str!("../README.md")]

#[rustfmt::skip]
#[allow(clippy::all, missing_docs)]
mod generated;

pub mod enums;
mod error;
mod hooks;
pub mod secret;
mod session;
mod tb_lookup;
pub mod time;

pub use error::{Error, ErrorCode};
pub use generated::*;
pub use session::{Credentials, LoginInfo, Session};
