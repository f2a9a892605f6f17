//! Redis going away in the middle of a run: calls go on per process, then the fleet shares
//! again; or, when told to, calls fail closed.

mod support;

use support::{Vendor, budgeted_client, calls, fleet, quick_retry, until_connected};
use tms_redis::FleetKey;
use tms_redis::testing::RedisServer;
use tms_runtime::fleet::RateLimits;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn calls_keep_succeeding_while_redis_is_down_and_the_fleet_joins_again() {
    let mut redis = RedisServer::start().expect("redis-server runs");
    let vendor = Vendor::start().await;
    let key = FleetKey::generate();
    let (fa, fb) = (fleet(&redis.url(), &key), fleet(&redis.url(), &key));
    // A generous budget: every call asks Redis for a slot.
    let limits = RateLimits::per_second(10_000);
    let a = budgeted_client(&vendor, &fa, limits, quick_retry());
    let b = budgeted_client(&vendor, &fb, limits, quick_retry());
    calls(&a, 5).await;
    calls(&b, 5).await;
    assert_eq!(vendor.logins(), 1);

    redis.kill();
    calls(&a, 5).await;
    calls(&b, 5).await;
    // The server ends tok-1 while Redis is away: each process logs in for itself.
    vendor.reject_tokens_below(2);
    calls(&a, 5).await;
    calls(&b, 5).await;
    assert_eq!(
        vendor.logins(),
        3,
        "one login per process during the outage"
    );
    assert!(!fa.is_connected() && !fb.is_connected());

    redis.restart().expect("redis-server starts again");
    until_connected(&fa).await;
    until_connected(&fb).await;
    // Both per-process tokens end; the fleet logs in once again, for both.
    vendor.reject_tokens_below(4);
    calls(&a, 5).await;
    calls(&b, 5).await;
    assert_eq!(
        vendor.logins(),
        4,
        "one login for the fleet after the outage"
    );
    assert_eq!(vendor.calls(), 40, "every call succeeded");
    let last: Vec<String> = vendor
        .seen()
        .into_iter()
        .rev()
        .take(10)
        .map(|(_, t)| t)
        .collect();
    assert!(last.iter().all(|t| t == "tok-4"), "{last:?}");
    assert_eq!(
        (fa.outages(), fb.outages()),
        (1, 1),
        "one warning per outage"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_fleet_that_fails_closed_fails_the_calls_while_redis_is_down() {
    let mut redis = RedisServer::start().expect("redis-server runs");
    let vendor = Vendor::start().await;
    let closed = tms_redis::RedisFleet::builder(redis.url(), FleetKey::generate())
        .fail_closed()
        .connect()
        .expect("valid URL");
    let client = budgeted_client(&vendor, &closed, RateLimits::per_second(100), quick_retry());
    calls(&client, 1).await;
    redis.kill();
    let err = client
        .auth_who_am_i()
        .send()
        .await
        .expect_err("no Redis, no call");
    assert!(
        matches!(err, memsource_api::Error::SharedStore(_)),
        "{err:?}"
    );
    assert_eq!(vendor.calls(), 1, "nothing was sent");
}
