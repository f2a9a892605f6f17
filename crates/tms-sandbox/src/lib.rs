//! An in-memory server that speaks both the memoQ Server Resources API and the Memsource REST API
//! on one loopback port, under their real prefixes (`/memoqserverhttpapi/v1/…`, `/web/api2/…`).
//!
//! It answers with the clients' own serde types, so the sandbox and the clients cannot drift
//! apart. Use it for integration tests, for reliability runs with injected faults, and for demos.
//!
//! ```no_run
//! # async fn demo() -> Result<(), Box<dyn std::error::Error>> {
//! let sandbox = tms_sandbox::Sandbox::start().await?;
//! let memoq = memoq_api::Client::builder(sandbox.memoq_url())
//!     .credentials(memoq_api::Credentials::memoq_user(
//!         tms_sandbox::MEMOQ_USER,
//!         tms_sandbox::MEMOQ_PASSWORD,
//!     ))
//!     .build()?;
//! let tms = memoq.tm_list().send().await?;
//! assert!(!tms.is_empty());
//! # Ok(()) }
//! ```

mod config;
mod errors;
pub mod faults;
pub mod memoq;
pub mod memsource;
mod server;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard};

pub use config::SandboxConfig;
pub use faults::{Burst, FaultStats, Faults};

/// The seeded memoQ user's name.
pub const MEMOQ_USER: &str = "translator";
/// The seeded memoQ user's password.
pub const MEMOQ_PASSWORD: &str = "translator-password";
/// The seeded Memsource user's name.
pub const MEMSOURCE_USER: &str = "pm";
/// The seeded Memsource user's password.
pub const MEMSOURCE_PASSWORD: &str = "pm-password";

/// The sandbox could not start.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StartError {
    /// The listening socket could not be bound.
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        /// The address asked for.
        addr: SocketAddr,
        /// What the operating system said.
        source: std::io::Error,
    },
}

/// State every handler shares.
pub(crate) struct Shared {
    pub(crate) config: SandboxConfig,
    pub(crate) faults: faults::FaultState,
    pub(crate) memoq: Mutex<memoq::MemoqState>,
    pub(crate) memsource: Mutex<memsource::MemsourceState>,
    /// `http://127.0.0.1:PORT`, known once the socket is bound.
    pub(crate) base_url: String,
}

impl Shared {
    pub(crate) fn memoq(&self) -> MutexGuard<'_, memoq::MemoqState> {
        self.memoq
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    pub(crate) fn memsource(&self) -> MutexGuard<'_, memsource::MemsourceState> {
        self.memsource
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A running sandbox. It stops when dropped.
pub struct Sandbox {
    addr: SocketAddr,
    shared: Arc<Shared>,
    server: server::Running,
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Starts a sandbox with the default configuration on a free loopback port.
    pub async fn start() -> Result<Sandbox, StartError> {
        Self::start_with(SandboxConfig::default()).await
    }

    /// Starts a sandbox with `config` (its `addr` defaults to a free loopback port).
    pub async fn start_with(config: SandboxConfig) -> Result<Sandbox, StartError> {
        let listener = tokio::net::TcpListener::bind(config.addr)
            .await
            .map_err(|source| StartError::Bind {
                addr: config.addr,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            addr: config.addr,
            source,
        })?;
        let base_url = format!("http://{addr}");
        let shared = Arc::new(Shared {
            faults: faults::FaultState::new(config.faults.clone(), config.seed),
            memoq: Mutex::new(memoq::MemoqState::seeded(&config)),
            memsource: Mutex::new(memsource::MemsourceState::seeded(&config)),
            config,
            base_url,
        });
        let router = server::router(shared.clone());
        let server = server::Running::spawn(listener, router);
        tracing::info!(%addr, "sandbox listening");
        Ok(Sandbox {
            addr,
            shared,
            server,
        })
    }

    /// The socket address the sandbox listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> &str {
        &self.shared.base_url
    }

    /// The memoQ API's base URL, `http://127.0.0.1:PORT/memoqserverhttpapi/v1`.
    pub fn memoq_url(&self) -> String {
        format!("{}/memoqserverhttpapi/v1", self.shared.base_url)
    }

    /// The Memsource API's base URL, `http://127.0.0.1:PORT/web`.
    pub fn memsource_url(&self) -> String {
        format!("{}/web", self.shared.base_url)
    }

    /// The memoQ side's state, for tests to inspect or arrange. Do not hold it across an `.await`.
    pub fn memoq(&self) -> MutexGuard<'_, memoq::MemoqState> {
        self.shared.memoq()
    }

    /// The Memsource side's state, for tests to inspect or arrange. Do not hold it across an
    /// `.await`.
    pub fn memsource(&self) -> MutexGuard<'_, memsource::MemsourceState> {
        self.shared.memsource()
    }

    /// Replaces the faults injected from now on (also `PUT /_sandbox/faults`).
    pub fn set_faults(&self, faults: Faults) {
        self.shared.faults.set(faults);
    }

    /// What the sandbox served and which faults it injected so far.
    pub fn fault_stats(&self) -> FaultStats {
        self.shared.faults.stats()
    }

    /// Serves until the process is asked to stop (Ctrl-C), then shuts down.
    pub async fn serve_until_ctrl_c(self) -> std::io::Result<()> {
        tokio::signal::ctrl_c().await?;
        self.server.stop().await;
        Ok(())
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn stop(self) {
        self.server.stop().await;
    }
}
