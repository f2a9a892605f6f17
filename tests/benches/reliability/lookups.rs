//! memoQ TM lookups, `concurrency` at a time, each checked against what the seeded TM must
//! answer.

use futures::StreamExt;
use memoq_api::segment::Segment;

use crate::outcome::{Reasons, Verdict, judge};

/// The lookups of one run.
#[derive(Debug, Default, Clone)]
pub struct LookupFigures {
    pub total: usize,
    pub completed: usize,
    /// Failed calls, by reason.
    pub failed: Reasons,
    /// Failed calls whose verdict was neither "refused" nor "unknown" (a wrong answer): must
    /// stay 0.
    pub wrong: usize,
}

/// What lookup `i` asks: a segment the seeded TM holds verbatim and a fuzzy one.
fn segments(i: usize) -> [Segment; 2] {
    const EXACT: [&str; 4] = [
        "Print the document.",
        "Select the printer.",
        "Turn off the printer.",
        "Page 1 of 10",
    ];
    [
        Segment::from_text(EXACT[i % EXACT.len()]),
        Segment::from_text(&format!("Close the document number {i}.")),
    ]
}

/// Runs `count` lookups in `tm`, `concurrency` at a time.
pub async fn run(
    client: &memoq_api::Client,
    tm: &str,
    count: usize,
    concurrency: usize,
) -> LookupFigures {
    let mut figures = LookupFigures {
        total: count,
        ..LookupFigures::default()
    };
    let mut calls = futures::stream::iter(0..count)
        .map(|i| async move {
            let segments = segments(i);
            (i, client.lookup(tm, &segments, None).await)
        })
        .buffer_unordered(concurrency);
    while let Some((i, answer)) = calls.next().await {
        match answer {
            Ok(hits) => {
                // The exact segment must come back as a 100 % (or context) match.
                let exact = hits
                    .first()
                    .is_some_and(|h| h.iter().any(|h| h.match_rate.is_some_and(|r| r >= 100)));
                if exact && hits.len() == 2 {
                    figures.completed += 1;
                } else {
                    figures.wrong += 1;
                    figures
                        .failed
                        .add(format!("lookup {i}: a success without the exact match"));
                }
            }
            Err(err) => {
                let (verdict, reason) = judge(&err);
                if verdict == Verdict::Other {
                    figures.wrong += 1;
                }
                figures.failed.add(reason);
            }
        }
    }
    figures
}
