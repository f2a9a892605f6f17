//! memoQ translation memories in the sandbox, through the real client: listing, lookup match
//! rates (as documented in the sandbox's `lookup` module), context matches, entry writes with
//! the `Modified` check, and refused requests.

mod memoq_support;

use memoq_api::ErrorCode;
use memoq_api::segment::Segment;
use memoq_api::types::{LookupSegmentOptions, LookupSegmentRequest, QuerySegment, TmEntryModel};
use memoq_support::{client, code, raw_token, sandbox, sandbox_with};
use tms_sandbox::SandboxConfig;
use tms_sandbox::memoq::{TM_DE_EN, TM_EN_DE, TM_EN_FR};

fn texts(items: &[&str]) -> Vec<Segment> {
    items.iter().map(|t| Segment::from_text(t)).collect()
}

fn options(threshold: i32) -> LookupSegmentOptions {
    LookupSegmentOptions {
        match_threshold: Some(threshold),
        ..Default::default()
    }
}

#[tokio::test]
async fn tm_list_filters_by_language_and_get_reads_one() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let names = |tms: Vec<memoq_api::types::TmModel>| -> Vec<String> {
        tms.into_iter().filter_map(|tm| tm.friendly_name).collect()
    };
    let all = client.tm_list().send().await.expect("list").into_inner();
    assert_eq!(all.len(), 3);
    let english = client.tm_list().src_lang("eng").send().await.expect("list");
    assert_eq!(
        names(english.into_inner()),
        ["Sandbox EN-DE", "Sandbox EN-FR"]
    );
    let pair = client
        .tm_list()
        .src_lang("eng")
        .target_lang("ger")
        .send()
        .await
        .expect("list");
    assert_eq!(names(pair.into_inner()), ["Sandbox EN-DE"]);

    let tm = client
        .tm_get()
        .tm_guid(TM_EN_DE)
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(tm.friendly_name.as_deref(), Some("Sandbox EN-DE"));
    assert_eq!(tm.num_entries, Some(13));
    assert_eq!(tm.guid().expect("guid").as_str(), TM_EN_DE);
}

#[tokio::test]
async fn unknown_resources_and_entries_are_not_found() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let missing = "00000000-0000-4000-8000-00000000dead";
    assert_eq!(
        code(client.tm_get().tm_guid(missing).send().await),
        Some(ErrorCode::ResourceNotFound)
    );
    assert_eq!(
        code(
            client
                .tm_entry_get()
                .tm_guid(TM_EN_DE)
                .entry_id(9999)
                .send()
                .await
        ),
        Some(ErrorCode::EntryNotFound)
    );
}

#[tokio::test]
async fn a_malformed_guid_gets_the_generic_aspnet_answer() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let error = client
        .tm_get()
        .tm_guid("not-a-guid")
        .send()
        .await
        .expect_err("refused");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.code(), None);
    assert_eq!(error.message(), Some("The request is invalid."));
}

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

#[tokio::test]
async fn entries_are_created_updated_and_deleted_with_the_modified_check() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let source = Segment::builder()
        .text("Click ")
        .bpt(1, "<b>")
        .text("OK")
        .ept(1, "</b>")
        .text(" to continue.")
        .build();
    let target = Segment::builder()
        .text("Klicken Sie auf ")
        .bpt(1, "<b>")
        .text("OK")
        .ept(1, "</b>")
        .text(", um fortzufahren.")
        .build();
    client
        .tm_entry_create()
        .tm_guid(TM_EN_DE)
        .body(TmEntryModel {
            source_segment: Some(source.to_wire()),
            target_segment: Some(target.to_wire()),
            ..Default::default()
        })
        .send()
        .await
        .expect("create");
    let key = sandbox
        .memoq()
        .tm_entries(TM_EN_DE)
        .and_then(|entries| entries.last().and_then(|e| e.key))
        .expect("the new entry is stored");
    assert_eq!(key, 13);

    // The same text without the tags: 99 under the default (strict) tag rule.
    let hits = client
        .lookup(TM_EN_DE, &texts(&["Click OK to continue."]), None)
        .await
        .expect("lookup");
    assert_eq!(hits[0][0].match_rate, Some(99));

    let read = client
        .tm_entry_get()
        .tm_guid(TM_EN_DE)
        .entry_id(key)
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(read.creator.as_deref(), Some(tms_sandbox::MEMOQ_USER));
    let stale = read.modified.clone();
    let update = |modified| TmEntryModel {
        target_segment: Some(Segment::from_text("Klicken Sie auf OK.").to_wire()),
        modified,
        ..read.clone()
    };
    client
        .tm_entry_update()
        .tm_guid(TM_EN_DE)
        .entry_id(key)
        .body(update(stale.clone()))
        .send()
        .await
        .expect("the update with the current Modified is taken");
    assert_eq!(
        code(
            client
                .tm_entry_update()
                .tm_guid(TM_EN_DE)
                .entry_id(key)
                .body(update(stale))
                .send()
                .await
        ),
        Some(ErrorCode::OptimisticConcurrencyError),
        "a second update with the old Modified conflicts"
    );
    let stored = sandbox.memoq().tm_entry(TM_EN_DE, key).expect("stored");
    assert_eq!(
        stored.target_segment.as_deref(),
        Some("<seg>Klicken Sie auf OK.</seg>")
    );

    // Somebody else changes entry 0 between our read and our write.
    let zero = client
        .tm_entry_get()
        .tm_guid(TM_EN_DE)
        .entry_id(0)
        .send()
        .await
        .expect("get")
        .into_inner();
    sandbox
        .memoq()
        .touch_tm_entry(TM_EN_DE, 0)
        .expect("touched");
    assert_eq!(
        code(
            client
                .tm_entry_update()
                .tm_guid(TM_EN_DE)
                .entry_id(0)
                .body(zero)
                .send()
                .await
        ),
        Some(ErrorCode::OptimisticConcurrencyError)
    );

    client
        .tm_entry_delete()
        .tm_guid(TM_EN_DE)
        .entry_id(key)
        .send()
        .await
        .expect("delete");
    assert_eq!(
        code(
            client
                .tm_entry_get()
                .tm_guid(TM_EN_DE)
                .entry_id(key)
                .send()
                .await
        ),
        Some(ErrorCode::EntryNotFound)
    );
}

#[tokio::test]
async fn bad_entries_and_read_only_tms_are_refused() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let create =
        |tm: &'static str, entry: TmEntryModel| client.tm_entry_create().tm_guid(tm).body(entry);
    let good = TmEntryModel {
        source_segment: Some("<seg>Hello</seg>".into()),
        target_segment: Some("<seg>Hallo</seg>".into()),
        ..Default::default()
    };
    let no_target = TmEntryModel {
        target_segment: None,
        ..good.clone()
    };
    assert_eq!(
        code(create(TM_EN_DE, no_target).send().await),
        Some(ErrorCode::InvalidArgument)
    );
    let bad_markup = TmEntryModel {
        source_segment: Some("<seg>Fish & chips</seg>".into()),
        ..good.clone()
    };
    assert_eq!(
        code(create(TM_EN_DE, bad_markup).send().await),
        Some(ErrorCode::InvalidArgument)
    );
    let unknown_meta = TmEntryModel {
        custom_metas: Some(vec![memoq_api::types::TmCustomMetaItem {
            name: "NoSuchField".into(),
            value: Some(serde_json::json!(true)),
        }]),
        ..good.clone()
    };
    assert_eq!(
        code(create(TM_EN_DE, unknown_meta).send().await),
        Some(ErrorCode::CustomMetaError)
    );
    assert_eq!(
        code(create(TM_DE_EN, good).send().await),
        Some(ErrorCode::Unauthorized)
    );
    assert_eq!(
        code(
            client
                .lookup(TM_EN_DE, &texts(&["x"]), Some(options(30)))
                .await
        ),
        Some(ErrorCode::InvalidArgument),
        "MatchThreshold outside 50..=102"
    );
    assert_eq!(
        sandbox.memoq().tm_entries(TM_EN_DE).map(|e| e.len()),
        Some(13)
    );
}

#[tokio::test]
async fn malformed_bodies_get_vendor_errors_and_oversized_ones_413() {
    let sandbox = sandbox_with(SandboxConfig {
        max_body: 4096,
        ..Default::default()
    })
    .await;
    let token = raw_token(&sandbox).await;
    let http = reqwest::Client::new();
    let post = |body: String| {
        http.post(format!(
            "{}/tms/{TM_EN_DE}/lookupsegments",
            sandbox.memoq_url()
        ))
        .header("Authorization", format!("MQS-API {token}"))
        .header("Content-Type", "application/json")
        .body(body)
        .send()
    };
    for (body, status, error_code) in [
        ("{not json".to_owned(), 400, "InvalidArgument"),
        (String::new(), 400, "InvalidArgument"),
        (r#"{"Segments": 7}"#.to_owned(), 400, "InvalidArgument"),
        (
            r#"{"Segments": [{"Segment": "<seg>a & b</seg>"}]}"#.to_owned(),
            400,
            "InvalidArgument",
        ),
    ] {
        let answer = post(body.clone()).await.expect("answered");
        assert_eq!(answer.status(), status, "{body}");
        let json: serde_json::Value = answer.json().await.expect("JSON error body");
        assert_eq!(json["ErrorCode"], error_code, "{body}");
    }
    let huge = format!(
        r#"{{"Segments": [{{"Segment": "<seg>{}</seg>"}}]}}"#,
        "a".repeat(10_000)
    );
    assert_eq!(post(huge).await.expect("answered").status(), 413);

    // Through the client as well.
    let client = client(&sandbox);
    let long = Segment::from_text(&"word ".repeat(2_000));
    let error = client
        .lookup(TM_EN_DE, &[long], None)
        .await
        .expect_err("too large");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(413));
    // The server is still there.
    client.tm_list().send().await.expect("still serving");
}
