//! Receiving Memsource's callbacks (feature `callbacks`).
//!
//! Memsource POSTs the finished asynchronous request to the `callbackUrl` given when the work
//! started, and retries (after 2, 4, 8, 16, then 30 minutes, up to 10 times) until it gets a
//! 200. [`CallbackReceiver`] serves those POSTs on an address you choose and hands out one URL per
//! request, with an unguessable secret in its path; [`AsyncWait::callback`] then ends the wait
//! on whichever comes first, the callback or a poll.
//!
//! The receiver answers 200 at once, limits the body size, accepts the request id as a JSON
//! number or string, and ignores the vendor's retries of a callback it already delivered.
//!
//! [`AsyncWait::callback`]: crate::async_requests::AsyncWait::callback

use std::collections::HashMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::routing::post;
use tokio::sync::oneshot;

use crate::types;

/// The largest callback body accepted (an analysis with many jobs stays well below).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

enum Slot {
    Waiting(oneshot::Sender<types::AsyncRequestDto>),
    Delivered,
}

struct Expected {
    secret: [u8; 32],
    slot: Slot,
}

#[derive(Default)]
struct Registry {
    next: u64,
    expected: HashMap<u64, Expected>,
}

/// The callback body: the async request (and the work's result, which the receiver ignores).
#[derive(serde::Deserialize)]
struct CallbackBody {
    #[serde(rename = "asyncRequest")]
    async_request: types::AsyncRequestDto,
}

/// A server for Memsource callbacks; stops when dropped.
pub struct CallbackReceiver {
    registry: Arc<Mutex<Registry>>,
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

/// The end of a callback wait: resolves to the delivered request, or `None` when the receiver
/// stopped first.
pub type CallbackTicket = std::pin::Pin<
    Box<dyn std::future::Future<Output = Option<types::AsyncRequestDto>> + Send + 'static>,
>;

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
        let registry = Arc::new(Mutex::new(Registry::default()));
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

    /// The address the receiver listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.local_addr
    }

    /// A fresh `callbackUrl` and the ticket that resolves when Memsource calls it.
    ///
    /// # Errors
    /// When the operating system's random number generator fails.
    pub fn expect(&self) -> Result<(String, CallbackTicket), getrandom::Error> {
        let mut secret = [0u8; 32];
        getrandom::fill(&mut secret)?;
        let (tx, rx) = oneshot::channel();
        let key = {
            let mut registry = self.registry.lock().unwrap_or_else(|e| e.into_inner());
            registry.next += 1;
            let key = registry.next;
            registry.expected.insert(
                key,
                Expected {
                    secret,
                    slot: Slot::Waiting(tx),
                },
            );
            key
        };
        let url = format!("{}/callbacks/{key}/{}", self.public_base, hex(&secret));
        Ok((url, Box::pin(async move { rx.await.ok() })))
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
    State(registry): State<Arc<Mutex<Registry>>>,
    Path((key, secret)): Path<(u64, String)>,
    body: axum::body::Bytes,
) -> StatusCode {
    let mut registry = registry.lock().unwrap_or_else(|e| e.into_inner());
    let Some(expected) = registry.expected.get_mut(&key) else {
        return StatusCode::NOT_FOUND;
    };
    if !constant_time_eq(hex(&expected.secret).as_bytes(), secret.as_bytes()) {
        return StatusCode::NOT_FOUND;
    }
    if matches!(expected.slot, Slot::Delivered) {
        // Memsource retries until it sees a 200; the first delivery already counted.
        return StatusCode::OK;
    }
    let Ok(parsed) = serde_json::from_slice::<CallbackBody>(&body) else {
        return StatusCode::BAD_REQUEST;
    };
    if let Slot::Waiting(tx) = std::mem::replace(&mut expected.slot, Slot::Delivered) {
        let _ = tx.send(parsed.async_request);
    }
    StatusCode::OK
}
