//! Retry policy: which failures are worth another attempt, how long to wait, and when to stop.

use std::sync::Mutex;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use reqwest::header::{HeaderMap, RETRY_AFTER};

/// How a client retries. The defaults suit both vendors' documented advice (exponential backoff
/// with jitter, honour `Retry-After`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included (1 = never retry).
    pub max_attempts: u32,
    /// The backoff before the first retry is drawn from `0..=base_delay`; the bound doubles per
    /// retry.
    pub base_delay: Duration,
    /// The largest backoff bound.
    pub max_delay: Duration,
    /// The largest `Retry-After` the client is willing to wait; longer ones are clamped to it.
    pub max_retry_after: Duration,
    /// A timeout for each attempt (connect to last body byte of the response headers).
    pub attempt_timeout: Option<Duration>,
    /// A deadline for the whole call, retries and waits included.
    pub total_deadline: Option<Duration>,
    /// The timeout of a file transfer (a streaming upload, or a download the vendor marks),
    /// instead of `attempt_timeout` and `total_deadline`: big files take long.
    pub transfer_timeout: Option<Duration>,
    /// The client-wide retry budget.
    pub budget: BudgetConfig,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(20),
            max_retry_after: Duration::from_secs(60),
            attempt_timeout: Some(Duration::from_secs(60)),
            total_deadline: Some(Duration::from_secs(300)),
            transfer_timeout: Some(Duration::from_secs(3 * 3600)),
            budget: BudgetConfig::default(),
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn never() -> Self {
        Self {
            max_attempts: 1,
            ..Self::default()
        }
    }
}

/// A token bucket shared by every call of a client, so an outage does not multiply load: each
/// retry takes tokens, each success gives one back.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BudgetConfig {
    /// Tokens when full.
    pub capacity: u32,
    /// Tokens a retry after an error answer costs.
    pub retry_cost: u32,
    /// Tokens a retry after a timeout or transport error costs.
    pub transport_retry_cost: u32,
}

impl Default for BudgetConfig {
    fn default() -> Self {
        Self {
            capacity: 500,
            retry_cost: 5,
            transport_retry_cost: 10,
        }
    }
}

/// The live token bucket.
#[derive(Debug)]
pub struct RetryBudget {
    config: BudgetConfig,
    tokens: AtomicU32,
}

impl RetryBudget {
    /// A full bucket.
    pub fn new(config: BudgetConfig) -> Self {
        Self {
            config,
            tokens: AtomicU32::new(config.capacity),
        }
    }

    /// Takes the cost of one retry; `false` (and nothing taken) when the bucket cannot pay it.
    pub fn try_retry(&self, transport: bool) -> bool {
        let cost = if transport {
            self.config.transport_retry_cost
        } else {
            self.config.retry_cost
        };
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
    }

    /// Gives one token back after a success.
    pub fn on_success(&self) {
        let capacity = self.config.capacity;
        let _ = self
            .tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| {
                (t < capacity).then_some(t + 1)
            });
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

/// Exponential backoff with full jitter: the wait before retry `n` (1-based) is uniform in
/// `0..=min(max_delay, base_delay · 2ⁿ⁻¹)`, computed without overflow.
#[derive(Debug)]
pub struct Backoff {
    rng: Mutex<fastrand::Rng>,
}

impl Default for Backoff {
    fn default() -> Self {
        Self {
            rng: Mutex::new(fastrand::Rng::new()),
        }
    }
}

impl Backoff {
    /// A backoff whose jitter is reproducible, for tests.
    pub fn seeded(seed: u64) -> Self {
        Self {
            rng: Mutex::new(fastrand::Rng::with_seed(seed)),
        }
    }

    /// The upper bound of the wait before retry `retry` (1-based).
    pub fn bound(policy: &RetryPolicy, retry: u32) -> Duration {
        let factor = 1u32
            .checked_shl(retry.saturating_sub(1))
            .unwrap_or(u32::MAX);
        policy
            .base_delay
            .checked_mul(factor)
            .unwrap_or(Duration::MAX)
            .min(policy.max_delay)
    }

    /// The wait before retry `retry` (1-based).
    pub fn delay(&self, policy: &RetryPolicy, retry: u32) -> Duration {
        let bound = Self::bound(policy, retry).as_nanos();
        let bound = u64::try_from(bound).unwrap_or(u64::MAX);
        let nanos = self
            .rng
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .u64(0..=bound);
        Duration::from_nanos(nanos)
    }
}

/// Reads `Retry-After` as delta-seconds or an HTTP-date (relative to `now`). A date in the past
/// means "now". `None` when absent or unreadable.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use reqwest::header::{HeaderMap, HeaderValue, RETRY_AFTER};
/// use tms_runtime::retry::retry_after;
///
/// let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
/// let mut headers = HeaderMap::new();
/// headers.insert(RETRY_AFTER, HeaderValue::from_static("7"));
/// assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(7)));
/// headers.insert(RETRY_AFTER, HeaderValue::from_str(&httpdate::fmt_http_date(now + Duration::from_secs(90))).unwrap());
/// assert_eq!(retry_after(&headers, now), Some(Duration::from_secs(90)));
/// ```
pub fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let at = httpdate::parse_http_date(value).ok()?;
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Statuses worth retrying whatever the vendor: too many requests and the gateway family.
pub fn is_transient_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502 | 503 | 504)
}

/// Statuses that say the server turned the request away without acting on it: 429 (too many
/// requests) and 503 (unavailable). An operation that must not run twice (a create, a login) may
/// still be sent again after one of these; after a 502 or 504 a gateway may have passed it on,
/// so its outcome is unknown.
pub fn is_refused_unprocessed(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 503)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_bounds_double_and_saturate() {
        let policy = RetryPolicy {
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_secs(5),
            ..RetryPolicy::default()
        };
        let bounds: Vec<_> = (1..=8).map(|n| Backoff::bound(&policy, n)).collect();
        assert_eq!(
            bounds,
            [100, 200, 400, 800, 1600, 3200, 5000, 5000].map(Duration::from_millis)
        );
        // No overflow, however many retries.
        assert_eq!(Backoff::bound(&policy, u32::MAX), Duration::from_secs(5));
        let huge = RetryPolicy {
            base_delay: Duration::MAX,
            max_delay: Duration::MAX,
            ..policy
        };
        assert_eq!(Backoff::bound(&huge, 40), Duration::MAX);
    }

    #[test]
    fn jitter_is_seeded_sub_second_and_within_bounds() {
        let policy = RetryPolicy::default();
        let a: Vec<_> = (1..=6)
            .map(|n| Backoff::seeded(7).delay(&policy, n))
            .collect();
        let b: Vec<_> = (1..=6)
            .map(|n| Backoff::seeded(7).delay(&policy, n))
            .collect();
        assert_eq!(a, b, "same seed, same waits");
        for (n, d) in (1..=6).zip(&a) {
            assert!(*d <= Backoff::bound(&policy, n));
        }
        assert!(
            a.iter().any(|d| d.subsec_nanos() != 0),
            "sub-second precision"
        );
    }

    #[test]
    fn budget_drains_and_refills() {
        let budget = RetryBudget::new(BudgetConfig {
            capacity: 12,
            retry_cost: 5,
            transport_retry_cost: 10,
        });
        assert!(budget.try_retry(false));
        assert!(budget.try_retry(false));
        assert!(!budget.try_retry(false), "2 tokens cannot pay 5");
        assert_eq!(budget.available(), 2);
        for _ in 0..20 {
            budget.on_success();
        }
        assert_eq!(budget.available(), 12, "never above capacity");
        assert!(budget.try_retry(true));
        assert!(!budget.try_retry(true));
    }

    #[test]
    fn retry_after_forms() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let mut h = HeaderMap::new();
        assert_eq!(retry_after(&h, now), None);
        h.insert(RETRY_AFTER, "120".parse().unwrap());
        assert_eq!(retry_after(&h, now), Some(Duration::from_secs(120)));
        h.insert(
            RETRY_AFTER,
            httpdate::fmt_http_date(now - Duration::from_secs(5))
                .parse()
                .unwrap(),
        );
        assert_eq!(retry_after(&h, now), Some(Duration::ZERO));
        h.insert(RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&h, now), None);
    }
}
