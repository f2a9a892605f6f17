//! The poller on virtual time: the schedule, every outcome, callbacks and lost callbacks.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tms_runtime::clock::{Clock, ManualClock, SharedClock};
use tms_runtime::poll::{Observed, Outcome, PollError, PollSchedule, states, wait};

/// Work that finishes `after` the clock's start; every poll is recorded (elapsed at the poll).
#[derive(Clone)]
struct Job {
    clock: ManualClock,
    start: std::time::Instant,
    after: Duration,
    polls: Arc<Mutex<Vec<Duration>>>,
    fail: bool,
}

impl Job {
    fn new(clock: &ManualClock, after: Duration) -> Self {
        Self {
            clock: clock.clone(),
            start: clock.now(),
            after,
            polls: Arc::default(),
            fail: false,
        }
    }

    async fn probe(&self) -> Result<Observed<Duration>, PollError<String>> {
        let elapsed = self.clock.now() - self.start;
        self.polls.lock().unwrap().push(elapsed);
        Ok(if elapsed < self.after {
            Observed::Pending(elapsed)
        } else if self.fail {
            Observed::Failed(elapsed)
        } else {
            Observed::Finished(elapsed)
        })
    }
}

fn shared(clock: &ManualClock) -> SharedClock {
    Arc::new(clock.clone())
}

#[tokio::test]
async fn detection_latency_stays_within_ten_percent_with_logarithmic_polls() {
    let mut table = Vec::new();
    for secs in [2u64, 10, 60, 300, 1800] {
        let clock = ManualClock::new();
        let job = Job::new(&clock, Duration::from_secs(secs));
        let schedule = PollSchedule::new(Duration::from_secs(7200));
        let outcome = wait(&shared(&clock), &schedule, || job.probe(), None).await;
        let Outcome::Finished { state, polls, .. } = outcome else {
            panic!("expected Finished, got {outcome:?}");
        };
        let t = Duration::from_secs(secs);
        let overshoot = (state - t).as_secs_f64() / t.as_secs_f64();
        table.push((secs, polls, overshoot));
        // The first polls are at least `min_delay` apart, so short jobs overshoot by up to
        // min_delay; from then on by at most the ratio (jitter only shortens waits).
        assert!(
            state <= t.mul_f64(1.1).max(t + schedule.min_delay),
            "T={secs}s detected at {state:?}"
        );
    }
    // Polls grow like log(T) while the wait is 10 % of the elapsed time (up to 300 s, where the
    // wait reaches `max_delay`), then by one per `max_delay`.
    let polls_at = |s: u64| {
        table
            .iter()
            .find(|r| r.0 == s)
            .map(|r| r.1)
            .unwrap_or(u32::MAX)
    };
    let log_bound = |s: f64| ((s / 0.5).ln() / 1.1f64.ln()).ceil() as u32 + 2;
    assert!(polls_at(60) <= log_bound(60.0), "{table:?}");
    assert!(polls_at(300) <= log_bound(300.0), "{table:?}");
    assert!(polls_at(1800) <= log_bound(300.0) + 1500 / 27, "{table:?}");
}

#[tokio::test]
async fn a_wait_that_runs_out_polls_once_more_at_the_deadline() {
    let clock = ManualClock::new();
    let job = Job::new(&clock, Duration::MAX);
    let schedule = PollSchedule::new(Duration::from_secs(45));
    let outcome = wait(&shared(&clock), &schedule, || job.probe(), None).await;
    match outcome {
        Outcome::TimedOut {
            elapsed,
            polls,
            last,
            last_error,
        } => {
            assert_eq!(elapsed, Duration::from_secs(45));
            assert_eq!(
                last,
                Some(Duration::from_secs(45)),
                "the last poll is at the deadline"
            );
            assert_eq!(polls as usize, job.polls.lock().unwrap().len());
            assert!(last_error.is_none());
        }
        other => panic!("expected TimedOut, got {other:?}"),
    }
}

#[tokio::test]
async fn failure_is_an_outcome_not_an_error() {
    let clock = ManualClock::new();
    let mut job = Job::new(&clock, Duration::from_secs(3));
    job.fail = true;
    let outcome = wait(
        &shared(&clock),
        &PollSchedule::new(Duration::from_secs(60)),
        || job.probe(),
        None,
    )
    .await;
    assert!(matches!(outcome, Outcome::Failed { .. }), "{outcome:?}");
}

#[tokio::test]
async fn transient_errors_keep_polling_and_permanent_ones_stop() {
    let clock = ManualClock::new();
    let calls = Arc::new(Mutex::new(0u32));
    let flaky = || {
        let calls = calls.clone();
        async move {
            let mut n = calls.lock().unwrap();
            *n += 1;
            match *n {
                1 | 2 => Err(PollError::Transient("503".to_owned())),
                3 => Ok(Observed::Pending(())),
                _ => Ok(Observed::Finished(())),
            }
        }
    };
    let outcome = wait(
        &shared(&clock),
        &PollSchedule::new(Duration::from_secs(60)),
        flaky,
        None,
    )
    .await;
    assert!(
        matches!(outcome, Outcome::Finished { polls: 4, .. }),
        "{outcome:?}"
    );

    let outcome: Outcome<(), String> = wait(
        &shared(&clock),
        &PollSchedule::new(Duration::from_secs(60)),
        || async { Err(PollError::Permanent("404".to_owned())) },
        None,
    )
    .await;
    assert!(
        matches!(outcome, Outcome::Error { polls: 1, .. }),
        "{outcome:?}"
    );
}

#[tokio::test]
async fn a_callback_ends_the_wait_without_more_polls() {
    let clock = ManualClock::new();
    let job = Job::new(&clock, Duration::MAX);
    let (tx, rx) = tokio::sync::oneshot::channel();
    tx.send(Observed::Finished(Duration::ZERO)).expect("send");
    let outcome = wait(
        &shared(&clock),
        &PollSchedule::new(Duration::from_secs(3600)),
        || job.probe(),
        Some(Box::pin(async move { rx.await.ok() })),
    )
    .await;
    assert!(
        matches!(outcome, Outcome::Finished { polls: 1, .. }),
        "{outcome:?}"
    );
    assert_eq!(job.polls.lock().unwrap().len(), 1);
}

#[tokio::test]
async fn a_lost_callback_falls_back_to_slow_polling() {
    let clock = ManualClock::new();
    let job = Job::new(&clock, Duration::from_secs(300));
    let schedule = PollSchedule::new(Duration::from_secs(3600));
    let outcome = wait(
        &shared(&clock),
        &schedule,
        || job.probe(),
        Some(Box::pin(std::future::pending())),
    )
    .await;
    let Outcome::Finished { state, polls, .. } = outcome else {
        panic!("expected Finished, got {outcome:?}");
    };
    assert!(state <= Duration::from_secs(300) + schedule.callback_fallback_delay.mul_f64(1.1));
    // One poll a minute or so while the callback is expected.
    assert!((5..=7).contains(&polls), "{polls} polls");
}

#[tokio::test]
async fn the_state_stream_yields_every_poll() {
    use futures::StreamExt;
    let clock = ManualClock::new();
    let job = Job::new(&clock, Duration::from_secs(4));
    let seen: Vec<_> = states(
        shared(&clock),
        PollSchedule::new(Duration::from_secs(60)),
        || job.probe(),
    )
    .collect()
    .await;
    assert!(seen.len() >= 2);
    assert!(matches!(seen.last(), Some(Ok(Observed::Finished(_)))));
    assert!(
        seen[..seen.len() - 1]
            .iter()
            .all(|s| matches!(s, Ok(Observed::Pending(_))))
    );
}

/// A probe that is throttled `throttled` times (asking for `retry_after` each time), then
/// finishes.
fn throttled_then_finished(
    throttled: u32,
    retry_after: Duration,
) -> impl FnMut() -> std::future::Ready<Result<Observed<u32>, PollError<String>>> {
    let mut n = 0u32;
    move || {
        n += 1;
        std::future::ready(if n <= throttled {
            Err(PollError::Throttled {
                error: format!("429 number {n}"),
                retry_after,
            })
        } else {
            Ok(Observed::Finished(n))
        })
    }
}

#[tokio::test]
async fn throttled_polls_go_on_and_wait_at_least_retry_after() {
    let clock = ManualClock::new();
    // Early on the schedule would wait 0.4–0.5 s; the server asks for 40 s each time.
    let outcome = wait(
        &shared(&clock),
        &PollSchedule::new(Duration::from_secs(3600)),
        throttled_then_finished(3, Duration::from_secs(40)),
        None,
    )
    .await;
    assert!(
        matches!(
            outcome,
            Outcome::Finished {
                state: 4,
                polls: 4,
                ..
            }
        ),
        "{outcome:?}"
    );
    assert_eq!(clock.sleeps(), [Duration::from_secs(40); 3]);
}

#[tokio::test]
async fn retry_after_never_pushes_a_poll_past_the_deadline() {
    let clock = ManualClock::new();
    let outcome = wait(
        &shared(&clock),
        &PollSchedule::new(Duration::from_secs(30)),
        throttled_then_finished(u32::MAX, Duration::from_secs(100)),
        None,
    )
    .await;
    match outcome {
        Outcome::TimedOut {
            elapsed,
            polls,
            last,
            last_error,
        } => {
            assert_eq!(elapsed, Duration::from_secs(30));
            assert_eq!(polls, 2, "one poll at the start, one at the deadline");
            assert_eq!(last, None);
            assert_eq!(last_error.as_deref(), Some("429 number 2"));
        }
        other => panic!("expected TimedOut, got {other:?}"),
    }
    assert_eq!(clock.sleeps(), [Duration::from_secs(30)]);
}

#[tokio::test]
async fn the_state_stream_honours_retry_after() {
    use futures::StreamExt;
    let clock = ManualClock::new();
    let seen: Vec<_> = states(
        shared(&clock),
        PollSchedule::new(Duration::from_secs(3600)),
        throttled_then_finished(2, Duration::from_secs(25)),
    )
    .collect()
    .await;
    assert_eq!(seen.len(), 3);
    assert!(
        seen[..2]
            .iter()
            .all(|s| matches!(s, Err(PollError::Throttled { .. })))
    );
    assert!(matches!(seen[2], Ok(Observed::Finished(3))));
    assert_eq!(clock.sleeps(), [Duration::from_secs(25); 2]);
}

#[tokio::test]
async fn endless_waits_and_huge_schedules_never_overflow() {
    let clock = ManualClock::new();
    let job = Job::new(&clock, Duration::from_secs(3600));
    let schedule = PollSchedule {
        max_delay: Duration::MAX,
        ratio: 1e300,
        ..PollSchedule::new(Duration::MAX)
    };
    let outcome = wait(&shared(&clock), &schedule, || job.probe(), None).await;
    assert!(matches!(outcome, Outcome::Finished { .. }), "{outcome:?}");
    let stream_clock = ManualClock::new();
    let stream_job = Job::new(&stream_clock, Duration::from_secs(60));
    let seen: Vec<_> =
        futures::StreamExt::collect(states(shared(&stream_clock), schedule, move || {
            let job = stream_job.clone();
            async move { job.probe().await }
        }))
        .await;
    assert!(
        matches!(seen.last(), Some(Ok(Observed::Finished(_)))),
        "{seen:?}"
    );
}
