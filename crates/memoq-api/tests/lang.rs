//! Languages given in any scheme reach memoQ in its own codes.

mod support;

use memoq_api::lang::{self, MemoqCode};

#[tokio::test]
async fn tms_for_a_memsource_language_pair_ask_memoq_in_its_own_codes() {
    use memoq_api_httpmock::MockServerExt;

    let (server, client) = support::logged_in().await;
    let list = server.tm_list(|when, then| {
        when.src_lang(&MemoqCode::from("eng-US"))
            .target_lang(&MemoqCode::from("ger-DE"));
        then.ok(&vec![memoq_api::types::TmModel::default()]);
    });
    let tms = client
        .tms_for_languages(
            lang::from_memsource("en_us").expect("known"),
            lang::from_memsource("de_de").expect("known"),
        )
        .await
        .expect("list");
    assert_eq!(tms.len(), 1);
    list.assert_async().await;
}

#[tokio::test]
async fn a_language_fills_every_kind_of_language_parameter_in_memoq_codes() {
    use memoq_api_httpmock::MockServerExt;

    let (server, client) = support::logged_in().await;
    let latin_american_spanish = lang::from_bcp47("es-419").expect("known");
    let tb = "7cfa3a6b-1a0c-4c3a-a1a9-3c0e2e6b4f10";
    let list = server.tb_list(|when, then| {
        when.lang_0(&MemoqCode::from("spa-M9"))
            .lang_1(&MemoqCode::from("ger"));
        then.ok(&Vec::<memoq_api::types::TbModel>::new());
    });
    let meta = server.tb_language_meta_get_for_language(|when, then| {
        when.tb_guid(&tb.into())
            .entry_id(3)
            .language(&"spa-M9".into())
            .metaname("Picture");
        then.into_inner().status(200).body("png");
    });
    client
        .tb_list()
        .lang_0(latin_american_spanish)
        .lang_1("ger")
        .send()
        .await
        .expect("list");
    client
        .tb_language_meta_get_for_language()
        .tb_guid(tb)
        .entry_id(3)
        .language(latin_american_spanish)
        .metaname("Picture")
        .send()
        .await
        .expect("meta");
    list.assert_async().await;
    meta.assert_async().await;
}

#[test]
fn language_fields_decode_any_code_and_name_the_known_ones() {
    let tm: memoq_api::types::TmModel = serde_json::from_str(
        r#"{"SourceLangCode": "eng-US", "TargetLangCode": "xyz-QQ", "TMGuid": "g-1"}"#,
    )
    .expect("an unknown code still decodes");
    let source = tm.source_lang_code.as_ref().expect("sent");
    assert_eq!(source.language().map(|l| l.bcp47()), Ok("en-US"));
    let target = tm.target_lang_code.as_ref().expect("sent");
    assert_eq!(target.as_str(), "xyz-QQ");
    assert!(target.language().is_err());
    // Sent back unchanged.
    let echoed = serde_json::to_value(&tm).expect("encode");
    assert_eq!(echoed["TargetLangCode"], "xyz-QQ");
    assert_eq!(echoed["TMGuid"], "g-1");
}
