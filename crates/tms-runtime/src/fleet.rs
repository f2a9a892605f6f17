//! A fleet of processes sharing one vendor session and one rate budget through a store.
//!
//! By default every client keeps its session and its pace to itself (and its clones). A client
//! built with a [`SessionStore`] logs in for the whole fleet instead: one process logs in while
//! holding a lock, the others wait for the token it publishes, and a token that the server
//! rejects is withdrawn for everyone by its generation only, so a process still holding an older
//! token cannot withdraw a fresh one. A client built with a [`RateLimitStore`] takes a slot of a
//! budget shared per [`Scope`] before each attempt, and a `Retry-After` it receives pauses the
//! whole scope.
//!
//! The traits are small and know nothing of HTTP; the `tms-redis` crate implements both on Redis
//! and [`MemoryRateLimit`] implements the budget for one process. When a store fails, the client
//! carries on for itself (the store decides how, and logs it), unless the store says it
//! [fails closed](SessionStore::fail_closed).

mod login;
mod memory;

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use secrecy::SecretString;

pub(crate) use login::{Avoid, Obtained, forced_login, shared_login};
pub use memory::{MemoryRateLimit, Slot, gcra};

/// What a store operation returns.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StoreError>> + Send + 'a>>;

/// A future that ends at the next change a store announces for a scope (a token published,
/// withdrawn, a lock released). It is registered when it is made, so a change between making it
/// and awaiting it is not missed. A store without notifications returns one that never ends;
/// waiters poll as well.
pub type Changes = Pin<Box<dyn Future<Output = ()> + Send + 'static>>;

/// A store could not do what was asked (unreachable, timed out, refused).
#[derive(Debug, Clone, thiserror::Error)]
#[error("shared store: {message}")]
pub struct StoreError {
    message: String,
}

impl StoreError {
    /// An error saying `message` (never a secret).
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

/// Whose session or budget a store entry is: the vendor, the server's base URL and the account
/// that logs in (`None` for clients with a ready token or a token provider). Stores derive their
/// keys from it and never store it in clear.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Scope {
    /// The vendor's name (`memoQ`, `Memsource`).
    pub vendor: &'static str,
    /// The server's base URL as the client uses it.
    pub server: Arc<str>,
    /// The account that logs in (e.g. `memoq:translator`), when known.
    pub account: Option<Arc<str>>,
}

/// A token as a store hands it out.
pub struct SharedToken {
    /// The token.
    pub token: SecretString,
    /// The store's name for this token; a token published later always has another one.
    pub generation: u64,
    /// How long it stays valid from now, when known.
    pub lifetime: Option<Duration>,
}

impl fmt::Debug for SharedToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SharedToken")
            .field("token", &"[REDACTED]")
            .field("generation", &self.generation)
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

/// Proof of holding a scope's login lock; only its holder can publish under it or release it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fence(pub u64);

/// Where a fleet keeps its session token.
///
/// The runtime drives it so: withdraw the generation that failed ([`invalidate`](Self::invalidate)),
/// [`load`](Self::load) a usable token, or else take the [lock](Self::try_lock), look once more,
/// log in and [`publish`](Self::publish); without the lock, wait for [`changes`](Self::changes)
/// (at most [`poll_interval`](Self::poll_interval)) and start over.
pub trait SessionStore: Send + Sync + fmt::Debug {
    /// The scope's current token, if any.
    fn load<'a>(&'a self, scope: &'a Scope) -> StoreFuture<'a, Option<SharedToken>>;
    /// Takes the scope's login lock for a limited time; `None` when another process holds it.
    fn try_lock<'a>(&'a self, scope: &'a Scope) -> StoreFuture<'a, Option<Fence>>;
    /// Stores a fresh token (valid for `lifetime` from now, when known) and releases the lock,
    /// if `fence` still holds it; returns the token's generation, or `None` when the lock was
    /// lost meanwhile (the token is then not stored).
    fn publish<'a>(
        &'a self,
        scope: &'a Scope,
        fence: Fence,
        token: &'a SecretString,
        lifetime: Option<Duration>,
    ) -> StoreFuture<'a, Option<u64>>;
    /// Releases the lock if `fence` still holds it (a login that failed).
    fn unlock<'a>(&'a self, scope: &'a Scope, fence: Fence) -> StoreFuture<'a, ()>;
    /// Deletes the scope's token if it is still generation `generation`; returns whether it did.
    fn invalidate<'a>(&'a self, scope: &'a Scope, generation: u64) -> StoreFuture<'a, bool>;
    /// The next change announced for `scope` (see [`Changes`]).
    fn changes(&self, scope: &Scope) -> Changes;
    /// How long a waiter sleeps between looks when no change is announced.
    fn poll_interval(&self) -> Duration {
        Duration::from_millis(250)
    }
    /// How long a waiter waits for another process's login before logging in itself.
    fn max_wait(&self) -> Duration {
        Duration::from_secs(60)
    }
    /// When the store fails: `false` (the default) lets the client log in for itself, `true`
    /// fails the call instead.
    fn fail_closed(&self) -> bool {
        false
    }
}

/// A budget of calls: `calls` per `per`, with up to `burst` calls at once.
///
/// ```
/// use std::time::Duration;
/// use tms_runtime::fleet::RateLimits;
///
/// let limits = RateLimits::per_minute(600);
/// assert_eq!(limits.interval(), Duration::from_millis(100));
/// assert_eq!(limits.with_burst(10).tolerance(), Duration::from_millis(900));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimits {
    /// Calls allowed per `per`.
    pub calls: u32,
    /// The period.
    pub per: Duration,
    /// Calls that may go at once after a quiet time (at least 1). In any window of length `per`
    /// at most `calls + burst` calls go.
    pub burst: u32,
}

impl RateLimits {
    /// `calls` per minute, one at a time.
    pub fn per_minute(calls: u32) -> Self {
        Self::new(calls, Duration::from_secs(60))
    }

    /// `calls` per second, one at a time.
    pub fn per_second(calls: u32) -> Self {
        Self::new(calls, Duration::from_secs(1))
    }

    /// `calls` per `per`, one at a time.
    pub fn new(calls: u32, per: Duration) -> Self {
        Self {
            calls: calls.max(1),
            per,
            burst: 1,
        }
    }

    /// Allows `burst` calls at once after a quiet time.
    #[must_use]
    pub fn with_burst(mut self, burst: u32) -> Self {
        self.burst = burst.max(1);
        self
    }

    /// The time one call uses up of the budget.
    pub fn interval(&self) -> Duration {
        self.per / self.calls.max(1)
    }

    /// How far ahead of its pace the budget may run (`(burst − 1) × interval`).
    pub fn tolerance(&self) -> Duration {
        self.interval() * self.burst.max(1).saturating_sub(1)
    }
}

/// What a rate budget answers a call.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reservation {
    /// The call has a slot: it may go after this wait.
    Go(Duration),
    /// The next free slot is further away than the call may wait; nothing was reserved.
    Full(Duration),
}

/// Where a fleet keeps its rate budget.
pub trait RateLimitStore: Send + Sync + fmt::Debug {
    /// Reserves a slot for one call of `scope` under `limits` if it comes within `max_wait`.
    fn reserve<'a>(
        &'a self,
        scope: &'a Scope,
        limits: &'a RateLimits,
        max_wait: Duration,
    ) -> StoreFuture<'a, Reservation>;
    /// No call of `scope` goes for `wait` from now (the server said `Retry-After`).
    fn pause<'a>(&'a self, scope: &'a Scope, wait: Duration) -> StoreFuture<'a, ()>;
    /// When the store fails: `false` (the default) lets the call go, `true` fails it.
    fn fail_closed(&self) -> bool {
        false
    }
}

/// What a client builder was told about the fleet (the builders' `shared_session` and
/// `shared_rate_limit` set it).
#[derive(Clone, Debug, Default)]
pub struct FleetOptions {
    /// The vendor's name, for the [`Scope`].
    pub vendor: &'static str,
    /// The shared session store.
    pub session: Option<Arc<dyn SessionStore>>,
    /// The shared rate budget and its limits.
    pub rate_limit: Option<(Arc<dyn RateLimitStore>, RateLimits)>,
}

impl FleetOptions {
    /// Whether anything is shared.
    pub fn is_empty(&self) -> bool {
        self.session.is_none() && self.rate_limit.is_none()
    }
}

/// One client's membership of a fleet: its stores and its [`Scope`], shared by its engine and
/// its session (the account changes with the credentials).
#[derive(Clone, Debug)]
pub struct Fleet {
    inner: Arc<FleetInner>,
}

#[derive(Debug)]
struct FleetInner {
    options: FleetOptions,
    scope: RwLock<Scope>,
}

impl Fleet {
    /// A fleet membership for the server at `server`.
    pub fn new(options: FleetOptions, server: &str) -> Self {
        let scope = Scope {
            vendor: options.vendor,
            server: Arc::from(server),
            account: None,
        };
        Self {
            inner: Arc::new(FleetInner {
                options,
                scope: RwLock::new(scope),
            }),
        }
    }

    /// The scope the client's calls belong to now.
    pub fn scope(&self) -> Scope {
        self.inner
            .scope
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Sets the account the client logs in as.
    pub fn set_account(&self, account: Option<String>) {
        self.inner
            .scope
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .account = account.map(Arc::from);
    }

    /// The shared session store.
    pub fn session_store(&self) -> Option<&Arc<dyn SessionStore>> {
        self.inner.options.session.as_ref()
    }

    /// The shared rate budget and its limits.
    pub fn rate_limit(&self) -> Option<(&Arc<dyn RateLimitStore>, &RateLimits)> {
        self.inner
            .options
            .rate_limit
            .as_ref()
            .map(|(store, limits)| (store, limits))
    }
}
