//! memoQ concordance in the sandbox, through the real client: hits, their text ranges, the
//! results limit and case sensitivity.

mod memoq_support;

use memoq_api::types::{ConcordanceOptions, ConcordanceRequest};
use memoq_support::{client, sandbox};
use tms_sandbox::memoq::TM_EN_DE;

#[tokio::test]
async fn concordance_reports_where_the_expressions_occur() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let search = |expressions: &[&str], options: Option<ConcordanceOptions>| {
        client
            .tm_concordance()
            .tm_guid(TM_EN_DE)
            .body(ConcordanceRequest {
                search_expression: expressions.iter().map(|e| (*e).to_owned()).collect(),
                options,
            })
    };
    let result = search(&["document"], None)
        .send()
        .await
        .expect("concordance")
        .into_inner();
    assert_eq!(result.total_conc_result, Some(8));
    let items = result.conc_result.expect("hits");
    assert_eq!(items.len(), 8);
    let ranges = |key: i32| -> Vec<(i32, i32)> {
        let item = items
            .iter()
            .find(|i| i.tm_entry.as_ref().and_then(|e| e.key) == Some(key))
            .expect("the entry is a hit");
        item.concordance_text_ranges
            .iter()
            .flatten()
            .map(|r| (r.start.expect("start"), r.length.expect("length")))
            .collect()
    };
    assert_eq!(ranges(0), [(10, 8)], "Print the |document|.");
    assert_eq!(ranges(7), [(4, 8)], "R&D |document|s are confidential.");

    let two = search(&["save", "PRINT"], None)
        .send()
        .await
        .expect("concordance")
        .into_inner();
    let first = &two.conc_result.expect("hits")[0];
    assert_eq!(first.tm_entry.as_ref().and_then(|e| e.key), Some(1));
    let ranges: Vec<(i32, i32)> = first
        .concordance_text_ranges
        .iter()
        .flatten()
        .map(|r| (r.start.unwrap_or(-1), r.length.unwrap_or(-1)))
        .collect();
    assert_eq!(
        ranges,
        [(0, 4), (25, 5)],
        "|Save| the document before |print|ing."
    );
    assert_eq!((first.start_pos, first.length), (Some(0), Some(4)));

    let limited = search(
        &["document"],
        Some(ConcordanceOptions {
            results_limit: Some(3),
            ..Default::default()
        }),
    )
    .send()
    .await
    .expect("concordance")
    .into_inner();
    assert_eq!(limited.conc_result.map(|r| r.len()), Some(3));
    assert_eq!(limited.total_conc_result, Some(8));

    let case_sensitive = search(
        &["Document"],
        Some(ConcordanceOptions {
            case_sensitive: Some(true),
            ..Default::default()
        }),
    )
    .send()
    .await
    .expect("concordance")
    .into_inner();
    assert_eq!(case_sensitive.total_conc_result, Some(0));
}
