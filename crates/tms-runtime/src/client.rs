//! What every vendor client does the same way, written once: the `ClientHooks::exec` path,
//! sending a login (never redirected, its answer checked for a usable token), an explicit
//! login, a logout that ends exactly the token it names. A client crate implements [`SessionClient`] (where its session
//! lives, how it obtains a token) and calls these from its hooks and its `login`/`logout`.

use std::cell::RefCell;
use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex, RwLock};
use std::time::SystemTime;

use futures_util::future::Either;

use crate::auth::{Auth, NoLogin, with_fixed_lease};
use crate::clock::SharedClock;
use crate::engine::{Engine, Stop};
use crate::failure::{CallFailure, FailureKind};
use crate::login::{Fresh, LoginError};
use crate::login::{LoginReason, check_token};
use crate::session::{CacheConfig, Lease, TokenCache};
use crate::vendor::{OperationPolicy, Vendor};
use crate::wire::{Buffered, ERROR_BODY_CAP};

/// What [`SessionClient::fresh_token`] returns.
pub type LoginFuture = Pin<Box<dyn Future<Output = Result<Fresh, LoginError>> + Send + 'static>>;

/// What the runtime needs from a client's session state (the generated client's inner value).
pub trait SessionState: Send + Sync {
    /// The session token cache.
    fn cache(&self) -> &TokenCache;
    /// The retry engine.
    fn engine(&self) -> &Engine;
    /// Whether the session can obtain tokens by itself (credentials or a token provider).
    fn can_log_in(&self) -> bool;
}

/// A vendor client as the runtime drives it: a generated client whose inner value is its
/// [`SessionState`], its vendor's policy, and how it obtains a token. Cloning must be cheap and
/// share the session.
pub trait SessionClient:
    progenitor_client::ClientInfo<Self::State> + Clone + Send + Sync + 'static
{
    /// The session state the generated client holds.
    type State: SessionState;
    /// The vendor's policy (error body, classification).
    type Vendor: Vendor;
    /// The vendor's policy.
    const VENDOR: Self::Vendor;

    /// Obtains a fresh token. The future runs on its own task, detached from the call that
    /// needed it, so it owns the client it was called on. (Boxed: a login is itself an operation
    /// of the client, so its future type cannot name the path that may start it.)
    fn fresh_token(self) -> LoginFuture;
}

tokio::task_local! {
    static BUILDING: RefCell<Option<reqwest::Request>>;
}

/// The request a generated operation would send, without sending it: `send` is the operation's
/// `send()` future; its request is kept when it reaches [`exec`], and nothing goes out. The
/// session builds its login request this way, from the spec's own login operation (path,
/// method, headers, body), and then sends it through [`Engine::login`].
///
/// `None` when the operation failed before it built a request (a body that does not convert).
pub async fn build_request<F: Future>(send: F) -> Option<reqwest::Request> {
    BUILDING
        .scope(RefCell::new(None), async {
            let _not_sent = send.await;
            BUILDING.with(|slot| slot.borrow_mut().take())
        })
        .await
}

/// The `ClientHooks::exec` of every client: authenticate as `policy` says, send through the
/// engine, log in again once on an expired token. Inside [`build_request`] it keeps the
/// request instead and sends nothing.
///
/// # Errors
/// As [`Engine::send`].
pub fn exec<'a, C: SessionClient>(
    client: &'a C,
    request: reqwest::Request,
    operation: &'static str,
    policy: OperationPolicy,
) -> impl Future<Output = reqwest::Result<reqwest::Response>> + 'a {
    // A plain function returning the engine's future (no `async fn` layer of its own): see
    // `Engine::send`.
    if BUILDING.try_with(|_| ()).is_ok() {
        BUILDING.with(|slot| *slot.borrow_mut() = Some(request));
        return Either::Left(not_sent());
    }
    let state = client.inner();
    let login = state
        .can_log_in()
        .then_some(move || client.clone().fresh_token());
    let auth = Auth::for_operation(&policy, state.cache(), login);
    Either::Right(
        state
            .engine()
            .send(client.client(), request, operation, policy, C::VENDOR, auth),
    )
}

/// The answer of an operation run by [`build_request`]: it was kept, not sent.
async fn not_sent() -> reqwest::Result<reqwest::Response> {
    let built = CallFailure {
        kind: FailureKind::NotSent,
        attempts: 0,
        budget_exhausted: false,
        retry_after: None,
    };
    Err(built.into_reqwest_error().await)
}

/// Logs in now with the credentials the client holds, replacing any login still running and
/// forgetting any remembered failure; waits at most the policy's total deadline.
///
/// # Errors
/// The login's failure.
pub async fn login_now<C: SessionClient>(client: &C) -> Result<Lease, LoginError> {
    let engine = client.inner().engine();
    let wait = engine.login_wait(engine.deadline_from_now());
    client
        .inner()
        .cache()
        .login_now(client.clone().fresh_token(), wait)
        .await
}

/// Ends the session with the vendor's logout `call`, sent with exactly the token it ends (see
/// [`end_session`]).
///
/// # Errors
/// The logout call's error.
pub async fn logout<C, F, Fut, T, E>(client: &C, call: F) -> Result<(), E>
where
    C: SessionClient,
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    end_session(client.inner().cache(), |lease| {
        with_fixed_lease(lease, call())
    })
    .await
}

/// What a vendor's login answer yields.
pub struct LoginAnswer<T> {
    /// The token and its lifetime.
    pub fresh: Fresh,
    /// Whatever else the caller wants from the answer (who logged in).
    pub extra: T,
}

impl Engine {
    /// Sends a login request (without a session, never following a redirect, sent again only
    /// when the connection was refused or the server answered 429 or 503) and reads the token
    /// from a success answer with `read`, which gets the answer (for its `Date` header) and
    /// returns `None` when the JSON holds no token.
    ///
    /// # Errors
    /// A [`LoginError`]: the vendor refused ([`LoginReason::Refused`], with the answer), the
    /// answer is not JSON, holds no usable token or is a redirect, or the request failed.
    pub async fn login<V, T>(
        &self,
        request: reqwest::Request,
        operation: &'static str,
        vendor: V,
        read: impl FnOnce(&Buffered) -> Option<LoginAnswer<T>>,
    ) -> Result<LoginAnswer<T>, LoginError>
    where
        V: Vendor,
    {
        let outcome = self
            .traced(
                self.login_http(),
                request,
                operation,
                OperationPolicy::UNKNOWN,
                vendor,
                Auth::<NoLogin>::None,
            )
            .await;
        let answer = match outcome {
            Ok(response) => {
                let (answer, _) = Buffered::read_capped(response, ERROR_BODY_CAP)
                    .await
                    .map_err(LoginError::transport)?;
                answer
            }
            Err(Stop::Transport(err)) => return Err(LoginError::transport(err)),
            Err(Stop::Failed(failure)) => match failure.kind {
                FailureKind::Answer { answer, .. } | FailureKind::UploadNotTaken { answer } => {
                    let refused = serde_json::from_slice::<V::ErrorBody>(answer.body())
                        .is_ok_and(|body| crate::error::ErrorBody::code(&body).is_some());
                    let reason = if refused {
                        LoginReason::Refused
                    } else if crate::retry::is_transient_status(answer.status()) {
                        LoginReason::Unavailable
                    } else if is_json(answer.body()) {
                        LoginReason::NoToken
                    } else {
                        LoginReason::NotJson
                    };
                    return Err(LoginError::answered(reason, answer));
                }
                FailureKind::Login(err) => return Err(err),
                FailureKind::NotSent => {
                    return Err(LoginError::new(LoginReason::NoCredentials)
                        .with_detail("the login request was built but not sent"));
                }
                FailureKind::RateLimited { .. } | FailureKind::SharedStore(_) => {
                    return Err(LoginError::new(LoginReason::SharedStore)
                        .with_detail(failure.kind_message()));
                }
            },
        };
        if answer.status().is_redirection() {
            return Err(LoginError::answered(LoginReason::Redirected, answer));
        }
        if !answer.status().is_success() {
            return Err(LoginError::answered(LoginReason::NoToken, answer));
        }
        if !is_json(answer.body()) {
            return Err(LoginError::answered(LoginReason::NotJson, answer));
        }
        let Some(login) = read(&answer) else {
            return Err(LoginError::answered(LoginReason::NoToken, answer)
                .with_detail("the token is missing"));
        };
        if let Err(err) = check_token(Some(&login.fresh.token)) {
            let detail = err.detail().unwrap_or_default().to_owned();
            return Err(LoginError::answered(LoginReason::NoToken, answer).with_detail(detail));
        }
        Ok(login)
    }
}

/// Ends a session: when `cache` holds a valid token, runs the vendor's logout `call` with
/// that token's lease and then forgets that token generation (and only that one) whatever
/// the call answered, for the whole fleet when the session is shared. Without a valid token it does nothing: it never logs in just to log
/// out, so calling it twice is harmless.
///
/// # Errors
/// The logout call's error.
pub async fn end_session<F, Fut, T, E>(cache: &TokenCache, call: F) -> Result<(), E>
where
    F: FnOnce(Lease) -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    let Some(lease) = cache.usable_lease() else {
        return Ok(());
    };
    let generation = lease.generation;
    let result = call(lease).await;
    cache.withdraw(generation).await;
    result.map(|_| ())
}

fn is_json(body: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
}

/// Credentials a session logs in with.
pub trait LogsIn: Clone + fmt::Debug + Send + Sync + 'static {
    /// Whether these credentials let the session obtain tokens by itself.
    fn can_log_in(&self) -> bool {
        true
    }

    /// The account these credentials log in as (e.g. `memoq:translator`), which names the
    /// session a fleet shares; `None` (the default) keeps the session to this client. Never a
    /// secret.
    fn account(&self) -> Option<String> {
        None
    }
}

/// A client's session, shared by the client and all its clones: the token cache, the retry
/// engine, the credentials it logs in with (`C`), who logged in last (`I`), and whatever else
/// the vendor keeps per client (`X`). `Debug` never shows a secret.
pub struct Session<C, I, X = ()> {
    cache: TokenCache,
    engine: Engine,
    credentials: Arc<RwLock<Option<C>>>,
    last_login: Arc<Mutex<Option<I>>>,
    extra: X,
}

impl<C, I, X: Clone> Clone for Session<C, I, X> {
    fn clone(&self) -> Self {
        Self {
            cache: self.cache.clone(),
            engine: self.engine.clone(),
            credentials: self.credentials.clone(),
            last_login: self.last_login.clone(),
            extra: self.extra.clone(),
        }
    }
}

impl<C: fmt::Debug, I, X> fmt::Debug for Session<C, I, X> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let credentials = self.credentials.read().unwrap_or_else(|e| e.into_inner());
        f.debug_struct("Session")
            .field("credentials", &*credentials)
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

impl<C: LogsIn, I: Clone, X> Session<C, I, X> {
    /// A session whose tokens travel as `Authorization: <scheme> <token>` (the client builders
    /// make one).
    pub fn new(
        scheme: &'static str,
        credentials: Option<C>,
        engine: Engine,
        clock: SharedClock,
        cache: CacheConfig,
        extra: X,
    ) -> Self {
        let cache = TokenCache::new(scheme, clock, cache);
        if let Some(fleet) = engine.fleet() {
            fleet.set_account(credentials.as_ref().and_then(LogsIn::account));
            cache.join(fleet.clone());
        }
        Self {
            cache,
            engine,
            credentials: Arc::new(RwLock::new(credentials)),
            last_login: Arc::new(Mutex::new(None)),
            extra,
        }
    }

    /// The session token cache.
    pub fn cache(&self) -> &TokenCache {
        &self.cache
    }

    /// The retry engine.
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// What the vendor keeps per client besides the session.
    pub fn extra(&self) -> &X {
        &self.extra
    }

    /// The credentials the session logs in with.
    pub fn credentials(&self) -> Option<C> {
        self.credentials
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Logs in with `credentials` from now on (`None`: only with a token installed elsewhere).
    pub fn set_credentials(&self, credentials: Option<C>) {
        if let Some(fleet) = self.engine.fleet() {
            fleet.set_account(credentials.as_ref().and_then(LogsIn::account));
        }
        *self.credentials.write().unwrap_or_else(|e| e.into_inner()) = credentials;
    }

    /// Who logged in last, as the vendor's login answer said.
    pub fn last_login(&self) -> Option<I> {
        self.last_login
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    /// Records who logged in.
    pub fn set_last_login(&self, info: I) {
        *self.last_login.lock().unwrap_or_else(|e| e.into_inner()) = Some(info);
    }

    /// How many logins (or token-provider calls) this session has started.
    pub fn logins(&self) -> u64 {
        self.cache.logins()
    }

    /// When the current token ends, on the local clock, when its lifetime is known.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.cache.expires_at()
    }

    /// Whether the session holds a token.
    pub fn is_logged_in(&self) -> bool {
        self.cache.has_token()
    }
}

impl<C: LogsIn, I: Clone + Send + Sync, X: Send + Sync> SessionState for Session<C, I, X> {
    fn cache(&self) -> &TokenCache {
        &self.cache
    }

    fn engine(&self) -> &Engine {
        &self.engine
    }

    fn can_log_in(&self) -> bool {
        self.credentials
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
            .is_some_and(LogsIn::can_log_in)
    }
}

/// An explicit login with `credentials`, kept for later logins: always a fresh login (never one
/// already running with older credentials, never an older failure); returns who logged in, as
/// the vendor's answer said.
///
/// # Errors
/// The login's failure.
pub async fn login_with<C, Cr, I, X>(client: &C, credentials: Cr) -> Result<Option<I>, LoginError>
where
    C: SessionClient<State = Session<Cr, I, X>>,
    Cr: LogsIn,
    I: Clone + Send + Sync,
    X: Send + Sync,
{
    client.inner().set_credentials(Some(credentials));
    login_now(client).await?;
    Ok(client.inner().last_login())
}
