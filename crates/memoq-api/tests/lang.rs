//! Languages given in any scheme reach memoQ in its own codes.

mod support;

use memoq_api::lang;

#[tokio::test]
async fn tms_for_a_memsource_language_pair_ask_memoq_in_its_own_codes() {
    use memoq_api_httpmock::MockServerExt;

    let (server, client) = support::logged_in().await;
    let list = server.tm_list(|when, then| {
        when.src_lang("eng-US").target_lang("ger-DE");
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
