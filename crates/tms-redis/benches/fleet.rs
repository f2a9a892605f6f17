//! A fleet of worker processes against a loopback Memsource stand-in and a throwaway
//! `redis-server`:
//!
//! 1. 8 workers × 250 concurrent calls, starting on an expired shared token: logins in all.
//! 2. A shared budget of 600 calls per minute, time scaled by 6 (600 per 10 s, 60/s): the most
//!    calls the server receives in any 10 s window, with 8 workers calling as fast as they can.
//! 3. What the shared budget costs per call: median µs of one reservation on Redis against one
//!    in this process, and of a whole call with each budget.
//!
//! `cargo bench -p tms-redis --bench fleet`. The bench runs itself again as each worker.

use std::process::Stdio;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use httpmock::{HttpMockResponse, MockServer};
use memsource_api::{Client, Login};
use secrecy::SecretString;
use tms_redis::testing::RedisServer;
use tms_redis::{FleetKey, RedisFleet};
use tms_runtime::fleet::{
    MemoryRateLimit, RateLimitStore, RateLimits, Reservation, Scope, SessionStore,
};
use tms_runtime::retry::RetryPolicy;

const WORKER_ENV: &str = "TMS_FLEET_BENCH_WORKER";
const KEY_HEX: &str = "3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f3c1f";
const WORKERS: usize = 8;
const CALLS_PER_WORKER: usize = 250;
/// 600 calls a minute, with time running six times faster: 600 per 10 s.
const BUDGET_CALLS: u32 = 600;
const BUDGET_WINDOW: Duration = Duration::from_secs(10);
const BUDGET_RUN: Duration = Duration::from_secs(25);

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("a runtime");
    match std::env::var(WORKER_ENV) {
        Ok(spec) => runtime.block_on(worker(&spec)),
        // `cargo bench` passes `--bench`; nothing else to read.
        Err(_) => runtime.block_on(coordinator()),
    }
}

/// The Memsource stand-in: slow logins handing out `tok-<n>`, `whoAmI` rejecting `tok-0`.
struct Vendor {
    server: MockServer,
    logins: Arc<AtomicUsize>,
    arrivals: Arc<Mutex<Vec<Instant>>>,
    recording: Arc<AtomicBool>,
}

fn json(status: u16, body: String) -> HttpMockResponse {
    HttpMockResponse::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(body)
        .build()
}

impl Vendor {
    async fn start() -> Self {
        let server = MockServer::start_async().await;
        let logins = Arc::new(AtomicUsize::new(0));
        let arrivals = Arc::new(Mutex::new(Vec::new()));
        let recording = Arc::new(AtomicBool::new(false));
        let counted = logins.clone();
        server.mock(|when, then| {
            when.method("POST").path("/api2/v3/auth/login");
            then.respond_with(move |_| {
                std::thread::sleep(Duration::from_millis(200));
                let n = counted.fetch_add(1, Ordering::SeqCst) + 1;
                json(200, format!(r#"{{"token":"tok-{n}"}}"#))
            });
        });
        let (seen, on) = (arrivals.clone(), recording.clone());
        server.mock(|when, then| {
            when.method("GET").path("/api2/v1/auth/whoAmI");
            then.respond_with(move |request| {
                let headers = request.headers();
                let auth = headers.get("authorization").and_then(|v| v.to_str().ok());
                if auth == Some("ApiToken tok-0") {
                    return json(401, r#"{"errorCode":"AuthUnauthorized"}"#.into());
                }
                if on.load(Ordering::SeqCst) {
                    seen.lock().expect("not poisoned").push(Instant::now());
                }
                json(200, "{}".into())
            });
        });
        Self {
            server,
            logins,
            arrivals,
            recording,
        }
    }
}

fn fleet(url: &str) -> RedisFleet {
    let key = FleetKey::from_hex(KEY_HEX).expect("64 hex digits");
    RedisFleet::builder(url, key)
        .timeout(Duration::from_secs(2))
        .poll_interval(Duration::from_millis(100))
        .connect()
        .expect("a valid URL")
}

fn retry() -> RetryPolicy {
    RetryPolicy {
        total_deadline: Some(Duration::from_secs(120)),
        ..RetryPolicy::default()
    }
}

fn unix_ms(at: SystemTime) -> u64 {
    at.duration_since(UNIX_EPOCH)
        .map_or(0, |d| u64::try_from(d.as_millis()).unwrap_or(u64::MAX))
}

async fn until_unix_ms(at: u64) {
    let now = unix_ms(SystemTime::now());
    tokio::time::sleep(Duration::from_millis(at.saturating_sub(now))).await;
}

/// One worker process: `login|redis|base|start_ms` or `budget|redis|base|start_ms|end_ms`.
async fn worker(spec: &str) {
    let parts: Vec<&str> = spec.split('|').collect();
    let fleet = fleet(parts[1]);
    let base = parts[2];
    let start: u64 = parts[3].parse().expect("start time");
    let builder = Client::builder(base)
        .login(Login::new("pm", "secret"))
        .shared_session(fleet.session_store())
        .retry(retry());
    match parts[0] {
        "login" => {
            let client = builder.build().expect("loopback URL");
            until_unix_ms(start).await;
            let calls = (0..CALLS_PER_WORKER).map(|_| client.auth_who_am_i().send());
            let ok = futures_util::future::join_all(calls)
                .await
                .iter()
                .filter(|r| r.is_ok())
                .count();
            println!("{ok}");
        }
        _ => {
            let end: u64 = parts[4].parse().expect("end time");
            let limits = RateLimits::new(BUDGET_CALLS, BUDGET_WINDOW);
            let client = builder
                .shared_rate_limit(fleet.rate_limit_store(), limits)
                .build()
                .expect("loopback URL");
            client.auth_who_am_i().send().await.expect("logged in");
            until_unix_ms(start).await;
            let loops = (0..16).map(|_| {
                let client = client.clone();
                async move {
                    let mut ok = 0;
                    while unix_ms(SystemTime::now()) < end {
                        if client.auth_who_am_i().send().await.is_ok() {
                            ok += 1;
                        }
                    }
                    ok
                }
            });
            let ok: usize = futures_util::future::join_all(loops).await.iter().sum();
            println!("{ok}");
        }
    }
}

async fn run_workers(specs: Vec<String>) -> Vec<usize> {
    let exe = std::env::current_exe().expect("the bench binary");
    let children: Vec<_> = specs
        .into_iter()
        .map(|spec| {
            tokio::process::Command::new(&exe)
                .env(WORKER_ENV, spec)
                .stdout(Stdio::piped())
                .kill_on_drop(true)
                .spawn()
                .expect("a worker starts")
        })
        .collect();
    let mut results = Vec::new();
    for child in children {
        let out = tokio::time::timeout(Duration::from_secs(180), child.wait_with_output())
            .await
            .expect("a worker ends within 3 minutes")
            .expect("a worker ran");
        assert!(out.status.success(), "a worker failed");
        let text = String::from_utf8_lossy(&out.stdout);
        results.push(text.trim().parse().expect("a worker prints its count"));
    }
    results
}

fn scope(base: &str) -> Scope {
    Scope {
        vendor: "Memsource",
        server: Arc::from(base.trim_end_matches('/')),
        account: Some(Arc::from("pm")),
    }
}

async fn coordinator() {
    let redis = RedisServer::start().expect("redis-server runs (Debian package redis-server)");
    let vendor = Vendor::start().await;
    let base = vendor.server.base_url();
    let shared = fleet(&redis.url());

    // 1. One login for the fleet, from an expired shared token.
    let fence = shared
        .try_lock(&scope(&base))
        .await
        .expect("redis answers")
        .expect("free");
    let stale = SecretString::from("tok-0".to_owned());
    let lifetime = Some(Duration::from_secs(3600));
    shared
        .publish(&scope(&base), fence, &stale, lifetime)
        .await
        .expect("redis answers")
        .expect("published");
    let start = unix_ms(SystemTime::now()) + 1500;
    let specs = (0..WORKERS)
        .map(|_| format!("login|{}|{base}|{start}", redis.url()))
        .collect();
    let started = Instant::now();
    let ok: usize = run_workers(specs).await.iter().sum();
    println!(
        "fleet login: {WORKERS} processes x {CALLS_PER_WORKER} concurrent calls from an expired token: \
         {} login(s) (target 1), {ok}/{} calls succeeded, {:.1} s",
        vendor.logins.load(Ordering::SeqCst),
        WORKERS * CALLS_PER_WORKER,
        started.elapsed().as_secs_f64()
    );

    // 2. The shared budget, 600 per 10 s window (600/min with time scaled by 6).
    let start = unix_ms(SystemTime::now()) + 2000;
    let end = start + u64::try_from(BUDGET_RUN.as_millis()).unwrap_or(25_000);
    let specs = (0..WORKERS)
        .map(|_| format!("budget|{}|{base}|{start}|{end}", redis.url()))
        .collect();
    vendor.recording.store(true, Ordering::SeqCst);
    let ok: usize = run_workers(specs).await.iter().sum();
    vendor.recording.store(false, Ordering::SeqCst);
    let arrivals = vendor.arrivals.lock().expect("not poisoned").clone();
    let busiest = busiest_window(&arrivals, BUDGET_WINDOW);
    println!(
        "shared budget {BUDGET_CALLS} per {} s (= 600/min, time x6), {WORKERS} processes x 16 \
         loops for {} s: {ok} calls; busiest {} s window {busiest} calls ({:+.2} % of {BUDGET_CALLS}, limit +2 %)",
        BUDGET_WINDOW.as_secs(),
        BUDGET_RUN.as_secs(),
        BUDGET_WINDOW.as_secs(),
        (busiest as f64 / f64::from(BUDGET_CALLS) - 1.0) * 100.0
    );

    // 3. The cost of the shared budget.
    overhead(&shared, &base).await;
}

/// The most arrivals in any window of length `window` starting at an arrival.
fn busiest_window(arrivals: &[Instant], window: Duration) -> usize {
    let mut sorted = arrivals.to_vec();
    sorted.sort();
    let mut best = 0;
    let mut end = 0;
    for (i, start) in sorted.iter().enumerate() {
        while end < sorted.len() && sorted[end] < *start + window {
            end += 1;
        }
        best = best.max(end - i);
    }
    best
}

fn median(mut samples: Vec<Duration>) -> f64 {
    samples.sort();
    samples[samples.len() / 2].as_secs_f64() * 1e6
}

async fn overhead(shared: &RedisFleet, base: &str) {
    const N: usize = 2000;
    let unlimited = RateLimits::per_second(1_000_000);
    let memory = MemoryRateLimit::new();
    let scope = scope(base);
    let mut redis_samples = Vec::with_capacity(N);
    let mut memory_samples = Vec::with_capacity(N);
    for _ in 0..N {
        let t = Instant::now();
        let r = shared
            .reserve(&scope, &unlimited, Duration::from_secs(1))
            .await;
        redis_samples.push(t.elapsed());
        assert!(matches!(r, Ok(Reservation::Go(_))));
        let t = Instant::now();
        let r = memory
            .reserve(&scope, &unlimited, Duration::from_secs(1))
            .await;
        memory_samples.push(t.elapsed());
        assert!(matches!(r, Ok(Reservation::Go(_))));
    }
    let (on_redis, in_memory) = (median(redis_samples), median(memory_samples));
    println!(
        "one reservation, median of {N}: Redis {on_redis:.1} µs, in memory {in_memory:.2} µs \
         (+{:.1} µs per call)",
        on_redis - in_memory
    );

    // Whole calls, one at a time, against the loopback stand-in.
    let client = |store: Arc<dyn RateLimitStore>| {
        Client::builder(base)
            .login(Login::new("pm", "secret"))
            .shared_rate_limit(store, unlimited)
            .retry(retry())
            .build()
            .expect("loopback URL")
    };
    let with_redis = client(shared.rate_limit_store());
    let with_memory = client(Arc::new(MemoryRateLimit::new()));
    for c in [&with_redis, &with_memory] {
        c.auth_who_am_i().send().await.expect("logs in");
    }
    const CALLS: usize = 500;
    let mut redis_calls = Vec::with_capacity(CALLS);
    let mut memory_calls = Vec::with_capacity(CALLS);
    for _ in 0..CALLS {
        let t = Instant::now();
        with_redis.auth_who_am_i().send().await.expect("a call");
        redis_calls.push(t.elapsed());
        let t = Instant::now();
        with_memory.auth_who_am_i().send().await.expect("a call");
        memory_calls.push(t.elapsed());
    }
    let (on_redis, in_memory) = (median(redis_calls), median(memory_calls));
    println!(
        "whole call, median of {CALLS}: shared budget {on_redis:.0} µs, in-memory budget \
         {in_memory:.0} µs (ratio {:.2})",
        on_redis / in_memory
    );
}
