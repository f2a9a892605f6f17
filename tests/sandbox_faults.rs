//! Both clients against the sandbox with faults on: reads ride out 503s, 429 bursts and
//! expired tokens; a create whose answer was lost is reported, never sent twice.

use std::time::Duration;

use memoq_api::segment::Segment;
use tms_runtime::retry::RetryPolicy;
use tms_sandbox::{Burst, Faults, Sandbox};

/// Patient retries: a fifth of all answers are 503 here, far more than a healthy server gives.
fn patient() -> RetryPolicy {
    RetryPolicy {
        max_attempts: 10,
        base_delay: Duration::from_millis(5),
        ..Default::default()
    }
}

fn memoq_client(sandbox: &Sandbox) -> memoq_api::Client {
    memoq_api::Client::builder(sandbox.memoq_url())
        .retry(patient())
        .credentials(memoq_api::Credentials::memoq_user(
            tms_sandbox::MEMOQ_USER,
            tms_sandbox::MEMOQ_PASSWORD,
        ))
        .jitter_seed(7)
        .build()
        .expect("loopback client")
}

fn memsource_client(sandbox: &Sandbox) -> memsource_api::Client {
    memsource_api::Client::builder(sandbox.memsource_url())
        .retry(patient())
        .login(memsource_api::Login::new(
            tms_sandbox::MEMSOURCE_USER,
            tms_sandbox::MEMSOURCE_PASSWORD,
        ))
        .jitter_seed(7)
        .build()
        .expect("loopback client")
}

async fn look_up_many(client: &memoq_api::Client, n: usize) {
    let segments =
        ["Print the documents.", "Save the document before printing."].map(Segment::from_text);
    let lookups = futures::future::join_all(
        (0..n).map(|_| client.lookup(tms_sandbox::memoq::TM_EN_DE, &segments, None)),
    )
    .await;
    for hits in lookups {
        let hits = hits.expect("every lookup completes despite the faults");
        assert_eq!(hits[0].first().and_then(|h| h.match_rate), Some(80));
        assert_eq!(hits[1].first().and_then(|h| h.match_rate), Some(100));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memoq_lookups_ride_out_503s_429_bursts_and_expired_sessions() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = memoq_client(&sandbox);
    sandbox.set_faults(Faults {
        error_503: 0.2,
        burst_429: Some(Burst::new(40, 2, 0)),
        ..Default::default()
    });
    look_up_many(&client, 30).await;
    // The server forgets every session while the client still holds its token.
    sandbox.memoq().expire_all_tokens();
    look_up_many(&client, 30).await;

    let stats = sandbox.fault_stats();
    assert!(
        stats.injected_503 > 0 && stats.injected_429 > 0,
        "{stats:?}"
    );
    assert_eq!(
        sandbox.memoq().logins(),
        2,
        "one login, and one more for all the calls that found the session gone"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn memsource_reads_retry_and_a_create_whose_answer_was_lost_is_not_resent() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = memsource_client(&sandbox);
    let projects_before = sandbox.memsource().projects().len();

    sandbox.set_faults(Faults {
        error_503: 0.3,
        burst_429: Some(Burst::new(10, 2, 0)),
        ..Default::default()
    });
    for _ in 0..20 {
        let page = client
            .project_list()
            .send()
            .await
            .expect("a read is retried until it succeeds");
        assert!(page.content.as_ref().is_some_and(|c| !c.is_empty()));
    }
    assert!(sandbox.fault_stats().injected_503 > 0);

    // Every request is handled, then its connection dropped before the answer.
    sandbox.set_faults(Faults {
        reset: 1.0,
        ..Default::default()
    });
    let created = client
        .project_create()
        .body_map(|p| {
            p.name("lost answer")
                .source_lang("en")
                .target_langs(vec!["de".into()])
        })
        .send()
        .await;
    assert!(created.is_err(), "no answer, no success: {created:?}");
    sandbox.set_faults(Faults::default());
    let named = sandbox
        .memsource()
        .projects()
        .iter()
        .filter(|p| p.name.as_deref() == Some("lost answer"))
        .count();
    assert_eq!(
        named, 1,
        "the server did it once and the client did not send it again"
    );
    assert_eq!(sandbox.memsource().projects().len(), projects_before + 1);
    assert_eq!(
        sandbox.fault_stats().resets,
        1,
        "exactly one request was sent"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_login_and_a_create_turned_away_unprocessed_are_sent_again_once() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = memsource_client(&sandbox);
    // The very first request, the login, gets a 429.
    sandbox.set_faults(Faults {
        burst_429: Some(Burst::new(1_000_000, 1, 0)),
        ..Default::default()
    });
    client
        .auth_who_am_i()
        .send()
        .await
        .expect("the login was tried again");
    assert_eq!(sandbox.fault_stats().injected_429, 1);

    // The next request, a create, gets a 429 (next index `n`: `n % n == 0`), then goes through.
    let next = sandbox.fault_stats().requests;
    sandbox.set_faults(Faults {
        burst_429: Some(Burst::new(next, 1, 0)),
        ..Default::default()
    });
    client
        .project_create()
        .body_map(|p| {
            p.name("turned away once")
                .source_lang("en")
                .target_langs(vec!["de".into()])
        })
        .send()
        .await
        .expect("a 429 proves nothing was done, so the create is sent again");
    assert_eq!(sandbox.fault_stats().injected_429, 2);
    let named = sandbox
        .memsource()
        .projects()
        .iter()
        .filter(|p| p.name.as_deref() == Some("turned away once"))
        .count();
    assert_eq!(named, 1);
}
