//! The token cache on its own: single flight, generation-checked invalidation, failure caching,
//! renewal before expiry. Virtual time throughout.

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use secrecy::SecretString;
use tms_runtime::clock::{Clock, ManualClock};
use tms_runtime::session::{CacheConfig, Fresh, LoginFailure, TokenCache};
use tms_runtime::wire::Buffered;

fn cache(clock: &ManualClock) -> TokenCache {
    TokenCache::new("ApiToken", Arc::new(clock.clone()), CacheConfig::default())
}

/// A login that counts its calls and yields a few times, so concurrent callers really overlap.
fn counting_login(
    count: Arc<AtomicU64>,
    expires_in: Option<Duration>,
    clock: ManualClock,
) -> impl Fn()
    -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Fresh, LoginFailure>> + Send>>
+ Clone {
    move || {
        let count = count.clone();
        let expires_at = expires_in.map(|d| clock.system_now() + d);
        Box::pin(async move {
            let n = count.fetch_add(1, Ordering::SeqCst) + 1;
            for _ in 0..5 {
                tokio::task::yield_now().await;
            }
            Ok(Fresh {
                token: SecretString::from(format!("token-{n}")),
                expires_at,
            })
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_callers_cause_one_login() {
    let clock = ManualClock::new();
    let cache = cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let login = counting_login(logins.clone(), None, clock.clone());
    let tasks = (0..1000).map(|_| {
        let cache = cache.clone();
        let login = login.clone();
        tokio::spawn(async move { cache.lease(login).await.map(|l| l.generation) })
    });
    let generations: Vec<u64> = futures_join(tasks).await;
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    assert!(generations.iter().all(|g| *g == 1));
    assert_eq!(cache.logins(), 1);
}

async fn futures_join(
    tasks: impl Iterator<Item = tokio::task::JoinHandle<Result<u64, LoginFailure>>>,
) -> Vec<u64> {
    let mut out = Vec::new();
    for task in tasks {
        match task.await.expect("task") {
            Ok(generation) => out.push(generation),
            Err(err) => panic!("lease failed: {err:?}"),
        }
    }
    out
}

#[tokio::test]
async fn only_the_generation_a_request_used_can_be_invalidated() {
    let clock = ManualClock::new();
    let cache = cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let login = counting_login(logins.clone(), None, clock.clone());
    let first = cache.lease(login.clone()).await.expect("lease");
    assert!(cache.invalidate(first.generation));
    let second = cache.lease(login.clone()).await.expect("lease");
    assert_eq!(second.generation, first.generation + 1);
    // A late 401 from a request that used the first token changes nothing.
    assert!(!cache.invalidate(first.generation));
    let third = cache.lease(login).await.expect("lease");
    assert_eq!(third.generation, second.generation);
    assert_eq!(logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_token_is_renewed_shortly_before_it_expires() {
    let clock = ManualClock::new();
    let cache = cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let login = counting_login(
        logins.clone(),
        Some(Duration::from_secs(24 * 3600)),
        clock.clone(),
    );
    cache.lease(login.clone()).await.expect("lease");
    clock.advance(Duration::from_secs(23 * 3600));
    cache.lease(login.clone()).await.expect("lease");
    assert_eq!(logins.load(Ordering::SeqCst), 1, "still an hour to go");
    // Inside the five minutes before expiry: renew before the server says 401.
    clock.advance(Duration::from_secs(3600 - 240));
    cache.lease(login).await.expect("lease");
    assert_eq!(logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failed_login_is_handed_out_until_it_ages() {
    let clock = ManualClock::new();
    let cache = cache(&clock);
    let attempts = Arc::new(AtomicU64::new(0));
    let failing = {
        let attempts = attempts.clone();
        move || {
            attempts.fetch_add(1, Ordering::SeqCst);
            std::future::ready(Err(LoginFailure::Rejected(Box::new(Buffered::synthetic(
                reqwest::StatusCode::UNAUTHORIZED,
                "wrong password",
            )))))
        }
    };
    for _ in 0..20 {
        match cache.lease(failing.clone()).await {
            Err(LoginFailure::Rejected(answer)) => {
                assert_eq!(answer.status(), reqwest::StatusCode::UNAUTHORIZED);
            }
            other => panic!("expected the remembered failure, got {other:?}"),
        }
    }
    assert_eq!(attempts.load(Ordering::SeqCst), 1);
    clock.advance(CacheConfig::default().failed_login_ttl);
    let _ = cache.lease(failing).await;
    assert_eq!(attempts.load(Ordering::SeqCst), 2);
}

#[test]
fn debug_never_shows_the_token() {
    let cache = cache(&ManualClock::new());
    cache.install("Bearer", SecretString::from("s3cr3t"), None);
    assert_eq!(
        format!("{cache:?}"),
        r#"TokenCache { scheme: "Bearer", token: Some("[REDACTED]"), generation: 1, logins: 0 }"#
    );
}
