//! The shared rate budget: GCRA in one Lua script on Redis' own clock (so the processes' clocks
//! do not matter), and a "not before" key that a `Retry-After` sets for the whole scope. When
//! Redis fails, the process keeps a budget of its own ([`MemoryRateLimit`]) until it is back.
//!
//! [`MemoryRateLimit`]: tms_runtime::fleet::MemoryRateLimit

use std::sync::LazyLock;
use std::time::Duration;

use redis::Script;
use tms_runtime::fleet::{RateLimitStore, RateLimits, Reservation, Scope, StoreFuture};

use crate::RedisFleet;

/// KEYS: tat, not-before. ARGV: interval, tolerance, max wait (µs). Returns the wait (µs) before
/// the reserved slot, or minus the wait for the next slot when it is too far (nothing reserved).
/// The same steps as `tms_runtime::fleet::gcra`.
static RESERVE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local interval = tonumber(ARGV[1])
        local tolerance = tonumber(ARGV[2])
        local max_wait = tonumber(ARGV[3])
        local nb = tonumber(redis.call('GET', KEYS[2]) or '0')
        local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
        if tat < now then tat = now end
        if tat < nb then tat = nb end
        local at = tat - tolerance
        if at < now then at = now end
        if at < nb then at = nb end
        local wait = at - now
        if wait > max_wait then return -wait end
        local next_tat = tat + interval
        redis.call('SET', KEYS[1], string.format('%.0f', next_tat),
            'PX', math.floor((next_tat - now) / 1000) + 1000)
        return wait
        ",
    )
});

/// KEYS: not-before. ARGV: the pause (µs). Moves "not before" later, never earlier.
static PAUSE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        local t = redis.call('TIME')
        local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
        local pause = tonumber(ARGV[1])
        local until_at = now + pause
        local nb = tonumber(redis.call('GET', KEYS[1]) or '0')
        if until_at > nb then
            redis.call('SET', KEYS[1], string.format('%.0f', until_at),
                'PX', math.floor(pause / 1000) + 1000)
        end
        return 0
        ",
    )
});

fn micros(d: Duration) -> u64 {
    u64::try_from(d.as_micros()).unwrap_or(u64::MAX)
}

/// Lua numbers are doubles: keep waits where they stay exact.
const MAX_MICROS: u64 = 1 << 50;

impl RedisFleet {
    async fn reserve_shared(
        &self,
        scope: &Scope,
        limits: &RateLimits,
        max_wait: Duration,
    ) -> Result<Reservation, tms_runtime::fleet::StoreError> {
        let tat = self.key_for(scope, "tat");
        let nb = self.key_for(scope, "nb");
        let mut conn = self.connection();
        let answer: i64 = self
            .inner
            .health
            .run("reserve a slot", async {
                RESERVE
                    .key(&tat)
                    .key(&nb)
                    .arg(micros(limits.interval()).min(MAX_MICROS))
                    .arg(micros(limits.tolerance()).min(MAX_MICROS))
                    .arg(micros(max_wait).min(MAX_MICROS))
                    .invoke_async(&mut conn)
                    .await
            })
            .await?;
        let wait = Duration::from_micros(answer.unsigned_abs());
        Ok(if answer < 0 {
            Reservation::Full(wait)
        } else {
            Reservation::Go(wait)
        })
    }
}

impl RateLimitStore for RedisFleet {
    fn reserve<'a>(
        &'a self,
        scope: &'a Scope,
        limits: &'a RateLimits,
        max_wait: Duration,
    ) -> StoreFuture<'a, Reservation> {
        Box::pin(async move {
            match self.reserve_shared(scope, limits, max_wait).await {
                Ok(reservation) => Ok(reservation),
                Err(err) if self.inner.config.fail_closed => Err(err),
                Err(err) => {
                    tracing::debug!(error = %err, "pacing this process by itself");
                    Ok(self.inner.fallback.reserve_now(scope, limits, max_wait))
                }
            }
        })
    }

    fn pause<'a>(&'a self, scope: &'a Scope, wait: Duration) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            // This process pauses in any case; the fleet when Redis answers.
            self.inner.fallback.pause_now(scope, wait);
            let key = self.key_for(scope, "nb");
            let mut conn = self.connection();
            let _: i64 = self
                .inner
                .health
                .run("pause the fleet", async {
                    PAUSE
                        .key(&key)
                        .arg(micros(wait).min(MAX_MICROS))
                        .invoke_async(&mut conn)
                        .await
                })
                .await?;
            Ok(())
        })
    }

    fn fail_closed(&self) -> bool {
        self.inner.config.fail_closed
    }
}
