//! How a request authenticates: without a token, with the session's (logging in when there is
//! none), or with exactly one lease fixed for the current task (a logout).

use std::future::Future;

use crate::login::{Fresh, LoginError};
use crate::session::{Lease, TokenCache};
use crate::vendor::OperationPolicy;

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
