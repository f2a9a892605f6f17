//! Memsource job creations, one file name each, then a reconciliation against the sandbox's
//! jobs: what the client said happened against what did.

use std::collections::HashMap;

use memsource_api::upload::{content_disposition, memsource_header};
use tms_runtime::engine::ATTEMPTS_HEADER;
use tms_sandbox::Sandbox;

use crate::outcome::{Reasons, Verdict, judge};

/// The seeded project's target languages: each create makes one job per language.
pub const TARGETS: [&str; 2] = ["de", "fr"];

/// What the client reported for one create.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Reported {
    Completed,
    Refused,
    Unknown,
    Other,
}

/// The creates of one run, reconciled with the sandbox.
#[derive(Debug, Default, Clone)]
pub struct CreateFigures {
    pub total: usize,
    pub completed: usize,
    pub refused: usize,
    pub unknown: usize,
    /// Unknown-outcome creates whose jobs the server has.
    pub unknown_done: usize,
    pub other: usize,
    /// Reported completed, but the server lacks (some of) the jobs.
    pub lost: usize,
    /// Names with more jobs than target languages: a resend.
    pub duplicated: usize,
    /// Reported refused, yet the server has jobs: the refusal was not one.
    pub refused_but_done: usize,
    /// Requests the client says it sent for the creates (attempts, retries included).
    pub attempts: u64,
    /// Why creates failed.
    pub reasons: Reasons,
}

/// The file name that identifies create `i`.
pub fn file_name(i: usize) -> String {
    format!("reliability Zürich {i:04}.txt")
}

/// Creates `count` jobs in `project` one after the other (so a seeded run repeats exactly),
/// then reconciles.
pub async fn run(
    sandbox: &Sandbox,
    client: &memsource_api::Client,
    project: &str,
    count: usize,
) -> CreateFigures {
    let header = memsource_header(&serde_json::json!({ "targetLangs": TARGETS }))
        .expect("a static header encodes");
    let mut figures = CreateFigures {
        total: count,
        ..CreateFigures::default()
    };
    let mut reported = Vec::with_capacity(count);
    for i in 0..count {
        let name = file_name(i);
        let answer = client
            .job_create()
            .project_uid(project)
            .content_disposition(content_disposition(&name))
            .memsource(header.clone())
            .body(format!("Create number {i}. Print the document.\n").into_bytes())
            .send()
            .await;
        let verdict = match answer {
            Ok(answer) => {
                figures.attempts += attempts_of(answer.headers());
                let jobs = answer.into_inner().jobs.unwrap_or_default();
                if jobs.len() == TARGETS.len() {
                    Reported::Completed
                } else {
                    figures
                        .reasons
                        .add(format!("success with {} jobs", jobs.len()));
                    Reported::Other
                }
            }
            Err(err) => {
                let err = memsource_api::Error::from(err);
                // A transport error of a create is never retried: one attempt.
                figures.attempts += err.retry_info().map_or(1, |r| u64::from(r.attempts));
                let (verdict, reason) = judge(&err);
                figures.reasons.add(reason);
                match verdict {
                    Verdict::Refused => Reported::Refused,
                    Verdict::Unknown => Reported::Unknown,
                    Verdict::Other => Reported::Other,
                }
            }
        };
        reported.push((name, verdict));
    }
    reconcile(sandbox, project, &reported, &mut figures);
    figures
}

fn attempts_of(headers: &reqwest::header::HeaderMap) -> u64 {
    headers
        .get(ATTEMPTS_HEADER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
}

/// Compares what the client reported with the jobs the sandbox holds, by file name.
fn reconcile(
    sandbox: &Sandbox,
    project: &str,
    reported: &[(String, Reported)],
    figures: &mut CreateFigures,
) {
    let mut on_server: HashMap<String, usize> = HashMap::new();
    for job in sandbox.memsource().jobs(project) {
        if let Some(name) = job.filename {
            *on_server.entry(name).or_default() += 1;
        }
    }
    for (name, reported) in reported {
        let jobs = on_server.get(name).copied().unwrap_or(0);
        if jobs > TARGETS.len() {
            figures.duplicated += 1;
        }
        match reported {
            Reported::Completed => {
                figures.completed += 1;
                if jobs < TARGETS.len() {
                    figures.lost += 1;
                }
            }
            Reported::Refused => {
                figures.refused += 1;
                if jobs > 0 {
                    figures.refused_but_done += 1;
                }
            }
            Reported::Unknown => {
                figures.unknown += 1;
                if jobs > 0 {
                    figures.unknown_done += 1;
                }
            }
            Reported::Other => figures.other += 1,
        }
    }
}
