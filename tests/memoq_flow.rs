//! The README's memoQ flow end to end against a mock server built from the typed mocks: log in,
//! list TMs with a language filter, look up a batch of segments in one call, log out.

use httpmock::MockServer;
use memoq_api::lang::{self, MemoqCode};
use memoq_api::types::{
    LoginResult, LookupSegmentRequest, LookupSegmentsResult, QuerySegment, SegmentLookupResult,
    TmEntryModel, TmHit, TmModel,
};
use memoq_api::{Client, Credentials};
use memoq_api_httpmock::MockServerExt;

const GUID: &str = "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b";

fn query(text: &str) -> QuerySegment {
    QuerySegment {
        segment: format!("<seg>{text}</seg>"),
        preceding_segment: None,
        following_segment: None,
        context_id: None,
    }
}

fn hit(target: &str, rate: i32) -> SegmentLookupResult {
    SegmentLookupResult {
        tm_hits: Some(vec![TmHit {
            match_rate: Some(rate),
            trans_unit: Some(TmEntryModel {
                target_segment: Some(format!("<seg>{target}</seg>")),
                ..Default::default()
            }),
        }]),
    }
}

#[tokio::test]
async fn login_list_batch_lookup_logout() {
    let english = lang::from_memoq("eng").expect("in the table");
    let german = lang::from_bcp47("de").expect("in the table");
    let server = MockServer::start_async().await;
    let login = server.auth_login(|when, then| {
        when.body(&Credentials::memoq_user("translator", "secret").to_login_param());
        then.ok(&LoginResult {
            access_token: Some("tok-1".into()),
            name: Some("translator".into()),
            sid: None,
        });
    });
    let list = server.tm_list(|when, then| {
        when.src_lang(&MemoqCode::from(english))
            .target_lang(&MemoqCode::from(german))
            .into_inner()
            .header("authorization", "MQS-API tok-1");
        then.ok(&vec![TmModel {
            tm_guid: Some(GUID.into()),
            ..Default::default()
        }]);
    });
    let batch = LookupSegmentRequest {
        segments: vec![query("Print the document."), query("Turn the printer off.")],
        options: None,
    };
    let lookup = server.tm_lookup_segments(|when, then| {
        when.tm_guid(&GUID.into())
            .body(&batch)
            .into_inner()
            .header("authorization", "MQS-API tok-1");
        then.ok(&LookupSegmentsResult {
            result: Some(vec![
                hit("Drucken Sie das Dokument.", 100),
                hit("Schalten Sie den Drucker aus.", 87),
            ]),
        });
    });
    let logout = server.auth_logout(|when, then| {
        when.into_inner().header("authorization", "MQS-API tok-1");
        then.into_inner().status(204);
    });

    let client = Client::builder(server.base_url())
        .build()
        .expect("loopback");
    let me = client
        .login(&Credentials::memoq_user("translator", "secret"))
        .await
        .expect("login");
    assert_eq!(me.name.as_deref(), Some("translator"));

    // A clone shares the session: it needs no login of its own.
    let worker = client.clone();
    let tms = worker
        .tm_list()
        .src_lang(english)
        .target_lang(german)
        .send()
        .await
        .expect("list");
    let guid = tms[0].guid().expect("a GUID");

    let found = client
        .tm_lookup_segments()
        .tm_guid(&guid)
        .body(batch.clone())
        .send()
        .await
        .expect("lookup")
        .into_inner();
    let targets: Vec<(String, i32)> = found
        .result
        .unwrap_or_default()
        .into_iter()
        .map(|r| {
            let best = r.tm_hits.unwrap_or_default().remove(0);
            let target = best.trans_unit.and_then(|t| t.target_segment);
            (
                target.unwrap_or_default(),
                best.match_rate.unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        targets,
        [
            ("<seg>Drucken Sie das Dokument.</seg>".to_owned(), 100),
            ("<seg>Schalten Sie den Drucker aus.</seg>".to_owned(), 87),
        ]
    );

    client.logout().await.expect("logout");
    assert!(!worker.is_logged_in(), "the clone shares the ended session");

    login.assert_async().await;
    list.assert_async().await;
    lookup.assert_async().await;
    logout.assert_async().await;
}
