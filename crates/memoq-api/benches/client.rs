//! `cargo bench -p memoq-api --bench client`: the memoQ client against a minimal loopback server
//! (hyper, fixed answers, its own thread), compared in one run with a hand-rolled reqwest call
//! that does the same work (encode the request, send it, decode the answer into the same type).
//!
//! Each lookup builds its request from ten source strings, on both sides, as a pipeline would.
//!
//! Prints:
//! - `lookupsegments` throughput, client vs hand-rolled, as a ratio (target ≥ 0.95);
//! - client-thread CPU time per small JSON call, client vs hand-rolled (target ≤ 53 µs);
//! - logins made by 1000 concurrent calls on a fresh session and again after the server expired
//!   every session (target: 1 each).
//!
//! The client runs on a current-thread runtime on the main thread, so `CLOCK_THREAD_CPUTIME_ID`
//! measures the client's own work; the server runs on another thread.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use futures::StreamExt;
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::{Request, Response};
use memoq_api::types::{LookupSegmentRequest, LookupSegmentsResult, QuerySegment, TmModel};
use memoq_api::{Client, ClientInfo, Credentials};

const TM: &str = "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b";

/// Server state: every login hands out the next token; only the newest is accepted.
#[derive(Default)]
struct Server {
    logins: AtomicU64,
    valid: AtomicU64,
}

fn lookup_answer() -> Bytes {
    let hit = serde_json::json!({
        "MatchRate": 87,
        "TransUnit": {
            "Key": 12, "SourceSegment": "<seg>Turn the printer off.</seg>",
            "TargetSegment": "<seg>Schalten Sie den Drucker aus.</seg>",
            "Created": "2015-10-15T12:45:49.209Z", "Modified": "2015-10-15T12:45:49.209Z",
            "Creator": "admin", "Modifier": "admin", "CustomMetas": []
        }
    });
    let result = serde_json::json!({ "Result": (0..10).map(|_| serde_json::json!({"TMHits": [hit.clone(), hit.clone()]})).collect::<Vec<_>>() });
    Bytes::from(result.to_string())
}

async fn handle(
    state: Arc<Server>,
    lookup: Bytes,
    request: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, Infallible> {
    let path = request.uri().path().to_owned();
    let auth = request
        .headers()
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let _ = request.into_body().collect().await;
    let json = |status: u16, body: Bytes| {
        Response::builder()
            .status(status)
            .header("content-type", "application/json; charset=utf-8")
            .body(Full::new(body))
            .expect("static response")
    };
    if path.ends_with("/auth/login") {
        let n = state.logins.fetch_add(1, Ordering::SeqCst) + 1;
        state.valid.store(n, Ordering::SeqCst);
        let body = format!(r#"{{"Name":"admin","Sid":"s","AccessToken":"t{n}"}}"#);
        return Ok(json(200, Bytes::from(body)));
    }
    let valid = format!("MQS-API t{}", state.valid.load(Ordering::SeqCst));
    if auth != valid && auth != "MQS-API baseline" {
        return Ok(json(
            401,
            Bytes::from_static(br#"{"ErrorCode":"InvalidOrExpiredToken","Message":"expired"}"#),
        ));
    }
    if path.ends_with("/lookupsegments") {
        return Ok(json(200, lookup));
    }
    Ok(json(
        200,
        Bytes::from_static(
            br#"{"AccessLevel":1,"FriendlyName":"Test TM 2","SourceLangCode":"ger","TargetLangCode":"spa","TMGuid":"2433ea4e-0ea6-4339-9c1f-f84bce41ad3b","NumEntries":0}"#,
        ),
    ))
}

fn start_server(state: Arc<Server>) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("server runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind loopback");
            tx.send(listener.local_addr().expect("addr"))
                .expect("send addr");
            let lookup = lookup_answer();
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let _ = stream.set_nodelay(true);
                let state = state.clone();
                let lookup = lookup.clone();
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        handle(state.clone(), lookup.clone(), req)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    rx.recv().expect("server address")
}

fn thread_cpu() -> Duration {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant the OS defines.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// The source segments of one batch.
const SOURCES: [&str; 10] = [
    "Turn the printer off.",
    "Print the document.",
    "Open the paper tray.",
    "Remove the jammed sheet.",
    "Close the cover.",
    "Turn the printer on.",
    "Wait until the light is green.",
    "Select the document.",
    "Press Print.",
    "Collect the pages.",
];

/// The lookup request for one batch, built from the source text as a pipeline would: both the
/// client and the hand-rolled baseline build it afresh for every call.
fn lookup_request() -> LookupSegmentRequest {
    LookupSegmentRequest {
        segments: SOURCES
            .iter()
            .map(|text| QuerySegment {
                segment: format!("<seg>{text}</seg>"),
                preceding_segment: None,
                following_segment: None,
                context_id: None,
            })
            .collect(),
        options: None,
    }
}

/// Wall time and client-thread CPU time of `n` lookups.
async fn client_lookups(client: &Client, n: usize, concurrency: usize) -> (Duration, Duration) {
    let cpu = thread_cpu();
    let started = Instant::now();
    futures::stream::iter(0..n)
        .map(|_| {
            let request = lookup_request();
            async move {
                let answer = client
                    .tm_lookup_segments()
                    .tm_guid(TM)
                    .body(request)
                    .send()
                    .await
                    .expect("lookup");
                assert_eq!(answer.result.as_ref().map(Vec::len), Some(10));
            }
        })
        .buffer_unordered(concurrency)
        .collect::<Vec<_>>()
        .await;
    (started.elapsed(), thread_cpu() - cpu)
}

/// Wall time and client-thread CPU time of `n` hand-rolled lookups.
async fn raw_lookups(
    http: &reqwest::Client,
    base: &str,
    n: usize,
    concurrency: usize,
) -> (Duration, Duration) {
    let url = format!("{base}/tms/{TM}/lookupsegments");
    let cpu = thread_cpu();
    let started = Instant::now();
    futures::stream::iter(0..n)
        .map(|_| {
            let body = serde_json::to_vec(&lookup_request()).expect("encode");
            let url = url.clone();
            async move {
                let response = http
                    .post(url)
                    .header("authorization", "MQS-API baseline")
                    .header("content-type", "application/json")
                    .header("accept", "application/json")
                    .body(body)
                    .send()
                    .await
                    .expect("send");
                assert!(response.status().is_success());
                let bytes = response.bytes().await.expect("body");
                let answer: LookupSegmentsResult = serde_json::from_slice(&bytes).expect("decode");
                assert_eq!(answer.result.as_ref().map(Vec::len), Some(10));
            }
        })
        .buffer_unordered(concurrency)
        .collect::<Vec<_>>()
        .await;
    (started.elapsed(), thread_cpu() - cpu)
}

async fn client_small_calls(client: &Client, n: usize) -> Duration {
    let before = thread_cpu();
    for _ in 0..n {
        let tm = client.tm_get().tm_guid(TM).send().await.expect("tm_get");
        assert_eq!(tm.num_entries, Some(0));
    }
    (thread_cpu() - before) / n as u32
}

async fn raw_small_calls(http: &reqwest::Client, base: &str, n: usize) -> Duration {
    let url = format!("{base}/tms/{TM}");
    let before = thread_cpu();
    for _ in 0..n {
        let response = http
            .get(&url)
            .header("authorization", "MQS-API baseline")
            .header("accept", "application/json")
            .send()
            .await
            .expect("send");
        let bytes = response.bytes().await.expect("body");
        let tm: TmModel = serde_json::from_slice(&bytes).expect("decode");
        assert_eq!(tm.num_entries, Some(0));
    }
    (thread_cpu() - before) / n as u32
}

async fn concurrent_logins(client: &Client, state: &Server) -> u64 {
    let before = state.logins.load(Ordering::SeqCst);
    futures::stream::iter(0..1000)
        .map(|_| async {
            client.tm_get().tm_guid(TM).send().await.expect("tm_get");
        })
        .buffer_unordered(1000)
        .collect::<Vec<_>>()
        .await;
    state.logins.load(Ordering::SeqCst) - before
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` passes nothing: run a short smoke.
    let full = std::env::args().any(|a| a == "--bench");
    let (lookups, small) = if full { (5_000, 20_000) } else { (200, 200) };
    let concurrency = 16;

    let state = Arc::new(Server::default());
    let addr = start_server(state.clone());
    let base = format!("http://{addr}/memoqserverhttpapi/v1");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    runtime.block_on(async {
        let client = Client::builder(&base)
            .credentials(Credentials::memoq_user("admin", "secret"))
            .build()
            .expect("loopback");
        let http = reqwest::Client::builder()
            .connect_timeout(Duration::from_secs(10))
            .build()
            .expect("reqwest");

        client
            .login(&Credentials::memoq_user("admin", "secret"))
            .await
            .expect("login");
        // Warm up both (connections, allocator).
        let _ = client_lookups(&client, 200, concurrency).await;
        let _ = raw_lookups(&http, &base, 200, concurrency).await;

        println!("memoQ client benchmark (loopback, {lookups} lookupsegments × 10 segments, concurrency {concurrency})");
        let mut ratios = Vec::new();
        // Many short rounds alternate baseline and client, so drift on a shared machine hits
        // both alike; the median and quartiles of the per-round ratios are reported.
        const ROUNDS: usize = 21;
        for round in 1..=ROUNDS {
            let (raw, raw_cpu) = raw_lookups(&http, &base, lookups, concurrency).await;
            let (ours, our_cpu) = client_lookups(&client, lookups, concurrency).await;
            let raw_rate = lookups as f64 / raw.as_secs_f64();
            let our_rate = lookups as f64 / ours.as_secs_f64();
            let ratio = our_rate / raw_rate;
            ratios.push(ratio);
            let per = |cpu: Duration| cpu.as_secs_f64() * 1e6 / lookups as f64;
            if round % 5 == 1 {
                println!(
                    "  round {round:>2}: hand-rolled {raw_rate:>7.0} req/s ({:.1} µs CPU/call), client {our_rate:>7.0} req/s ({:.1} µs CPU/call), ratio {ratio:.3}",
                    per(raw_cpu),
                    per(our_cpu)
                );
            }
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "  throughput ratio client / hand-rolled: median {:.3} (quartiles {:.3}–{:.3}, {ROUNDS} rounds)  (target >= 0.95)",
            ratios[ROUNDS / 2],
            ratios[ROUNDS / 4],
            ratios[3 * ROUNDS / 4]
        );

        // CPU per call: both sides alternately, several rounds each after a warm-up, medians
        // reported; a single pass measured whichever ran second on a warmer machine.
        let _ = raw_small_calls(&http, &base, small / 10).await;
        let _ = client_small_calls(&client, small / 10).await;
        const CPU_ROUNDS: usize = 7;
        let mut raw_cpus = Vec::new();
        let mut our_cpus = Vec::new();
        for _ in 0..CPU_ROUNDS {
            raw_cpus.push(raw_small_calls(&http, &base, small / CPU_ROUNDS).await);
            our_cpus.push(client_small_calls(&client, small / CPU_ROUNDS).await);
        }
        raw_cpus.sort();
        our_cpus.sort();
        let (raw_cpu, our_cpu) = (raw_cpus[CPU_ROUNDS / 2], our_cpus[CPU_ROUNDS / 2]);
        println!(
            "CPU time per small JSON call (tm_get, {CPU_ROUNDS} alternating rounds of {} sequential calls, client thread only, medians)",
            small / CPU_ROUNDS
        );
        println!("  hand-rolled reqwest: {:>6.1} µs", raw_cpu.as_secs_f64() * 1e6);
        let overhead = (our_cpu.as_secs_f64() - raw_cpu.as_secs_f64()) * 1e6;
        println!(
            "  client:              {:>6.1} µs  (target <= 53 µs; the client's own overhead is {overhead:+.1} µs{})",
            our_cpu.as_secs_f64() * 1e6,
            if overhead < 0.0 {
                " — negative: within the noise of this machine"
            } else {
                ""
            }
        );

        let fresh = Client::builder(&base)
            .credentials(Credentials::memoq_user("admin", "secret"))
            .build()
            .expect("loopback");
        let first = concurrent_logins(&fresh, &state).await;
        // The server forgets every session: all 1000 in-flight tokens are now stale.
        state.valid.store(u64::MAX, Ordering::SeqCst);
        let after_expiry = concurrent_logins(&fresh, &state).await;
        println!("Logins for 1000 concurrent calls: fresh session {first}, after the server expired it {after_expiry}  (target 1 and 1)");
        println!("  session login count: {}", fresh.inner().logins());
    });
}
