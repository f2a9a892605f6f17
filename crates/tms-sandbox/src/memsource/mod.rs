//! The Memsource side of the sandbox.

use std::sync::Arc;

use axum::Router;

use crate::{SandboxConfig, Shared};

/// Everything the Memsource side holds: users, sessions and resources.
#[derive(Debug, Default)]
pub struct MemsourceState {}

impl MemsourceState {
    pub(crate) fn seeded(_config: &SandboxConfig) -> MemsourceState {
        MemsourceState::default()
    }

    /// Ends every open session: the next call with any current token is refused as expired.
    pub fn expire_all_tokens(&mut self) {}
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
}
