//! The request loop every client runs in its `ClientHooks::exec`: authenticate, send, classify,
//! re-login once on an expired token, retry what is safe to retry, and stop in time.
//!
//! A call that fails comes back as a `reqwest::Error` carrying a [`CallFailure`] (see
//! [`crate::failure`]); the typed error reads it from there. A success comes back as the
//! response.

use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures_util::FutureExt;
use futures_util::future::Either;
use reqwest::header::AUTHORIZATION;
use tracing::Instrument;

pub use crate::auth::{Auth, NoLogin, fixed_lease, with_fixed_lease};
use crate::clock::SharedClock;
use crate::failure::{CallFailure, FailureKind};
use crate::fleet::{Fleet, Reservation};
use crate::login::{Fresh, LoginError, LoginReason};
use crate::retry::{Backoff, RetryBudget, RetryPolicy, retry_after};
use crate::session::Lease;
pub use crate::vendor::{ErrorCode, Failure, Idempotency, OperationPolicy, Vendor};
use crate::wire::{Buffered, ERROR_BODY_CAP};

/// How long a call without a deadline (a transfer) waits at most for a slot of the rate budget.
const UNBOUNDED_SLOT_WAIT: Duration = Duration::from_secs(3600);

/// A timeout that never fires (a century), for transfers without a limit.
const NO_LIMIT: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// Retry state shared by every call of a client (and its clones): policy, budget, jitter, time.
#[derive(Debug, Clone)]
pub struct Engine {
    clock: SharedClock,
    policy: RetryPolicy,
    budget: Arc<RetryBudget>,
    backoff: Arc<Backoff>,
    /// The HTTP client logins are sent with: it never follows a redirect.
    login_http: reqwest::Client,
    /// The HTTP client already applies `policy.attempt_timeout` to every request.
    client_default_timeout: bool,
    /// The fleet this client shares its session and rate budget with.
    fleet: Option<Fleet>,
}

/// Why the request loop stopped without a success.
pub(crate) enum Stop {
    /// No answer arrived; the transport error as reqwest gave it.
    Transport(reqwest::Error),
    /// Anything else.
    Failed(Box<CallFailure>),
}

impl Engine {
    /// An engine with its own retry budget, sending logins with `login_http`, which must not
    /// follow redirects ([`crate::transport::login_client`] builds one).
    pub fn new(
        policy: RetryPolicy,
        clock: SharedClock,
        backoff: Backoff,
        login_http: reqwest::Client,
    ) -> Self {
        Self {
            budget: Arc::new(RetryBudget::new(policy.budget)),
            clock,
            policy,
            backoff: Arc::new(backoff),
            login_http,
            client_default_timeout: false,
            fleet: None,
        }
    }

    /// Shares the session and rate budget through `fleet`'s stores.
    #[must_use]
    pub fn with_fleet(mut self, fleet: Fleet) -> Self {
        self.fleet = Some(fleet);
        self
    }

    /// The fleet this client belongs to, if any.
    pub fn fleet(&self) -> Option<&Fleet> {
        self.fleet.as_ref()
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

    /// The HTTP client logins are sent with (it follows no redirect).
    pub(crate) fn login_http(&self) -> &reqwest::Client {
        &self.login_http
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

    /// How long a call may wait for a login: what is left of its deadline, or for a call
    /// without one (a transfer) the per-attempt timeout.
    pub fn login_wait(&self, deadline: Option<Instant>) -> Option<Duration> {
        match deadline {
            Some(deadline) => Some(deadline.saturating_duration_since(self.clock.now())),
            None => self.policy.attempt_timeout,
        }
    }

    /// The deadline of a call starting now, when the policy sets one.
    pub fn deadline_from_now(&self) -> Option<Instant> {
        self.policy
            .total_deadline
            .and_then(|d| self.clock.now().checked_add(d))
    }

    /// Sends `request` for `operation` until it succeeds, fails for good, runs out of attempts,
    /// budget or time.
    ///
    /// # Errors
    /// A transport error as reqwest reported it when no answer arrived; any other failure (an
    /// error answer, a login without a token) as a `reqwest::Error` carrying a
    /// [`CallFailure`].
    pub fn send<'a, V, L, Fut>(
        &'a self,
        client: &'a reqwest::Client,
        request: reqwest::Request,
        operation: &'static str,
        policy: OperationPolicy,
        vendor: V,
        auth: Auth<'a, L>,
    ) -> impl Future<Output = reqwest::Result<reqwest::Response>> + 'a
    where
        V: Vendor + 'a,
        L: Fn() -> Fut + 'a,
        Fut: Future<Output = Result<Fresh, LoginError>> + Send + 'static,
    {
        // Combinators, not an `async fn` around an `.await`: each layer of async fn would keep
        // its own copy of the request and of the loop below in its state.
        self.traced(client, request, operation, policy, vendor, auth)
            .then(move |outcome| async move {
                let response = match outcome {
                    Ok(response) => response,
                    Err(Stop::Transport(err)) => return Err(err),
                    Err(Stop::Failed(failure)) => return Err(failure.into_reqwest_error().await),
                };
                if policy.empty_success {
                    return crate::wire::empty_success_as_null(response).await;
                }
                Ok(response)
            })
    }

    /// [`Self::run`] in the call's `tms.request` span, which records the attempts, the last
    /// status and the time taken, when anyone listens.
    pub(crate) fn traced<'a, V, L, Fut>(
        &'a self,
        client: &'a reqwest::Client,
        request: reqwest::Request,
        operation: &'static str,
        policy: OperationPolicy,
        vendor: V,
        auth: Auth<'a, L>,
    ) -> impl Future<Output = Result<reqwest::Response, Stop>> + 'a
    where
        V: Vendor + 'a,
        L: Fn() -> Fut + 'a,
        Fut: Future<Output = Result<Fresh, LoginError>> + Send + 'static,
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
        let listened = !span.is_disabled();
        let run = self.run(
            client,
            request,
            policy.idempotency,
            policy.transfer,
            vendor,
            auth,
            listened.then(|| span.clone()),
        );
        if !listened {
            // Nobody listens: no span to enter on every poll, no timing to record.
            return Either::Left(run);
        }
        let started = self.clock.now();
        Either::Right(run.instrument(span.clone()).map(move |outcome| {
            span.record(
                "elapsed_ms",
                self.clock
                    .now()
                    .saturating_duration_since(started)
                    .as_secs_f64()
                    * 1e3,
            );
            outcome
        }))
    }

    /// The request loop. A plain function returning the loop's future, so that what it
    /// prepares (the request template above all) is captured once: an `async fn` would keep
    /// its arguments and their rebindings as separate copies in its state, and every future
    /// above it (the generated `send`, a caller's stream) would carry and move them.
    #[allow(clippy::too_many_arguments)]
    fn run<'a, V, L, Fut>(
        &'a self,
        client: &'a reqwest::Client,
        request: reqwest::Request,
        idempotency: Idempotency,
        transfer: bool,
        vendor: V,
        auth: Auth<'a, L>,
        span: Option<tracing::Span>,
    ) -> impl Future<Output = Result<reqwest::Response, Stop>> + 'a
    where
        V: Vendor + 'a,
        L: Fn() -> Fut + 'a,
        Fut: Future<Output = Result<Fresh, LoginError>> + Send + 'static,
    {
        // A streaming body cannot be sent twice: such a request gets exactly one attempt.
        let replayable = request.body().is_none_or(|body| body.as_bytes().is_some());
        let transfer = transfer || !replayable;
        let deadline = if transfer {
            None
        } else {
            self.deadline_from_now()
        };
        let mut template = Some(request);
        async move {
            let mut sent: u32 = 0;
            let mut retries: u32 = 0;
            let mut replayed = false;
            loop {
                let lease = match self.lease(&auth, deadline).await {
                    Ok(lease) => lease,
                    Err(err) => {
                        return Err(failed(FailureKind::Login(err), sent, false, None));
                    }
                };
                if let Err(failure) = self.take_slot(deadline).await {
                    return Err(failed(failure, sent, false, None));
                }
                // Built here, after every wait, and moved into the send before it is awaited: the
                // loop's state holds the template only.
                let attempt = {
                    // The token goes into the template before the copy: a copy's header map
                    // is sized to what it holds, and would grow to take one more.
                    if let (Some(lease), Some(template)) = (&lease, template.as_mut()) {
                        template
                            .headers_mut()
                            .insert(AUTHORIZATION, lease.authorization.clone());
                    }
                    let next = if replayable {
                        template.as_ref().and_then(reqwest::Request::try_clone)
                    } else {
                        template.take()
                    };
                    let Some(mut request) = next else {
                        unreachable!("a non-replayable request is never attempted twice");
                    };
                    if let Some(timeout) = self.request_timeout(transfer, deadline) {
                        *request.timeout_mut() = Some(timeout);
                    }
                    client.execute(request)
                };
                sent += 1;
                // (`None` when nobody listens: even a disabled span does work on `record`, it
                // may forward to `log`.)
                if let Some(span) = &span {
                    span.record("attempts", sent);
                }
                let response = match attempt.await {
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
                        return Err(Stop::Transport(err));
                    }
                };
                let status = response.status();
                if let Some(span) = &span {
                    span.record("status", status.as_u16());
                }
                if status.is_success() || status.is_redirection() || status.is_informational() {
                    self.budget.on_success();
                    return Ok(with_attempts(response, sent));
                }

                // Boxed: an error answer is the rare case, and its reader would otherwise
                // add half a kilobyte to every call's state.
                let (answer, dropped) = Box::pin(Buffered::read_capped(response, ERROR_BODY_CAP))
                    .await
                    .map_err(Stop::Transport)?;
                let asked = retry_after(answer.headers(), self.clock.system_now());
                let code = serde_json::from_slice::<V::ErrorBody>(answer.body())
                    .ok()
                    .and_then(|body| crate::error::ErrorBody::code(&body));
                let give_up = |answer, budget_exhausted| {
                    failed(
                        FailureKind::Answer { answer, dropped },
                        sent,
                        budget_exhausted,
                        asked,
                    )
                };
                let failure = vendor.classify(status, code);
                if failure == Failure::Transient
                    && let Some(wait) = asked
                {
                    // Whether or not this call tries again, the whole fleet waits.
                    self.pause_fleet(wait).await;
                }
                match failure {
                    Failure::TokenExpired => {
                        let (
                            Some(lease),
                            Auth::Session {
                                cache,
                                login: Some(_),
                            },
                        ) = (&lease, &auth)
                        else {
                            return Err(give_up(answer, false));
                        };
                        // Whatever happens to this request, that token generation is dead.
                        cache.invalidate(lease.generation);
                        if !replayable {
                            tracing::debug!("token expired under a one-shot body; not sent again");
                            return Err(failed(
                                FailureKind::UploadNotTaken { answer },
                                sent,
                                false,
                                asked,
                            ));
                        }
                        if replayed {
                            return Err(give_up(answer, false));
                        }
                        tracing::debug!(
                            generation = lease.generation,
                            "token expired; logging in again"
                        );
                        replayed = true;
                    }
                    Failure::Transient
                        if (idempotency == Idempotency::Safe
                            || crate::retry::is_refused_unprocessed(status))
                            && replayable
                            && retries + 1 < self.policy.max_attempts =>
                    {
                        let delay = match asked {
                            Some(wait) if wait > self.policy.max_retry_after => {
                                tracing::debug!(
                                    ?wait,
                                    "the server asks for a longer wait than allowed; giving up"
                                );
                                return Err(give_up(answer, false));
                            }
                            Some(wait) => wait,
                            None => self.backoff.delay(&self.policy, retries + 1),
                        };
                        if !self.fits(deadline, delay) {
                            tracing::debug!(?delay, "the wait would pass the deadline; giving up");
                            return Err(give_up(answer, false));
                        }
                        if !self.budget.try_retry(false) {
                            tracing::debug!("retry budget exhausted");
                            return Err(give_up(answer, true));
                        }
                        tracing::debug!(?delay, status = status.as_u16(), "retrying");
                        retries += 1;
                        self.clock.sleep(delay).await;
                    }
                    Failure::Transient | Failure::Permanent => {
                        return Err(give_up(answer, false));
                    }
                }
            }
        }
    }

    async fn lease<L, Fut>(
        &self,
        auth: &Auth<'_, L>,
        deadline: Option<Instant>,
    ) -> Result<Option<Lease>, LoginError>
    where
        L: Fn() -> Fut,
        Fut: Future<Output = Result<Fresh, LoginError>> + Send + 'static,
    {
        match auth {
            Auth::None => Ok(None),
            Auth::Fixed(lease) => Ok(Some(lease.clone())),
            Auth::Session {
                cache,
                login: Some(login),
            } => cache
                .lease(login, self.login_wait(deadline))
                .await
                .map(Some),
            Auth::Session { cache, login: None } => cache
                .usable_lease()
                .map(Some)
                .ok_or_else(|| LoginError::new(LoginReason::NoCredentials)),
        }
    }

    /// Takes a slot of the fleet's rate budget and waits for it, when the client has one.
    async fn take_slot(&self, deadline: Option<Instant>) -> Result<(), FailureKind> {
        let Some(fleet) = &self.fleet else {
            return Ok(());
        };
        let Some((store, limits)) = fleet.rate_limit() else {
            return Ok(());
        };
        let max_wait = deadline.map_or(UNBOUNDED_SLOT_WAIT, |d| {
            d.saturating_duration_since(self.clock.now())
        });
        match store.reserve(&fleet.scope(), limits, max_wait).await {
            Ok(Reservation::Go(wait)) => {
                if !wait.is_zero() {
                    tracing::trace!(?wait, "waiting for a slot of the rate budget");
                    self.clock.sleep(wait).await;
                }
                Ok(())
            }
            Ok(Reservation::Full(next_slot)) => Err(FailureKind::RateLimited { next_slot }),
            Err(err) if store.fail_closed() => Err(FailureKind::SharedStore(err)),
            Err(err) => {
                tracing::debug!(error = %err, "the rate budget failed; sending anyway");
                Ok(())
            }
        }
    }

    /// Tells the fleet that nothing may go for `wait`.
    async fn pause_fleet(&self, wait: Duration) {
        let Some((store, _)) = self.fleet.as_ref().and_then(Fleet::rate_limit) else {
            return;
        };
        let scope = self.fleet.as_ref().map(Fleet::scope);
        if let Some(scope) = scope
            && let Err(err) = store.pause(&scope, wait).await
        {
            tracing::debug!(error = %err, "the fleet could not be paused");
        }
    }

    /// The timeout an attempt sets on its request, `None` when the HTTP client's default
    /// (the per-attempt timeout) already is the right one: a per-request timeout costs an
    /// allocation per call.
    fn request_timeout(&self, transfer: bool, deadline: Option<Instant>) -> Option<Duration> {
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
        timeout.filter(|_| !client_has_it)
    }

    fn attempt_timeout(&self, deadline: Option<Instant>) -> Option<Duration> {
        let remaining = deadline.map(|d| d.saturating_duration_since(self.clock.now()));
        match (self.policy.attempt_timeout, remaining) {
            (Some(a), Some(r)) => Some(a.min(r)),
            (a, r) => a.or(r),
        }
    }

    fn fits(&self, deadline: Option<Instant>, delay: Duration) -> bool {
        deadline.is_none_or(|d| self.clock.now().checked_add(delay).is_some_and(|t| t < d))
    }
}

/// Response header on a success that needed more than one send, saying how many. The engine
/// sets or removes it on every success, so a server cannot pass off its own.
pub const ATTEMPTS_HEADER: &str = "x-tms-rs-attempts";

const ATTEMPTS: reqwest::header::HeaderName =
    reqwest::header::HeaderName::from_static(ATTEMPTS_HEADER);

fn with_attempts(mut response: reqwest::Response, sent: u32) -> reqwest::Response {
    let headers = response.headers_mut();
    if sent > 1 {
        headers.insert(ATTEMPTS, reqwest::header::HeaderValue::from(sent));
    } else if headers.contains_key(&ATTEMPTS) {
        headers.remove(&ATTEMPTS);
    }
    response
}

fn failed(
    kind: FailureKind,
    attempts: u32,
    budget_exhausted: bool,
    retry_after: Option<Duration>,
) -> Stop {
    Stop::Failed(Box::new(CallFailure {
        kind,
        attempts,
        budget_exhausted,
        retry_after,
    }))
}
