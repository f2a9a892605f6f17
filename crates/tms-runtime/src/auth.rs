//! How a request authenticates, and the steps around the session: sending a login (never
//! redirected, its answer checked for a usable token), ending a session with exactly the token
//! it names.

use std::future::Future;

use crate::engine::{Engine, Stop};
use crate::failure::FailureKind;
use crate::login::{Fresh, LoginError, LoginReason, check_token};
use crate::session::{Lease, TokenCache};
use crate::vendor::{OperationPolicy, Vendor};
use crate::wire::{Buffered, ERROR_BODY_CAP};

/// The login closure type of a request sent without a session ([`Auth::None`]).
pub type NoLogin = fn() -> std::future::Ready<Result<Fresh, LoginError>>;

/// How a request authenticates.
pub enum Auth<'a, L> {
    /// Sent without a token (the login operations).
    None,
    /// Sent with the session token; `login` (when the session has credentials) obtains one.
    /// Without `login` and without a valid token the request is not sent.
    Session {
        /// The session.
        cache: &'a TokenCache,
        /// Starts a login; `None` when the session cannot obtain tokens by itself.
        login: Option<L>,
    },
    /// Sent with exactly this token, never logging in (a logout ends the session it names).
    Fixed(Lease),
}

impl<'a, L> Auth<'a, L> {
    /// How a call of an operation with `policy` on `cache` authenticates: without a token when
    /// the operation is anonymous, with the lease fixed for the current task by
    /// [`with_fixed_lease`] (a logout) if there is one, otherwise with the session and `login`.
    pub fn for_operation(
        policy: &OperationPolicy,
        cache: &'a TokenCache,
        login: Option<L>,
    ) -> Self {
        if policy.anonymous {
            return Self::None;
        }
        match fixed_lease() {
            Some(lease) => Self::Fixed(lease),
            None => Self::Session { cache, login },
        }
    }
}

/// What a vendor's login answer yields.
pub struct LoginAnswer<T> {
    /// The token and its lifetime.
    pub fresh: Fresh,
    /// Whatever else the caller wants from the answer (who logged in).
    pub extra: T,
}

impl Engine {
    /// Sends a login request (without a session, never following a redirect, one attempt
    /// unless the connection was refused) and reads the token from a success answer with
    /// `read`, which gets the answer (for its `Date` header) and returns `None` when the JSON
    /// holds no token.
    ///
    /// # Errors
    /// A [`LoginError`]: the vendor refused ([`LoginReason::Refused`], with the answer), the
    /// answer is not JSON, holds no usable token or is a redirect, or the request failed.
    pub async fn login<V, T>(
        &self,
        request: reqwest::Request,
        operation: &'static str,
        vendor: &V,
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
/// the call answered. Without a valid token it does nothing: it never logs in just to log
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
    cache.invalidate(generation);
    result.map(|_| ())
}

tokio::task_local! {
    static FIXED_LEASE: Lease;
}

/// Runs `call` so that the requests it sends carry exactly `lease`, without logging in (see
/// [`fixed_lease`]); a logout uses it to end the session it names and no other.
pub async fn with_fixed_lease<F: Future>(lease: Lease, call: F) -> F::Output {
    FIXED_LEASE.scope(lease, call).await
}

/// The lease set by [`with_fixed_lease`] for the current task, if any.
pub fn fixed_lease() -> Option<Lease> {
    FIXED_LEASE.try_with(Lease::clone).ok()
}

fn is_json(body: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok()
}
