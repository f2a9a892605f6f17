//! Time as the runtime sees it: a clock and a sleeper, injected so tests run on virtual time.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

/// A boxed sleep future.
pub type Sleep = Pin<Box<dyn Future<Output = ()> + Send>>;

/// The runtime's source of time: a monotonic clock for deadlines, the wall clock for token
/// expiry, and sleeping between attempts.
pub trait Clock: Send + Sync + fmt::Debug + 'static {
    /// Monotonic now, for deadlines and backoff.
    fn now(&self) -> Instant;
    /// Wall-clock now, for server-given expiry times and `Retry-After` dates.
    fn system_now(&self) -> SystemTime;
    /// Waits `duration`.
    fn sleep(&self, duration: Duration) -> Sleep;
}

/// A shared clock.
pub type SharedClock = Arc<dyn Clock>;

/// Real time, sleeping with tokio.
#[derive(Debug, Default, Clone, Copy)]
pub struct TokioClock;

impl Clock for TokioClock {
    fn now(&self) -> Instant {
        Instant::now()
    }

    fn system_now(&self) -> SystemTime {
        SystemTime::now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        Box::pin(tokio::time::sleep(duration))
    }
}

/// Virtual time for tests: `sleep` returns at once and moves the clock forward; every sleep is
/// recorded.
///
/// ```
/// use std::time::Duration;
/// use tms_runtime::clock::{Clock, ManualClock};
///
/// # tokio::runtime::Runtime::new().unwrap().block_on(async {
/// let clock = ManualClock::new();
/// let start = clock.now();
/// clock.sleep(Duration::from_secs(30)).await;
/// assert_eq!(clock.now() - start, Duration::from_secs(30));
/// assert_eq!(clock.sleeps(), [Duration::from_secs(30)]);
/// # });
/// ```
#[derive(Debug, Clone)]
pub struct ManualClock {
    inner: Arc<ManualInner>,
}

#[derive(Debug)]
struct ManualInner {
    start: Instant,
    system_start: SystemTime,
    state: Mutex<ManualState>,
}

#[derive(Debug, Default)]
struct ManualState {
    elapsed: Duration,
    sleeps: Vec<Duration>,
}

impl Default for ManualClock {
    fn default() -> Self {
        Self::new()
    }
}

impl ManualClock {
    /// A clock standing at the real current time, moving only when told to.
    pub fn new() -> Self {
        Self {
            inner: Arc::new(ManualInner {
                start: Instant::now(),
                system_start: SystemTime::now(),
                state: Mutex::new(ManualState::default()),
            }),
        }
    }

    /// A clock whose wall-clock time stands `offset` away from the real current time (ahead
    /// when `ahead`), for tests of clock skew; monotonic time is unaffected.
    pub fn skewed(offset: Duration, ahead: bool) -> Self {
        let now = SystemTime::now();
        let system_start = if ahead {
            now.checked_add(offset)
        } else {
            now.checked_sub(offset)
        }
        .unwrap_or(now);
        Self {
            inner: Arc::new(ManualInner {
                start: Instant::now(),
                system_start,
                state: Mutex::new(ManualState::default()),
            }),
        }
    }

    /// Moves the clock forward (never further than [`ManualClock::HORIZON`] from its start).
    pub fn advance(&self, by: Duration) {
        let mut state = self.state();
        state.elapsed = state.elapsed.saturating_add(by).min(Self::HORIZON);
    }

    /// How far a manual clock can move: a century. Sleeping `Duration::MAX` stops there instead
    /// of overflowing.
    pub const HORIZON: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

    /// Every duration slept so far, in order.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }

    fn state(&self) -> std::sync::MutexGuard<'_, ManualState> {
        self.inner.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        self.inner.start + self.state().elapsed
    }

    fn system_now(&self) -> SystemTime {
        self.inner.system_start + self.state().elapsed
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        let mut state = self.state();
        state.elapsed = state.elapsed.saturating_add(duration).min(Self::HORIZON);
        state.sleeps.push(duration);
        Box::pin(std::future::ready(()))
    }
}
