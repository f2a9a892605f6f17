//! One wire snapshot per operation: the exact request the client sends (method, path, query,
//! headers, body), snapshotted as `wire__<operation>` and recorded by a mock that matches with the generated typed `When` (so the
//! typed mocks and the client agree on method and path). A spec or generator change that alters
//! a request shows up here as a snapshot diff.

#![allow(non_snake_case)]

mod support;

use memoq_api::enums::{InlineTagStrictness, SearchFilteringCondition, TermCaseSense};
use memoq_api::types;
use memoq_api_httpmock::MockServerExt;
use support::{TB, TM};
use tms_testkit::Recorder;

const JSON: &str = "application/json";

/// Runs `$call` against a mock of `$op` that answers `$status` with `$body`, asserts the call
/// succeeded and snapshots the request as `wire__$op`.
macro_rules! wire {
    ($op:ident, $status:expr, $content_type:expr, $body:expr, |$client:ident| $call:expr) => {
        #[tokio::test]
        async fn $op() {
            let (server, $client) = support::logged_in().await;
            let recorder = Recorder::default();
            let body: Vec<u8> = $body.into();
            let mock = server.$op(|_when, then| {
                then.into_inner()
                    .respond_with(recorder.responder($status, $content_type, body));
            });
            let result = $call.await;
            assert!(
                result.is_ok(),
                "{} failed: {:?}",
                stringify!($op),
                result.err()
            );
            mock.assert_async().await;
            let request = recorder.only();
            assert!(
                request
                    .headers
                    .iter()
                    .all(|(name, _)| name != "api-version"),
                "the api-version header must be stripped"
            );
            assert!(
                request.query.iter().all(|(name, _)| name != "authToken"),
                "the token must never travel in the URL"
            );
            insta::assert_yaml_snapshot!(stringify!($op), request);
        }
    };
}

fn segment(text: &str) -> types::QuerySegment {
    types::QuerySegment {
        segment: format!("<seg>{text}</seg>"),
        preceding_segment: None,
        following_segment: None,
        context_id: None,
    }
}

fn tm_entry() -> types::TmEntryModel {
    types::TmEntryModel {
        source_segment: Some("<seg>Második szegmens</seg>".into()),
        target_segment: Some("<seg>Second segment</seg>".into()),
        modifier: Some("testuser".into()),
        ..Default::default()
    }
}

fn tb_entry() -> types::TbEntryModel {
    types::TbEntryModel {
        domain: Some("IT".into()),
        languages: Some(vec![types::TbLanguageItem {
            language: "eng".into(),
            definition: Some("A device that prints".into()),
            term_items: Some(vec![types::TbTermItem {
                text: Some("printer".into()),
                case_sense: Some(TermCaseSense::Insensitive),
                ..Default::default()
            }]),
            id: None,
            custom_metas: None,
            needs_moderation: None,
        }]),
        ..Default::default()
    }
}

wire!(auth_logout, 204, JSON, "", |client| client
    .auth_logout()
    .send());

wire!(tm_list, 200, JSON, "[]", |client| client
    .tm_list()
    .src_lang("eng")
    .target_lang("ger")
    .send());

wire!(tm_get, 200, JSON, "{}", |client| client
    .tm_get()
    .tm_guid(TM)
    .send());

wire!(tm_custom_meta_scheme, 200, JSON, "[]", |client| client
    .tm_custom_meta_scheme()
    .tm_guid(TM)
    .send());

wire!(tm_concordance, 200, JSON, "{}", |client| client
    .tm_concordance()
    .tm_guid(TM)
    .body(types::ConcordanceRequest {
        search_expression: vec!["második".into(), "R&D <b>".into()],
        options: Some(types::ConcordanceOptions {
            results_limit: Some(10),
            rel_scrore_limit: Some(50),
            ..Default::default()
        }),
    })
    .send());

wire!(
    tm_lookup_segments,
    200,
    JSON,
    r#"{"Result":[]}"#,
    |client| client
        .tm_lookup_segments()
        .tm_guid(TM)
        .body(types::LookupSegmentRequest {
            segments: vec![segment("Második"), segment("R&amp;D &lt;tag&gt;")],
            options: Some(types::LookupSegmentOptions {
                match_threshold: Some(70),
                inline_tag_strictness: Some(InlineTagStrictness::Permissive),
                ..Default::default()
            }),
        })
        .send()
);

wire!(tm_entry_get, 200, JSON, "{}", |client| client
    .tm_entry_get()
    .tm_guid(TM)
    .entry_id(0)
    .send());

wire!(tm_entry_update, 204, JSON, "", |client| client
    .tm_entry_update()
    .tm_guid(TM)
    .entry_id(0)
    .body(types::TmEntryModel {
        modified: Some("2015-10-15T12:45:49.209Z".into()),
        ..tm_entry()
    })
    .send());

wire!(tm_entry_create, 200, JSON, "", |client| client
    .tm_entry_create()
    .tm_guid(TM)
    .body(tm_entry())
    .send());

wire!(tm_entry_delete, 204, JSON, "", |client| client
    .tm_entry_delete()
    .tm_guid(TM)
    .entry_id(42)
    .send());

wire!(tb_list, 200, JSON, "[]", |client| client
    .tb_list()
    .lang_0("eng")
    .lang_1("ger")
    .lang_2("fre-02")
    .send());

wire!(tb_get, 200, JSON, "{}", |client| client
    .tb_get()
    .tb_guid(TB)
    .send());

wire!(tb_meta_definitions, 200, JSON, "[]", |client| client
    .tb_meta_definitions()
    .tb_guid(TB)
    .send());

wire!(tb_lookup_terms, 200, JSON, "[]", |client| client
    .tb_lookup_terms()
    .tb_guid(TB)
    .body(types::TbLookupRequest {
        source_language: "eng".into(),
        target_language: Some("ger".into()),
        segments: vec!["<seg>Turn the printer off.</seg>".into()],
    })
    .send());

wire!(tb_search, 200, JSON, "[]", |client| client
    .tb_search()
    .tb_guid(TB)
    .body(types::TbSearchRequest {
        search_expression: "print".into(),
        condition: SearchFilteringCondition::Contains,
        target_language: "eng".into(),
        limit: Some(50),
        filtering_conditions: None,
    })
    .send());

wire!(tb_entry_get, 200, JSON, "{}", |client| client
    .tb_entry_get()
    .tb_guid(TB)
    .entry_id(7)
    .send());

wire!(tb_entry_update, 200, JSON, "", |client| client
    .tb_entry_update()
    .tb_guid(TB)
    .entry_id(7)
    .body(types::TbEntryModel {
        id: Some(7),
        ..tb_entry()
    })
    .send());

wire!(tb_entry_create, 200, JSON, r#"{"Id":8}"#, |client| client
    .tb_entry_create()
    .tb_guid(TB)
    .return_new_entry(true)
    .body(tb_entry())
    .send());

wire!(tb_entry_delete, 204, JSON, "", |client| client
    .tb_entry_delete()
    .tb_guid(TB)
    .entry_id(7)
    .send());

const PNG: &str = "image/png";

wire!(tb_entry_meta_get, 200, PNG, "\u{89}PNG", |client| client
    .tb_entry_meta_get()
    .tb_guid(TB)
    .entry_id(7)
    .metaname("Image")
    .send());

wire!(tb_entry_meta_set, 204, JSON, "", |client| client
    .tb_entry_meta_set()
    .tb_guid(TB)
    .entry_id(7)
    .metaname("Image")
    .body(b"image bytes".to_vec())
    .send());

wire!(tb_language_meta_get, 200, PNG, "\u{89}PNG", |client| client
    .tb_language_meta_get()
    .tb_guid(TB)
    .entry_id(7)
    .metaname("Figure")
    .send());

wire!(tb_language_meta_set, 204, JSON, "", |client| client
    .tb_language_meta_set()
    .tb_guid(TB)
    .entry_id(7)
    .metaname("Figure")
    .body(b"image bytes".to_vec())
    .send());

wire!(
    tb_language_meta_get_for_language,
    200,
    PNG,
    "\u{89}PNG",
    |client| client
        .tb_language_meta_get_for_language()
        .tb_guid(TB)
        .entry_id(7)
        .language("ger-DE")
        .metaname("Figure")
        .send()
);

wire!(tb_language_meta_set_for_language, 204, JSON, "", |client| {
    client
        .tb_language_meta_set_for_language()
        .tb_guid(TB)
        .entry_id(7)
        .language("ger-DE")
        .metaname("Figure")
        .body(b"image bytes".to_vec())
        .send()
});

wire!(tb_term_meta_get, 200, PNG, "\u{89}PNG", |client| client
    .tb_term_meta_get()
    .tb_guid(TB)
    .entry_id(7)
    .metaname("Usage picture")
    .send());

wire!(tb_term_meta_set, 204, JSON, "", |client| client
    .tb_term_meta_set()
    .tb_guid(TB)
    .entry_id(7)
    .metaname("Usage picture")
    .body(b"image bytes".to_vec())
    .send());

wire!(tb_term_meta_get_for_term, 200, PNG, "\u{89}PNG", |client| {
    client
        .tb_term_meta_get_for_term()
        .tb_guid(TB)
        .entry_id(7)
        .term_id(3)
        .metaname("Usage picture")
        .send()
});

wire!(tb_term_meta_set_for_term, 204, JSON, "", |client| client
    .tb_term_meta_set_for_term()
    .tb_guid(TB)
    .entry_id(7)
    .term_id(3)
    .metaname("Usage picture")
    .body(b"image bytes".to_vec())
    .send());

/// The login request itself: no `Authorization` header, credentials in the body.
#[tokio::test]
async fn auth_login() {
    let server = httpmock::MockServer::start_async().await;
    let recorder = tms_testkit::Recorder::default();
    let body = br#"{"Name":"admin","Sid":"s","AccessToken":"t0k3n"}"#.to_vec();
    let mock = server.auth_login(|_when, then| {
        then.into_inner()
            .respond_with(recorder.responder(200, JSON, body));
    });
    let client = memoq_api::Client::builder(server.base_url())
        .build()
        .expect("loopback");
    client
        .login(&memoq_api::Credentials::windows_user(
            r"mydomain\testuser",
            "secret",
        ))
        .await
        .expect("login succeeds");
    mock.assert_async().await;
    let request = recorder.only();
    assert!(request.headers.iter().all(|(n, _)| n != "authorization"));
    insta::assert_yaml_snapshot!("auth_login", request);
}
