//! Receiving Memsource's callbacks (feature `callbacks`).
//!
//! Memsource POSTs the finished asynchronous request to the `callbackUrl` given when the work
//! started, and, until it gets a 200, tries again after 2, 4, 8 and 16 minutes, then every 30
//! minutes, 10 retries in all: the last one comes [`RETRY_HORIZON`] (3.5 hours) after the first
//! attempt.
//!
//! [`CallbackReceiver`] serves those POSTs on an address you choose. [`CallbackReceiver::expect`]
//! hands out a [`CallbackUrl`] with an unguessable secret in its path; one URL can serve several
//! asynchronous requests (creating analyses starts one per analysis, all calling the same URL),
//! and [`CallbackUrl::ticket`] resolves when the callback for one request id arrives — a
//! callback for any other id never ends it. [`AsyncWait::callback`] then ends a wait on
//! whichever comes first, the callback or a poll.
//!
//! The receiver answers 200 at once, limits the body size, accepts the request id as a JSON
//! number or string, and acknowledges the vendor's retries of a callback it already delivered.
//! A URL is forgotten when its [`CallbackUrl`] and every ticket from it are dropped, except
//! that a URL that received callbacks keeps acknowledging their retries until [`RETRY_HORIZON`]
//! has passed since each arrived.
//!
//! ```no_run
//! # async fn demo(client: memsource_api::Client, receiver: memsource_api::callbacks::CallbackReceiver)
//! # -> Result<(), Box<dyn std::error::Error>> {
//! use std::time::Duration;
//!
//! let callback = receiver.expect().map_err(|e| e.to_string())?;
//! // Start the work with `callback.url()` as its `callbackUrl`, then wait for its request:
//! # let id = "123456";
//! let outcome = client
//!     .async_request(id)
//!     .max_wait(Duration::from_secs(3600))
//!     .callback(callback.ticket(id))
//!     .wait()
//!     .await?;
//! # let _ = outcome; Ok(()) }
//! ```
//!
//! [`AsyncWait::callback`]: crate::async_requests::AsyncWait::callback

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use tms_runtime::clock::{SharedClock, TokioClock};
use tokio::sync::oneshot;

use crate::ids::AsyncRequestId;
use crate::types;

/// The largest callback body accepted (an analysis with many jobs stays well below).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// The vendor's waits between retries of a callback that did not get a 200, in minutes.
const RETRY_SCHEDULE_MINUTES: [u64; 10] = [2, 4, 8, 16, 30, 30, 30, 30, 30, 30];

/// How long after a callback first arrives the vendor may still send it again (when it did not
/// see the 200): the sum of its retry schedule, 210 minutes.
pub const RETRY_HORIZON: Duration = Duration::from_secs(
    60 * {
        let mut sum = 0;
        let mut i = 0;
        while i < RETRY_SCHEDULE_MINUTES.len() {
            sum += RETRY_SCHEDULE_MINUTES[i];
            i += 1;
        }
        sum
    },
);

/// A ticket waiting for the callback of one request id.
struct Waiter {
    ticket: u64,
    id: AsyncRequestId,
    tx: oneshot::Sender<types::AsyncRequestDto>,
}

/// A callback that arrived.
struct Delivered {
    at: Instant,
    /// Kept for tickets asked for after the callback arrived, while the URL is in use.
    request: Option<types::AsyncRequestDto>,
}

/// One callback URL.
struct Registration {
    secret: [u8; 32],
    /// Live [`CallbackUrl`]s and tickets of this URL.
    handles: usize,
    waiting: Vec<Waiter>,
    delivered: HashMap<AsyncRequestId, Delivered>,
}

struct Registry {
    clock: SharedClock,
    stopped: bool,
    next_key: u64,
    next_ticket: u64,
    urls: HashMap<u64, Registration>,
}

impl Registry {
    /// Forgets deliveries older than the retry horizon, and URLs nobody holds that have none.
    fn prune(&mut self) {
        let now = self.clock.now();
        self.urls.retain(|_, url| {
            url.delivered
                .retain(|_, d| now.saturating_duration_since(d.at) < RETRY_HORIZON);
            if url.handles == 0 {
                url.delivered.values_mut().for_each(|d| d.request = None);
            }
            url.handles > 0 || !url.delivered.is_empty()
        });
    }
}

type SharedRegistry = Arc<Mutex<Registry>>;

fn lock(registry: &SharedRegistry) -> MutexGuard<'_, Registry> {
    registry.lock().unwrap_or_else(|e| e.into_inner())
}

/// The callback body: the async request (and the work's result, which the receiver ignores).
#[derive(serde::Deserialize)]
struct CallbackBody {
    #[serde(rename = "asyncRequest")]
    async_request: types::AsyncRequestDto,
}

/// A server for Memsource callbacks; stops when dropped, and its tickets then resolve to `None`.
pub struct CallbackReceiver {
    registry: SharedRegistry,
    public_base: String,
    local_addr: SocketAddr,
    _shutdown: oneshot::Sender<()>,
}

impl std::fmt::Debug for CallbackReceiver {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallbackReceiver")
            .field("public_base", &self.public_base)
            .field("local_addr", &self.local_addr)
            .finish_non_exhaustive()
    }
}

impl Drop for CallbackReceiver {
    fn drop(&mut self) {
        let mut registry = lock(&self.registry);
        registry.stopped = true;
        // Dropping the senders resolves every waiting ticket to `None`.
        registry
            .urls
            .values_mut()
            .for_each(|url| url.waiting.clear());
    }
}

impl CallbackReceiver {
    /// Serves callbacks on `bind`. `public_base_url` is the address Memsource reaches the receiver
    /// at (your reverse proxy's `https://…`); `None` uses `http://<bound address>`, for tests and
    /// local demos. Callback URLs are `<public base>/callbacks/<n>/<secret>`.
    ///
    /// # Errors
    /// When the address cannot be bound.
    pub async fn start(bind: SocketAddr, public_base_url: Option<&str>) -> std::io::Result<Self> {
        let listener = tokio::net::TcpListener::bind(bind).await?;
        let local_addr = listener.local_addr()?;
        let registry = Arc::new(Mutex::new(Registry {
            clock: Arc::new(TokioClock),
            stopped: false,
            next_key: 0,
            next_ticket: 0,
            urls: HashMap::new(),
        }));
        let app = axum::Router::new()
            .route("/callbacks/{key}/{secret}", post(receive))
            .layer(DefaultBodyLimit::max(MAX_BODY_BYTES))
            .with_state(registry.clone());
        let (shutdown, stopped) = oneshot::channel::<()>();
        tokio::spawn(async move {
            let serve = axum::serve(listener, app).with_graceful_shutdown(async {
                let _ = stopped.await;
            });
            if let Err(err) = serve.await {
                tracing::warn!(error = %err, "callback receiver stopped");
            }
        });
        Ok(Self {
            registry,
            public_base: public_base_url.map_or_else(
                || format!("http://{local_addr}"),
                |url| url.trim_end_matches('/').to_owned(),
            ),
            local_addr,
            _shutdown: shutdown,
        })
    }

    /// Times deliveries against the retry horizon on `clock` instead of real time (for tests).
    pub fn with_clock(self, clock: SharedClock) -> Self {
        lock(&self.registry).clock = clock;
        self
    }

    /// The address the receiver listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// A fresh callback URL, for one or several asynchronous requests.
    ///
    /// # Errors
    /// When the operating system's random number generator fails.
    pub fn expect(&self) -> Result<CallbackUrl, getrandom::Error> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)?;
        let key = {
            let mut registry = lock(&self.registry);
            registry.prune();
            registry.next_key += 1;
            let key = registry.next_key;
            registry.urls.insert(
                key,
                Registration {
                    secret,
                    handles: 1,
                    waiting: Vec::new(),
                    delivered: HashMap::new(),
                },
            );
            key
        };
        Ok(CallbackUrl {
            url: format!("{}/callbacks/{key}/{}", self.public_base, hex(&secret)),
            handle: Handle {
                registry: self.registry.clone(),
                key,
                ticket: None,
            },
        })
    }

    /// How many callback URLs the receiver still answers: those whose [`CallbackUrl`] or a
    /// ticket from it is alive, and those that received a callback less than
    /// [`RETRY_HORIZON`] ago.
    pub fn pending(&self) -> usize {
        let mut registry = lock(&self.registry);
        registry.prune();
        registry.urls.len()
    }
}

/// Keeps a callback URL registered while alive (and, for a ticket, its place in the queue).
struct Handle {
    registry: SharedRegistry,
    key: u64,
    ticket: Option<u64>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        let mut registry = lock(&self.registry);
        if let Some(url) = registry.urls.get_mut(&self.key) {
            url.handles = url.handles.saturating_sub(1);
            if let Some(ticket) = self.ticket {
                url.waiting.retain(|w| w.ticket != ticket);
            }
        }
        registry.prune();
    }
}

/// A callback URL from [`CallbackReceiver::expect`]: pass [`CallbackUrl::url`] as the
/// `callbackUrl` of the work, then take a [`CallbackUrl::ticket`] for each asynchronous request
/// it started. Dropping it (and its tickets) unregisters the URL.
pub struct CallbackUrl {
    url: String,
    handle: Handle,
}

impl std::fmt::Debug for CallbackUrl {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // The URL holds the secret.
        f.debug_struct("CallbackUrl")
            .field("key", &self.handle.key)
            .finish_non_exhaustive()
    }
}

impl CallbackUrl {
    /// The URL to send as `callbackUrl`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// A ticket that resolves when the callback for request `id` arrives at this URL (at once
    /// if it already did), or to `None` when the receiver stopped.
    pub fn ticket(&self, id: impl Into<AsyncRequestId>) -> CallbackTicket {
        let id = id.into();
        let (tx, rx) = oneshot::channel();
        let mut registry = lock(&self.handle.registry);
        registry.next_ticket += 1;
        let ticket = registry.next_ticket;
        let stopped = registry.stopped;
        if let Some(url) = registry.urls.get_mut(&self.handle.key) {
            url.handles += 1;
            match url.delivered.get(&id).and_then(|d| d.request.clone()) {
                Some(request) => {
                    let _ = tx.send(request);
                }
                None if !stopped => url.waiting.push(Waiter { ticket, id, tx }),
                None => {}
            }
        }
        drop(registry);
        CallbackTicket {
            rx,
            handle: Handle {
                registry: self.handle.registry.clone(),
                key: self.handle.key,
                ticket: Some(ticket),
            },
        }
    }
}

/// The end of a callback wait for one request id: resolves to the delivered request, or `None`
/// when the receiver stopped first. Dropping it stops waiting.
pub struct CallbackTicket {
    rx: oneshot::Receiver<types::AsyncRequestDto>,
    handle: Handle,
}

impl std::fmt::Debug for CallbackTicket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CallbackTicket")
            .field("key", &self.handle.key)
            .finish_non_exhaustive()
    }
}

impl Future for CallbackTicket {
    type Output = Option<types::AsyncRequestDto>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.rx).poll(cx).map(Result::ok)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without an early exit, so the time taken says nothing about how much matched.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn receive(
    State(registry): State<SharedRegistry>,
    Path((key, secret)): Path<(u64, String)>,
    body: axum::body::Bytes,
) -> StatusCode {
    let known = {
        let mut registry = lock(&registry);
        registry.prune();
        registry
            .urls
            .get(&key)
            .is_some_and(|url| constant_time_eq(hex(&url.secret).as_bytes(), secret.as_bytes()))
    };
    if !known {
        return StatusCode::NOT_FOUND;
    }
    // Parsed without the lock: a large body does not hold up other callbacks and tickets.
    let Ok(CallbackBody { async_request }) = serde_json::from_slice::<CallbackBody>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    let Some(id) = async_request.id.clone() else {
        return StatusCode::BAD_REQUEST;
    };
    let mut registry = lock(&registry);
    let now = registry.clock.now();
    let Some(url) = registry.urls.get_mut(&key) else {
        // Unregistered while the body was parsed.
        return StatusCode::NOT_FOUND;
    };
    if url.delivered.contains_key(&id) {
        // Memsource retries until it sees a 200; the first delivery already counted.
        return StatusCode::OK;
    }
    let (ready, still_waiting) = std::mem::take(&mut url.waiting)
        .into_iter()
        .partition::<Vec<_>, _>(|w| w.id == id);
    url.waiting = still_waiting;
    for waiter in ready {
        let _ = waiter.tx.send(async_request.clone());
    }
    let keep = url.handles > 0;
    url.delivered.insert(
        id,
        Delivered {
            at: now,
            request: keep.then_some(async_request),
        },
    );
    StatusCode::OK
}
