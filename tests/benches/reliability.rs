//! `cargo bench -p tms-tests --bench reliability`: the clients against the sandbox without
//! faults and with 20 % 503s, 5 % connection resets (the sandbox carries the request out, then
//! drops the connection unanswered) and bursts of 429 (the first 3 of every 50 requests,
//! `Retry-After: 1`).
//!
//! Each run does 100 Memsource job creations (one after the other, each identified by its file
//! name) and then 10 000 memoQ TM lookups, 16 at a time, on a fresh sandbox whose fault dice
//! are seeded. Four runs: fault-free; faulted, the clients logging in when their first call
//! needs it; faulted with both clients logged in before the timed work ("warm"); and warm with
//! a retry budget too large to run out. The table shows completed / refused / unknown / lost /
//! duplicated and each run's time against the fault-free one. A create is *refused* when an
//! answer (503, 429) or a failed login proves nothing was done, *unknown* when the connection
//! broke after it was sent; the reconciliation then counts what the server really holds: *lost*
//! (reported done, not there) and *duplicated* (more jobs under one name than target
//! languages: a resend). Lost or duplicated creates make the run fail.
//!
//! `cargo test -p tms-tests --benches` runs a small version (300 lookups, 10 creates) with the
//! same checks.

#[path = "reliability/creates.rs"]
mod creates;
#[path = "reliability/lookups.rs"]
mod lookups;
#[path = "reliability/outcome.rs"]
mod outcome;
#[path = "reliability/table.rs"]
mod table;

use std::time::{Duration, Instant};

use table::Figures;
use tms_runtime::retry::{BudgetConfig, RetryPolicy};
use tms_sandbox::{Burst, Faults, Sandbox, SandboxConfig};

/// The seed of the sandbox's fault dice and of the clients' backoff jitter.
const SEED: u64 = 0x5eed_0011;
const CONCURRENCY: usize = 16;
/// 429 bursts: the first `LENGTH` of every `EVERY` requests, asking for `RETRY_AFTER` seconds.
const BURST_EVERY: u64 = 50;
const BURST_LENGTH: u64 = 3;
const RETRY_AFTER_SECS: u64 = 1;

/// How big a run is.
#[derive(Debug, Clone, Copy)]
struct Size {
    lookups: usize,
    creates: usize,
}

const FULL: Size = Size {
    lookups: 10_000,
    creates: 100,
};
const SMOKE: Size = Size {
    lookups: 300,
    creates: 10,
};

fn faults() -> Faults {
    Faults {
        error_503: 0.20,
        reset: 0.05,
        burst_429: Some(Burst::new(BURST_EVERY, BURST_LENGTH, RETRY_AFTER_SECS)),
        ..Faults::default()
    }
}

/// The runs, as table columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// No faults.
    Clean,
    /// Faults from the first request on; the clients log in when their first call needs it.
    Faulted,
    /// The same faults, but each client logs in (with faults on, trying until it has a token)
    /// before the timed work starts: the call path without the first login's luck.
    FaultedWarm,
    /// As `FaultedWarm`, with a retry budget too large to run out: what the retries alone
    /// achieve.
    FaultedWarmUnbudgeted,
}

impl Mode {
    fn title(self) -> &'static str {
        match self {
            Mode::Clean => "fault-free",
            Mode::Faulted => "faulted",
            Mode::FaultedWarm => "faulted, warm",
            Mode::FaultedWarmUnbudgeted => "faulted, warm, no budget",
        }
    }
}

async fn run(size: Size, mode: Mode) -> Figures {
    let faults = match mode {
        Mode::Clean => Faults::default(),
        Mode::Faulted | Mode::FaultedWarm | Mode::FaultedWarmUnbudgeted => faults(),
    };
    let retry = if mode == Mode::FaultedWarmUnbudgeted {
        RetryPolicy {
            budget: BudgetConfig {
                capacity: 1_000_000,
                ..BudgetConfig::default()
            },
            ..RetryPolicy::default()
        }
    } else {
        RetryPolicy::default()
    };
    let sandbox = Sandbox::start_with(SandboxConfig {
        faults,
        seed: SEED,
        ..SandboxConfig::default()
    })
    .await
    .expect("the sandbox starts");
    let project = sandbox
        .memsource()
        .project_uid(tms_sandbox::memsource::SEED_PROJECT)
        .expect("the seeded project");
    let login =
        memsource_api::Login::new(tms_sandbox::MEMSOURCE_USER, tms_sandbox::MEMSOURCE_PASSWORD);
    let memsource = memsource_api::Client::builder(sandbox.memsource_url())
        .login(login.clone())
        .retry(retry.clone())
        .jitter_seed(SEED)
        .build()
        .expect("the Memsource client builds");
    let credentials =
        memoq_api::Credentials::memoq_user(tms_sandbox::MEMOQ_USER, tms_sandbox::MEMOQ_PASSWORD);
    let memoq = memoq_api::Client::builder(sandbox.memoq_url())
        .credentials(credentials.clone())
        .retry(retry)
        .jitter_seed(SEED)
        .build()
        .expect("the memoQ client builds");
    let mut warm_logins = 0;
    if matches!(mode, Mode::FaultedWarm | Mode::FaultedWarmUnbudgeted) {
        warm_logins += log_in(|| memsource.login(&login)).await;
        warm_logins += log_in(|| memoq.login(&credentials)).await;
    }

    let before = sandbox.fault_stats().requests;
    let started = Instant::now();
    let creates = creates::run(&sandbox, &memsource, &project, size.creates).await;
    let create_time = started.elapsed();
    let create_requests = sandbox.fault_stats().requests - before;

    let started = Instant::now();
    let lookups = lookups::run(
        &memoq,
        tms_sandbox::memoq::TM_EN_DE,
        size.lookups,
        CONCURRENCY,
    )
    .await;
    let lookup_time = started.elapsed();
    let stats = sandbox.fault_stats();
    sandbox.stop().await;
    Figures {
        mode,
        lookups,
        creates,
        create_requests,
        warm_logins,
        stats,
        create_time,
        lookup_time,
    }
}

/// Logs in until a login succeeds (a login is never a create the bench counts); returns the
/// number of explicit logins it took.
async fn log_in<F, Fut, T, E>(login: F) -> u32
where
    F: Fn() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    for n in 1..=20 {
        match login().await {
            Ok(_) => return n,
            // An explicit login ignores the failure the session remembers; still, give the
            // sandbox a moment between tries.
            Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
    panic!("no login succeeded in 20 tries");
}

fn main() {
    let size = if std::env::args().any(|a| a == "--bench") {
        FULL
    } else {
        println!(
            "(smoke run: `cargo bench -p tms-tests --bench reliability` does {} lookups and {} creates)",
            FULL.lookups, FULL.creates
        );
        SMOKE
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let runs = runtime.block_on(async {
        let mut runs = Vec::new();
        for mode in [
            Mode::Clean,
            Mode::Faulted,
            Mode::FaultedWarm,
            Mode::FaultedWarmUnbudgeted,
        ] {
            runs.push(run(size, mode).await);
        }
        runs
    });
    table::print(
        &format!(
            "reliability (seed {SEED:#x}): {} lookups ({CONCURRENCY} at a time), {} creates (one at a time), \
             faults: 503 20%, reset 5%, 429 burst {BURST_LENGTH} of every {BURST_EVERY} (Retry-After {RETRY_AFTER_SECS} s)",
            size.lookups, size.creates
        ),
        &runs,
    );
    let broken = table::check(size.lookups, size.creates, &runs);
    if !broken.is_empty() {
        eprintln!("reliability run FAILED:");
        for problem in &broken {
            eprintln!("  {problem}");
        }
        std::process::exit(1);
    }
}
