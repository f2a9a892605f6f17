//! memoQ translation memories in the sandbox, through the real client: listing, entry writes
//! with the `Modified` check, and refused requests (the lookups are in `memoq_tm_lookup`).

mod memoq_support;

use memoq_api::ErrorCode;
use memoq_api::segment::Segment;
use memoq_api::types::TmEntryModel;
use memoq_support::{client, code, options, raw_token, sandbox, sandbox_with, texts};
use tms_sandbox::SandboxConfig;
use tms_sandbox::memoq::{TM_DE_EN, TM_EN_DE};

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
