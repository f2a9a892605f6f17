//! memoQ TM lookups in the sandbox, through the real client: match rates (as documented in the
//! sandbox's `match_rate` module), context matches, escaped markup and reverse lookup.

mod memoq_support;

use memoq_api::ErrorCode;
use memoq_api::segment::Segment;
use memoq_api::types::{LookupSegmentOptions, LookupSegmentRequest, QuerySegment};
use memoq_support::{client, code, options, sandbox, texts};
use tms_sandbox::memoq::{TM_EN_DE, TM_EN_FR};

#[tokio::test]
async fn lookup_rates_exact_nearly_exact_and_fuzzy_hits() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let segments = texts(&[
        "Print the document.",
        "Print the documents.",
        "Page 2 of 10",
        "Bananas are yellow.",
    ]);
    let hits = client
        .lookup(TM_EN_DE, &segments, None)
        .await
        .expect("lookup");
    assert_eq!(hits.len(), 4, "one result per segment");
    let rates = |i: usize| -> Vec<(i32, i32)> {
        hits[i]
            .iter()
            .map(|h| (h.entry.key.expect("key"), h.match_rate.expect("match rate")))
            .collect()
    };
    // Keys 0 and 9 hold the text itself (9 with context, which the query does not give),
    // key 4 is "Print the document twice." (W 3/4, C 19/25: 75), key 2 "Open the document."
    // (W 2/3, C 15/19: 72), key 3 "Close the document." (W 2/3, C 14/19: 70).
    assert_eq!(rates(0), [(0, 100), (9, 100), (4, 75), (2, 72), (3, 70)]);
    // W 2/3, C 19/20: ⌊80.8⌋.
    assert_eq!(rates(1)[..2], [(0, 80), (9, 80)]);
    // Same words, one character differs: nearly exact.
    assert_eq!(rates(2), [(8, 98)]);
    assert!(hits[3].is_empty());
    let best = hits[0][0].target().expect("target").expect("parses");
    assert_eq!(best.plain_text(), "Drucken Sie das Dokument.");
    assert!(
        hits[0][0].entry.preceding_segment.is_none(),
        "lookups do not fill context fields"
    );

    let strict = client
        .lookup(TM_EN_DE, &segments[..1], Some(options(90)))
        .await
        .expect("lookup");
    assert_eq!(strict[0].len(), 2, "the threshold drops the fuzzy hits");
    let best_only = client
        .lookup(
            TM_EN_DE,
            &segments[..1],
            Some(LookupSegmentOptions {
                only_best: Some(true),
                ..Default::default()
            }),
        )
        .await
        .expect("lookup");
    assert_eq!(best_only[0].len(), 1);
}

#[tokio::test]
async fn context_matches_rate_101_and_102() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let wire = |t: &str| Segment::from_text(t).to_wire();
    let query = |preceding: Option<&str>, following: Option<&str>, id: Option<&str>| QuerySegment {
        segment: wire("Print the document."),
        preceding_segment: preceding.map(wire),
        following_segment: following.map(wire),
        context_id: id.map(str::to_owned),
    };
    let request = LookupSegmentRequest {
        segments: vec![
            // The text flow of entry 9, no ID: one context → 101.
            query(
                Some("Open the document."),
                Some("Close the document."),
                None,
            ),
            // Text flow and ID of entry 9: double context → 102.
            query(
                Some("Open the document."),
                Some("Close the document."),
                Some("menu.print"),
            ),
            // The ID alone: 101.
            query(None, None, Some("menu.print")),
            // A different flow: plain exact matches.
            query(Some("Something else."), None, None),
        ],
        options: Some(options(100)),
    };
    let answer = client
        .tm_lookup_segments()
        .tm_guid(TM_EN_DE)
        .body(request)
        .send()
        .await
        .expect("lookup")
        .into_inner();
    let results = answer.result.expect("results");
    let rates: Vec<Vec<(i32, i32)>> = results
        .iter()
        .map(|r| {
            r.tm_hits
                .iter()
                .flatten()
                .map(|h| {
                    let entry = h.trans_unit.as_ref().expect("trans unit");
                    (entry.key.expect("key"), h.match_rate.expect("rate"))
                })
                .collect()
        })
        .collect();
    assert_eq!(rates[0], [(9, 101), (0, 100)]);
    assert_eq!(rates[1], [(9, 102), (0, 100)]);
    assert_eq!(rates[2], [(9, 101), (0, 100)]);
    assert_eq!(rates[3], [(0, 100), (9, 100)]);
}

#[tokio::test]
async fn lookup_reads_and_answers_escaped_markup() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let hits = client
        .lookup(TM_EN_DE, &texts(&["R&D documents are confidential."]), None)
        .await
        .expect("lookup");
    let hit = &hits[0][0];
    assert_eq!(hit.match_rate, Some(100));
    assert_eq!(
        hit.entry.target_segment.as_deref(),
        Some("<seg>F&amp;E-Dokumente sind vertraulich.</seg>")
    );
    let target = hit.target().expect("target").expect("parses");
    assert_eq!(target.plain_text(), "F&E-Dokumente sind vertraulich.");
}

#[tokio::test]
async fn reverse_lookup_where_the_tm_allows_it() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let reverse = LookupSegmentOptions {
        reverse_lookup: Some(true),
        ..Default::default()
    };
    let segments = texts(&["Drucken Sie das Dokument."]);
    let hits = client
        .lookup(TM_EN_DE, &segments, Some(reverse.clone()))
        .await
        .expect("reverse lookup");
    let source = hits[0][0].source().expect("source").expect("parses");
    assert_eq!(source.plain_text(), "Print the document.");
    assert_eq!(
        code(client.lookup(TM_EN_FR, &segments, Some(reverse)).await),
        Some(ErrorCode::ReverseLookupNotSupported)
    );
}
