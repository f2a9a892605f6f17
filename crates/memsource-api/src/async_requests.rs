//! Waiting for Memsource asynchronous requests.
//!
//! Long work (job import, analyses, pre-translation, target export, TM import and export)
//! answers with an `asyncRequest`. It is finished when `GET /api2/v1/async/{id}` carries a
//! non-null `asyncResponse`, and failed when that has an `errorCode`. [`Client::async_request`]
//! waits for one — by polling on [`PollSchedule`], by a callback, or by whichever comes first —
//! and can resume from an id saved before a restart.

use std::sync::Arc;
use std::time::Duration;

use futures_core::Stream;
use futures_util::StreamExt;
use tms_runtime::poll::{self, Notification, Observed, Outcome, PollError, PollSchedule};

use crate::ids::AsyncRequestId;
use crate::progress::{Progress, ProgressFn};
use crate::{Client, Error, ErrorCode, types};

/// How a wait for an asynchronous request ended.
#[derive(Debug)]
#[non_exhaustive]
pub enum AsyncOutcome {
    /// The work finished; `warnings` are the vendor's (e.g. machine translation unavailable).
    Finished {
        /// The request as last seen.
        request: Box<types::AsyncRequestDto>,
        /// Warnings the server reported.
        warnings: Vec<types::ErrorDetailDto>,
        /// Polls made.
        polls: u32,
        /// Time waited.
        elapsed: Duration,
    },
    /// The work failed: the vendor's `errorCode`, `errorDesc` and details.
    Failed {
        /// The request as last seen.
        request: Box<types::AsyncRequestDto>,
        /// `asyncResponse.errorCode`.
        error_code: String,
        /// `asyncResponse.errorDesc`.
        error_desc: Option<String>,
        /// `asyncResponse.errorDetails`.
        details: Vec<types::ErrorDetailDto>,
        /// Polls made.
        polls: u32,
        /// Time waited.
        elapsed: Duration,
    },
    /// The maximum wait passed first.
    TimedOut {
        /// Time waited.
        elapsed: Duration,
        /// Polls made.
        polls: u32,
        /// The request as last seen, if any poll succeeded.
        last: Option<Box<types::AsyncRequestDto>>,
    },
}

impl AsyncOutcome {
    /// Whether the work finished without an error.
    pub fn is_finished(&self) -> bool {
        matches!(self, Self::Finished { .. })
    }

    fn from_poll(outcome: Outcome<types::AsyncRequestDto, Error>) -> Result<Self, Error> {
        match outcome {
            Outcome::Finished {
                state,
                polls,
                elapsed,
            }
            | Outcome::Failed {
                state,
                polls,
                elapsed,
            } => Ok(Self::from_state(state, polls, elapsed)),
            Outcome::TimedOut {
                elapsed,
                polls,
                last,
                ..
            } => Ok(Self::TimedOut {
                elapsed,
                polls,
                last: last.map(Box::new),
            }),
            Outcome::Error { error, .. } => Err(error),
        }
    }

    /// The outcome a final state stands for.
    pub fn from_state(request: types::AsyncRequestDto, polls: u32, elapsed: Duration) -> Self {
        let response = request.async_response.clone().unwrap_or_default();
        match response.error_code {
            Some(error_code) => Self::Failed {
                error_code,
                error_desc: response.error_desc,
                details: response.error_details.unwrap_or_default(),
                request: Box::new(request),
                polls,
                elapsed,
            },
            None => Self::Finished {
                warnings: response.warnings.unwrap_or_default(),
                request: Box::new(request),
                polls,
                elapsed,
            },
        }
    }
}

/// What a poll of `async/{id}` says.
pub fn observe(request: types::AsyncRequestDto) -> Observed<types::AsyncRequestDto> {
    match &request.async_response {
        None => Observed::Pending(request),
        Some(response) if response.error_code.is_some() => Observed::Failed(request),
        Some(_) => Observed::Finished(request),
    }
}

/// Whether a failed poll is worth repeating: throttling (429, and the 403 `ApiLimitReached`
/// Memsource sends instead), gateway errors and transport errors are; other 4xx answers (a
/// wrong id, refused credentials) are not. A throttled poll carrying `Retry-After` makes the
/// next poll wait at least that long.
fn classify(error: Error) -> PollError<Error> {
    let retry_after = error.retry_info().and_then(|r| r.retry_after);
    let throttled = error.status().is_some_and(|s| s.as_u16() == 429)
        || error.code() == Some(ErrorCode::ApiLimitReached);
    let transient = throttled
        || match &error {
            Error::Transport(_) => true,
            other => other.status().is_some_and(|s| s.is_server_error()),
        };
    match retry_after {
        Some(retry_after) if transient => PollError::Throttled { error, retry_after },
        _ if transient => PollError::Transient(error),
        _ => PollError::Permanent(error),
    }
}

/// A wait for one asynchronous request; see [`Client::async_request`].
#[must_use]
pub struct AsyncWait<'a> {
    client: &'a Client,
    id: AsyncRequestId,
    schedule: PollSchedule,
    notification: Option<Notification<Observed<types::AsyncRequestDto>>>,
    progress: Option<ProgressFn>,
}

impl std::fmt::Debug for AsyncWait<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AsyncWait")
            .field("id", &self.id)
            .field("schedule", &self.schedule)
            .field("callback", &self.notification.is_some())
            .field("progress", &self.progress.is_some())
            .finish()
    }
}

impl<'a> AsyncWait<'a> {
    /// Gives up after `max_wait` (default: 1 hour).
    pub fn max_wait(mut self, max_wait: Duration) -> Self {
        self.schedule.max_wait = max_wait;
        self
    }

    /// The whole polling schedule.
    pub fn schedule(mut self, schedule: PollSchedule) -> Self {
        self.schedule = schedule;
        self
    }

    /// Ends the wait when `callback` delivers the final request (from a callback receiver);
    /// polling goes on slowly meanwhile, so a lost callback never hangs the wait.
    pub fn callback(
        mut self,
        callback: impl std::future::Future<Output = Option<types::AsyncRequestDto>> + Send + 'static,
    ) -> Self {
        self.notification = Some(Box::pin(async move { callback.await.map(observe) }));
        self
    }

    /// Calls `progress` with [`Progress::Pending`] after each poll that found the request still
    /// running, and with [`Progress::Done`] when the wait ends with an outcome. It runs inside
    /// the wait (keep it short); nothing runs once the wait is dropped.
    ///
    /// ```no_run
    /// # async fn demo(client: memsource_api::Client) -> Result<(), memsource_api::Error> {
    /// use memsource_api::flows::Progress;
    ///
    /// let outcome = client
    ///     .async_request("123456")
    ///     .progress(|p| {
    ///         if let Progress::Pending { polls, elapsed, .. } = p {
    ///             tracing::info!(polls, ?elapsed, "still importing");
    ///         }
    ///     })
    ///     .wait()
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn progress(mut self, progress: impl Fn(Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// The progress callback, shared with a flow.
    pub(crate) fn progress_fn(mut self, progress: Option<ProgressFn>) -> Self {
        self.progress = progress;
        self
    }

    async fn probe(
        client: &Client,
        id: &AsyncRequestId,
    ) -> Result<Observed<types::AsyncRequestDto>, PollError<Error>> {
        match client
            .async_request_get()
            .async_request_id(id.as_str())
            .send()
            .await
        {
            Ok(answer) => Ok(observe(answer.into_inner())),
            Err(error) => Err(classify(Error::from(error))),
        }
    }

    /// Waits for the end. Dropping the future stops polling. Throttling (429, or 403
    /// `ApiLimitReached`) and server errors do not end the wait: the next poll comes later, not
    /// before the answer's `Retry-After`.
    ///
    /// # Errors
    /// A poll that failed for good (404 for an unknown id, refused credentials).
    pub async fn wait(self) -> Result<AsyncOutcome, Error> {
        let progress = self.progress.clone();
        let outcome = self.outcome().await?;
        if let Some(progress) = progress {
            progress(Progress::Done);
        }
        Ok(outcome)
    }

    /// [`AsyncWait::wait`] without the final [`Progress::Done`]: a flow sends that itself, once
    /// all its steps are over.
    pub(crate) async fn outcome(self) -> Result<AsyncOutcome, Error> {
        let client = self.client;
        let id = self.id;
        let progress = self.progress;
        let clock = client.inner.engine().clock().clone();
        let started = clock.now();
        let mut polls = 0u32;
        let outcome = poll::wait(
            &clock,
            &self.schedule,
            || {
                polls = polls.saturating_add(1);
                let (id, progress, clock, polls) = (&id, progress.as_ref(), &clock, polls);
                async move {
                    let observed = Self::probe(client, id).await;
                    if let (Some(progress), Ok(Observed::Pending(_))) = (progress, &observed) {
                        progress(Progress::Pending {
                            id: id.clone(),
                            polls,
                            elapsed: clock.now().saturating_duration_since(started),
                        });
                    }
                    observed
                }
            },
            self.notification,
        )
        .await;
        AsyncOutcome::from_poll(outcome)
    }

    /// Every state seen, for progress display: `Ok` for each successful poll (the last one
    /// final), `Err` for failed polls (polling goes on after transient ones).
    pub fn states(self) -> impl Stream<Item = Result<types::AsyncRequestDto, Error>> + 'a {
        let client = self.client;
        let id = Arc::new(self.id);
        let clock = client.inner.engine().clock().clone();
        poll::states(clock, self.schedule, move || {
            let id = id.clone();
            async move { Self::probe(client, &id).await }
        })
        .map(|item| match item {
            Ok(observed) => Ok(match observed {
                Observed::Pending(s) | Observed::Finished(s) | Observed::Failed(s) => s,
            }),
            Err(error) => Err(error.into_inner()),
        })
    }
}

impl Client {
    /// Waits for the asynchronous request `id` — just created, or saved before a restart.
    ///
    /// ```no_run
    /// # async fn demo(client: memsource_api::Client) -> Result<(), memsource_api::Error> {
    /// use std::time::Duration;
    /// use memsource_api::async_requests::AsyncOutcome;
    ///
    /// match client.async_request("123456").max_wait(Duration::from_secs(600)).wait().await? {
    ///     AsyncOutcome::Finished { warnings, .. } => println!("done, {} warnings", warnings.len()),
    ///     AsyncOutcome::Failed { error_code, .. } => println!("failed: {error_code}"),
    ///     AsyncOutcome::TimedOut { polls, .. } => println!("still running after {polls} polls"),
    ///     _ => {}
    /// }
    /// # Ok(()) }
    /// ```
    pub fn async_request(&self, id: impl Into<AsyncRequestId>) -> AsyncWait<'_> {
        AsyncWait {
            client: self,
            id: id.into(),
            schedule: PollSchedule::new(Duration::from_secs(3600)),
            notification: None,
            progress: None,
        }
    }
}
