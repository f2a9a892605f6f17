//! A Memsource stand-in on loopback (httpmock) that counts logins, rejects tokens on demand and
//! throttles on demand; clients and fleets wired for tests.

#![allow(dead_code)]

use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use httpmock::{HttpMockRequest, HttpMockResponse, MockServer};
use memsource_api::{Client, Login};
use tms_redis::{FleetKey, RedisFleet};
use tms_runtime::retry::RetryPolicy;

/// Tokens look like `tok-<n>-sharedsessionsecret`: long enough that finding them in a stored
/// value would not be chance.
pub const TOKEN_TAIL: &str = "sharedsessionsecret";

#[derive(Default)]
struct State {
    logins: AtomicUsize,
    /// Tokens numbered below this are rejected with 401.
    valid_from: AtomicUsize,
    /// The next `whoAmI` answers 429 with `Retry-After` of this many seconds (0: none).
    throttle_next: AtomicU64,
    calls: AtomicUsize,
    /// When each successful `whoAmI` arrived, with its token.
    seen: Mutex<Vec<(Instant, String)>>,
    slow_login: AtomicBool,
}

/// The vendor server.
pub struct Vendor {
    pub server: MockServer,
    state: Arc<State>,
}

fn json(status: u16, body: String) -> HttpMockResponse {
    HttpMockResponse::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body)
        .build()
}

fn iso(at: SystemTime) -> String {
    let secs = at
        .duration_since(SystemTime::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let (days, rest) = (secs / 86_400, secs % 86_400);
    let (y, m, d) = civil(days as i64);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}+0000",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

/// Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
fn civil(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn token_number(request: &HttpMockRequest) -> Option<usize> {
    let headers = request.headers();
    let value = headers.get("authorization")?.to_str().ok()?;
    value
        .strip_prefix("ApiToken tok-")?
        .split('-')
        .next()?
        .parse()
        .ok()
}

impl Vendor {
    /// Logins hand out `tok-1-…`, `tok-2-…`, each valid for 24 h from now.
    pub async fn start() -> Self {
        let server = MockServer::start_async().await;
        let state = Arc::new(State {
            valid_from: AtomicUsize::new(1),
            ..State::default()
        });
        let login_state = state.clone();
        server.mock(|when, then| {
            when.method("POST").path("/api2/v3/auth/login");
            then.respond_with(move |_| {
                if login_state.slow_login.load(Ordering::SeqCst) {
                    // A login that takes a while, so that concurrent callers overlap with it.
                    std::thread::sleep(Duration::from_millis(200));
                }
                let n = login_state.logins.fetch_add(1, Ordering::SeqCst) + 1;
                let expires = iso(SystemTime::now() + Duration::from_secs(24 * 3600));
                json(
                    200,
                    format!(r#"{{"token":"tok-{n}-{TOKEN_TAIL}","expires":"{expires}"}}"#),
                )
            });
        });
        let call_state = state.clone();
        server.mock(|when, then| {
            when.method("GET").path("/api2/v1/auth/whoAmI");
            then.respond_with(move |request| {
                let n = token_number(request).unwrap_or(0);
                if n < call_state.valid_from.load(Ordering::SeqCst) {
                    return json(
                        401,
                        r#"{"errorCode":"AuthUnauthorized","errorDescription":"expired"}"#.into(),
                    );
                }
                let throttle = call_state.throttle_next.swap(0, Ordering::SeqCst);
                if throttle > 0 {
                    return HttpMockResponse::builder()
                        .status(429)
                        .header("content-type", "application/json")
                        .header("retry-after", throttle.to_string())
                        .body(r#"{"errorCode":"TooManyRequests","errorDescription":"slow down"}"#)
                        .build();
                }
                call_state.calls.fetch_add(1, Ordering::SeqCst);
                call_state
                    .seen
                    .lock()
                    .expect("not poisoned")
                    .push((Instant::now(), format!("tok-{n}")));
                json(200, "{}".into())
            });
        });
        Self { server, state }
    }

    pub fn base_url(&self) -> String {
        self.server.base_url()
    }

    pub fn logins(&self) -> usize {
        self.state.logins.load(Ordering::SeqCst)
    }

    /// Successful calls so far.
    pub fn calls(&self) -> usize {
        self.state.calls.load(Ordering::SeqCst)
    }

    /// From now on, tokens numbered below `n` are rejected (the server ended their sessions).
    pub fn reject_tokens_below(&self, n: usize) {
        self.state.valid_from.store(n, Ordering::SeqCst);
    }

    /// The next call is answered 429 with `Retry-After: <secs>`.
    pub fn throttle_next(&self, secs: u64) {
        self.state.throttle_next.store(secs, Ordering::SeqCst);
    }

    /// Logins take 200 ms from now on.
    pub fn slow_logins(&self) {
        self.state.slow_login.store(true, Ordering::SeqCst);
    }

    /// The successful calls: when, and with which token.
    pub fn seen(&self) -> Vec<(Instant, String)> {
        self.state.seen.lock().expect("not poisoned").clone()
    }
}

/// A fleet with short timeouts, for tests.
pub fn fleet(url: &str, key: &FleetKey) -> RedisFleet {
    RedisFleet::builder(url, key.clone())
        .timeout(Duration::from_millis(500))
        .retry_after(Duration::from_millis(100))
        .poll_interval(Duration::from_millis(50))
        .max_wait(Duration::from_secs(20))
        .connect()
        .expect("a valid URL, inside a runtime")
}

/// A retry policy that keeps tests short.
pub fn quick_retry() -> RetryPolicy {
    RetryPolicy {
        base_delay: Duration::from_millis(10),
        max_delay: Duration::from_millis(50),
        total_deadline: Some(Duration::from_secs(30)),
        ..RetryPolicy::default()
    }
}

/// A Memsource client logging in as `pm`, sharing its session through `fleet`.
pub fn client(vendor: &Vendor, fleet: &RedisFleet) -> Client {
    Client::builder(vendor.base_url())
        .login(Login::new("pm", "secret"))
        .shared_session(fleet.session_store())
        .retry(quick_retry())
        .build()
        .expect("loopback URL")
}

/// Runs `n` concurrent `whoAmI` calls and fails on the first error.
pub async fn calls(client: &Client, n: usize) {
    let calls = (0..n).map(|_| client.auth_who_am_i().send());
    for result in futures_util::future::join_all(calls).await {
        result.expect("the call succeeds");
    }
}

/// Like [`client`], paced by `fleet`'s shared budget too.
pub fn budgeted_client(
    vendor: &Vendor,
    fleet: &RedisFleet,
    limits: tms_runtime::fleet::RateLimits,
    retry: RetryPolicy,
) -> Client {
    Client::builder(vendor.base_url())
        .login(Login::new("pm", "secret"))
        .shared_session(fleet.session_store())
        .shared_rate_limit(fleet.rate_limit_store(), limits)
        .retry(retry)
        .build()
        .expect("loopback URL")
}

/// Waits until `fleet` reaches Redis again, for at most 10 s.
pub async fn until_connected(fleet: &RedisFleet) {
    tokio::time::timeout(Duration::from_secs(10), async {
        while !fleet.ping().await {
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    })
    .await
    .expect("the fleet reaches Redis again within 10 s");
}
