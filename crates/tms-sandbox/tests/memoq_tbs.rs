//! memoQ termbases in the sandbox, through the real client: listing, term lookup, search and
//! entry writes (the meta images are in `memoq_tb_images`).

mod memoq_support;

use memoq_api::ErrorCode;
use memoq_api::enums::{SearchFilteringCondition, SearchMetaFilteringCondition, SearchMetaName};
use memoq_api::segment::Segment;
use memoq_api::types::{
    SearchMetaFilter, TbCustomMetaItem, TbEntryModel, TbLanguageItem, TbLookupRequest,
    TbSearchRequest, TbTermItem,
};
use memoq_support::{client, code, sandbox};
use tms_sandbox::memoq::TB_TERMS;

fn language(code: &str, terms: &[&str]) -> TbLanguageItem {
    TbLanguageItem {
        id: None,
        language: code.into(),
        definition: None,
        needs_moderation: None,
        custom_metas: None,
        term_items: Some(
            terms
                .iter()
                .map(|t| TbTermItem {
                    text: Some((*t).into()),
                    ..Default::default()
                })
                .collect(),
        ),
    }
}

#[tokio::test]
async fn tb_list_filters_by_languages_and_get_reads_one() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    assert_eq!(client.tb_list().send().await.expect("list").len(), 1);
    let both = client
        .tb_list()
        .lang_0("eng")
        .lang_1("ger")
        .send()
        .await
        .expect("list");
    assert_eq!(both.len(), 1);
    let japanese = client.tb_list().lang_0("jpn").send().await.expect("list");
    assert!(japanese.is_empty());
    let tb = client
        .tb_get()
        .tb_guid(TB_TERMS)
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(tb.friendly_name.as_deref(), Some("Sandbox Terms"));
    assert_eq!(tb.num_entries, Some(10));
    let languages: Vec<String> = tb
        .languages
        .into_iter()
        .flatten()
        .map(|l| l.to_string())
        .collect();
    assert_eq!(languages, ["eng", "ger", "fre"]);
    let definitions = client
        .tb_meta_definitions()
        .tb_guid(TB_TERMS)
        .send()
        .await
        .expect("definitions");
    assert!(
        definitions
            .iter()
            .any(|d| d.name.as_deref() == Some("Illustration"))
    );
}

#[tokio::test]
async fn lookup_terms_finds_terms_with_their_positions_and_targets() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let segments = [
        "Print the documents on the printer.",
        "R&D pages",
        "Nothing",
    ];
    let answer = client
        .tb_lookup_terms()
        .tb_guid(TB_TERMS)
        .body(TbLookupRequest {
            source_language: "eng".into(),
            target_language: Some("ger".into()),
            segments: segments
                .iter()
                .map(|s| Segment::from_text(s).to_wire())
                .collect(),
        })
        .send()
        .await
        .expect("lookup")
        .into_inner();
    let results = answer.results();
    assert_eq!(results.len(), 3);
    let hits = |i: usize| -> Vec<(String, i32, i32, i32, String)> {
        results[i]
            .hits()
            .map(|h| {
                (
                    h.source_term.clone().unwrap_or_default(),
                    h.start_pos_in_segment.unwrap_or(-1),
                    h.length_in_segment.unwrap_or(-1),
                    h.match_rate.unwrap_or(-1),
                    h.target_term.clone().unwrap_or_default(),
                )
            })
            .collect()
    };
    let hit = |term: &str, start, len, rate, target: &str| {
        (term.to_owned(), start, len, rate, target.to_owned())
    };
    assert_eq!(
        hits(0),
        [
            hit("print", 0, 5, 100, "drucken"),
            hit("document", 10, 9, 88, "Dokument"),
            hit("printer", 27, 7, 100, "Drucker"),
            hit("print", 27, 7, 71, "drucken"),
        ]
    );
    assert_eq!(
        hits(1),
        [hit("R&D", 0, 3, 100, "F&E"), hit("page", 4, 5, 80, "Seite")]
    );
    assert!(hits(2).is_empty());
    let entry = results[0].hits().next().and_then(|h| h.entry.as_ref());
    assert!(
        entry.is_some_and(|e| e.languages.as_ref().is_some_and(|l| l.len() == 3)),
        "each hit carries its whole entry"
    );
}

#[tokio::test]
async fn search_matches_terms_of_the_target_language_and_entry_metadata() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let search = |expression: &str,
                  condition: SearchFilteringCondition,
                  filters: Option<Vec<SearchMetaFilter>>| {
        client.tb_search().tb_guid(TB_TERMS).body(TbSearchRequest {
            search_expression: expression.into(),
            condition,
            target_language: "ger".into(),
            limit: None,
            filtering_conditions: filters,
        })
    };
    let ids = |entries: Vec<TbEntryModel>| -> Vec<i32> {
        entries.into_iter().filter_map(|e| e.id).collect()
    };
    let begins = search("druck", SearchFilteringCondition::BeginsWith, None)
        .send()
        .await
        .expect("search");
    assert_eq!(ids(begins.into_inner()), [2, 3], "Drucker, drucken");
    let contains = search("druck", SearchFilteringCondition::Contains, None)
        .send()
        .await
        .expect("search");
    assert_eq!(ids(contains.into_inner()), [2, 3, 9], "… and Ausdruck");
    let exact = search("papier", SearchFilteringCondition::ExactMatch, None)
        .send()
        .await
        .expect("search");
    assert_eq!(ids(exact.into_inner()), [4]);
    let filtered = search(
        "druck",
        SearchFilteringCondition::Contains,
        Some(vec![SearchMetaFilter {
            condition: SearchMetaFilteringCondition::Equals,
            meta_name: SearchMetaName::Domain,
            meta_value: "Documents".into(),
        }]),
    )
    .send()
    .await
    .expect("search");
    assert!(
        filtered.is_empty(),
        "no printing term is in the Documents domain"
    );
}

#[tokio::test]
async fn tb_entries_are_created_updated_and_deleted() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let request = TbEntryModel {
        domain: Some("Software".into()),
        note: Some("created by a test".into()),
        languages: Some(vec![
            language("eng", &["toolbar"]),
            language("ger", &["Symbolleiste"]),
        ]),
        ..Default::default()
    };
    let created = client
        .tb_entry_create()
        .tb_guid(TB_TERMS)
        .return_new_entry(true)
        .body(request.clone())
        .send()
        .await
        .expect("create")
        .into_inner()
        .0
        .expect("returnNewEntry answers the entry");
    let id = created.id.expect("an id");
    let term = &created.languages.as_ref().expect("languages")[0]
        .term_items
        .as_ref()
        .expect("terms")[0];
    assert!(term.id.is_some());
    assert!(term.case_sense.is_some() && term.partial_match.is_some());

    let silent = client
        .tb_entry_create()
        .tb_guid(TB_TERMS)
        .body(request)
        .send()
        .await
        .expect("create")
        .into_inner();
    assert!(silent.0.is_none(), "no body without returnNewEntry");
    assert_eq!(
        sandbox.memoq().tb_entries(TB_TERMS).map(|e| e.len()),
        Some(12)
    );

    let mut changed = created.clone();
    if let Some(languages) = changed.languages.as_mut() {
        languages.push(language("fre", &["barre d'outils"]));
    }
    client
        .tb_entry_update()
        .tb_guid(TB_TERMS)
        .entry_id(id)
        .body(changed)
        .send()
        .await
        .expect("update");
    let read = client
        .tb_entry_get()
        .tb_guid(TB_TERMS)
        .entry_id(id)
        .send()
        .await
        .expect("get")
        .into_inner();
    let languages = read.languages.expect("languages");
    assert_eq!(languages.len(), 3);
    assert_eq!(
        languages[0].term_items.as_ref().and_then(|t| t[0].id),
        term.id,
        "term ids survive an update"
    );

    client
        .tb_entry_delete()
        .tb_guid(TB_TERMS)
        .entry_id(id)
        .send()
        .await
        .expect("delete");
    assert_eq!(
        code(
            client
                .tb_entry_get()
                .tb_guid(TB_TERMS)
                .entry_id(id)
                .send()
                .await
        ),
        Some(ErrorCode::EntryNotFound)
    );
}

#[tokio::test]
async fn tb_writes_are_refused_as_documented() {
    let sandbox = sandbox().await;
    let client = client(&sandbox);
    let create = |entry: TbEntryModel| client.tb_entry_create().tb_guid(TB_TERMS).body(entry);
    let good = TbEntryModel {
        languages: Some(vec![language("eng", &["widget"])]),
        ..Default::default()
    };
    let japanese = TbEntryModel {
        languages: Some(vec![language("jpn", &["ウィジェット"])]),
        ..Default::default()
    };
    assert_eq!(
        code(create(japanese).send().await),
        Some(ErrorCode::InvalidArgument)
    );
    let unknown_meta = TbEntryModel {
        custom_metas: Some(vec![TbCustomMetaItem {
            name: "NoSuchField".into(),
            value: Some("x".into()),
        }]),
        ..good.clone()
    };
    assert_eq!(
        code(create(unknown_meta).send().await),
        Some(ErrorCode::CustomMetaError)
    );
    assert!(sandbox.memoq().set_tb_read_only(TB_TERMS, true));
    assert_eq!(
        code(create(good.clone()).send().await),
        Some(ErrorCode::TbReadOnlyError)
    );
    sandbox.memoq().set_tb_read_only(TB_TERMS, false);
    sandbox.memoq().set_tb_exclusive(TB_TERMS, true);
    assert_eq!(
        code(
            client
                .tb_entry_delete()
                .tb_guid(TB_TERMS)
                .entry_id(1)
                .send()
                .await
        ),
        Some(ErrorCode::TbExclusionError)
    );
    sandbox.memoq().set_tb_exclusive(TB_TERMS, false);
    create(good).send().await.expect("writable again");
}
