//! What every vendor client does the same way, written once: the `ClientHooks::exec` path, an
//! explicit login, a logout. A client crate implements [`SessionClient`] (where its session
//! lives, how it obtains a token) and calls these from its hooks and its `login`/`logout`.

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;

use crate::engine::{Auth, Engine, OperationPolicy, Vendor, end_session, with_fixed_lease};
use crate::failure::{CallFailure, FailureKind};
use crate::login::{Fresh, LoginError};
use crate::session::{Lease, TokenCache};

/// What [`SessionClient::fresh_token`] returns.
pub type LoginFuture = Pin<Box<dyn Future<Output = Result<Fresh, LoginError>> + Send + 'static>>;

/// A vendor client as the runtime drives it. Cloning must be cheap and share the session.
pub trait SessionClient: Clone + Send + Sync + 'static {
    /// The vendor's policy (error body, classification).
    type Vendor: Vendor;

    /// The vendor's policy.
    fn vendor(&self) -> &Self::Vendor;
    /// The session token cache.
    fn cache(&self) -> &TokenCache;
    /// The retry engine.
    fn engine(&self) -> &Engine;
    /// The HTTP client operations are sent with.
    fn http(&self) -> &reqwest::Client;
    /// Whether the session can obtain tokens by itself (credentials or a token provider).
    fn can_log_in(&self) -> bool;
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
pub async fn exec<C: SessionClient>(
    client: &C,
    request: reqwest::Request,
    operation: &'static str,
    policy: OperationPolicy,
) -> reqwest::Result<reqwest::Response> {
    if BUILDING.try_with(|_| ()).is_ok() {
        BUILDING.with(|slot| *slot.borrow_mut() = Some(request));
        let built = CallFailure {
            kind: FailureKind::NotSent,
            attempts: 0,
            budget_exhausted: false,
            retry_after: None,
        };
        return Err(built.into_reqwest_error().await);
    }
    let login = client
        .can_log_in()
        .then_some(|| client.clone().fresh_token());
    let auth = Auth::for_operation(&policy, client.cache(), login);
    client
        .engine()
        .send(
            client.http(),
            request,
            operation,
            policy,
            client.vendor(),
            auth,
        )
        .await
}

/// Logs in now with the credentials the client holds, replacing any login still running and
/// forgetting any remembered failure; waits at most the policy's total deadline.
///
/// # Errors
/// The login's failure.
pub async fn login_now<C: SessionClient>(client: &C) -> Result<Lease, LoginError> {
    let engine = client.engine();
    let wait = engine.login_wait(engine.deadline_from_now());
    client
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
    end_session(client.cache(), |lease| with_fixed_lease(lease, call())).await
}
