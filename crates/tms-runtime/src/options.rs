//! What every client builder takes besides the vendor's credentials.

use std::sync::Arc;

use crate::clock::{SharedClock, TokioClock};
use crate::engine::Engine;
use crate::fleet::{Fleet, FleetOptions};
use crate::retry::{Backoff, RetryPolicy};
use crate::session::{CacheConfig, SavedToken};
use crate::transport::{ConfigError, TransportConfig, check_base_url, http_client, login_client};

/// Options shared by the memoQ and Memsource client builders.
#[derive(Debug, Clone)]
pub struct ClientOptions {
    /// The HTTP client: TLS roots, the HTTPS rule, connect timeout.
    pub transport: TransportConfig,
    /// The retry policy.
    pub retry: RetryPolicy,
    /// Token and failed-login caching.
    pub cache: CacheConfig,
    /// Time.
    pub clock: SharedClock,
    /// A seed for reproducible backoff jitter.
    pub jitter_seed: Option<u64>,
    /// A token saved from an earlier session, installed when the client is built (see
    /// [`crate::session::TokenCache::resume`]).
    pub resume: Option<SavedToken>,
    /// What the client shares with a fleet (nothing by default: its session and pace are its
    /// own).
    pub fleet: FleetOptions,
}

impl Default for ClientOptions {
    fn default() -> Self {
        Self {
            transport: TransportConfig::default(),
            retry: RetryPolicy::default(),
            cache: CacheConfig::default(),
            clock: Arc::new(TokioClock),
            jitter_seed: None,
            resume: None,
            fleet: FleetOptions::default(),
        }
    }
}

/// What [`ClientOptions::prepare`] gives a vendor builder.
#[derive(Debug)]
pub struct Prepared {
    /// The checked base URL, without a trailing slash.
    pub base_url: String,
    /// The HTTP client.
    pub http: reqwest::Client,
    /// The retry engine.
    pub engine: Engine,
}

impl ClientOptions {
    /// Checks `base_url` and builds the HTTP client and the retry engine.
    ///
    /// # Errors
    /// An invalid base URL, plain `http://` to a remote host, or a bad certificate.
    pub fn prepare(&self, base_url: &str) -> Result<Prepared, ConfigError> {
        let base = check_base_url(base_url, self.transport.allow_insecure_http)?;
        // The per-attempt timeout is the HTTP client's default, so an ordinary request needs no
        // timeout of its own (which would cost an allocation per call).
        let transport = TransportConfig {
            request_timeout: self.retry.attempt_timeout,
            ..self.transport.clone()
        };
        let http = http_client(&transport)?;
        let login_http = login_client(&transport)?;
        let backoff = self
            .jitter_seed
            .map_or_else(Backoff::default, Backoff::seeded);
        let base_url = base.as_str().trim_end_matches('/').to_owned();
        let mut engine = Engine::new(self.retry.clone(), self.clock.clone(), backoff, login_http)
            .with_client_default_timeout();
        if !self.fleet.is_empty() {
            engine = engine.with_fleet(Fleet::new(self.fleet.clone(), &base_url));
        }
        Ok(Prepared {
            base_url,
            http,
            engine,
        })
    }
}
