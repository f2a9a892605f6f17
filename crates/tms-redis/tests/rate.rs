//! The shared rate budget: clients pace each other, and a `Retry-After` seen by one pauses the
//! others.

mod support;

use std::time::{Duration, Instant};

use support::{Vendor, budgeted_client, calls, fleet, quick_retry};
use tms_redis::FleetKey;
use tms_redis::testing::RedisServer;
use tms_runtime::fleet::RateLimits;
use tms_runtime::retry::RetryPolicy;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_429_seen_by_one_client_pauses_another() {
    let redis = RedisServer::start().expect("redis-server runs");
    let vendor = Vendor::start().await;
    let key = FleetKey::generate();
    let limits = RateLimits::per_second(1000);
    let a = budgeted_client(
        &vendor,
        &fleet(&redis.url(), &key),
        limits,
        RetryPolicy::never(),
    );
    let b = budgeted_client(&vendor, &fleet(&redis.url(), &key), limits, quick_retry());
    calls(&a, 1).await;
    calls(&b, 1).await;

    vendor.throttle_next(1);
    let err = a.auth_who_am_i().send().await.expect_err("throttled");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(429));
    let paused_at = Instant::now();
    calls(&b, 1).await;
    let waited = paused_at.elapsed();
    assert!(
        waited >= Duration::from_millis(900),
        "b waited for the fleet's pause: {waited:?}"
    );
    assert!(waited < Duration::from_secs(5), "and no longer: {waited:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clients_keep_to_one_budget_together() {
    let redis = RedisServer::start().expect("redis-server runs");
    let vendor = Vendor::start().await;
    let key = FleetKey::generate();
    let limits = RateLimits::per_second(20);
    let a = budgeted_client(&vendor, &fleet(&redis.url(), &key), limits, quick_retry());
    let b = budgeted_client(&vendor, &fleet(&redis.url(), &key), limits, quick_retry());
    tokio::join!(calls(&a, 30), calls(&b, 30));
    let arrivals: Vec<Instant> = vendor.seen().into_iter().map(|(at, _)| at).collect();
    assert_eq!(arrivals.len(), 60);
    let window = Duration::from_secs(1);
    let busiest = arrivals
        .iter()
        .map(|start| {
            arrivals
                .iter()
                .filter(|t| **t >= *start && **t < *start + window)
                .count()
        })
        .max()
        .unwrap_or(0);
    // 20 a second, plus one for the window's edge and a few for a scheduler that stalls on a
    // busy machine (unpaced, all 60 would arrive within a fraction of a second).
    assert!(busiest <= 25, "at most ~20 calls in any second: {busiest}");
    let span = arrivals
        .iter()
        .max()
        .copied()
        .zip(arrivals.iter().min().copied());
    let (last, first) = span.expect("calls arrived");
    assert!(
        last - first >= Duration::from_millis(2800),
        "60 calls at 20/s take about 3 s: {:?}",
        last - first
    );
}
