//! What a flow or a wait reports while it runs (see the `.progress(..)` of each flow and of
//! [`crate::async_requests::AsyncWait`]).

use std::sync::Arc;
use std::time::Duration;

use crate::ids::AsyncRequestId;

/// What a flow is doing, for a progress display: see the `.progress(..)` of each flow.
///
/// A flow reports, in this order: [`Progress::Uploading`] as the upload is read (uploading
/// flows), [`Progress::Started`] for each asynchronous request the server started,
/// [`Progress::Pending`] after each poll that found one still running, [`Progress::Downloading`]
/// as a download is written (exports), and [`Progress::Done`] once, when the flow has its
/// result. A failed flow ends without `Done`; a dropped one reports nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Progress {
    /// Bytes of the upload the HTTP body has read so far, and the file's size when known (a
    /// path; a reader's size is not). An upload that is sent again counts from 0 again.
    Uploading {
        /// Bytes read into the request so far.
        sent: u64,
        /// The size of the file, when known.
        total: Option<u64>,
    },
    /// The server started the asynchronous request `id` (save it to resume the wait with
    /// [`Client::async_request`](crate::Client::async_request) after a restart).
    Started {
        /// The request's id.
        id: AsyncRequestId,
    },
    /// A poll found the request still running.
    Pending {
        /// The request's id.
        id: AsyncRequestId,
        /// Polls made so far for this request, this one included.
        polls: u32,
        /// Time since the wait for this request began (on the client's clock).
        elapsed: Duration,
    },
    /// Bytes of the download written so far, and the size the server announced, if any.
    Downloading {
        /// Bytes written so far.
        written: u64,
        /// The `Content-Length` of the download, when sent.
        total: Option<u64>,
    },
    /// The flow has its result (whatever the outcome of the asynchronous work).
    Done,
}

/// A progress callback as the flows keep it.
pub(crate) type ProgressFn = Arc<dyn Fn(Progress) + Send + Sync>;
