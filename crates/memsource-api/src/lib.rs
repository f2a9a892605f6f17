#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

#[rustfmt::skip]
#[allow(clippy::all, missing_docs, dead_code, unused_mut)]
mod generated;

pub mod async_requests;
#[cfg(feature = "callbacks")]
pub mod callbacks;
mod client_builder;
pub mod enums;
mod error;
pub mod flows;
pub mod ids;
pub mod lang;
pub mod oauth;
pub use generated::policy as operations;
pub mod paging;
mod pending;
mod progress;
mod session;
pub mod upload;
mod vendor;

pub use client_builder::{ClientBuilder, EU_BASE_URL, US_BASE_URL};
pub use error::{Error, ErrorCode};
pub use generated::*;
pub use paging::Page;
pub use session::{
    AuthScheme, Login, LoginInfo, ProvidedToken, ProvidedTokenFuture, ProviderError, Session,
    TokenProvider, TokenSource,
};
pub use tms_runtime::secret::Secret;
pub use tms_runtime::session::SavedToken;
pub use tms_runtime::time::Timestamp;
