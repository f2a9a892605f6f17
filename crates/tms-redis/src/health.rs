//! Every Redis call goes through here: a timeout on each, one warning when Redis becomes
//! unreachable and one note when it is back, and no new attempt for a short while after a
//! failure, so that during an outage calls fall back at once instead of each waiting for a
//! timeout.

use std::future::Future;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Duration;

use tms_runtime::fleet::StoreError;
use tokio::time::Instant;

#[derive(Debug)]
pub(crate) struct Health {
    timeout: Duration,
    retry_after: Duration,
    down: AtomicBool,
    outages: AtomicU64,
    next_try: Mutex<Option<Instant>>,
}

impl Health {
    pub fn new(timeout: Duration, retry_after: Duration) -> Self {
        Self {
            timeout,
            retry_after,
            down: AtomicBool::new(false),
            outages: AtomicU64::new(0),
            next_try: Mutex::new(None),
        }
    }

    /// Whether the last call reached Redis.
    pub fn is_up(&self) -> bool {
        !self.down.load(Ordering::Relaxed)
    }

    /// How many times Redis became unreachable (each logged one warning).
    pub fn outages(&self) -> u64 {
        self.outages.load(Ordering::Relaxed)
    }

    /// Runs `call` (named `what` in errors) with the timeout, unless Redis failed moments ago.
    pub async fn run<T, F>(&self, what: &'static str, call: F) -> Result<T, StoreError>
    where
        F: Future<Output = redis::RedisResult<T>>,
    {
        if self.down.load(Ordering::Relaxed) {
            let next = *self.next_try.lock().unwrap_or_else(|e| e.into_inner());
            if next.is_some_and(|at| Instant::now() < at) {
                return Err(StoreError::new(format!(
                    "{what}: Redis is unreachable; trying again shortly"
                )));
            }
        }
        match tokio::time::timeout(self.timeout, call).await {
            Ok(Ok(value)) => {
                if self.down.swap(false, Ordering::Relaxed) {
                    tracing::info!(
                        "Redis is reachable again; the fleet shares its session and budget again"
                    );
                }
                Ok(value)
            }
            Ok(Err(err)) => Err(self.failed(what, &err.to_string())),
            Err(_) => Err(self.failed(
                what,
                &format!("no answer within {} ms", self.timeout.as_millis()),
            )),
        }
    }

    fn failed(&self, what: &'static str, why: &str) -> StoreError {
        *self.next_try.lock().unwrap_or_else(|e| e.into_inner()) =
            Some(Instant::now() + self.retry_after);
        if !self.down.swap(true, Ordering::Relaxed) {
            self.outages.fetch_add(1, Ordering::Relaxed);
            tracing::warn!(
                error = why,
                "Redis is unreachable; each process goes on by itself until it is back"
            );
        }
        StoreError::new(format!("{what}: {why}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused() -> redis::RedisError {
        redis::RedisError::from(std::io::Error::from(std::io::ErrorKind::ConnectionRefused))
    }

    #[tokio::test(start_paused = true)]
    async fn after_a_failure_calls_fail_fast_until_the_retry_time_then_rejoin() {
        let health = Health::new(Duration::from_millis(100), Duration::from_secs(1));
        assert!(
            health
                .run("get", async { Err::<(), _>(refused()) })
                .await
                .is_err()
        );
        assert!(!health.is_up());
        let skipped = health.run("get", async { Ok(1) }).await;
        assert!(skipped.is_err(), "within the retry time nothing is tried");
        tokio::time::advance(Duration::from_secs(1)).await;
        assert_eq!(health.run("get", async { Ok(1) }).await.ok(), Some(1));
        assert!(health.is_up());
        assert_eq!(health.outages(), 1, "one outage, one warning");
    }

    #[tokio::test(start_paused = true)]
    async fn a_call_that_does_not_answer_times_out() {
        let health = Health::new(Duration::from_millis(100), Duration::from_secs(1));
        let never = std::future::pending::<redis::RedisResult<()>>();
        let err = health.run("get", never).await.expect_err("times out");
        assert!(err.message().contains("100 ms"), "{err}");
    }
}
