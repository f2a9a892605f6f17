//! Memsource analyses through the real client: word counts of a known text, per target
//! language, with repetitions and translation-memory matches; listing and download.

mod memsource_support;

use std::time::Duration;

use memsource_api::types;
use memsource_support::{client, fast_polls, seed_project, upload};
use tms_sandbox::{Sandbox, SandboxConfig};

/// Four segments: two the seeded TM holds ("Hello world.", "Save the file."), one repetition,
/// one new sentence of five words.
const TEXT: &str = "Hello world. Save the file.\nHello world. A brand new sentence here!\n";

fn counts(c: Option<&types::CountsDto>) -> (f64, f64, f64) {
    let c = c.expect("counts");
    (
        c.segments.unwrap_or(-1.0),
        c.words.unwrap_or(-1.0),
        c.characters.unwrap_or(-1.0),
    )
}

#[tokio::test]
async fn an_analysis_counts_words_repetitions_and_tm_matches() {
    let sandbox = Sandbox::start_with(SandboxConfig {
        async_delay: Duration::from_millis(30),
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let client = client(&sandbox);
    let project = seed_project(&sandbox);
    let import = upload(
        &client,
        &project,
        "known.txt",
        TEXT.as_bytes(),
        &["de", "fr"],
    )
    .await
    .expect("imported");
    let analyses = client
        .analyse(import.job_uids().expect("uids"))
        .body_map(|b| b.name(Some("Known text".to_owned())))
        .schedule(fast_polls())
        .await
        .expect("analysed");
    assert_eq!(analyses.len(), 1);
    assert!(analyses[0].outcome.is_finished());
    let uid = analyses[0]
        .analyse
        .as_ref()
        .and_then(|a| a.get("uid"))
        .and_then(|u| u.as_str())
        .expect("the analysis uid")
        .to_owned();

    let analysis = client
        .analysis_get()
        .analyse_uid(uid.as_str())
        .send()
        .await
        .expect("get")
        .into_inner();
    assert_eq!(analysis.name.as_deref(), Some("Known text"));
    let parts = analysis.analyse_language_parts.expect("parts");
    assert_eq!(parts.len(), 2);
    let part = |lang: &str| {
        parts
            .iter()
            .find(|p| p.target_lang.as_deref() == Some(lang))
            .and_then(|p| p.data.clone())
            .expect("data for the language")
    };
    let de = part("de");
    assert_eq!(counts(de.all.as_ref()), (4.0, 12.0, 56.0));
    assert_eq!(counts(de.repetitions.as_ref()), (1.0, 2.0, 11.0));
    let tm = de.trans_memory_matches.expect("TM matches");
    assert_eq!(counts(tm.match100.as_ref()), (2.0, 5.0, 23.0));
    assert_eq!(counts(tm.match0.as_ref()), (1.0, 5.0, 22.0));
    let fr = part("fr");
    assert_eq!(counts(fr.all.as_ref()), (4.0, 12.0, 56.0));
    let tm = fr.trans_memory_matches.expect("TM matches");
    assert_eq!(
        counts(tm.match100.as_ref()),
        (0.0, 0.0, 0.0),
        "no en→fr memory"
    );
    assert_eq!(counts(tm.match0.as_ref()), (3.0, 10.0, 45.0));

    let listed = client
        .analysis_list_by_project()
        .project_uid(project.as_str())
        .send()
        .await
        .expect("list")
        .into_inner();
    assert_eq!(listed.total_elements, Some(1));

    let csv = client
        .analysis_download()
        .analyse_uid(uid.as_str())
        .format("CSV")
        .send()
        .await
        .expect("download");
    let mut bytes = Vec::new();
    memsource_api::upload::download_to(csv.into_inner(), &mut bytes)
        .await
        .expect("read");
    let text = String::from_utf8(bytes).expect("text");
    assert!(text.contains("de;4;12;56;2;5;5"), "{text}");
    assert_eq!(sandbox.memsource().analyses().len(), 1);
}
