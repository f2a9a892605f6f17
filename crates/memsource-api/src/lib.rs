#![doc = include_str!("../README.md")]

#[rustfmt::skip]
#[allow(clippy::all, missing_docs)]
mod generated;

pub mod enums;
mod error;
mod hooks;
pub mod ids;
pub mod paging;
mod session;
pub mod upload;

pub use error::{Error, ErrorCode};
pub use generated::*;
pub use paging::Page;
pub use session::{AuthScheme, Login, LoginInfo, Session};
pub use tms_runtime::secret::Secret;
pub use tms_runtime::time::Timestamp;
