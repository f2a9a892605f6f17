//! Memsource translation memories and term bases through the real client: TMX import then
//! search, export and download, segment insert/delete, a failing import, term search and
//! export.

mod memsource_support;

use std::io::Cursor;
use std::time::Duration;

use memsource_api::async_requests::AsyncOutcome;
use memsource_api::upload::FileSource;
use memsource_support::{client, fast_polls};
use tms_sandbox::memsource::{SEED_TB, SEED_TM};
use tms_sandbox::{Sandbox, SandboxConfig};

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="en" segtype="sentence"/><body>
  <tu><tuv xml:lang="en-US"><seg>The invoice is overdue.</seg></tuv>
      <tuv xml:lang="de-DE"><seg>Die Rechnung ist überfällig.</seg></tuv></tu>
  <tu><tuv xml:lang="en"><seg>Click <ph>&lt;b/&gt;</ph>OK &amp; wait.</seg></tuv>
      <tuv xml:lang="de"><seg>Klicken Sie auf OK &amp; warten Sie.</seg></tuv></tu>
</body></tmx>"#;

fn quick() -> SandboxConfig {
    SandboxConfig {
        async_delay: Duration::from_millis(30),
        ..Default::default()
    }
}

fn seed_tm(sandbox: &Sandbox) -> String {
    sandbox
        .memsource()
        .translation_memories()
        .into_iter()
        .find(|t| t.name.as_deref() == Some(SEED_TM))
        .and_then(|t| t.uid)
        .expect("the seeded TM")
        .to_string()
}

#[tokio::test]
async fn an_imported_tmx_unit_is_found_by_search_and_exported_again() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let client = client(&sandbox);
    let tm = seed_tm(&sandbox);
    let outcome = client
        .import_tmx(tm.as_str())
        .file(FileSource::reader(
            "import.tmx",
            Cursor::new(TMX.as_bytes().to_vec()),
        ))
        .schedule(fast_polls())
        .await
        .expect("imported");
    let AsyncOutcome::Finished { request, .. } = outcome else {
        panic!("the import finished: {outcome:?}");
    };
    assert_eq!(
        request
            .async_response
            .and_then(|r| r.accepted_segments_count),
        Some(2)
    );
    assert_eq!(
        sandbox.memsource().tm_units(&tm).len(),
        5,
        "three seeded, two imported"
    );

    let hits = client
        .tm_search()
        .trans_memory_uid(tm.as_str())
        .body_map(|b| {
            b.query("invoice overdue")
                .source_lang("en")
                .target_langs(vec!["de".into()])
        })
        .send()
        .await
        .expect("search")
        .into_inner()
        .search_results
        .unwrap_or_default();
    assert_eq!(hits.len(), 1, "{hits:?}");
    assert_eq!(
        hits[0].source.as_ref().and_then(|s| s.text.as_deref()),
        Some("The invoice is overdue.")
    );
    assert_eq!(
        hits[0]
            .translations
            .as_ref()
            .and_then(|t| t[0].text.as_deref()),
        Some("Die Rechnung ist überfällig.")
    );
    let exact = client
        .tm_search()
        .trans_memory_uid(tm.as_str())
        .body_map(|b| b.query("Click OK & wait.").source_lang("en"))
        .send()
        .await
        .expect("search")
        .into_inner()
        .search_results
        .unwrap_or_default();
    assert_eq!(
        exact[0].score,
        Some(1.0),
        "inline codes were dropped: {exact:?}"
    );

    let started = client
        .tm_export()
        .trans_memory_uid(tm.as_str())
        .body_map(|b| b.export_target_langs(vec!["de".into()]))
        .send()
        .await
        .expect("export")
        .into_inner();
    let id = started
        .async_request
        .and_then(|r| r.id)
        .expect("a request id");
    let finished = client
        .async_request(id.clone())
        .schedule(fast_polls())
        .wait()
        .await
        .expect("waited");
    assert!(finished.is_finished());
    let download = client
        .tm_download_export()
        .async_request_id(&id)
        .send()
        .await
        .expect("download");
    let mut bytes = Vec::new();
    memsource_api::upload::download_to(download.into_inner(), &mut bytes)
        .await
        .expect("read");
    let tmx = String::from_utf8(bytes).expect("UTF-8");
    assert!(
        tmx.contains("<seg>Die Rechnung ist überfällig.</seg>"),
        "{tmx}"
    );
    assert!(tmx.contains("<seg>Click OK &amp; wait.</seg>"), "{tmx}");
    assert_eq!(tmx.matches("<tu ").count(), 5);
}

#[tokio::test]
async fn a_file_that_is_not_tmx_fails_the_import_asynchronously() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let client = client(&sandbox);
    let tm = seed_tm(&sandbox);
    let outcome = client
        .import_tmx(tm.as_str())
        .file(FileSource::reader(
            "notes.tmx",
            Cursor::new(b"just text".to_vec()),
        ))
        .schedule(fast_polls())
        .await
        .expect("the request ran");
    assert!(
        matches!(&outcome, AsyncOutcome::Failed { error_code, .. } if error_code == "TmImportFailed"),
        "{outcome:?}"
    );
    assert_eq!(sandbox.memsource().tm_units(&tm).len(), 3);
}

#[tokio::test]
async fn segments_are_inserted_and_deleted() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let client = client(&sandbox);
    let created = client
        .tm_create()
        .body_map(|b| {
            b.name("Fresh")
                .source_lang("en")
                .target_langs(vec!["de".into(), "fr".into()])
        })
        .send()
        .await
        .expect("created")
        .into_inner();
    let tm = created.uid.expect("uid").to_string();
    client
        .tm_segment_insert()
        .trans_memory_uid(tm.as_str())
        .body_map(|b| {
            b.source_segment("Good morning.")
                .target_lang("fr")
                .target_segment("Bonjour.")
        })
        .send()
        .await
        .expect("inserted");
    let hits = client
        .tm_search()
        .trans_memory_uid(tm.as_str())
        .body_map(|b| b.query("morning").source_lang("en"))
        .send()
        .await
        .expect("search")
        .into_inner()
        .search_results
        .unwrap_or_default();
    let segment = hits[0].segment_id.clone().expect("segment id");
    client
        .tm_segment_delete()
        .trans_memory_uid(tm.as_str())
        .segment_id(segment)
        .send()
        .await
        .expect("deleted");
    assert!(sandbox.memsource().tm_units(&tm).is_empty());
}

#[tokio::test]
async fn term_base_search_finds_the_concept_and_export_writes_tbx() {
    let sandbox = Sandbox::start_with(quick()).await.expect("sandbox starts");
    let client = client(&sandbox);
    let tb = sandbox
        .memsource()
        .term_bases()
        .into_iter()
        .find(|t| t.name.as_deref() == Some(SEED_TB))
        .and_then(|t| t.uid)
        .expect("the seeded TB")
        .to_string();
    let hits = client
        .tb_search()
        .term_base_uid(tb.as_str())
        .body_map(|b| {
            b.query("print")
                .source_lang("en")
                .target_langs(vec!["de".into()])
        })
        .send()
        .await
        .expect("search")
        .into_inner()
        .search_results
        .unwrap_or_default();
    assert_eq!(hits.len(), 1);
    let translations: Vec<_> = hits[0]
        .translation_terms
        .iter()
        .flatten()
        .filter_map(|t| t.text.as_deref())
        .collect();
    assert_eq!(translations, ["Drucker"]);

    let concept = hits[0].concept_id.clone();
    let term = client
        .tb_term_create()
        .term_base_uid(tb.as_str())
        .body_map(|b| b.text("Printer").lang("de").concept_id(concept))
        .send()
        .await
        .expect("term created")
        .into_inner();
    assert_eq!(sandbox.memsource().terms(&tb).len(), 5);
    let export = client
        .tb_export()
        .term_base_uid(tb.as_str())
        .send()
        .await
        .expect("export");
    let mut bytes = Vec::new();
    memsource_api::upload::download_to(export.into_inner(), &mut bytes)
        .await
        .expect("read");
    let tbx = String::from_utf8(bytes).expect("UTF-8");
    assert_eq!(tbx.matches("<termEntry").count(), 2);
    assert!(tbx.contains(">Printer</term>"), "{tbx}");
    client
        .tb_term_delete()
        .term_base_uid(tb.as_str())
        .term_id(term.id.expect("term id"))
        .send()
        .await
        .expect("deleted");
    assert_eq!(sandbox.memsource().terms(&tb).len(), 4);
}
