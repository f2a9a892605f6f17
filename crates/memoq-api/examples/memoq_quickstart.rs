//! Log in, list translation memories, look up several segments in one call, log out.
//!
//! Against a real server:
//!   MEMOQ_URL=https://memoq.example.com:8081/memoqserverhttpapi/v1 MEMOQ_USER=me MEMOQ_PASSWORD=… \
//!     cargo run -p memoq-api --example memoq_quickstart
//! Without `MEMOQ_URL` it starts the sandbox (`tms-sandbox`: memoQ in memory, on 127.0.0.1)
//! and runs against that.

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
            let sandbox = tms_sandbox::Sandbox::start().await?;
            let url = sandbox.memoq_url();
            println!("no MEMOQ_URL set: using the sandbox at {url}");
            let credentials =
                Credentials::memoq_user(tms_sandbox::MEMOQ_USER, tms_sandbox::MEMOQ_PASSWORD);
            (Some(sandbox), url, credentials)
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
    let sources = [
        "Print the documents.",
        "Save the document before printing.",
        "R&D documents are confidential.",
    ];
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
