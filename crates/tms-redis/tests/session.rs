//! The shared session on a real `redis-server`: one login per fleet, within a process and
//! across processes; withdrawal by generation; the token sealed at rest.

mod support;

use std::sync::Arc;
use std::time::Duration;

use redis::AsyncCommands;
use secrecy::{ExposeSecret, SecretString};
use support::{TOKEN_TAIL, Vendor, calls, client, fleet};
use tms_redis::FleetKey;
use tms_redis::testing::RedisServer;
use tms_runtime::fleet::{Scope, SessionStore};

fn redis() -> RedisServer {
    RedisServer::start().expect("redis-server runs (Debian package redis-server)")
}

/// What a second process of the fleet is told, in one environment variable.
const WORKER_ENV: &str = "TMS_REDIS_TEST_WORKER";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_clients_in_one_process_share_one_login() {
    let redis = redis();
    let vendor = Vendor::start().await;
    vendor.slow_logins();
    let key = FleetKey::generate();
    // Two clients with fleets of their own, as two services in one process would have.
    let (a, b) = (
        client(&vendor, &fleet(&redis.url(), &key)),
        client(&vendor, &fleet(&redis.url(), &key)),
    );
    tokio::join!(calls(&a, 20), calls(&b, 20));
    assert_eq!(vendor.logins(), 1, "one login for both clients");
    assert_eq!(vendor.calls(), 40);
    assert!(vendor.seen().iter().all(|(_, token)| token == "tok-1"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_processes_share_one_login() {
    let redis = redis();
    let vendor = Vendor::start().await;
    vendor.slow_logins();
    let hex = "5a17".repeat(16);
    let key = FleetKey::from_hex(&hex).expect("64 hex digits");
    let exe = std::env::current_exe().expect("the test binary");
    let worker = tokio::process::Command::new(exe)
        .args([
            "--ignored",
            "--exact",
            "fleet_worker_process",
            "--nocapture",
        ])
        .env(
            WORKER_ENV,
            format!("{}|{hex}|{}|25", redis.url(), vendor.base_url()),
        )
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("the worker starts");
    let here = client(&vendor, &fleet(&redis.url(), &key));
    calls(&here, 25).await;
    let output = tokio::time::timeout(Duration::from_secs(60), worker.wait_with_output())
        .await
        .expect("the worker ends within a minute")
        .expect("the worker ran");
    assert!(
        output.status.success(),
        "the worker's calls succeeded:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(
        report.contains("test fleet_worker_process ... ok"),
        "the worker ran its calls: {report}"
    );
    assert_eq!(vendor.calls(), 50, "both processes called");
    assert_eq!(vendor.logins(), 1, "one login for both processes");
}

/// The second process of `two_processes_share_one_login`; does nothing unless started by it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "a second process, started by two_processes_share_one_login"]
async fn fleet_worker_process() {
    let Ok(spec) = std::env::var(WORKER_ENV) else {
        return;
    };
    let parts: Vec<&str> = spec.split('|').collect();
    let [url, hex, base, n] = parts[..] else {
        panic!("worker spec: url|key|server|calls");
    };
    let key = FleetKey::from_hex(hex).expect("a hex key");
    let client = memsource_api::Client::builder(base)
        .login(memsource_api::Login::new("pm", "secret"))
        .shared_session(fleet(url, &key).session_store())
        .retry(support::quick_retry())
        .build()
        .expect("loopback URL");
    calls(&client, n.parse().expect("a number")).await;
}

fn scope() -> Scope {
    Scope {
        vendor: "Memsource",
        server: Arc::from("https://cloud.memsource.com/web"),
        account: Some(Arc::from("pm")),
    }
}

#[tokio::test]
async fn withdrawing_an_old_generation_leaves_the_fresh_token_alone() {
    let redis = redis();
    let fleet = fleet(&redis.url(), &FleetKey::generate());
    let scope = scope();
    let mut generations = Vec::new();
    for token in ["first", "second"] {
        let fence = fleet
            .try_lock(&scope)
            .await
            .expect("redis answers")
            .expect("the lock is free");
        let secret = SecretString::from(token.to_owned());
        let generation = fleet
            .publish(&scope, fence, &secret, Some(Duration::from_secs(3600)))
            .await
            .expect("redis answers")
            .expect("the fence still holds the lock");
        generations.push(generation);
    }
    let [old, fresh] = generations[..] else {
        unreachable!("two logins")
    };
    assert_ne!(old, fresh);
    assert!(!fleet.invalidate(&scope, old).await.expect("redis answers"));
    let stored = fleet
        .load(&scope)
        .await
        .expect("redis answers")
        .expect("still there");
    assert_eq!(stored.generation, fresh);
    assert_eq!(stored.token.expose_secret(), "second");
    assert!(
        fleet
            .invalidate(&scope, fresh)
            .await
            .expect("redis answers")
    );
    assert!(fleet.load(&scope).await.expect("redis answers").is_none());
}

#[tokio::test]
async fn a_lost_fence_cannot_publish_and_a_held_lock_is_not_taken() {
    let redis = redis();
    let fleet = fleet(&redis.url(), &FleetKey::generate());
    let scope = scope();
    let fence = fleet
        .try_lock(&scope)
        .await
        .expect("answers")
        .expect("free");
    assert!(fleet.try_lock(&scope).await.expect("answers").is_none());
    let stranger = tms_runtime::fleet::Fence(fence.0 ^ 1);
    let secret = SecretString::from("t".to_owned());
    let published = fleet.publish(&scope, stranger, &secret, None).await;
    assert_eq!(published.expect("answers"), None);
    fleet.unlock(&scope, fence).await.expect("answers");
    assert!(fleet.try_lock(&scope).await.expect("answers").is_some());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_with_a_rejected_token_takes_the_fresh_one_instead_of_logging_in() {
    let redis = redis();
    let vendor = Vendor::start().await;
    let key = FleetKey::generate();
    let (a, b) = (
        client(&vendor, &fleet(&redis.url(), &key)),
        client(&vendor, &fleet(&redis.url(), &key)),
    );
    calls(&a, 1).await;
    calls(&b, 1).await;
    assert_eq!(vendor.logins(), 1);
    // The server ends tok-1: `a` finds out first and logs in for the fleet.
    vendor.reject_tokens_below(2);
    calls(&a, 1).await;
    assert_eq!(vendor.logins(), 2);
    // `b` still holds tok-1: its 401 withdraws generation 1 only, and it takes tok-2.
    calls(&b, 1).await;
    assert_eq!(vendor.logins(), 2, "no login for b");
    let tokens: Vec<String> = vendor.seen().into_iter().map(|(_, t)| t).collect();
    assert_eq!(tokens, ["tok-1", "tok-1", "tok-2", "tok-2"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_stored_value_is_sealed_and_lives_as_long_as_the_token() {
    let redis = redis();
    let vendor = Vendor::start().await;
    let fleet = fleet(&redis.url(), &FleetKey::generate());
    calls(&client(&vendor, &fleet), 1).await;

    let raw = redis::Client::open(redis.url()).expect("url");
    let mut conn = raw
        .get_multiplexed_async_connection()
        .await
        .expect("redis answers");
    let keys: Vec<String> = conn.keys("*").await.expect("keys");
    let token_keys: Vec<&String> = keys.iter().filter(|k| k.ends_with(":token")).collect();
    assert_eq!(token_keys.len(), 1, "one session stored: {keys:?}");
    for key in &keys {
        assert!(!key.contains("pm") && !key.contains("127.0.0.1"), "{key}");
    }
    let value: Vec<u8> = conn.get(token_keys[0]).await.expect("get");
    assert!(!value.is_empty());
    let tail = TOKEN_TAIL.as_bytes();
    assert!(
        !value.windows(tail.len()).any(|w| w == tail),
        "the token is not stored in clear"
    );
    assert!(!value.windows(5).any(|w| w == b"tok-1"));
    let ttl: i64 = conn.pttl(token_keys[0]).await.expect("pttl");
    let day = 24 * 3600 * 1000;
    assert!(
        ttl > day - 60_000 && ttl <= day,
        "TTL is the token's lifetime: {ttl} ms"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_logout_withdraws_the_token_for_everyone() {
    let redis = redis();
    let vendor = Vendor::start().await;
    vendor.server.mock(|when, then| {
        when.method("POST").path("/api2/v1/auth/logout");
        then.status(204);
    });
    let key = FleetKey::generate();
    let shared = fleet(&redis.url(), &key);
    let (a, b) = (client(&vendor, &shared), client(&vendor, &shared));
    calls(&a, 1).await;
    a.logout().await.expect("logged out");
    assert!(
        shared
            .load(&session_scope(&vendor))
            .await
            .expect("answers")
            .is_none()
    );
    // The server ended tok-1 for everyone: `b` logs in anew rather than using it.
    vendor.reject_tokens_below(2);
    calls(&b, 1).await;
    assert_eq!(vendor.logins(), 2);
}

fn session_scope(vendor: &Vendor) -> Scope {
    Scope {
        vendor: "Memsource",
        server: Arc::from(vendor.base_url().trim_end_matches('/')),
        account: Some(Arc::from("pm")),
    }
}
