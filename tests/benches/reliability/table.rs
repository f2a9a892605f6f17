//! The figures of each run, the table that shows them side by side, and the checks that make
//! the run fail.

use std::time::Duration;

use tms_sandbox::FaultStats;

use crate::Mode;
use crate::creates::CreateFigures;
use crate::lookups::LookupFigures;

/// What one run measured.
#[derive(Debug, Clone)]
pub struct Figures {
    pub mode: Mode,
    pub lookups: LookupFigures,
    pub creates: CreateFigures,
    /// Requests the sandbox saw during the creates.
    pub create_requests: u64,
    /// Explicit logins before the timed work (warm runs only).
    pub warm_logins: u32,
    pub stats: FaultStats,
    pub create_time: Duration,
    pub lookup_time: Duration,
}

impl Figures {
    fn time(&self) -> Duration {
        self.create_time + self.lookup_time
    }
}

fn secs(d: Duration) -> String {
    format!("{:.1} s", d.as_secs_f64())
}

const LABEL: usize = 22;
const COLUMN: usize = 27;

fn row(label: &str, cells: impl IntoIterator<Item = String>) {
    let mut line = format!("{label:<LABEL$}");
    for cell in cells {
        line.push_str(&format!("{cell:<COLUMN$}"));
    }
    println!("{}", line.trim_end());
}

/// Prints the runs as columns, the first being the reference for the time ratio; long
/// explanations (failure reasons) follow the table, one line per run.
pub fn print(title: &str, runs: &[Figures]) {
    println!("{title}");
    row("", runs.iter().map(|f| f.mode.title().to_owned()));
    row(
        "lookups completed",
        runs.iter().map(|f| {
            let l = &f.lookups;
            format!("{}/{}", l.completed, l.total)
        }),
    );
    let creates = |label: &str, value: fn(&CreateFigures) -> usize| {
        row(label, runs.iter().map(|f| value(&f.creates).to_string()));
    };
    creates("creates completed", |c| c.completed);
    row(
        "creates unknown",
        runs.iter().map(|f| {
            let c = &f.creates;
            if c.unknown == 0 {
                "0".to_owned()
            } else {
                format!("{} (server had {} of them)", c.unknown, c.unknown_done)
            }
        }),
    );
    creates("creates refused", |c| c.refused);
    if runs.iter().any(|f| f.creates.other > 0) {
        creates("creates failed other", |c| c.other);
    }
    creates("lost", |c| c.lost);
    creates("duplicated", |c| c.duplicated);
    creates("refused, yet done", |c| c.refused_but_done);
    let reference = runs
        .first()
        .map_or(1e-9, |f| f.time().as_secs_f64().max(1e-9));
    row(
        "time",
        runs.iter().enumerate().map(|(i, f)| {
            if i == 0 {
                secs(f.time())
            } else {
                let ratio = f.time().as_secs_f64() / reference;
                format!("{} ({ratio:.1}×)", secs(f.time()))
            }
        }),
    );
    row("  of it creates", runs.iter().map(|f| secs(f.create_time)));
    row("  of it lookups", runs.iter().map(|f| secs(f.lookup_time)));
    row(
        "requests seen",
        runs.iter().map(|f| f.stats.requests.to_string()),
    );
    row(
        "  503 / reset / 429",
        runs.iter().map(|f| {
            let s = f.stats;
            format!("{} / {} / {}", s.injected_503, s.resets, s.injected_429)
        }),
    );
    row(
        "  during the creates",
        runs.iter()
            .map(|f| format!("{} ({} attempts)", f.create_requests, f.creates.attempts)),
    );
    if runs.iter().any(|f| f.warm_logins > 0) {
        row(
            "warm-up logins",
            runs.iter().map(|f| f.warm_logins.to_string()),
        );
    }
    for f in runs {
        if f.lookups.failed.total() > 0 {
            println!(
                "{}: lookups failed: {}",
                f.mode.title(),
                f.lookups.failed.summary()
            );
        }
        if f.creates.reasons.total() > 0 {
            println!(
                "{}: creates failed: {}",
                f.mode.title(),
                f.creates.reasons.summary()
            );
        }
    }
}

/// What must hold whatever the faults; the fault-free run must also complete everything.
pub fn check(lookups: usize, creates: usize, runs: &[Figures]) -> Vec<String> {
    let mut broken = Vec::new();
    for f in runs {
        let name = f.mode.title();
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
        if c.completed + c.refused + c.unknown + c.other != creates || c.total != creates {
            broken.push(format!("{name}: creates do not add up"));
        }
        if f.lookups.completed + f.lookups.failed.total() != lookups || f.lookups.total != lookups {
            broken.push(format!("{name}: lookups do not add up"));
        }
        if f.mode == Mode::Clean && (c.completed != creates || f.lookups.completed != lookups) {
            broken.push(format!("{name}: not everything completed"));
        }
    }
    broken
}
