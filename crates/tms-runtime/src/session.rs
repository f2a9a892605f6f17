//! One session token per client, shared by all its clones and concurrent calls.
//!
//! [`TokenCache`] hands out [`Lease`]s. When there is no valid token, exactly one caller runs the
//! login and every other caller waits for its result (single flight). A token is replaced only
//! when a request that used *that* token generation reports it expired, so a burst of 401s from
//! one expiry causes one re-login, not one per request. A failed login is remembered for a short
//! time and handed to the callers that arrive meanwhile, so a wrong password cannot turn into a
//! login storm (memoQ answers such storms with `TooFrequentLogin`).

use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use reqwest::header::HeaderValue;
use secrecy::{ExposeSecret, SecretString};

use crate::clock::SharedClock;
use crate::wire::Buffered;

/// A fresh token from a login.
pub struct Fresh {
    /// The token.
    pub token: SecretString,
    /// When the server says it expires, if it says.
    pub expires_at: Option<SystemTime>,
}

/// Why a login did not produce a token.
#[derive(Debug)]
pub enum LoginFailure {
    /// The server answered with an error (wrong password, too frequent login …). Kept whole so
    /// every waiting caller gets the same answer.
    Rejected(Box<Buffered>),
    /// The login request failed in transport; not remembered, the next caller tries again.
    Transport(reqwest::Error),
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
    /// A token is renewed this long before the expiry the server gave.
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
    /// `<scheme> <token>`, built once; `None` when the token cannot travel in a header.
    authorization: Option<HeaderValue>,
    generation: u64,
    expires_at: Option<SystemTime>,
}

impl Token {
    fn new(
        scheme: &str,
        secret: SecretString,
        generation: u64,
        expires_at: Option<SystemTime>,
    ) -> Self {
        let authorization = HeaderValue::from_str(&format!("{scheme} {}", secret.expose_secret()))
            .ok()
            .map(|mut value| {
                value.set_sensitive(true);
                value
            });
        Self {
            secret,
            authorization,
            generation,
            expires_at,
        }
    }
}

#[derive(Default)]
struct State {
    token: Option<Token>,
    failure: Option<(Instant, Buffered)>,
    generation: u64,
    logins: u64,
}

struct Inner {
    scheme: Mutex<&'static str>,
    state: Mutex<State>,
    login: tokio::sync::Mutex<()>,
    clock: SharedClock,
    config: CacheConfig,
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
            .field(
                "scheme",
                &*self.inner.scheme.lock().unwrap_or_else(|e| e.into_inner()),
            )
            .field("token", &state.token.as_ref().map(|_| "[REDACTED]"))
            .field("generation", &state.generation)
            .field("logins", &state.logins)
            .finish()
    }
}

impl TokenCache {
    /// An empty cache whose tokens travel as `Authorization: <scheme> <token>`.
    pub fn new(scheme: &'static str, clock: SharedClock, config: CacheConfig) -> Self {
        Self {
            inner: Arc::new(Inner {
                scheme: Mutex::new(scheme),
                state: Mutex::new(State::default()),
                login: tokio::sync::Mutex::new(()),
                clock,
                config,
            }),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        // Every critical section leaves `State` consistent, so a poisoned lock is still usable.
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn valid_lease(&self) -> Option<Lease> {
        let state = self.state();
        let token = state.token.as_ref()?;
        if let Some(expires_at) = token.expires_at {
            let renew_at = expires_at
                .checked_sub(self.inner.config.refresh_before_expiry)
                .unwrap_or(SystemTime::UNIX_EPOCH);
            if self.inner.clock.system_now() >= renew_at {
                return None;
            }
        }
        Some(Lease {
            authorization: token.authorization.clone()?,
            generation: token.generation,
        })
    }

    /// A lease on a valid token; runs `login` first when there is none (or it is about to
    /// expire), with one login for any number of concurrent callers.
    ///
    /// # Errors
    /// The login's failure, or a failure remembered from a login less than
    /// [`CacheConfig::failed_login_ttl`] ago.
    pub async fn lease<F, Fut>(&self, login: F) -> Result<Lease, LoginFailure>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fresh, LoginFailure>>,
    {
        if let Some(lease) = self.valid_lease() {
            return Ok(lease);
        }
        let _one_login = self.inner.login.lock().await;
        // Whoever held the lock before us may have logged in, or failed.
        if let Some(lease) = self.valid_lease() {
            return Ok(lease);
        }
        if let Some(failure) = self.recent_failure() {
            return Err(LoginFailure::Rejected(Box::new(failure)));
        }
        let outcome = login().await;
        let mut state = self.state();
        match outcome {
            Ok(fresh) => {
                state.generation += 1;
                state.logins += 1;
                state.failure = None;
                let scheme = *self.inner.scheme.lock().unwrap_or_else(|e| e.into_inner());
                state.token = Some(Token::new(
                    scheme,
                    fresh.token,
                    state.generation,
                    fresh.expires_at,
                ));
                drop(state);
                self.valid_lease().ok_or_else(|| {
                    LoginFailure::Rejected(Box::new(Buffered::synthetic(
                        reqwest::StatusCode::UNAUTHORIZED,
                        "the login returned a token that is already expired or not a valid header",
                    )))
                })
            }
            Err(LoginFailure::Rejected(answer)) => {
                state.logins += 1;
                state.failure = Some((self.inner.clock.now(), (*answer).clone()));
                Err(LoginFailure::Rejected(answer))
            }
            Err(transport) => {
                state.logins += 1;
                Err(transport)
            }
        }
    }

    fn recent_failure(&self) -> Option<Buffered> {
        let state = self.state();
        let (at, answer) = state.failure.as_ref()?;
        (self.inner.clock.now().duration_since(*at) < self.inner.config.failed_login_ttl)
            .then(|| answer.clone())
    }

    /// Drops the token if it is still generation `generation`; a request that used an older
    /// token cannot throw away the one another caller just obtained. Returns whether it did.
    pub fn invalidate(&self, generation: u64) -> bool {
        let mut state = self.state();
        match &state.token {
            Some(token) if token.generation == generation => {
                state.token = None;
                true
            }
            _ => false,
        }
    }

    /// Sends future tokens with `scheme`.
    pub fn set_scheme(&self, scheme: &'static str) {
        *self.inner.scheme.lock().unwrap_or_else(|e| e.into_inner()) = scheme;
    }

    /// Installs a token obtained elsewhere (an explicit login, a ready API token, an OAuth
    /// access token), as a new generation sent with `scheme`.
    pub fn install(
        &self,
        scheme: &'static str,
        token: SecretString,
        expires_at: Option<SystemTime>,
    ) {
        *self.inner.scheme.lock().unwrap_or_else(|e| e.into_inner()) = scheme;
        let mut state = self.state();
        state.generation += 1;
        state.failure = None;
        state.token = Some(Token::new(scheme, token, state.generation, expires_at));
    }

    /// Forgets the token (after a logout) and any remembered failure, returning the token.
    pub fn clear(&self) -> Option<SecretString> {
        let mut state = self.state();
        state.failure = None;
        state.token.take().map(|t| t.secret)
    }

    /// Whether a token is held (valid or not).
    pub fn has_token(&self) -> bool {
        self.state().token.is_some()
    }

    /// The current token, for a logout call.
    pub fn current_authorization(&self) -> Option<HeaderValue> {
        self.valid_lease().map(|l| l.authorization)
    }

    /// How many logins this cache has run (successful or not); for tests and metrics.
    pub fn logins(&self) -> u64 {
        self.state().logins
    }

    /// When the current token expires, as the server said.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.state().token.as_ref().and_then(|t| t.expires_at)
    }
}
