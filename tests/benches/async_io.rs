//! `cargo bench -p tms-tests --bench async_io`: Memsource file transfers and async waits.
//!
//! Prints:
//! - peak RSS while uploading, then downloading, a 1 GiB generated file through the client
//!   against a loopback server that streams (target ≤ 64 MiB above the process's baseline);
//! - for work that finishes after T seconds, when the poller detects it and how many polls it
//!   takes (virtual time; target ≤ T + 10 %, polls logarithmic in T);
//! - how long after a callback arrives a wait ends, and the polls it made (real time, loopback;
//!   target ≤ 50 ms, no further polls).

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{Request, Response};
use memsource_api::Client;
use memsource_api::callbacks::CallbackReceiver;
use memsource_api::upload::{FileSource, content_disposition, download_to, memsource_header};
use tms_runtime::clock::{Clock, ManualClock, SharedClock};
use tms_runtime::poll::{Observed, Outcome, PollError, PollSchedule, wait};

const GIB: u64 = 1 << 30;
const CHUNK: usize = 64 * 1024;

type Body = http_body_util::combinators::BoxBody<Bytes, Infallible>;

fn full(body: &'static str, status: u16) -> Response<Body> {
    Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .body(http_body_util::Full::new(Bytes::from_static(body.as_bytes())).boxed())
        .expect("static response")
}

async fn handle(
    received: Arc<AtomicU64>,
    polls: Arc<AtomicU64>,
    request: Request<Incoming>,
) -> Result<Response<Body>, Infallible> {
    let path = request.uri().path().to_owned();
    if path.ends_with("/jobs") {
        // Count and drop the upload as it streams in.
        let mut body = request.into_body();
        while let Some(frame) = body.frame().await {
            if let Ok(data) = frame.map(|f| f.into_data()) {
                if let Ok(data) = data {
                    received.fetch_add(data.len() as u64, Ordering::Relaxed);
                }
            } else {
                break;
            }
        }
        return Ok(full(
            r#"{"jobs":[],"asyncRequest":{"id":"1","action":"IMPORT_JOB"}}"#,
            201,
        ));
    }
    if path.ends_with("/original") {
        let chunk = Bytes::from(vec![b'x'; CHUNK]);
        let chunks = (GIB as usize) / CHUNK;
        let stream = futures::stream::iter(
            (0..chunks).map(move |_| Ok::<_, Infallible>(Frame::data(chunk.clone()))),
        );
        return Ok(Response::builder()
            .status(200)
            .header("content-type", "application/octet-stream")
            .body(BodyExt::boxed(StreamBody::new(stream)))
            .expect("streaming response"));
    }
    if path.contains("/async/") {
        polls.fetch_add(1, Ordering::SeqCst);
        return Ok(full(r#"{"id":"42","asyncResponse":null}"#, 200));
    }
    Ok(full("{}", 404))
}

fn start_server(received: Arc<AtomicU64>, polls: Arc<AtomicU64>) -> SocketAddr {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind");
            tx.send(listener.local_addr().expect("addr")).expect("send");
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (received, polls) = (received.clone(), polls.clone());
                tokio::spawn(async move {
                    let service = hyper::service::service_fn(move |req| {
                        handle(received.clone(), polls.clone(), req)
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                        .await;
                });
            }
        });
    });
    rx.recv().expect("address")
}

/// Kilobytes from a `/proc/self/status` line.
fn status_kib(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find(|l| l.starts_with(field))
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|v| v.parse().ok())
        .unwrap_or(0)
}

/// Resets the peak-RSS watermark (Linux: write 5 to clear_refs).
fn reset_peak() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

fn mib(kib: u64) -> f64 {
    kib as f64 / 1024.0
}

async fn transfers(base: &str, received: &AtomicU64) {
    let client = Client::builder(base)
        .api_token("t")
        .build()
        .expect("loopback");
    let baseline = status_kib("VmRSS:");
    reset_peak();
    let started = Instant::now();
    let source = FileSource::reader(
        "big.bin",
        tokio::io::AsyncReadExt::take(tokio::io::repeat(b'x'), GIB),
    );
    let mut source = source;
    let body = source.open().await.expect("open").expect("a body");
    client
        .job_create()
        .project_uid("p")
        .content_disposition(content_disposition("big.bin"))
        .memsource(memsource_header(&serde_json::json!({"targetLangs": ["de"]})).expect("json"))
        .body(body)
        .send()
        .await
        .expect("upload");
    let up = started.elapsed();
    let up_peak = status_kib("VmHWM:");
    assert_eq!(
        received.load(Ordering::Relaxed),
        GIB,
        "the server got every byte"
    );

    reset_peak();
    let started = Instant::now();
    let stream = client
        .job_download_original()
        .project_uid("p")
        .job_uid("j")
        .send()
        .await
        .expect("download")
        .into_inner();
    let written = download_to(stream, &mut tokio::io::sink())
        .await
        .expect("write");
    let down = started.elapsed();
    let down_peak = status_kib("VmHWM:");
    assert_eq!(written, GIB);
    println!(
        "1 GiB through the client (loopback, streamed both ways; process baseline RSS {:.1} MiB)",
        mib(baseline)
    );
    println!(
        "  upload:   {:>5.2} s ({:>6.0} MiB/s), peak RSS {:>6.1} MiB (+{:.1} MiB)  (target <= 64 MiB)",
        up.as_secs_f64(),
        1024.0 / up.as_secs_f64(),
        mib(up_peak),
        mib(up_peak.saturating_sub(baseline))
    );
    println!(
        "  download: {:>5.2} s ({:>6.0} MiB/s), peak RSS {:>6.1} MiB (+{:.1} MiB)  (target <= 64 MiB)",
        down.as_secs_f64(),
        1024.0 / down.as_secs_f64(),
        mib(down_peak),
        mib(down_peak.saturating_sub(baseline))
    );
}

async fn detection_table() {
    println!("Detection of work that finishes after T (virtual time, default schedule)");
    println!(
        "  {:>7}  {:>10}  {:>8}  {:>5}",
        "T", "detected", "overshoot", "polls"
    );
    for secs in [5u64, 30, 120, 600, 1800] {
        let clock = ManualClock::new();
        let shared: SharedClock = Arc::new(clock.clone());
        let start = clock.now();
        let t = Duration::from_secs(secs);
        let probe = || {
            let elapsed = clock.now() - start;
            async move {
                Ok::<_, PollError<()>>(if elapsed < t {
                    Observed::Pending(elapsed)
                } else {
                    Observed::Finished(elapsed)
                })
            }
        };
        let outcome = wait(
            &shared,
            &PollSchedule::new(Duration::from_secs(7200)),
            probe,
            None,
        )
        .await;
        if let Outcome::Finished { state, polls, .. } = outcome {
            println!(
                "  {:>6}s  {:>9.1}s  {:>7.1} %  {:>5}",
                secs,
                state.as_secs_f64(),
                (state.as_secs_f64() / t.as_secs_f64() - 1.0) * 100.0,
                polls
            );
        }
    }
}

async fn callback_latency(base: &str, polls: &AtomicU64) {
    let receiver = CallbackReceiver::start("127.0.0.1:0".parse().expect("addr"), None)
        .await
        .expect("receiver");
    let client = Client::builder(base)
        .api_token("t")
        .build()
        .expect("loopback");
    let mut latencies = Vec::new();
    let before = polls.load(Ordering::SeqCst);
    let rounds = 20;
    for _ in 0..rounds {
        let callback = receiver.expect().expect("secret");
        let (url, ticket) = (callback.url().to_owned(), callback.ticket("42"));
        let waiting = client
            .async_request("42")
            .max_wait(Duration::from_secs(600))
            .callback(ticket);
        let (outcome, sent) = tokio::join!(
            async {
                let outcome = waiting.wait().await.expect("wait");
                (outcome.is_finished(), Instant::now())
            },
            async {
                // Let the first poll happen, then deliver the callback.
                tokio::time::sleep(Duration::from_millis(20)).await;
                let sent = Instant::now();
                reqwest::Client::new()
                    .post(&url)
                    .header("content-type", "application/json")
                    .body(r#"{"asyncRequest":{"id":42,"asyncResponse":{}}}"#)
                    .send()
                    .await
                    .expect("callback");
                sent
            }
        );
        let (finished, ended) = outcome;
        assert!(finished);
        latencies.push(ended.saturating_duration_since(sent));
    }
    latencies.sort();
    let made = polls.load(Ordering::SeqCst) - before;
    println!(
        "Callback to end of wait (loopback, {rounds} waits): median {:.2} ms, max {:.2} ms; polls made {} ({} per wait: the first poll only)  (target <= 50 ms, no further polls)",
        latencies[rounds / 2].as_secs_f64() * 1e3,
        latencies[rounds - 1].as_secs_f64() * 1e3,
        made,
        made as f64 / rounds as f64
    );
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let received = Arc::new(AtomicU64::new(0));
    let polls = Arc::new(AtomicU64::new(0));
    let addr = start_server(received.clone(), polls.clone());
    let base = format!("http://{addr}/web");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        if full {
            transfers(&base, &received).await;
        } else {
            println!("(smoke run: `cargo bench -p tms-tests --bench async_io` moves the 1 GiB)");
        }
        detection_table().await;
        callback_latency(&base, &polls).await;
    });
}
