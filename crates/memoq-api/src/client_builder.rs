//! Building a memoQ client: credentials, retry policy, TLS.

use std::sync::Arc;

use tms_runtime::clock::{SharedClock, TokioClock};
use tms_runtime::retry::{Backoff, RetryPolicy};
use tms_runtime::session::CacheConfig;
use tms_runtime::transport::{ConfigError, TransportConfig, check_base_url, http_client};

use crate::{Client, Credentials, Session};

/// Builds a [`Client`].
///
/// ```no_run
/// use memoq_api::{Client, Credentials};
///
/// # fn demo() -> Result<(), tms_runtime::transport::ConfigError> {
/// let client = Client::builder("https://memoq.example.com:8081/memoqserverhttpapi/v1")
///     .credentials(Credentials::memoq_user("translator", "secret"))
///     .root_certificate_pem(std::fs::read("corp-ca.pem").unwrap_or_default())
///     .build()?;
/// // The first call logs in; an expired session is renewed once, transparently.
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    transport: TransportConfig,
    retry: RetryPolicy,
    cache: CacheConfig,
    clock: SharedClock,
    jitter_seed: Option<u64>,
}

impl ClientBuilder {
    /// A builder for the server at `base_url` (`https://host:8081/memoqserverhttpapi/v1`).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            credentials: None,
            transport: TransportConfig::default(),
            retry: RetryPolicy::default(),
            cache: CacheConfig::default(),
            clock: Arc::new(TokioClock),
            jitter_seed: None,
        }
    }

    /// Log in with these credentials on first use, and again when the session expires.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// The retry policy (attempts, backoff, timeouts, budget).
    pub fn retry(mut self, retry: RetryPolicy) -> Self {
        self.retry = retry;
        self
    }

    /// How long tokens and failed logins are cached.
    pub fn session_cache(mut self, cache: CacheConfig) -> Self {
        self.cache = cache;
        self
    }

    /// Trust this root certificate (PEM) too: on-premises memoQ servers often use their own CA.
    pub fn root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.transport.root_certificates_pem.push(pem.into());
        self
    }

    /// Allow `http://` to a host that is not loopback (credentials then cross the network in
    /// clear text).
    pub fn allow_insecure_http(mut self) -> Self {
        self.transport.allow_insecure_http = true;
        self
    }

    /// The clock and sleeper (tests pass a virtual one).
    pub fn clock(mut self, clock: SharedClock) -> Self {
        self.clock = clock;
        self
    }

    /// Make the backoff jitter reproducible.
    pub fn jitter_seed(mut self, seed: u64) -> Self {
        self.jitter_seed = Some(seed);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// An invalid base URL, plain `http://` to a remote host, or a bad certificate.
    pub fn build(self) -> Result<Client, ConfigError> {
        let base = check_base_url(&self.base_url, self.transport.allow_insecure_http)?;
        let http = http_client(&self.transport)?;
        let backoff = self
            .jitter_seed
            .map_or_else(Backoff::default, Backoff::seeded);
        let session = Session::new(
            self.credentials,
            self.retry,
            self.clock,
            backoff,
            self.cache,
        );
        Ok(Client::new_with_client(
            base.as_str().trim_end_matches('/'),
            http,
            session,
        ))
    }
}
