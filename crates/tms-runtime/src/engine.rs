//! The request loop every client runs in its `ClientHooks::exec`: authenticate, send, classify,
//! re-login once on an expired token, retry what is safe to retry, and stop in time.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use reqwest::header::{AUTHORIZATION, HeaderValue};
use tracing::Instrument;

use crate::clock::{SharedClock, TokioClock};
use crate::retry::{Backoff, RetryBudget, RetryPolicy, is_transient_status, retry_after};
use crate::session::{Fresh, Lease, LoginFailure, TokenCache};
use crate::wire::{Buffered, ErrorBodyFormat, normalize_buffered};

/// Response header carrying how many times the request was sent: on every error answer, and on a
/// success that needed more than one send.
pub const ATTEMPTS_HEADER: &str = "x-tms-rs-attempts";

/// Response header set when a retry was due but the client-wide retry budget could not pay it.
pub const BUDGET_EXHAUSTED_HEADER: &str = "x-tms-rs-retry-budget-exhausted";

/// A timeout that never fires (a century), for transfers without a limit.
const NO_LIMIT: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// What a failed answer means, as the vendor's policy sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The session token is no longer valid: log in again once and replay.
    TokenExpired,
    /// Worth another attempt after a wait (throttling, a gateway error, no free licence).
    Transient,
    /// Retrying cannot help.
    Permanent,
}

/// A vendor's policy: the shape of its error body and what its failures mean.
pub trait Vendor: Send + Sync {
    /// The vendor's name, for tracing.
    const NAME: &'static str;
    /// The vendor's JSON error body.
    type ErrorBody: crate::error::ErrorBody + serde::de::DeserializeOwned;
    /// The field of [`Vendor::ErrorBody`] that carries the message (where a body that is not
    /// the vendor's error is put, as text).
    const MESSAGE_FIELD: &'static str;

    /// Whether `operation` moves a file (a download whose body may take long to read). Requests
    /// with a streaming body are transfers anyway.
    fn is_transfer(&self, operation: &str) -> bool {
        let _ = operation;
        false
    }

    /// Classifies an error answer by its status and the vendor's error code (decoded once, by
    /// the engine). The default retries 429 and 502/503/504 and nothing else.
    fn classify(&self, status: StatusCode, code: Option<ErrorCode<Self>>) -> Failure {
        let _ = code;
        if is_transient_status(status) {
            Failure::Transient
        } else {
            Failure::Permanent
        }
    }
}

/// The error code type of a vendor's error body.
pub type ErrorCode<V> = <<V as Vendor>::ErrorBody as crate::error::ErrorBody>::Code;

/// The login closure type of a request sent without a session ([`Auth::None`]).
pub type NoLogin = fn() -> std::future::Ready<Result<Fresh, LoginFailure>>;

/// Whether sending an operation twice is harmless.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Idempotency {
    /// Reads, lookups and searches (even when they are POSTs), deletes and full updates: retried
    /// on any transient failure.
    Safe,
    /// Creates and other actions with effects: retried only when the request provably never
    /// reached the server (the connection was refused); otherwise the error reaches the caller,
    /// whose outcome is unknown.
    Unsafe,
}

/// How a request authenticates.
pub enum Auth<'a, L> {
    /// Sent without a token (the login operations).
    None,
    /// Sent with the session token; `login` (when the session has credentials) obtains one.
    Session {
        /// The session.
        cache: &'a TokenCache,
        /// Logs in; `None` when the token came from elsewhere and cannot be renewed here.
        login: Option<L>,
    },
}

/// Retry state shared by every call of a client (and its clones): policy, budget, jitter, time.
#[derive(Debug, Clone)]
pub struct Engine {
    clock: SharedClock,
    policy: RetryPolicy,
    budget: Arc<RetryBudget>,
    backoff: Arc<Backoff>,
    /// The HTTP client already applies `policy.attempt_timeout` to every request.
    client_default_timeout: bool,
}

impl Default for Engine {
    fn default() -> Self {
        Self::new(
            RetryPolicy::default(),
            Arc::new(TokioClock),
            Backoff::default(),
        )
    }
}

impl Engine {
    /// An engine with its own retry budget.
    pub fn new(policy: RetryPolicy, clock: SharedClock, backoff: Backoff) -> Self {
        Self {
            budget: Arc::new(RetryBudget::new(policy.budget)),
            clock,
            policy,
            backoff: Arc::new(backoff),
            client_default_timeout: false,
        }
    }

    /// Declares that the HTTP client this engine sends with was built with
    /// `policy.attempt_timeout` as its default timeout, so a request needs its own only when
    /// it must differ (a transfer, or less time left before the deadline). A per-request
    /// timeout costs an allocation per call.
    #[must_use]
    pub fn with_client_default_timeout(mut self) -> Self {
        self.client_default_timeout = true;
        self
    }

    /// The clock.
    pub fn clock(&self) -> &SharedClock {
        &self.clock
    }

    /// The retry policy.
    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The retry budget.
    pub fn budget(&self) -> &RetryBudget {
        &self.budget
    }

    /// Sends `request` for `operation` until it succeeds, fails for good, runs out of attempts,
    /// budget or time. Error answers come back as responses (normalised by the vendor's error
    /// format) carrying [`ATTEMPTS_HEADER`]; a transport error comes back as itself.
    ///
    /// # Errors
    /// The last transport error, when no answer arrived.
    pub async fn send<V, L, Fut>(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        operation: &'static str,
        idempotency: Idempotency,
        vendor: &V,
        auth: Auth<'_, L>,
    ) -> reqwest::Result<reqwest::Response>
    where
        V: Vendor,
        L: Fn() -> Fut,
        Fut: Future<Output = Result<Fresh, LoginFailure>>,
    {
        let span = tracing::debug_span!(
            "tms.request",
            vendor = V::NAME,
            operation,
            method = %request.method(),
            path = request.url().path(),
            attempts = tracing::field::Empty,
            status = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let started = self.clock.now();
        let transfer = vendor.is_transfer(operation);
        // Boxed: the request loop's state is large, and the futures above it (generated code,
        // the caller's combinators) are moved around; a box keeps those moves to a pointer.
        let outcome = Box::pin(self.run(client, request, idempotency, transfer, vendor, auth))
            .instrument(span.clone())
            .await;
        span.record(
            "elapsed_ms",
            self.clock.now().duration_since(started).as_secs_f64() * 1e3,
        );
        outcome
    }

    async fn run<V, L, Fut>(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        idempotency: Idempotency,
        transfer: bool,
        vendor: &V,
        auth: Auth<'_, L>,
    ) -> reqwest::Result<reqwest::Response>
    where
        V: Vendor,
        L: Fn() -> Fut,
        Fut: Future<Output = Result<Fresh, LoginFailure>>,
    {
        let started = self.clock.now();
        // A streaming body cannot be sent twice: such a request gets exactly one attempt.
        let replayable = request.try_clone().is_some();
        let transfer = transfer || !replayable;
        let deadline = if transfer {
            None
        } else {
            self.policy.total_deadline.map(|d| started + d)
        };
        let mut template = Some(request);
        let mut sent: u32 = 0;
        let mut retries: u32 = 0;
        let mut replayed = false;
        loop {
            let Some(mut request) = (if replayable {
                template.as_ref().and_then(reqwest::Request::try_clone)
            } else {
                template.take()
            }) else {
                unreachable!("a non-replayable request is never attempted twice");
            };

            let lease = match self.lease(&auth).await {
                Ok(lease) => lease,
                Err(LoginFailure::Rejected(answer)) => {
                    return Ok(finish(normalize_buffered(*answer, vendor), sent.max(1)));
                }
                Err(LoginFailure::Transport(err)) => return Err(err),
            };
            if let Some(lease) = &lease {
                request
                    .headers_mut()
                    .insert(AUTHORIZATION, lease.authorization.clone());
            }
            let timeout = if transfer {
                // `None` means no limit; over a client with a default timeout that has to be
                // spelled as a very long one.
                self.policy
                    .transfer_timeout
                    .or(self.client_default_timeout.then_some(NO_LIMIT))
            } else {
                self.attempt_timeout(deadline)
            };
            let client_has_it = self.client_default_timeout
                && !transfer
                && timeout.is_some()
                && timeout == self.policy.attempt_timeout;
            if let Some(timeout) = timeout
                && !client_has_it
            {
                *request.timeout_mut() = Some(timeout);
            }

            sent += 1;
            let span = tracing::Span::current();
            span.record("attempts", sent);
            let result = client.execute(request).await;
            let response = match result {
                Ok(response) => response,
                Err(err) => {
                    // Refused connections never reached the server: safe for any operation.
                    let may_retry = err.is_connect() || idempotency == Idempotency::Safe;
                    tracing::debug!(error = %err, attempt = sent, "transport error");
                    if may_retry && replayable && retries + 1 < self.policy.max_attempts {
                        let delay = self.backoff.delay(&self.policy, retries + 1);
                        if self.fits(deadline, delay) && self.budget.try_retry(true) {
                            retries += 1;
                            self.clock.sleep(delay).await;
                            continue;
                        }
                    }
                    return Err(err);
                }
            };
            let status = response.status();
            span.record("status", status.as_u16());
            if status.is_success() || status.is_redirection() || status.is_informational() {
                self.budget.on_success();
                return Ok(with_attempts(response, sent));
            }

            let answer = normalize_buffered(Buffered::read(response).await?, vendor);
            let code = serde_json::from_slice::<V::ErrorBody>(answer.body())
                .ok()
                .and_then(|body| crate::error::ErrorBody::code(&body));
            match vendor.classify(status, code) {
                Failure::TokenExpired => {
                    let can_relogin = matches!(&auth, Auth::Session { login: Some(_), .. });
                    if let (Some(lease), Auth::Session { cache, .. }) = (&lease, &auth)
                        && can_relogin
                        && replayable
                        && !replayed
                    {
                        tracing::debug!(
                            generation = lease.generation,
                            "token expired; logging in again"
                        );
                        cache.invalidate(lease.generation);
                        replayed = true;
                        continue;
                    }
                    return Ok(finish(answer, sent));
                }
                Failure::Transient
                    if idempotency == Idempotency::Safe
                        && replayable
                        && retries + 1 < self.policy.max_attempts =>
                {
                    let delay = match retry_after(answer.headers(), self.clock.system_now()) {
                        Some(wait) => wait.min(self.policy.max_retry_after),
                        None => self.backoff.delay(&self.policy, retries + 1),
                    };
                    if !self.fits(deadline, delay) {
                        tracing::debug!(?delay, "the wait would pass the deadline; giving up");
                        return Ok(finish(answer, sent));
                    }
                    if !self.budget.try_retry(false) {
                        tracing::debug!("retry budget exhausted");
                        let mut answer = answer;
                        answer
                            .headers_mut()
                            .insert(BUDGET_EXHAUSTED_HEADER, HeaderValue::from_static("true"));
                        return Ok(finish(answer, sent));
                    }
                    tracing::debug!(?delay, status = status.as_u16(), "retrying");
                    retries += 1;
                    self.clock.sleep(delay).await;
                }
                Failure::Transient | Failure::Permanent => return Ok(finish(answer, sent)),
            }
        }
    }

    async fn lease<L, Fut>(&self, auth: &Auth<'_, L>) -> Result<Option<Lease>, LoginFailure>
    where
        L: Fn() -> Fut,
        Fut: Future<Output = Result<Fresh, LoginFailure>>,
    {
        match auth {
            Auth::None => Ok(None),
            Auth::Session {
                cache,
                login: Some(login),
            } => cache.lease(login).await.map(Some),
            Auth::Session { cache, login: None } => {
                Ok(cache.current_authorization().map(|authorization| Lease {
                    authorization,
                    generation: 0,
                }))
            }
        }
    }

    fn attempt_timeout(&self, deadline: Option<Instant>) -> Option<Duration> {
        let remaining = deadline.map(|d| d.saturating_duration_since(self.clock.now()));
        match (self.policy.attempt_timeout, remaining) {
            (Some(a), Some(r)) => Some(a.min(r)),
            (a, r) => a.or(r),
        }
    }

    fn fits(&self, deadline: Option<Instant>, delay: Duration) -> bool {
        deadline.is_none_or(|d| self.clock.now() + delay < d)
    }
}

/// Marks a success that needed more than one send (a first-time success carries no mark).
fn with_attempts(mut response: reqwest::Response, sent: u32) -> reqwest::Response {
    if sent > 1 {
        response
            .headers_mut()
            .insert(ATTEMPTS_HEADER, HeaderValue::from(sent));
    }
    response
}

fn finish(mut answer: Buffered, sent: u32) -> reqwest::Response {
    answer
        .headers_mut()
        .insert(ATTEMPTS_HEADER, HeaderValue::from(sent));
    answer.into_response()
}

impl<V: Vendor> ErrorBodyFormat for V {
    fn decodes(&self, body: &[u8]) -> bool {
        serde_json::from_slice::<V::ErrorBody>(body).is_ok()
    }

    fn wrap(&self, raw: &str) -> serde_json::Value {
        let mut object = serde_json::Map::new();
        object.insert(V::MESSAGE_FIELD.to_owned(), raw.into());
        serde_json::Value::Object(object)
    }
}

/// What a vendor's login answer yields.
pub struct LoginAnswer<T> {
    /// The token and its expiry.
    pub fresh: Fresh,
    /// Whatever else the caller wants from the answer (who logged in).
    pub extra: T,
}

impl Engine {
    /// Sends a login request (without a session, one attempt unless the connection was refused)
    /// and reads the token from a success answer with `read`; an error answer, or a success
    /// `read` finds no token in, is a [`LoginFailure::Rejected`] carrying the whole answer.
    ///
    /// # Errors
    /// [`LoginFailure`].
    pub async fn login<V, T>(
        &self,
        client: &reqwest::Client,
        request: reqwest::Request,
        operation: &'static str,
        vendor: &V,
        read: impl FnOnce(&[u8]) -> Option<LoginAnswer<T>>,
    ) -> Result<LoginAnswer<T>, LoginFailure>
    where
        V: Vendor,
    {
        let response = self
            .send(
                client,
                request,
                operation,
                Idempotency::Unsafe,
                vendor,
                Auth::<NoLogin>::None,
            )
            .await
            .map_err(LoginFailure::Transport)?;
        let answer = Buffered::read(response)
            .await
            .map_err(LoginFailure::Transport)?;
        if !answer.status().is_success() {
            return Err(LoginFailure::Rejected(Box::new(answer)));
        }
        match read(answer.body()) {
            Some(login) => Ok(login),
            None => Err(LoginFailure::Rejected(Box::new(answer))),
        }
    }
}

/// Ends a session: when `cache` holds a token, runs the vendor's logout `call` and forgets the
/// token whatever the call answered. Without a token it does nothing, so calling it twice is
/// harmless.
///
/// # Errors
/// The logout call's error.
pub async fn end_session<F, Fut, T, E>(cache: &TokenCache, call: F) -> Result<(), E>
where
    F: FnOnce() -> Fut,
    Fut: Future<Output = Result<T, E>>,
{
    if !cache.has_token() {
        return Ok(());
    }
    let result = call().await;
    cache.clear();
    result.map(|_| ())
}
