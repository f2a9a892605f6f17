//! The fleet's connection to Redis and its settings.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tms_runtime::fleet::{MemoryRateLimit, RateLimitStore, Scope, SessionStore};

use crate::crypto::{FleetKey, Sealer};
use crate::events::Events;
use crate::health::Health;

/// Why a fleet could not be set up.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FleetError {
    /// The URL is not a Redis URL (`redis://`, `rediss://`, `unix://`); the URL itself is not
    /// repeated, as it may hold a password.
    #[error("not a usable Redis URL: {0}")]
    InvalidUrl(String),
    /// Not called inside a tokio runtime.
    #[error("a Redis fleet needs a tokio runtime")]
    NoRuntime,
}

/// Settings of a [`RedisFleet`]; [`RedisFleet::builder`] makes one.
#[derive(Clone)]
#[must_use]
pub struct FleetConfig {
    pub(crate) url: String,
    pub(crate) key: FleetKey,
    pub(crate) prefix: String,
    pub(crate) timeout: Duration,
    pub(crate) retry_after: Duration,
    pub(crate) lock_hold: Duration,
    pub(crate) poll_interval: Duration,
    pub(crate) max_wait: Duration,
    pub(crate) ttl_without_expiry: Duration,
    pub(crate) fail_closed: bool,
}

impl fmt::Debug for FleetConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FleetConfig")
            .field("url", &"[REDACTED]")
            .field("prefix", &self.prefix)
            .field("timeout", &self.timeout)
            .field("fail_closed", &self.fail_closed)
            .finish_non_exhaustive()
    }
}

impl FleetConfig {
    /// Prefix of every Redis key and of the channel (default `tms`).
    pub fn prefix(mut self, prefix: impl Into<String>) -> Self {
        self.prefix = prefix.into();
        self
    }

    /// Timeout of every Redis call, connecting included (default 250 ms).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// After a failed Redis call, how long calls go on without trying Redis (default 1 s).
    pub fn retry_after(mut self, wait: Duration) -> Self {
        self.retry_after = wait;
        self
    }

    /// How long the process that logs in for the fleet holds the lock at most (default 30 s).
    pub fn lock_hold(mut self, hold: Duration) -> Self {
        self.lock_hold = hold;
        self
    }

    /// How often a process waiting for another's login looks again when no notification
    /// arrives (default 250 ms).
    pub fn poll_interval(mut self, interval: Duration) -> Self {
        self.poll_interval = interval;
        self
    }

    /// How long a process waits for another's login before logging in itself (default 60 s).
    pub fn max_wait(mut self, wait: Duration) -> Self {
        self.max_wait = wait;
        self
    }

    /// How long a token whose lifetime the vendor did not say is kept (default 1 h).
    pub fn ttl_without_expiry(mut self, ttl: Duration) -> Self {
        self.ttl_without_expiry = ttl;
        self
    }

    /// When Redis fails, fail the calls instead of going on per process.
    pub fn fail_closed(mut self) -> Self {
        self.fail_closed = true;
        self
    }

    /// Sets up the fleet. Nothing is sent yet: the connection is made on first use and made
    /// again after an outage, so a fleet can start while Redis is down.
    ///
    /// # Errors
    /// An unusable URL, or no tokio runtime.
    pub fn connect(self) -> Result<RedisFleet, FleetError> {
        if tokio::runtime::Handle::try_current().is_err() {
            return Err(FleetError::NoRuntime);
        }
        if self.url.starts_with("rediss://") {
            // The redis crate builds its TLS configuration from rustls' process default.
            let _ = rustls::crypto::ring::default_provider().install_default();
        }
        let client = redis::Client::open(self.url.as_str())
            .map_err(|err| FleetError::InvalidUrl(format!("{:?}", err.kind())))?;
        let manager_config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(self.timeout))
            .set_response_timeout(Some(self.timeout))
            .set_number_of_retries(1)
            .set_max_delay(self.retry_after);
        let manager = ConnectionManager::new_lazy_with_config(client.clone(), manager_config)
            .map_err(|err| FleetError::InvalidUrl(format!("{:?}", err.kind())))?;
        let channel = format!("{}:events", self.prefix);
        let events = Events::start(client, channel.clone(), self.timeout);
        Ok(RedisFleet {
            inner: Arc::new(Inner {
                manager,
                sealer: Sealer::new(&self.key),
                health: Health::new(self.timeout, self.retry_after),
                fallback: MemoryRateLimit::new(),
                events,
                channel,
                config: self,
            }),
        })
    }
}

/// A fleet's shared state on Redis: a [`SessionStore`] and a [`RateLimitStore`] for the
/// clients' `shared_session` and `shared_rate_limit`. Cloning shares the connection.
#[derive(Clone, Debug)]
pub struct RedisFleet {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    pub manager: ConnectionManager,
    pub sealer: Sealer,
    pub health: Health,
    pub fallback: MemoryRateLimit,
    pub events: Events,
    pub channel: String,
    pub config: FleetConfig,
}

impl fmt::Debug for Inner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RedisFleet")
            .field("config", &self.config)
            .field("up", &self.health.is_up())
            .finish_non_exhaustive()
    }
}

impl RedisFleet {
    /// Settings for a fleet on the Redis server at `url` (`redis://host:6379/0`, or
    /// `rediss://` for TLS), sealing tokens with `key`.
    pub fn builder(url: impl Into<String>, key: FleetKey) -> FleetConfig {
        FleetConfig {
            url: url.into(),
            key,
            prefix: "tms".to_owned(),
            timeout: Duration::from_millis(250),
            retry_after: Duration::from_secs(1),
            lock_hold: Duration::from_secs(30),
            poll_interval: Duration::from_millis(250),
            max_wait: Duration::from_secs(60),
            ttl_without_expiry: Duration::from_secs(3600),
            fail_closed: false,
        }
    }

    /// The fleet as a session store, for a client builder's `shared_session`.
    pub fn session_store(&self) -> Arc<dyn SessionStore> {
        Arc::new(self.clone())
    }

    /// The fleet as a rate budget, for a client builder's `shared_rate_limit`.
    pub fn rate_limit_store(&self) -> Arc<dyn RateLimitStore> {
        Arc::new(self.clone())
    }

    /// Whether the last Redis call succeeded.
    pub fn is_connected(&self) -> bool {
        self.inner.health.is_up()
    }

    /// How many times Redis became unreachable since the fleet was set up; each outage logs one
    /// warning.
    pub fn outages(&self) -> u64 {
        self.inner.health.outages()
    }

    /// Asks Redis for a `PONG` (a readiness probe); `false` when it does not answer in time, or
    /// failed moments ago (see [`FleetConfig::retry_after`]).
    pub async fn ping(&self) -> bool {
        let mut conn = self.connection();
        self.inner
            .health
            .run("ping", async {
                redis::cmd("PING").query_async::<String>(&mut conn).await
            })
            .await
            .is_ok()
    }

    /// The Redis key a scope's entry `what` (`token`, `lock`, `tat`, `nb`) lives under: the
    /// prefix and a keyed hash of the scope in braces (one cluster slot per scope).
    pub fn key_for(&self, scope: &Scope, what: &str) -> String {
        format!(
            "{}:{{{}}}:{what}",
            self.inner.config.prefix,
            self.inner.sealer.scope_name(scope)
        )
    }

    pub(crate) fn connection(&self) -> ConnectionManager {
        self.inner.manager.clone()
    }
}
