//! How a sandbox behaves: timings, limits and the faults it starts with.

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use crate::Faults;

/// Settings of a [`Sandbox`](crate::Sandbox). Every field has a default fit for tests.
///
/// ```
/// use std::time::Duration;
/// let config = tms_sandbox::SandboxConfig {
///     async_delay: Duration::from_millis(50),
///     ..Default::default()
/// };
/// assert_eq!(config.memsource_token_lifetime, Duration::from_secs(24 * 3600));
/// ```
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Where to listen; port 0 picks a free port. Default `127.0.0.1:0`.
    pub addr: SocketAddr,
    /// A memoQ token expires after this long without use (`InvalidOrExpiredToken`). Default 30 min.
    pub memoq_token_idle: Duration,
    /// How many memoQ sessions may be open at once before a login gets `NoLicenseAvailable`.
    /// Default 10.
    pub memoq_licenses: usize,
    /// A memoQ login this soon after the same user's logout gets `TooFrequentLogin`. Default 1 s.
    pub memoq_relogin_gap: Duration,
    /// Lifetime of a Memsource token. Default 24 h.
    pub memsource_token_lifetime: Duration,
    /// How long a Memsource asynchronous request runs before it completes. Default 200 ms.
    pub async_delay: Duration,
    /// Scales the vendor's callback retry schedule (minutes become `minutes × scale`). Default
    /// one minute → 100 ms.
    pub callback_minute: Duration,
    /// A per-token request budget of the Memsource API: at most `.0` requests in every window
    /// of `.1`; more get 429 with `Retry-After`. Default `None` (no limit).
    pub memsource_rate_limit: Option<(u32, Duration)>,
    /// Largest request body accepted; bigger ones get 413. Default 32 MiB.
    pub max_body: usize,
    /// Faults injected from the start.
    pub faults: Faults,
    /// Seed of the fault dice, so a run can be repeated.
    pub seed: u64,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            addr: SocketAddr::from((Ipv4Addr::LOCALHOST, 0)),
            memoq_token_idle: Duration::from_secs(30 * 60),
            memoq_licenses: 10,
            memoq_relogin_gap: Duration::from_secs(1),
            memsource_token_lifetime: Duration::from_secs(24 * 3600),
            async_delay: Duration::from_millis(200),
            callback_minute: Duration::from_millis(100),
            memsource_rate_limit: None,
            max_body: 32 * 1024 * 1024,
            faults: Faults::default(),
            seed: 0x5eed,
        }
    }
}
