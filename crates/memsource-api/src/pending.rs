//! Where a client keeps the organisation's pending-request cap between flows: read once from
//! `async/status` by the first flow that needs it (see [`crate::flows`]), then shared by every
//! clone of the client. The session only carries it; what it means is the flows' business.

use std::ops::Deref;
use std::sync::Arc;

use tokio::sync::{OnceCell, Semaphore};

/// Slots for pending asynchronous requests: unset until a flow reads the cap, then `None` when
/// the organisation sets no limit (or the cap cannot be read for this session). Opaque: only
/// the flows use it.
#[derive(Debug, Clone, Default)]
pub struct PendingCap(Arc<OnceCell<Option<Arc<Semaphore>>>>);

impl Deref for PendingCap {
    type Target = OnceCell<Option<Arc<Semaphore>>>;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}
