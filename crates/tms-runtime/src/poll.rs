//! Waiting for long-running work: polling on a schedule that keeps detection latency within a
//! fraction of the elapsed time, bounded by a required maximum wait, optionally cut short by a
//! push notification (a callback).
//!
//! The schedule: the wait before the next poll is `elapsed × ratio` (10 % by default), clamped to
//! `min_delay..=max_delay`, shortened by up to 20 % of jitter. Work that finishes after `T` is therefore seen by
//! about `T × (1 + ratio)`, with a number of polls logarithmic in `T`. When the next wait would
//! pass the deadline, the poller sleeps until the deadline and polls one last time. A poll the
//! server throttled ([`PollError::Throttled`]) is followed by a wait of at least its
//! `Retry-After`, again bounded by the deadline.

use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use futures_core::Stream;

use crate::clock::SharedClock;

/// How to poll.
#[derive(Debug, Clone, PartialEq)]
pub struct PollSchedule {
    /// The shortest wait between polls (also the first wait).
    pub min_delay: Duration,
    /// The longest wait between polls.
    pub max_delay: Duration,
    /// The wait as a fraction of the time elapsed so far (bounds the detection latency).
    pub ratio: f64,
    /// The wait between polls while a callback is expected: polling then only guards against a
    /// lost callback.
    pub callback_fallback_delay: Duration,
    /// How long to wait in all. Required: there is no default that fits every job.
    pub max_wait: Duration,
}

impl PollSchedule {
    /// A schedule that gives up after `max_wait`, with the defaults: 500 ms to 30 s between
    /// polls, 10 % of the elapsed time, 60 s while a callback is expected.
    ///
    /// A poll every 10 % of the elapsed time costs more polls than doubling the wait each time
    /// would (about 45 instead of 8 for two minutes), but bounds the detection latency to 10 %
    /// instead of 100 %; a callback avoids both.
    pub fn new(max_wait: Duration) -> Self {
        Self {
            min_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(30),
            ratio: 0.1,
            callback_fallback_delay: Duration::from_secs(60),
            max_wait,
        }
    }

    /// The wait after `elapsed`, before jitter.
    pub fn delay_after(&self, elapsed: Duration, callback_expected: bool) -> Duration {
        if callback_expected {
            return self.callback_fallback_delay.max(self.min_delay);
        }
        scale(elapsed, self.ratio.max(0.0))
            .clamp(self.min_delay, self.max_delay.max(self.min_delay))
    }
}

/// What one poll saw.
#[derive(Debug, Clone, PartialEq)]
pub enum Observed<S> {
    /// Still running.
    Pending(S),
    /// Done (possibly with warnings in `S`).
    Finished(S),
    /// Done and failed.
    Failed(S),
}

impl<S> Observed<S> {
    /// The state seen.
    pub fn state(&self) -> &S {
        match self {
            Self::Pending(s) | Self::Finished(s) | Self::Failed(s) => s,
        }
    }

    fn is_final(&self) -> bool {
        !matches!(self, Self::Pending(_))
    }
}

/// A poll that did not produce a state.
#[derive(Debug)]
pub enum PollError<E> {
    /// Worth polling again (a timeout, a 503, a 429).
    Transient(E),
    /// Worth polling again, but not before `retry_after` (the server's `Retry-After`): the next
    /// poll waits at least that long, or until the deadline if that comes first.
    Throttled {
        /// The error.
        error: E,
        /// The least wait before the next poll.
        retry_after: Duration,
    },
    /// Polling again cannot help (404, refused credentials).
    Permanent(E),
}

impl<E> PollError<E> {
    /// The error, whatever the kind.
    pub fn into_inner(self) -> E {
        match self {
            Self::Transient(error) | Self::Throttled { error, .. } | Self::Permanent(error) => {
                error
            }
        }
    }

    /// Whether polling goes on after this error.
    pub fn is_transient(&self) -> bool {
        !matches!(self, Self::Permanent(_))
    }

    /// The least wait before the next poll the server asked for.
    fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Throttled { retry_after, .. } => Some(*retry_after),
            Self::Transient(_) | Self::Permanent(_) => None,
        }
    }
}

/// How a wait ended.
#[derive(Debug)]
pub enum Outcome<S, E> {
    /// The work finished.
    Finished {
        /// The final state.
        state: S,
        /// Polls made.
        polls: u32,
        /// Time waited.
        elapsed: Duration,
    },
    /// The work failed.
    Failed {
        /// The final state, with the vendor's error.
        state: S,
        /// Polls made.
        polls: u32,
        /// Time waited.
        elapsed: Duration,
    },
    /// `max_wait` passed first.
    TimedOut {
        /// Time waited.
        elapsed: Duration,
        /// Polls made.
        polls: u32,
        /// The last state seen, if any poll succeeded.
        last: Option<S>,
        /// The last transient error, if the last poll failed.
        last_error: Option<E>,
    },
    /// A poll failed for good.
    Error {
        /// The error.
        error: E,
        /// Polls made.
        polls: u32,
        /// The last state seen.
        last: Option<S>,
    },
}

/// A push notification that the work finished (a callback), delivered at most once.
pub type Notification<S> = Pin<Box<dyn Future<Output = Option<S>> + Send>>;

/// The wait before the next poll: the schedule's (jittered) wait, at least the server's
/// `Retry-After`, and never past the deadline.
fn next_delay(
    schedule: &PollSchedule,
    elapsed: Duration,
    callback_expected: bool,
    polls: u32,
    retry_after: Option<Duration>,
    remaining: Duration,
) -> Duration {
    let delay = jittered(schedule.delay_after(elapsed, callback_expected), polls);
    delay
        .max(retry_after.unwrap_or(Duration::ZERO))
        .min(remaining)
}

/// The deterministic jitter of the `n`-th wait: 80–100 % of it (no shared RNG needed), so
/// concurrent waits spread out and the detection latency never exceeds the ratio.
fn jittered(delay: Duration, n: u32) -> Duration {
    // A small multiplicative hash of `n` spread over [0, 1).
    let h = (u64::from(n).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as f64 / f64::from(1u32 << 24);
    scale(delay, 0.8 + 0.2 * h)
}

/// `d × factor`, saturating at `Duration::MAX` instead of panicking (a NaN factor gives zero).
fn scale(d: Duration, factor: f64) -> Duration {
    Duration::try_from_secs_f64(d.as_secs_f64() * factor).unwrap_or(if factor > 0.0 {
        Duration::MAX
    } else {
        Duration::ZERO
    })
}

/// How long until `deadline` (none: for ever).
fn remaining(deadline: Option<Instant>, now: Instant) -> Duration {
    deadline.map_or(Duration::MAX, |d| d.saturating_duration_since(now))
}

/// Polls `probe` until the work is final, `schedule.max_wait` passes, a poll fails for good, or
/// `notification` delivers the final state. Dropping the future stops polling.
pub async fn wait<S, E, P, Fut>(
    clock: &SharedClock,
    schedule: &PollSchedule,
    mut probe: P,
    notification: Option<Notification<Observed<S>>>,
) -> Outcome<S, E>
where
    P: FnMut() -> Fut,
    Fut: Future<Output = Result<Observed<S>, PollError<E>>>,
{
    use futures_util::FutureExt;

    let started = clock.now();
    // `Duration::MAX` (or any wait past the clock's range) means no deadline.
    let deadline = started.checked_add(schedule.max_wait);
    let mut polls = 0u32;
    let mut last: Option<S> = None;
    let mut last_error: Option<E>;
    let mut retry_after: Option<Duration>;
    let mut notification = notification.map(|n| n.fuse());
    let mut callback_expected = notification.is_some();
    loop {
        polls += 1;
        match probe().await {
            Ok(observed) if observed.is_final() => {
                return finish(observed, polls, clock.now() - started);
            }
            Ok(observed) => {
                last = Some(match observed {
                    Observed::Pending(s) | Observed::Finished(s) | Observed::Failed(s) => s,
                });
                last_error = None;
                retry_after = None;
            }
            Err(PollError::Permanent(error)) => {
                return Outcome::Error { error, polls, last };
            }
            Err(transient) => {
                retry_after = transient.retry_after();
                last_error = Some(transient.into_inner());
            }
        }
        let now = clock.now();
        if deadline.is_some_and(|d| now >= d) {
            return Outcome::TimedOut {
                elapsed: now - started,
                polls,
                last,
                last_error,
            };
        }
        let delay = next_delay(
            schedule,
            now - started,
            callback_expected,
            polls,
            retry_after,
            remaining(deadline, now),
        );
        let mut sleep = clock.sleep(delay).fuse();
        match notification.as_mut() {
            Some(mut pushed) => {
                futures_util::select_biased! {
                    state = pushed => match state {
                        Some(observed) if observed.is_final() => {
                            return finish(observed, polls, clock.now() - started);
                        }
                        // The notifier went away without a final state: poll normally.
                        _ => {
                            notification = None;
                            callback_expected = false;
                        }
                    },
                    () = sleep => {}
                }
            }
            None => sleep.await,
        }
    }
}

fn finish<S, E>(observed: Observed<S>, polls: u32, elapsed: Duration) -> Outcome<S, E> {
    match observed {
        Observed::Failed(state) => Outcome::Failed {
            state,
            polls,
            elapsed,
        },
        Observed::Finished(state) | Observed::Pending(state) => Outcome::Finished {
            state,
            polls,
            elapsed,
        },
    }
}

/// Every state the poller sees, for progress display; ends after the final state, a permanent
/// error or `max_wait`. Transient errors are yielded and polling goes on (after a throttled
/// error, not before its `Retry-After`).
pub fn states<S, E, P, Fut>(
    clock: SharedClock,
    schedule: PollSchedule,
    probe: P,
) -> impl Stream<Item = Result<Observed<S>, PollError<E>>>
where
    P: FnMut() -> Fut,
    Fut: Future<Output = Result<Observed<S>, PollError<E>>>,
{
    struct St<P> {
        probe: P,
        polls: u32,
        done: bool,
        started: Option<std::time::Instant>,
        retry_after: Option<Duration>,
    }
    futures_util::stream::unfold(
        St {
            probe,
            polls: 0,
            done: false,
            started: None,
            retry_after: None,
        },
        move |mut st| {
            let clock = clock.clone();
            let schedule = schedule.clone();
            async move {
                if st.done {
                    return None;
                }
                let now = clock.now();
                let started = *st.started.get_or_insert(now);
                let deadline = started.checked_add(schedule.max_wait);
                if st.polls > 0 {
                    if deadline.is_some_and(|d| now >= d) {
                        return None;
                    }
                    let delay = next_delay(
                        &schedule,
                        now - started,
                        false,
                        st.polls,
                        st.retry_after,
                        remaining(deadline, now),
                    );
                    clock.sleep(delay).await;
                }
                st.polls += 1;
                let item = (st.probe)().await;
                st.done = match &item {
                    Ok(observed) => observed.is_final(),
                    Err(error) => !error.is_transient(),
                };
                st.retry_after = item.as_ref().err().and_then(PollError::retry_after);
                Some((item, st))
            }
        },
    )
}
