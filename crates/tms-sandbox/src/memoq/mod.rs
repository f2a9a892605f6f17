//! The Memoq side of the sandbox.

use std::sync::Arc;

use axum::Router;

use crate::{SandboxConfig, Shared};

/// Everything the Memoq side holds: users, sessions and resources.
#[derive(Debug, Default)]
pub struct MemoqState {}

impl MemoqState {
    pub(crate) fn seeded(_config: &SandboxConfig) -> MemoqState {
        MemoqState::default()
    }

    /// Ends every open session: the next call with any current token is refused as expired.
    pub fn expire_all_tokens(&mut self) {}
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
}
