//! `cargo bench -p tms-tests --bench reliability`: the clients against the sandbox, once without
//! faults and once with 20 % 503s, 5 % connection resets (the sandbox carries the request out,
//! then drops the connection unanswered) and bursts of 429 (3 of every 50 requests,
//! `Retry-After: 1`).
//!
//! Each run does 100 Memsource job creations (one after the other, each identified by its file
//! name) and then 10 000 memoQ TM lookups, 16 at a time, on a fresh sandbox whose fault dice
//! are seeded, and prints completed / refused / unknown / lost / duplicated and the time of the
//! faulted run against the fault-free one. A create is *refused* when an answer (503, 429) or a
//! failed login proves nothing was done, *unknown* when the connection broke after it was sent;
//! the reconciliation then counts what the server really holds: *lost* (reported done, not
//! there) and *duplicated* (more jobs under one name than target languages: a resend). Lost or
//! duplicated creates make the run fail.
//!
//! `cargo test -p tms-tests --benches` runs a small version (300 lookups, 10 creates) with the
//! same checks.

#[path = "reliability/creates.rs"]
mod creates;
#[path = "reliability/lookups.rs"]
mod lookups;
#[path = "reliability/outcome.rs"]
mod outcome;

use std::time::{Duration, Instant};

use creates::CreateFigures;
use lookups::LookupFigures;
use tms_sandbox::{Burst, FaultStats, Faults, Sandbox, SandboxConfig};

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

/// What one run measured.
#[derive(Debug, Clone)]
struct Figures {
    lookups: LookupFigures,
    creates: CreateFigures,
    /// Requests the sandbox saw during the creates, and in all.
    create_requests: u64,
    stats: FaultStats,
    create_time: Duration,
    lookup_time: Duration,
}

impl Figures {
    fn time(&self) -> Duration {
        self.create_time + self.lookup_time
    }
}

async fn run(size: Size, faults: Faults) -> Figures {
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
    let memsource = memsource_api::Client::builder(sandbox.memsource_url())
        .login(memsource_api::Login::new(
            tms_sandbox::MEMSOURCE_USER,
            tms_sandbox::MEMSOURCE_PASSWORD,
        ))
        .jitter_seed(SEED)
        .build()
        .expect("the Memsource client builds");
    let memoq = memoq_api::Client::builder(sandbox.memoq_url())
        .credentials(memoq_api::Credentials::memoq_user(
            tms_sandbox::MEMOQ_USER,
            tms_sandbox::MEMOQ_PASSWORD,
        ))
        .jitter_seed(SEED)
        .build()
        .expect("the memoQ client builds");

    let started = Instant::now();
    let creates = creates::run(&sandbox, &memsource, &project, size.creates).await;
    let create_time = started.elapsed();
    let create_requests = sandbox.fault_stats().requests;

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
        lookups,
        creates,
        create_requests,
        stats,
        create_time,
        lookup_time,
    }
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

fn print_table(size: Size, clean: &Figures, faulted: &Figures) {
    println!(
        "reliability (seed {SEED:#x}): {} lookups ({CONCURRENCY} at a time), {} creates (one at a time), \
         faults: 503 20%, reset 5%, 429 burst {BURST_LENGTH} of every {BURST_EVERY} (Retry-After {RETRY_AFTER_SECS} s)",
        size.lookups, size.creates
    );
    let row = |label: &str, a: String, b: String| println!("{label:<22}{a:<34}{b}");
    row("", "fault-free".into(), "faulted".into());
    let lookups = |f: &Figures| {
        let l = &f.lookups;
        let failed = l.failed.total();
        if failed == 0 {
            format!("{}/{}", l.completed, l.total)
        } else {
            format!(
                "{}/{} ({failed} failed: {})",
                l.completed,
                l.total,
                l.failed.summary()
            )
        }
    };
    row("lookups completed", lookups(clean), lookups(faulted));
    let c = |f: &Figures| f.creates.clone();
    row(
        "creates completed",
        c(clean).completed.to_string(),
        c(faulted).completed.to_string(),
    );
    let unknown = |f: &Figures| {
        let c = &f.creates;
        if c.unknown == 0 {
            "0".to_owned()
        } else {
            format!("{} (server had {} of them)", c.unknown, c.unknown_done)
        }
    };
    row("creates unknown", unknown(clean), unknown(faulted));
    row(
        "creates refused",
        c(clean).refused.to_string(),
        c(faulted).refused.to_string(),
    );
    if clean.creates.other + faulted.creates.other > 0 {
        row(
            "creates failed other",
            c(clean).other.to_string(),
            c(faulted).other.to_string(),
        );
    }
    row(
        "lost",
        c(clean).lost.to_string(),
        c(faulted).lost.to_string(),
    );
    row(
        "duplicated",
        c(clean).duplicated.to_string(),
        c(faulted).duplicated.to_string(),
    );
    row(
        "refused, yet done",
        c(clean).refused_but_done.to_string(),
        c(faulted).refused_but_done.to_string(),
    );
    let ratio = faulted.time().as_secs_f64() / clean.time().as_secs_f64().max(1e-9);
    row(
        "time",
        secs(clean.time()),
        format!("{} ({ratio:.1}×)", secs(faulted.time())),
    );
    row(
        "  of it creates",
        secs(clean.create_time),
        secs(faulted.create_time),
    );
    row(
        "  of it lookups",
        secs(clean.lookup_time),
        secs(faulted.lookup_time),
    );
    let requests = |f: &Figures| {
        let s = f.stats;
        format!(
            "{} (503: {}, resets: {}, 429: {})",
            s.requests, s.injected_503, s.resets, s.injected_429
        )
    };
    row("requests seen", requests(clean), requests(faulted));
    let create_requests = |f: &Figures| {
        format!(
            "{} (client counted {} attempts)",
            f.create_requests, f.creates.attempts
        )
    };
    row(
        "  for the creates",
        create_requests(clean),
        create_requests(faulted),
    );
    if faulted.creates.reasons.total() > 0 {
        println!(
            "faulted creates that failed: {}",
            faulted.creates.reasons.summary()
        );
    }
}

/// What must hold whatever the faults; the fault-free run must also complete everything.
fn check(size: Size, clean: &Figures, faulted: &Figures) -> Vec<String> {
    let mut broken = Vec::new();
    for (name, f) in [("fault-free", clean), ("faulted", faulted)] {
        let c = &f.creates;
        if c.lost > 0 {
            broken.push(format!("{name}: {} creates lost", c.lost));
        }
        if c.duplicated > 0 {
            broken.push(format!("{name}: {} creates duplicated", c.duplicated));
        }
        if c.refused_but_done > 0 {
            broken.push(format!(
                "{name}: {} creates refused, yet on the server",
                c.refused_but_done
            ));
        }
        if c.other > 0 || f.lookups.wrong > 0 {
            broken.push(format!(
                "{name}: {} creates and {} lookups failed in an unexpected way",
                c.other, f.lookups.wrong
            ));
        }
        if c.completed + c.refused + c.unknown + c.other != c.total || c.total != size.creates {
            broken.push(format!("{name}: creates do not add up"));
        }
        if f.lookups.completed + f.lookups.failed.total() != size.lookups {
            broken.push(format!("{name}: lookups do not add up"));
        }
    }
    if clean.creates.completed != size.creates || clean.lookups.completed != size.lookups {
        broken.push("fault-free: not everything completed".to_owned());
    }
    broken
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
    let (clean, faulted) = runtime.block_on(async {
        let clean = run(size, Faults::default()).await;
        let faulted = run(size, faults()).await;
        (clean, faulted)
    });
    print_table(size, &clean, &faulted);
    let broken = check(size, &clean, &faulted);
    if !broken.is_empty() {
        eprintln!("reliability run FAILED:");
        for problem in &broken {
            eprintln!("  {problem}");
        }
        std::process::exit(1);
    }
}
