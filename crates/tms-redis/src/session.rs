//! The shared session token: sealed under a key per scope with a TTL equal to its lifetime, a
//! login lock taken with `SET NX PX` and a random fence, publishing and releasing only by the
//! fence's holder, and withdrawal only of the generation that failed (Lua, so each is atomic).

use std::sync::LazyLock;
use std::time::Duration;

use redis::Script;
use secrecy::SecretString;
use tms_runtime::fleet::{Changes, Fence, Scope, SessionStore, SharedToken, StoreFuture};

use crate::RedisFleet;
use crate::crypto::{generation_bytes, random_u64};

/// KEYS: token, lock. ARGV: fence, sealed value, TTL (ms), channel, message.
static PUBLISH: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        if redis.call('GET', KEYS[2]) ~= ARGV[1] then return 0 end
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
        redis.call('DEL', KEYS[2])
        redis.call('PUBLISH', ARGV[4], ARGV[5])
        return 1
        ",
    )
});

/// KEYS: lock. ARGV: fence, channel, message.
static UNLOCK: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return 1
        ",
    )
});

/// KEYS: token. ARGV: the generation's 8 bytes, channel, message. The generation sits at bytes
/// 3..10 (1-based) of the stored value.
static INVALIDATE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
        local value = redis.call('GET', KEYS[1])
        if not value or string.sub(value, 3, 10) ~= ARGV[1] then return 0 end
        redis.call('DEL', KEYS[1])
        redis.call('PUBLISH', ARGV[2], ARGV[3])
        return 1
        ",
    )
});

fn millis(d: Duration) -> u64 {
    u64::try_from(d.as_millis()).unwrap_or(u64::MAX).max(1)
}

impl RedisFleet {
    async fn load_token(
        &self,
        scope: &Scope,
    ) -> Result<Option<SharedToken>, tms_runtime::fleet::StoreError> {
        let key = self.key_for(scope, "token");
        let mut conn = self.connection();
        let (value, pttl): (Option<Vec<u8>>, i64) = self
            .inner
            .health
            .run("load the token", async {
                redis::pipe()
                    .get(&key)
                    .pttl(&key)
                    .query_async(&mut conn)
                    .await
            })
            .await?;
        let Some(value) = value else {
            return Ok(None);
        };
        let Some(opened) = self.inner.sealer.open(&key, &value) else {
            tracing::warn!("a stored token does not open with this fleet's key; ignoring it");
            return Ok(None);
        };
        let lifetime = match (opened.lifetime_known, u64::try_from(pttl)) {
            (true, Ok(ms)) => Some(Duration::from_millis(ms)),
            // Gone meanwhile, or no TTL: nothing to count on.
            (true, Err(_)) => return Ok(None),
            (false, _) => None,
        };
        Ok(Some(SharedToken {
            token: opened.token,
            generation: opened.generation,
            lifetime,
        }))
    }

    fn message(&self, scope: &Scope) -> String {
        self.inner.sealer.scope_name(scope)
    }
}

impl SessionStore for RedisFleet {
    fn load<'a>(&'a self, scope: &'a Scope) -> StoreFuture<'a, Option<SharedToken>> {
        Box::pin(self.load_token(scope))
    }

    fn try_lock<'a>(&'a self, scope: &'a Scope) -> StoreFuture<'a, Option<Fence>> {
        Box::pin(async move {
            let key = self.key_for(scope, "lock");
            let fence = random_u64();
            let hold = millis(self.inner.config.lock_hold);
            let mut conn = self.connection();
            let taken: Option<String> = self
                .inner
                .health
                .run("take the login lock", async {
                    redis::cmd("SET")
                        .arg(&key)
                        .arg(fence.to_string())
                        .arg("NX")
                        .arg("PX")
                        .arg(hold)
                        .query_async(&mut conn)
                        .await
                })
                .await?;
            Ok(taken.map(|_| Fence(fence)))
        })
    }

    fn publish<'a>(
        &'a self,
        scope: &'a Scope,
        fence: Fence,
        token: &'a SecretString,
        lifetime: Option<Duration>,
    ) -> StoreFuture<'a, Option<u64>> {
        Box::pin(async move {
            let key = self.key_for(scope, "token");
            let lock = self.key_for(scope, "lock");
            let generation = random_u64();
            let value = self
                .inner
                .sealer
                .seal(&key, generation, lifetime.is_some(), token);
            let ttl = millis(lifetime.unwrap_or(self.inner.config.ttl_without_expiry));
            let mut conn = self.connection();
            let published: i64 = self
                .inner
                .health
                .run("publish the token", async {
                    PUBLISH
                        .key(&key)
                        .key(&lock)
                        .arg(fence.0.to_string())
                        .arg(value)
                        .arg(ttl)
                        .arg(&self.inner.channel)
                        .arg(self.message(scope))
                        .invoke_async(&mut conn)
                        .await
                })
                .await?;
            Ok((published == 1).then_some(generation))
        })
    }

    fn unlock<'a>(&'a self, scope: &'a Scope, fence: Fence) -> StoreFuture<'a, ()> {
        Box::pin(async move {
            let lock = self.key_for(scope, "lock");
            let mut conn = self.connection();
            let _: i64 = self
                .inner
                .health
                .run("release the login lock", async {
                    UNLOCK
                        .key(&lock)
                        .arg(fence.0.to_string())
                        .arg(&self.inner.channel)
                        .arg(self.message(scope))
                        .invoke_async(&mut conn)
                        .await
                })
                .await?;
            Ok(())
        })
    }

    fn invalidate<'a>(&'a self, scope: &'a Scope, generation: u64) -> StoreFuture<'a, bool> {
        Box::pin(async move {
            let key = self.key_for(scope, "token");
            let mut conn = self.connection();
            let deleted: i64 = self
                .inner
                .health
                .run("withdraw the token", async {
                    INVALIDATE
                        .key(&key)
                        .arg(&generation_bytes(generation)[..])
                        .arg(&self.inner.channel)
                        .arg(self.message(scope))
                        .invoke_async(&mut conn)
                        .await
                })
                .await?;
            Ok(deleted == 1)
        })
    }

    fn changes(&self, _scope: &Scope) -> Changes {
        self.inner.events.changes()
    }

    fn poll_interval(&self) -> Duration {
        self.inner.config.poll_interval
    }

    fn max_wait(&self) -> Duration {
        self.inner.config.max_wait
    }

    fn fail_closed(&self) -> bool {
        self.inner.config.fail_closed
    }
}
