//! A rate budget kept in this process: the GCRA (generic cell rate algorithm) that a shared store
//! runs in one atomic step, here behind a mutex.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use super::{RateLimitStore, RateLimits, Reservation, Scope, StoreFuture};

/// The state of one budget, in microseconds since some origin: when the budget is next at its
/// pace (the theoretical arrival time) and before when nothing may go (a `Retry-After`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Slot {
    /// Theoretical arrival time of the next call.
    pub tat: u64,
    /// No call before this.
    pub not_before: u64,
}

/// One GCRA step at `now` (µs): reserves the next slot for a call if it comes within
/// `max_wait` and returns the wait before it (`Ok`), or leaves the budget alone and returns the
/// wait for the next free slot (`Err`). `interval` and `tolerance` are in µs.
///
/// ```
/// use tms_runtime::fleet::{Slot, gcra};
///
/// let mut slot = Slot::default();
/// // 10 calls per second (100 ms each), one at a time.
/// assert_eq!(gcra(&mut slot, 1_000_000, 100_000, 0, u64::MAX), Ok(0));
/// assert_eq!(gcra(&mut slot, 1_000_000, 100_000, 0, u64::MAX), Ok(100_000));
/// assert_eq!(gcra(&mut slot, 1_000_000, 100_000, 0, 150_000), Err(200_000));
/// ```
pub fn gcra(
    slot: &mut Slot,
    now: u64,
    interval: u64,
    tolerance: u64,
    max_wait: u64,
) -> Result<u64, u64> {
    let tat = slot.tat.max(now).max(slot.not_before);
    let at = tat.saturating_sub(tolerance).max(now).max(slot.not_before);
    let wait = at - now;
    if wait > max_wait {
        return Err(wait);
    }
    slot.tat = tat.saturating_add(interval);
    Ok(wait)
}

/// A rate budget for the calls of this process only (shared by every client given the same
/// one). A shared store falls back to one when it cannot reach its server.
#[derive(Debug)]
pub struct MemoryRateLimit {
    origin: Instant,
    slots: Mutex<HashMap<Scope, Slot>>,
}

impl Default for MemoryRateLimit {
    fn default() -> Self {
        Self::new()
    }
}

impl MemoryRateLimit {
    /// An empty budget.
    pub fn new() -> Self {
        Self {
            origin: Instant::now(),
            slots: Mutex::new(HashMap::new()),
        }
    }

    fn now(&self) -> u64 {
        micros(Instant::now().saturating_duration_since(self.origin))
    }

    /// [`RateLimitStore::reserve`], without a future.
    pub fn reserve_now(
        &self,
        scope: &Scope,
        limits: &RateLimits,
        max_wait: Duration,
    ) -> Reservation {
        let now = self.now();
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let slot = slots.entry(scope.clone()).or_default();
        match gcra(
            slot,
            now,
            micros(limits.interval()),
            micros(limits.tolerance()),
            micros(max_wait),
        ) {
            Ok(wait) => Reservation::Go(Duration::from_micros(wait)),
            Err(wait) => Reservation::Full(Duration::from_micros(wait)),
        }
    }

    /// [`RateLimitStore::pause`], without a future.
    pub fn pause_now(&self, scope: &Scope, wait: Duration) {
        let until = self.now().saturating_add(micros(wait));
        let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
        let slot = slots.entry(scope.clone()).or_default();
        slot.not_before = slot.not_before.max(until);
    }
}

impl RateLimitStore for MemoryRateLimit {
    fn reserve<'a>(
        &'a self,
        scope: &'a Scope,
        limits: &'a RateLimits,
        max_wait: Duration,
    ) -> StoreFuture<'a, Reservation> {
        let reservation = self.reserve_now(scope, limits, max_wait);
        Box::pin(std::future::ready(Ok(reservation)))
    }

    fn pause<'a>(&'a self, scope: &'a Scope, wait: Duration) -> StoreFuture<'a, ()> {
        self.pause_now(scope, wait);
        Box::pin(std::future::ready(Ok(())))
    }
}

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    fn scope() -> Scope {
        Scope {
            vendor: "v",
            server: Arc::from("https://example.com"),
            account: Some(Arc::from("pm")),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn calls_are_spaced_at_the_budgets_pace_and_a_pause_holds_everyone() {
        let budget = MemoryRateLimit::new();
        let limits = RateLimits::per_second(10);
        let forever = Duration::from_secs(3600);
        let waits: Vec<_> = (0..3)
            .map(|_| budget.reserve_now(&scope(), &limits, forever))
            .collect();
        assert_eq!(
            waits,
            [0, 100, 200].map(|ms| Reservation::Go(Duration::from_millis(ms)))
        );
        tokio::time::advance(Duration::from_secs(1)).await;
        budget.pause_now(&scope(), Duration::from_secs(2));
        assert_eq!(
            budget.reserve_now(&scope(), &limits, forever),
            Reservation::Go(Duration::from_secs(2))
        );
        assert_eq!(
            budget.reserve_now(&scope(), &limits, Duration::from_secs(1)),
            Reservation::Full(Duration::from_millis(2100))
        );
    }

    #[test]
    fn in_any_window_at_most_calls_plus_burst_go() {
        let limits = RateLimits::per_second(50).with_burst(5);
        let (interval, tolerance) = (micros(limits.interval()), micros(limits.tolerance()));
        let mut slot = Slot::default();
        // A greedy caller asking every millisecond for 3 s.
        let mut sent = Vec::new();
        for now in (0..3_000_000).step_by(1_000) {
            if gcra(&mut slot, now, interval, tolerance, 0) == Ok(0) {
                sent.push(now);
            }
        }
        for (i, start) in sent.iter().enumerate() {
            let in_window = sent[i..].iter().take_while(|t| **t < start + 1_000_000);
            assert!(in_window.count() <= 55, "window from {start} µs");
        }
        assert!(sent.len() >= 150, "the budget is used: {}", sent.len());
    }
}
