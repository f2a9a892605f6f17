//! The token cache on its own: single flight that shares its result (success or failure),
//! logins detached from the caller that started them, waits bounded by the caller's deadline,
//! generation-checked invalidation, renewal before the end of a token's lifetime, explicit
//! logins that never join an older one. Virtual time throughout.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use secrecy::SecretString;
use tms_runtime::clock::ManualClock;
use tms_runtime::login::{Fresh, LoginError, LoginReason};
use tms_runtime::session::{CacheConfig, TokenCache};
use tokio::sync::Semaphore;

type LoginFuture = Pin<Box<dyn Future<Output = Result<Fresh, LoginError>> + Send>>;

fn new_cache(clock: &ManualClock) -> TokenCache {
    TokenCache::new("ApiToken", Arc::new(clock.clone()), CacheConfig::default())
}

/// A login that counts its calls, waits for `gate` (when given) and yields a few times, so
/// concurrent callers really overlap. Tokens are `token-1`, `token-2`, …
fn counting_login(
    count: Arc<AtomicU64>,
    lifetime: Option<Duration>,
    gate: Option<Arc<Semaphore>>,
) -> impl Fn() -> LoginFuture + Clone {
    move || {
        let count = count.clone();
        let gate = gate.clone();
        Box::pin(async move {
            let n = count.fetch_add(1, Ordering::SeqCst) + 1;
            if let Some(gate) = gate {
                let _permit = gate.acquire().await.expect("gate open");
            }
            for _ in 0..5 {
                tokio::task::yield_now().await;
            }
            Ok(Fresh {
                token: SecretString::from(format!("token-{n}")),
                lifetime,
            })
        })
    }
}

/// A login that counts its calls and fails with `reason`, after yielding.
fn failing_login(count: Arc<AtomicU64>, reason: LoginReason) -> impl Fn() -> LoginFuture + Clone {
    move || {
        let count = count.clone();
        Box::pin(async move {
            count.fetch_add(1, Ordering::SeqCst);
            for _ in 0..5 {
                tokio::task::yield_now().await;
            }
            Err(LoginError::new(reason))
        })
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_concurrent_callers_cause_one_login() {
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let login = counting_login(logins.clone(), None, None);
    let tasks: Vec<_> = (0..1000)
        .map(|_| {
            let cache = cache.clone();
            let login = login.clone();
            tokio::spawn(async move { cache.lease(login, None).await.map(|l| l.generation) })
        })
        .collect();
    for task in tasks {
        assert_eq!(task.await.expect("task").expect("lease"), 1);
    }
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    assert_eq!(cache.logins(), 1);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_login_is_shared_by_every_waiter_and_remembered_briefly() {
    for reason in [
        LoginReason::Transport,
        LoginReason::TimedOut,
        LoginReason::Refused,
        LoginReason::NoToken,
    ] {
        let clock = ManualClock::new();
        let cache = new_cache(&clock);
        let attempts = Arc::new(AtomicU64::new(0));
        let login = failing_login(attempts.clone(), reason);
        let tasks: Vec<_> = (0..200)
            .map(|_| {
                let cache = cache.clone();
                let login = login.clone();
                tokio::spawn(async move { cache.lease(login, None).await })
            })
            .collect();
        for task in tasks {
            let err = task.await.expect("task").expect_err("no token");
            assert_eq!(err.reason(), reason);
        }
        assert_eq!(attempts.load(Ordering::SeqCst), 1, "{reason:?}");
        // Remembered: callers arriving within the TTL get it without a login.
        clock.advance(CacheConfig::default().failed_login_ttl / 2);
        let err = cache
            .lease(login.clone(), None)
            .await
            .expect_err("remembered");
        assert_eq!(err.reason(), reason);
        assert_eq!(attempts.load(Ordering::SeqCst), 1);
        // Once it has aged, the next caller tries again.
        clock.advance(CacheConfig::default().failed_login_ttl);
        let _ = cache.lease(login, None).await;
        assert_eq!(attempts.load(Ordering::SeqCst), 2);
    }
}

#[tokio::test]
async fn a_login_outlives_the_caller_that_started_it() {
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let gate = Arc::new(Semaphore::new(0));
    let login = counting_login(logins.clone(), None, Some(gate.clone()));
    let starter = {
        let cache = cache.clone();
        let login = login.clone();
        tokio::spawn(async move { cache.lease(login, None).await.map(|l| l.generation) })
    };
    while logins.load(Ordering::SeqCst) == 0 {
        tokio::task::yield_now().await;
    }
    let waiter = {
        let cache = cache.clone();
        let login = login.clone();
        tokio::spawn(async move { cache.lease(login, None).await.map(|l| l.generation) })
    };
    tokio::task::yield_now().await;
    starter.abort();
    assert!(starter.await.expect_err("aborted").is_cancelled());
    gate.add_permits(1);
    assert_eq!(waiter.await.expect("task").expect("lease"), 1);
    assert_eq!(
        logins.load(Ordering::SeqCst),
        1,
        "the login was not cancelled"
    );
}

#[tokio::test(start_paused = true)]
async fn a_waiter_gives_up_at_its_own_deadline_while_the_login_goes_on() {
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let gate = Arc::new(Semaphore::new(0));
    let login = counting_login(logins.clone(), None, Some(gate.clone()));
    let started = tokio::time::Instant::now();
    let err = cache
        .lease(login.clone(), Some(Duration::from_secs(10)))
        .await
        .expect_err("the login hangs");
    assert_eq!(err.reason(), LoginReason::TimedOut);
    assert_eq!(started.elapsed(), Duration::from_secs(10));
    // The login goes on for whoever needs it next; no second login starts.
    gate.add_permits(1);
    let lease = cache
        .lease(login, Some(Duration::from_secs(10)))
        .await
        .expect("the same login, finished");
    assert_eq!(lease.generation, 1);
    assert_eq!(logins.load(Ordering::SeqCst), 1);
}

#[tokio::test]
async fn only_the_generation_a_request_used_can_be_invalidated() {
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let login = counting_login(logins.clone(), None, None);
    let first = cache.lease(login.clone(), None).await.expect("lease");
    assert!(cache.invalidate(first.generation));
    let second = cache.lease(login.clone(), None).await.expect("lease");
    assert_eq!(second.generation, first.generation + 1);
    // A late 401 from a request that used the first token changes nothing.
    assert!(!cache.invalidate(first.generation));
    let third = cache.lease(login, None).await.expect("lease");
    assert_eq!(third.generation, second.generation);
    assert_eq!(logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_token_is_renewed_five_minutes_or_half_its_lifetime_before_its_end() {
    // A 24 h login token: renewed inside the last five minutes.
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let login = counting_login(logins.clone(), Some(Duration::from_secs(24 * 3600)), None);
    cache.lease(login.clone(), None).await.expect("lease");
    clock.advance(Duration::from_secs(24 * 3600 - 301));
    cache.lease(login.clone(), None).await.expect("lease");
    assert_eq!(logins.load(Ordering::SeqCst), 1, "still 301 s to go");
    clock.advance(Duration::from_secs(60));
    cache.lease(login, None).await.expect("lease");
    assert_eq!(logins.load(Ordering::SeqCst), 2);

    // A provider's 300 s token is not expired on arrival: renewed after half its life.
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let login = counting_login(logins.clone(), Some(Duration::from_secs(300)), None);
    cache.lease(login.clone(), None).await.expect("lease");
    cache.lease(login.clone(), None).await.expect("lease");
    clock.advance(Duration::from_secs(149));
    cache.lease(login.clone(), None).await.expect("lease");
    assert_eq!(logins.load(Ordering::SeqCst), 1);
    clock.advance(Duration::from_secs(1));
    cache.lease(login, None).await.expect("lease");
    assert_eq!(logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn a_failed_renewal_keeps_the_old_token_until_it_really_ends() {
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let good = counting_login(logins.clone(), Some(Duration::from_secs(3600)), None);
    let first = cache.lease(good, None).await.expect("lease");
    // Inside the renewal window, the renewal fails: the old token is still good.
    clock.advance(Duration::from_secs(3600 - 120));
    let failures = Arc::new(AtomicU64::new(0));
    let bad = failing_login(failures.clone(), LoginReason::Transport);
    let lease = cache.lease(bad.clone(), None).await.expect("old token");
    assert_eq!(lease.generation, first.generation);
    // Remembered failure: no new attempt for a while, the old token again.
    let lease = cache.lease(bad.clone(), None).await.expect("old token");
    assert_eq!(lease.generation, first.generation);
    assert_eq!(failures.load(Ordering::SeqCst), 1);
    // Past its real end the old token is gone, and the failure shows.
    clock.advance(Duration::from_secs(121));
    let err = cache.lease(bad, None).await.expect_err("no token left");
    assert_eq!(err.reason(), LoginReason::Transport);
    assert_eq!(failures.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn an_explicit_login_never_joins_an_older_login_nor_returns_its_failure() {
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    // A failure of the old credentials is remembered …
    let old_attempts = Arc::new(AtomicU64::new(0));
    let old = failing_login(old_attempts.clone(), LoginReason::Refused);
    cache
        .lease(old.clone(), None)
        .await
        .expect_err("old password");
    // … but an explicit login with new credentials runs at once and succeeds.
    let new_logins = Arc::new(AtomicU64::new(0));
    let new = counting_login(new_logins.clone(), None, None);
    let lease = cache.login_now(new(), None).await.expect("new credentials");
    assert_eq!(new_logins.load(Ordering::SeqCst), 1);

    // A lazy login still running with old credentials is not joined: the explicit one
    // replaces it, and the lazy caller ends up with the new token too.
    let gate = Arc::new(Semaphore::new(0));
    let slow_old = counting_login(Arc::new(AtomicU64::new(100)), None, Some(gate.clone()));
    assert!(cache.invalidate(lease.generation));
    let lazy = {
        let cache = cache.clone();
        tokio::spawn(async move { cache.lease(slow_old, None).await })
    };
    tokio::task::yield_now().await;
    let explicit = cache.login_now(new(), None).await.expect("explicit");
    gate.add_permits(1);
    let lazy = lazy.await.expect("task").expect("lease");
    assert_eq!(lazy.generation, explicit.generation);
    assert_eq!(lazy.authorization, "ApiToken token-2");
    assert_eq!(new_logins.load(Ordering::SeqCst), 2);
}

#[tokio::test]
async fn logout_forgets_only_the_token_generation_it_logged_out() {
    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let login = counting_login(logins.clone(), None, None);
    let first = cache.lease(login.clone(), None).await.expect("lease");
    let ended = tms_runtime::client::end_session(&cache, |lease| {
        let cache = cache.clone();
        let login = login.clone();
        async move {
            assert_eq!(
                lease.generation, first.generation,
                "logs out the token it read"
            );
            // While the logout is on the wire, another call finds that token rejected and
            // logs in again.
            cache.invalidate(lease.generation);
            let second = cache.lease(login, None).await?;
            Ok::<_, LoginError>(second.generation)
        }
    })
    .await;
    assert!(ended.is_ok());
    let kept = cache
        .usable_lease()
        .expect("the newer token survives the logout");
    assert_eq!(kept.generation, first.generation + 1);
    assert_eq!(logins.load(Ordering::SeqCst), 2);
    // A second logout ends that one; a third has nothing to end and starts no login.
    let mut ended_generations = Vec::new();
    for _ in 0..2 {
        tms_runtime::client::end_session(&cache, |lease| {
            ended_generations.push(lease.generation);
            std::future::ready(Ok::<_, LoginError>(()))
        })
        .await
        .expect("logout");
    }
    assert_eq!(ended_generations, [kept.generation]);
    assert!(!cache.has_token());
    assert_eq!(logins.load(Ordering::SeqCst), 2);
}

#[test]
fn a_blank_or_header_breaking_token_is_refused_on_install() {
    let cache = new_cache(&ManualClock::new());
    let err = cache
        .install("Bearer", SecretString::from("  "), None)
        .expect_err("blank");
    assert_eq!(err.reason(), LoginReason::NoToken);
    assert!(
        cache
            .install("Bearer", SecretString::from("a\r\nb"), None)
            .is_err()
    );
    assert!(!cache.has_token());
}

#[test]
fn debug_never_shows_the_token() {
    let cache = new_cache(&ManualClock::new());
    cache
        .install("Bearer", SecretString::from("s3cr3t"), None)
        .expect("valid token");
    assert_eq!(
        format!("{cache:?}"),
        r#"TokenCache { scheme: "Bearer", token: Some("[REDACTED]"), generation: 1, logins: 0 }"#
    );
}

#[tokio::test]
async fn a_saved_token_resumes_in_another_cache_with_its_remaining_lifetime() {
    use tms_runtime::clock::Clock;

    let clock = ManualClock::new();
    let first = new_cache(&clock);
    let logins = Arc::new(AtomicU64::new(0));
    let day = Duration::from_secs(24 * 3600);
    first
        .lease(counting_login(logins.clone(), Some(day), None), None)
        .await
        .expect("login");
    clock.advance(Duration::from_secs(3600));
    let saved = first.saved().expect("a valid token is saved");
    assert_eq!(saved.token.expose(), "token-1");
    assert_eq!(
        saved.expires_at,
        Some(clock.system_now() + day - Duration::from_secs(3600))
    );
    assert!(!format!("{saved:?}").contains("token-1"));

    let second = new_cache(&clock);
    assert!(second.resume(saved.clone()));
    let lease = second
        .lease(counting_login(logins.clone(), Some(day), None), None)
        .await
        .expect("the resumed token is used");
    assert_eq!(lease.authorization, "ApiToken token-1");
    assert_eq!(
        logins.load(Ordering::SeqCst),
        1,
        "no login for a resumed token"
    );
    assert_eq!(second.expires_at(), saved.expires_at);

    // Past its end the resumed token is gone and a login runs.
    clock.advance(day);
    assert!(second.saved().is_none());
    let lease = second
        .lease(counting_login(logins.clone(), Some(day), None), None)
        .await
        .expect("login after the end");
    assert_eq!(lease.authorization, "ApiToken token-2");
}

#[tokio::test]
async fn an_expired_or_unusable_saved_token_is_ignored() {
    use tms_runtime::clock::Clock;
    use tms_runtime::session::SavedToken;

    let clock = ManualClock::new();
    let cache = new_cache(&clock);
    let past = SavedToken {
        token: "old".into(),
        expires_at: Some(clock.system_now() - Duration::from_secs(1)),
    };
    assert!(!cache.resume(past));
    assert!(!cache.resume(SavedToken {
        token: "a\nb".into(),
        expires_at: None,
    }));
    assert!(!cache.has_token());
    // A token of unknown lifetime is kept until the server rejects it.
    assert!(cache.resume(SavedToken {
        token: "open".into(),
        expires_at: None,
    }));
    clock.advance(Duration::from_secs(365 * 24 * 3600));
    let saved = cache.saved().expect("still held");
    assert_eq!((saved.token.expose(), saved.expires_at), ("open", None));
}
