//! Log in, list translation memories, look up several segments in one call, log out.
//!
//! Against a real server:
//!   MEMOQ_URL=https://memoq.example.com:8081/memoqserverhttpapi/v1 MEMOQ_USER=me MEMOQ_PASSWORD=… \
//!     cargo run -p memoq-api --example memoq_quickstart
//! Without `MEMOQ_URL` it starts a local mock memoQ server on 127.0.0.1 and runs against that.

use memoq_api::lang::{self, MemoqCode};
use memoq_api::segment::Segment;
use memoq_api::types::LookupSegmentOptions;
use memoq_api::{Client, Credentials};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (_mock, base_url, credentials) = match std::env::var("MEMOQ_URL") {
        Ok(url) => (
            None,
            url,
            Credentials::memoq_user(
                std::env::var("MEMOQ_USER")?,
                std::env::var("MEMOQ_PASSWORD")?,
            ),
        ),
        Err(_) => {
            let mock = mock::start().await;
            let url = mock.base_url();
            println!("no MEMOQ_URL set: using a local mock memoQ server at {url}");
            (Some(mock), url, Credentials::memoq_user("admin", "secret"))
        }
    };

    let client = Client::builder(base_url.as_str()).build()?;
    let me = client.login(&credentials).await?;
    println!("logged in as {}", me.name.as_deref().unwrap_or("?"));

    // A language goes in as a `Language` (any scheme) or as memoQ's own code ("eng").
    let english = lang::from_bcp47("en")?;
    let tms = client
        .tm_list()
        .src_lang(english)
        .send()
        .await?
        .into_inner();
    // Language codes come back as memoQ sent them; the table names the ones it knows.
    let name = |code: &Option<MemoqCode>| {
        code.as_ref()
            .and_then(|code| code.language().ok())
            .map_or("?", |language| language.name())
    };
    for tm in &tms {
        println!(
            "TM {} ({} → {}): {} entries",
            tm.friendly_name.as_deref().unwrap_or("?"),
            name(&tm.source_lang_code),
            name(&tm.target_lang_code),
            tm.num_entries.unwrap_or_default()
        );
    }
    let Some(tm) = tms.first() else {
        println!("no TMs visible to this user");
        return Ok(client.logout().await?);
    };
    // A `TmGuid`, or `Error::Protocol` if the server listed a TM without one.
    let tm_guid = tm.guid()?;

    // One call for the whole batch: hits come back in the order of the segments. `Segment`
    // escapes the text (`R&D <beta>` travels as `<seg>R&amp;D &lt;beta&gt;</seg>`).
    let sources = ["Print the document.", "Turn the printer off."];
    let segments = sources.map(Segment::from_text);
    let options = LookupSegmentOptions {
        match_threshold: Some(70),
        ..Default::default()
    };
    let hits = client.lookup(&tm_guid, &segments, Some(options)).await?;
    for (source, hits) in sources.iter().zip(hits) {
        match hits
            .first()
            .and_then(|hit| Some((hit.target()?, hit.match_rate)))
        {
            Some((Ok(target), rate)) => println!(
                "{source:?} → {:?} ({}%)",
                target.plain_text(),
                rate.map_or_else(|| "?".to_owned(), |r| r.to_string())
            ),
            Some((Err(malformed), _)) => println!("{source:?} → unreadable target: {malformed}"),
            None => println!("{source:?} → no match"),
        }
    }

    client.logout().await?;
    println!("logged out");
    Ok(())
}

/// A local stand-in for a memoQ server, built from the generated typed mocks.
mod mock {
    use httpmock::MockServer;
    use memoq_api::types::{
        LoginResult, LookupSegmentsResult, SegmentLookupResult, TmEntryModel, TmHit, TmModel,
    };
    use memoq_api_httpmock::MockServerExt;

    pub async fn start() -> MockServer {
        let server = MockServer::start_async().await;
        server.auth_login(|_, then| {
            then.ok(&LoginResult {
                access_token: Some("mock-token".into()),
                name: Some("admin".into()),
                sid: None,
            });
        });
        server.tm_list(|_, then| {
            then.ok(&vec![TmModel {
                friendly_name: Some("Manuals EN-DE".into()),
                source_lang_code: Some("eng".into()),
                target_lang_code: Some("ger".into()),
                num_entries: Some(2),
                tm_guid: Some("2433ea4e-0ea6-4339-9c1f-f84bce41ad3b".into()),
                ..Default::default()
            }]);
        });
        let hit = |target: &str, rate| SegmentLookupResult {
            tm_hits: Some(vec![TmHit {
                match_rate: Some(rate),
                trans_unit: Some(TmEntryModel {
                    target_segment: Some(format!("<seg>{target}</seg>")),
                    ..Default::default()
                }),
            }]),
        };
        server.tm_lookup_segments(|_, then| {
            then.ok(&LookupSegmentsResult {
                result: Some(vec![
                    hit("Drucken Sie das Dokument.", 100),
                    hit("Schalten Sie den Drucker aus.", 87),
                ]),
            });
        });
        server.auth_logout(|_, then| {
            then.into_inner().status(204);
        });
        server
    }
}
