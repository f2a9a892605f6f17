//! One session token per client, shared by all its clones and concurrent calls.
//!
//! [`TokenCache`] hands out [`Lease`]s. When there is no valid token, one login runs — detached
//! from the caller that started it, so a caller that gives up or is cancelled does not cancel it
//! for the others — and every caller that needs a token waits for that login's *result*, each
//! for no longer than its own call allows. A failed login (refused, no token in the answer,
//! transport error, timeout) is remembered for a short time and handed to the callers that
//! arrive meanwhile, so a wrong password or a dead server cannot turn into a login storm (memoQ
//! answers such storms with `TooFrequentLogin`).
//!
//! A token is replaced only when a request that used *that* token generation reports it
//! expired, so a burst of 401s from one expiry causes one re-login, not one per request.
//!
//! Token lifetimes are kept on the monotonic clock from the moment the login answer arrived (see
//! [`crate::login::token_lifetime`]); a token is renewed `min(refresh_before_expiry, lifetime / 2)`
//! before its end, and if that renewal fails the old token is used until it really expires.

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};

use futures_util::FutureExt;
use futures_util::future::{BoxFuture, Shared};
use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use crate::clock::SharedClock;
use crate::fleet::{Avoid, Fleet, Obtained, forced_login, shared_login};
pub use crate::login::{Fresh, LoginError, LoginReason};
use crate::secret::Secret;

/// A session token taken out of a client to be resumed by another one later (the `tms` command
/// line keeps it between invocations): the token and when it ends on the wall clock, when known.
///
/// `Debug` never shows the token, and it is deliberately not `Serialize`: whoever stores it
/// writes [`Secret::expose`] where it must go.
///
/// ```
/// use tms_runtime::session::SavedToken;
///
/// let saved = SavedToken { token: "t-1".into(), expires_at: None };
/// assert_eq!(format!("{saved:?}"), "SavedToken { token: [REDACTED], expires_at: None }");
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct SavedToken {
    /// The token.
    pub token: Secret,
    /// When it stops being valid, on the local wall clock; `None` when unknown (it is then used
    /// until the server rejects it).
    pub expires_at: Option<SystemTime>,
}

/// The token a request was sent with, and which generation of the session it belongs to.
#[derive(Clone)]
pub struct Lease {
    /// `Authorization` header value, marked sensitive.
    pub authorization: HeaderValue,
    /// The token generation; pass it to [`TokenCache::invalidate`].
    pub generation: u64,
}

impl fmt::Debug for Lease {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Lease")
            .field("authorization", &"[REDACTED]")
            .field("generation", &self.generation)
            .finish()
    }
}

/// How long tokens and failures are kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CacheConfig {
    /// A token is renewed this long before its end, or half its lifetime before, whichever is
    /// shorter (a provider's 5-minute token must not count as expired on arrival).
    pub refresh_before_expiry: Duration,
    /// A failed login is handed to new callers for this long before anyone tries again.
    pub failed_login_ttl: Duration,
}

impl Default for CacheConfig {
    fn default() -> Self {
        Self {
            refresh_before_expiry: Duration::from_secs(300),
            failed_login_ttl: Duration::from_secs(5),
        }
    }
}

struct Token {
    secret: SecretString,
    /// `<scheme> <token>`, built once.
    authorization: HeaderValue,
    generation: u64,
    /// When the token stops being valid, on the monotonic clock; `None` when unknown.
    ends: Option<Instant>,
    /// When to renew it.
    renew_at: Option<Instant>,
    /// Its generation in the fleet's session store, when it came from or went to one.
    shared: Option<u64>,
}

impl Token {
    fn new(
        scheme: &str,
        secret: SecretString,
        received: Instant,
        lifetime: Option<Duration>,
        config: &CacheConfig,
    ) -> Result<Self, LoginError> {
        crate::login::check_token(Some(&secret))?;
        let mut authorization =
            HeaderValue::from_str(&format!("{scheme} {}", secret.expose_secret())).map_err(
                |_| {
                    LoginError::new(LoginReason::NoToken)
                        .with_detail("the token cannot travel in an Authorization header")
                },
            )?;
        authorization.set_sensitive(true);
        let ends = lifetime.and_then(|l| received.checked_add(l));
        let renew_at = lifetime.and_then(|l| {
            let early = config.refresh_before_expiry.min(l / 2);
            received.checked_add(l - early)
        });
        Ok(Self {
            secret,
            authorization,
            generation: 0,
            ends,
            renew_at,
            shared: None,
        })
    }

    fn lease(&self) -> Lease {
        Lease {
            authorization: self.authorization.clone(),
            generation: self.generation,
        }
    }
}

/// What a token is good for right now.
enum Standing {
    /// Valid and not yet due for renewal.
    Fresh(Lease),
    /// Still valid, but due for renewal.
    Renewing(Lease),
    /// None, or past its end.
    Missing,
}

/// The result of one login, as every waiter sees it.
#[derive(Clone)]
enum FlightError {
    Failed(LoginError),
    /// A newer login (an explicit one, new credentials) replaced this one before it ended.
    Superseded,
}

type Flight = Shared<BoxFuture<'static, Result<Lease, FlightError>>>;

#[derive(Default)]
struct State {
    token: Option<Token>,
    failure: Option<(Instant, LoginError)>,
    flight: Option<(u64, Flight)>,
    generation: u64,
    logins: u64,
    /// The fleet generation the server last rejected here; withdrawn from the store by the
    /// next login.
    dead_shared: Option<u64>,
}

struct Inner {
    scheme: Mutex<&'static str>,
    state: Mutex<State>,
    clock: SharedClock,
    config: CacheConfig,
    fleet: OnceLock<Fleet>,
}

/// The shared session token of one client. Cloning shares it.
#[derive(Clone)]
pub struct TokenCache {
    inner: Arc<Inner>,
}

impl fmt::Debug for TokenCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state();
        f.debug_struct("TokenCache")
            .field("scheme", &self.scheme())
            .field("token", &state.token.as_ref().map(|_| "[REDACTED]"))
            .field("generation", &state.generation)
            .field("logins", &state.logins)
            .finish()
    }
}

/// How often a caller follows a login that a newer one replaced before giving up.
const MAX_SUPERSEDED: usize = 4;

impl TokenCache {
    /// An empty cache whose tokens travel as `Authorization: <scheme> <token>`.
    pub fn new(scheme: &'static str, clock: SharedClock, config: CacheConfig) -> Self {
        Self {
            inner: Arc::new(Inner {
                scheme: Mutex::new(scheme),
                state: Mutex::new(State::default()),
                clock,
                config,
                fleet: OnceLock::new(),
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // Every critical section leaves `State` consistent, so a poisoned lock is still usable.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn scheme(&self) -> &'static str {
        *self.inner.scheme.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn standing(&self, state: &State) -> Standing {
        let Some(token) = &state.token else {
            return Standing::Missing;
        };
        let now = self.inner.clock.now();
        if token.ends.is_some_and(|end| now >= end) {
            return Standing::Missing;
        }
        if token.renew_at.is_some_and(|at| now >= at) {
            return Standing::Renewing(token.lease());
        }
        Standing::Fresh(token.lease())
    }

    fn recent_failure(&self, state: &State) -> Option<LoginError> {
        let (at, failure) = state.failure.as_ref()?;
        let age = self.inner.clock.now().saturating_duration_since(*at);
        (age < self.inner.config.failed_login_ttl).then(|| failure.clone())
    }

    /// A lease on a valid token. Without one (or when it is due for renewal) a login runs —
    /// one for any number of concurrent callers — and this caller waits for its result for at
    /// most `wait`.
    ///
    /// `login` is called only when this caller has to start the login; the future it returns
    /// runs on its own task, so it must own what it uses.
    ///
    /// # Errors
    /// The login's failure (also when it failed for another caller less than
    /// [`CacheConfig::failed_login_ttl`] ago), or [`LoginReason::TimedOut`] when `wait` passed
    /// first. A token that is due for renewal but still valid is used when the renewal fails.
    pub async fn lease<F, Fut>(&self, login: F, wait: Option<Duration>) -> Result<Lease, LoginError>
    where
        F: Fn() -> Fut,
        Fut: Future<Output = Result<Fresh, LoginError>> + Send + 'static,
    {
        for _ in 0..MAX_SUPERSEDED {
            let flight = {
                let mut state = self.state();
                let still_valid = match self.standing(&state) {
                    Standing::Fresh(lease) => return Ok(lease),
                    Standing::Renewing(lease) => Some(lease),
                    Standing::Missing => None,
                };
                if let Some((_, flight)) = &state.flight {
                    flight.clone()
                } else if let Some(failure) = self.recent_failure(&state) {
                    return still_valid.ok_or(failure);
                } else {
                    self.start_flight(&mut state, login())
                }
            };
            match wait_for(flight, wait).await {
                Ok(lease) => return Ok(lease),
                Err(FlightError::Superseded) => {}
                Err(FlightError::Failed(failure)) => {
                    return self.usable_lease().ok_or(failure);
                }
            }
        }
        Err(LoginError::new(LoginReason::TimedOut)
            .with_detail("newer logins kept replacing the one this call waited for"))
    }

    /// Logs in now with `login`, whatever the cache holds: the current token is dropped, a
    /// login already running (with older credentials) is replaced, and a remembered failure is
    /// forgotten. Calls that need a token meanwhile wait for this login.
    ///
    /// # Errors
    /// The login's failure, or [`LoginReason::TimedOut`] when `wait` passed first.
    pub async fn login_now<Fut>(
        &self,
        login: Fut,
        wait: Option<Duration>,
    ) -> Result<Lease, LoginError>
    where
        Fut: Future<Output = Result<Fresh, LoginError>> + Send + 'static,
    {
        let flight = {
            let mut state = self.state();
            state.token = None;
            state.failure = None;
            self.start_flight_forced(&mut state, login, true)
        };
        match wait_for(flight, wait).await {
            Ok(lease) => Ok(lease),
            Err(FlightError::Failed(failure)) => Err(failure),
            Err(FlightError::Superseded) => Err(LoginError::new(LoginReason::TimedOut)
                .with_detail("a newer login replaced this one before it ended")),
        }
    }

    fn start_flight<Fut>(&self, state: &mut State, login: Fut) -> Flight
    where
        Fut: Future<Output = Result<Fresh, LoginError>> + Send + 'static,
    {
        self.start_flight_forced(state, login, false)
    }

    /// Starts a login; a `forced` one never takes a token from the fleet (it still publishes
    /// its own when it can).
    fn start_flight_forced<Fut>(&self, state: &mut State, login: Fut, forced: bool) -> Flight
    where
        Fut: Future<Output = Result<Fresh, LoginError>> + Send + 'static,
    {
        state.logins += 1;
        let id = state.logins;
        let cache = self.clone();
        let shared = self.shared_store().map(|(store, scope)| {
            let due = state
                .token
                .as_ref()
                .filter(|token| {
                    token
                        .renew_at
                        .is_some_and(|at| self.inner.clock.now() >= at)
                })
                .and_then(|token| token.shared);
            let avoid = Avoid {
                dead: state.dead_shared,
                due,
            };
            (store, scope, avoid)
        });
        let task = tokio::spawn(async move {
            let outcome = match shared {
                Some((store, scope, _)) if forced => forced_login(store, scope, login).await,
                Some((store, scope, avoid)) => shared_login(store, scope, login, avoid).await,
                None => login.await.map(Obtained::from),
            };
            cache.settle(id, outcome)
        });
        let flight = async move {
            task.await.unwrap_or_else(|joined| {
                Err(FlightError::Failed(
                    LoginError::new(LoginReason::Transport)
                        .with_detail(format!("the login task ended abnormally: {joined}")),
                ))
            })
        }
        .boxed()
        .shared();
        state.flight = Some((id, flight.clone()));
        flight
    }

    /// Installs what login `id` produced, unless a newer login replaced it.
    fn settle(&self, id: u64, outcome: Result<Obtained, LoginError>) -> Result<Lease, FlightError> {
        let scheme = self.scheme();
        let mut state = self.state();
        if !matches!(state.flight, Some((current, _)) if current == id) {
            return Err(FlightError::Superseded);
        }
        state.flight = None;
        let now = self.inner.clock.now();
        let token = outcome.and_then(|obtained| {
            let fresh = obtained.fresh;
            Token::new(scheme, fresh.token, now, fresh.lifetime, &self.inner.config).map(|token| {
                Token {
                    shared: obtained.shared,
                    ..token
                }
            })
        });
        match token {
            Ok(mut token) => {
                state.generation += 1;
                state.dead_shared = None;
                token.generation = state.generation;
                let lease = token.lease();
                state.token = Some(token);
                state.failure = None;
                Ok(lease)
            }
            Err(failure) => {
                tracing::debug!(reason = ?failure.reason(), "login failed");
                state.failure = Some((now, failure.clone()));
                Err(FlightError::Failed(failure))
            }
        }
    }

    /// A lease on the current token if it is still valid (renewal due or not), without logging
    /// in.
    pub fn usable_lease(&self) -> Option<Lease> {
        let state = self.state();
        match self.standing(&state) {
            Standing::Fresh(lease) | Standing::Renewing(lease) => Some(lease),
            Standing::Missing => None,
        }
    }

    /// Drops the token if it is still generation `generation`; a request that used an older
    /// token cannot throw away the one another caller just obtained. Returns whether it did.
    ///
    /// A token from the fleet's session store is withdrawn from the store too, by the next
    /// login (only if the store still holds that generation).
    pub fn invalidate(&self, generation: u64) -> bool {
        let mut state = self.state();
        match &state.token {
            Some(token) if token.generation == generation => {
                state.dead_shared = token.shared.or(state.dead_shared);
                state.token = None;
                true
            }
            _ => false,
        }
    }

    /// Drops the token like [`invalidate`](Self::invalidate) and withdraws it from the fleet's
    /// session store at once, for every process (a logout). The store deletes it only if it
    /// still holds that generation; a failing store is logged and left alone.
    pub async fn withdraw(&self, generation: u64) -> bool {
        let dropped = self.invalidate(generation);
        let dead = self.state().dead_shared;
        if let (Some(dead), Some((store, scope))) = (dead, self.shared_store()) {
            match store.invalidate(&scope, dead).await {
                Ok(_) => self.state().dead_shared = None,
                Err(err) => tracing::debug!(error = %err, "the token stays in the shared store"),
            }
        }
        dropped
    }

    /// Makes this cache log in through `fleet`'s session store (the client builders do this
    /// when given a shared session). Only the first call has an effect.
    pub fn join(&self, fleet: Fleet) {
        let _ = self.inner.fleet.set(fleet);
    }

    /// The fleet's session store and this client's scope, when it shares its session (only
    /// clients that log in as a known account do).
    fn shared_store(&self) -> Option<(Arc<dyn crate::fleet::SessionStore>, crate::fleet::Scope)> {
        let fleet = self.inner.fleet.get()?;
        let store = fleet.session_store()?.clone();
        let scope = fleet.scope();
        scope.account.is_some().then_some((store, scope))
    }

    /// The current token and its end on the wall clock, to be [resumed](Self::resume) later;
    /// `None` without a token or once it has expired.
    pub fn saved(&self) -> Option<SavedToken> {
        let state = self.state();
        let token = state.token.as_ref()?;
        let now = self.inner.clock.now();
        let expires_at = match token.ends {
            Some(end) if now >= end => return None,
            Some(end) => self
                .inner
                .clock
                .system_now()
                .checked_add(end.saturating_duration_since(now)),
            None => None,
        };
        Some(SavedToken {
            token: Secret::from(token.secret.clone()),
            expires_at,
        })
    }

    /// Installs a saved token as if a login had just produced it (sent with the current scheme,
    /// renewed before its end like any other); its remaining lifetime is measured on the
    /// monotonic clock from now. A token already expired, blank or unfit for a header is
    /// ignored. Returns whether it was installed. A login still running is discarded when it
    /// ends. A server that rejects the token causes the usual single re-login.
    pub fn resume(&self, saved: SavedToken) -> bool {
        let lifetime = match saved.expires_at {
            Some(at) => match at.duration_since(self.inner.clock.system_now()) {
                Ok(left) if !left.is_zero() => Some(left),
                _ => return false,
            },
            None => None,
        };
        let scheme = self.scheme();
        let token = match Token::new(
            scheme,
            saved.token.into_secret_string(),
            self.inner.clock.now(),
            lifetime,
            &self.inner.config,
        ) {
            Ok(token) => token,
            Err(_) => return false,
        };
        let mut state = self.state();
        state.generation += 1;
        state.failure = None;
        state.flight = None;
        state.token = Some(Token {
            generation: state.generation,
            ..token
        });
        true
    }

    /// Sends future tokens with `scheme`.
    pub fn set_scheme(&self, scheme: &'static str) {
        *self.inner.scheme.lock().unwrap_or_else(|e| e.into_inner()) = scheme;
    }

    /// Installs a token obtained elsewhere (a ready API token, an OAuth access token), as a new
    /// generation sent with `scheme`; a login still running is discarded when it ends.
    ///
    /// # Errors
    /// [`LoginReason::NoToken`] when the token is blank or cannot travel in a header; the cache
    /// is left as it was.
    pub fn install(
        &self,
        scheme: &'static str,
        token: SecretString,
        lifetime: Option<Duration>,
    ) -> Result<(), LoginError> {
        let token = Token::new(
            scheme,
            token,
            self.inner.clock.now(),
            lifetime,
            &self.inner.config,
        )?;
        self.set_scheme(scheme);
        let mut state = self.state();
        state.generation += 1;
        state.failure = None;
        state.flight = None;
        state.token = Some(Token {
            generation: state.generation,
            ..token
        });
        Ok(())
    }

    /// Forgets the token, any remembered failure and any login still running, returning the
    /// token.
    pub fn clear(&self) -> Option<SecretString> {
        let mut state = self.state();
        state.failure = None;
        state.flight = None;
        state.token.take().map(|t| t.secret)
    }

    /// Whether a token is held (valid or not).
    pub fn has_token(&self) -> bool {
        self.state().token.is_some()
    }

    /// How many logins this cache has started (successful or not); for tests and metrics.
    pub fn logins(&self) -> u64 {
        self.state().logins
    }

    /// When the current token ends, as a wall-clock time on the local clock; `None` when
    /// there is no token or its lifetime is unknown.
    pub fn expires_at(&self) -> Option<SystemTime> {
        let state = self.state();
        let end = state.token.as_ref()?.ends?;
        let left = end.saturating_duration_since(self.inner.clock.now());
        self.inner.clock.system_now().checked_add(left)
    }
}

async fn wait_for(flight: Flight, wait: Option<Duration>) -> Result<Lease, FlightError> {
    match wait {
        None => flight.await,
        Some(wait) => tokio::time::timeout(wait, flight)
            .await
            .unwrap_or_else(|_| {
                Err(FlightError::Failed(
                    LoginError::new(LoginReason::TimedOut).with_detail(format!(
                        "gave up waiting for the login after {:.1} s",
                        wait.as_secs_f64()
                    )),
                ))
            }),
    }
}
