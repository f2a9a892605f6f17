//! Waiting for asynchronous requests, the flows (progress, cancellation, local I/O errors), the
//! pending-request cap and pagination, against typed mocks on virtual time.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::TryStreamExt;
use httpmock::{HttpMockResponse, MockServer};
use memsource_api::async_requests::AsyncOutcome;
use memsource_api::flows::Progress;
use memsource_api::lang;
use memsource_api::paging::all;
use memsource_api::upload::{FileSource, content_disposition};
use memsource_api::{Client, Error, types};
use memsource_api_httpmock::MockServerExt;
use std::future::IntoFuture;
use tms_runtime::clock::{Clock, ManualClock, Sleep};

const PROJECT: &str = "pRoJ3ct";

fn client(server: &MockServer, clock: &ManualClock) -> Client {
    Client::builder(server.base_url())
        .api_token("t0k3n")
        .clock(Arc::new(clock.clone()))
        .jitter_seed(5)
        .build()
        .expect("loopback URL")
}

/// `async/{id}` answers pending `pending` times, then `last` (a JSON asyncResponse).
fn async_sequence(
    server: &MockServer,
    id: &str,
    pending: usize,
    last: &'static str,
) -> Arc<AtomicUsize> {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    let id = id.to_owned();
    server.async_request_get(|when, then| {
        when.async_request_id(&id.as_str().into());
        then.into_inner().respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            let response = if n < pending { "null" } else { last };
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(format!(
                    r#"{{"id":"{id}","action":"IMPORT_JOB","asyncResponse":{response}}}"#
                ))
                .build()
        });
    });
    calls
}

const DONE_WITH_WARNING: &str = r#"{"dateCreated":"2026-11-25T10:02:31+0000","warnings":[{"code":"MT_NOT_AVAILABLE","message":"no MT for ja"}]}"#;

#[tokio::test]
async fn waits_until_finished_and_reports_warnings() {
    let server = MockServer::start_async().await;
    let calls = async_sequence(&server, "123456", 3, DONE_WITH_WARNING);
    let clock = ManualClock::new();
    let outcome = client(&server, &clock)
        .async_request("123456")
        .wait()
        .await
        .expect("polls succeed");
    match outcome {
        AsyncOutcome::Finished {
            warnings, polls, ..
        } => {
            assert_eq!(polls, 4);
            assert_eq!(warnings[0].code.as_deref(), Some("MT_NOT_AVAILABLE"));
        }
        other => panic!("expected Finished, got {other:?}"),
    }
    assert_eq!(calls.load(Ordering::SeqCst), 4);
    // The schedule: min_delay first, then 10 % of the elapsed time, shortened by jitter.
    let sleeps = clock.sleeps();
    assert_eq!(sleeps.len(), 3);
    assert!(
        sleeps
            .iter()
            .all(|s| *s >= Duration::from_millis(400) && *s <= Duration::from_millis(500)),
        "{sleeps:?}"
    );
}

#[tokio::test]
async fn a_failed_request_is_an_outcome_with_the_vendor_error() {
    let server = MockServer::start_async().await;
    async_sequence(
        &server,
        "7",
        1,
        r#"{"errorCode":"TmExportFailed","errorDesc":"Export failed","errorDetails":[{"code":"NOT_FOUND","message":"no TM"}]}"#,
    );
    let outcome = client(&server, &ManualClock::new())
        .async_request("7")
        .wait()
        .await
        .expect("polls succeed");
    match outcome {
        AsyncOutcome::Failed {
            error_code,
            error_desc,
            details,
            ..
        } => {
            assert_eq!(error_code, "TmExportFailed");
            assert_eq!(error_desc.as_deref(), Some("Export failed"));
            assert_eq!(details.len(), 1);
        }
        other => panic!("expected Failed, got {other:?}"),
    }
}

#[tokio::test]
async fn a_wait_times_out_with_the_last_state() {
    let server = MockServer::start_async().await;
    async_sequence(&server, "8", usize::MAX, "null");
    let outcome = client(&server, &ManualClock::new())
        .async_request("8")
        .max_wait(Duration::from_secs(20))
        .wait()
        .await
        .expect("polls succeed");
    match outcome {
        AsyncOutcome::TimedOut {
            elapsed,
            polls,
            last,
        } => {
            assert_eq!(elapsed, Duration::from_secs(20));
            assert!(polls >= 2);
            assert_eq!(
                last.and_then(|r| r.id).map(|id| id.to_string()),
                Some("8".to_owned())
            );
        }
        other => panic!("expected TimedOut, got {other:?}"),
    }
}

#[tokio::test]
async fn an_unknown_id_stops_polling() {
    let server = MockServer::start_async().await;
    let missing = server.async_request_get(|_when, then| {
        then.into_inner()
            .status(404)
            .header("content-type", "application/json")
            .body(r#"{"errorCode":"NOT_FOUND","errorDescription":"Async request not found"}"#);
    });
    let err = client(&server, &ManualClock::new())
        .async_request("999")
        .wait()
        .await
        .expect_err("404");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404));
    missing.assert_calls_async(1).await;
}

#[tokio::test]
async fn transient_poll_errors_keep_polling() {
    let server = MockServer::start_async().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    server.async_request_get(|_when, then| {
        then.into_inner().respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            if n < 6 {
                HttpMockResponse::builder().status(503).build()
            } else {
                HttpMockResponse::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .body(r#"{"id":"5","asyncResponse":{}}"#)
                    .build()
            }
        });
    });
    let outcome = client(&server, &ManualClock::new())
        .async_request("5")
        .wait()
        .await
        .expect("keeps polling through 503s");
    assert!(outcome.is_finished(), "{outcome:?}");
}

#[tokio::test]
async fn polling_survives_429_and_api_limit_reached_and_honours_retry_after() {
    let server = MockServer::start_async().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    server.async_request_get(|when, then| {
        when.async_request_id(&"11".into());
        then.into_inner().respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            match n {
                // A run of throttled answers, longer than the client's own retries.
                0..4 => HttpMockResponse::builder()
                    .status(429)
                    .header("retry-after", "7")
                    .build(),
                // Memsource's own way of saying the same: 403 ApiLimitReached.
                4..8 => HttpMockResponse::builder()
                    .status(403)
                    .header("retry-after", "11")
                    .header("content-type", "application/json")
                    .body(r#"{"errorCode":"ApiLimitReached","errorDescription":"API Limitations"}"#)
                    .build(),
                _ => HttpMockResponse::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .body(r#"{"id":"11","asyncResponse":{}}"#)
                    .build(),
            }
        });
    });
    let clock = ManualClock::new();
    let outcome = client(&server, &clock)
        .async_request("11")
        .wait()
        .await
        .expect("throttling does not end the wait");
    assert!(
        matches!(outcome, AsyncOutcome::Finished { polls: 3, .. }),
        "{outcome:?}"
    );
    assert_eq!(calls.load(Ordering::SeqCst), 9);
    // Each poll's call retries three times after Retry-After; then the poller itself waits at
    // least Retry-After (the schedule alone would wait well under 7 s this early).
    let secs = |s: u64| Duration::from_secs(s);
    assert_eq!(
        clock.sleeps(),
        [
            secs(7),
            secs(7),
            secs(7),
            secs(7),
            secs(11),
            secs(11),
            secs(11),
            secs(11)
        ]
    );
}

#[tokio::test]
async fn the_state_stream_shows_progress() {
    let server = MockServer::start_async().await;
    async_sequence(&server, "9", 2, "{}");
    let states: Vec<_> = client(&server, &ManualClock::new())
        .async_request("9")
        .states()
        .try_collect()
        .await
        .expect("all polls succeed");
    let finished: Vec<bool> = states.iter().map(|s| s.async_response.is_some()).collect();
    assert_eq!(finished, [false, false, true]);
}

#[tokio::test]
async fn upload_a_file_as_jobs_and_wait_for_the_import() {
    let server = MockServer::start_async().await;
    server.async_request_status(|_when, then| {
        then.ok(&types::AsyncRequestStatusDto::default());
    });
    let dir = std::env::temp_dir().join(format!("tms-rs-flow-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("Zürich 東京.docx");
    std::fs::write(&path, b"PK fake docx bytes").expect("write");
    let create = server.job_create(|when, then| {
        when.project_uid(&PROJECT.into())
            .content_disposition(content_disposition("Zürich 東京.docx").as_str())
            .into_inner()
            .body("PK fake docx bytes");
        then.into_inner()
            .status(201)
            .header("content-type", "application/json")
            .body(r#"{"jobs":[{"uid":"j1","targetLang":"de"}],"asyncRequest":{"id":"321","action":"IMPORT_JOB"}}"#);
    });
    async_sequence(&server, "321", 1, "{}");
    let meta = types::JobCreateRequestDto::try_from(
        types::JobCreateRequestDto::builder()
            .target_langs(vec!["ja".into()])
            .path(Some("Zürich/東京".into())),
    )
    .expect("valid meta");
    let (events, progress) = recorder();
    let import = client(&server, &ManualClock::new())
        .upload_jobs(PROJECT)
        .file(FileSource::path(&path))
        .meta(meta)
        .targets([lang::from_bcp47("de").expect("known")])
        .max_wait(Duration::from_secs(600))
        .progress(progress)
        .await
        .expect("imported");
    create.assert_async().await;
    assert!(import.outcome.is_finished());
    assert_eq!(import.job_uids().expect("uids"), ["j1"]);
    // The bytes as the body read them, the request, one pending poll, the end.
    let events = events.lock().expect("events").clone();
    let pending = |polls| Progress::Pending {
        id: "321".into(),
        polls,
        elapsed: Duration::ZERO,
    };
    assert_eq!(
        events,
        [
            Progress::Uploading {
                sent: 18,
                total: Some(18)
            },
            Progress::Started { id: "321".into() },
            pending(1),
            Progress::Done
        ]
    );
    std::fs::remove_dir_all(&dir).ok();
}

/// A progress callback that records every report.
#[allow(clippy::type_complexity)]
fn recorder() -> (
    Arc<Mutex<Vec<Progress>>>,
    impl Fn(Progress) + Send + Sync + 'static,
) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    (events, move |p| {
        sink.lock().expect("events").push(p);
    })
}

/// A job create mock that reads the whole upload and starts the import `id`.
fn job_create_starts<'a>(server: &'a MockServer, id: &str) -> httpmock::Mock<'a> {
    let body = format!(
        r#"{{"jobs":[{{"uid":"j1","targetLang":"de"}}],"asyncRequest":{{"id":"{id}","action":"IMPORT_JOB"}}}}"#
    );
    server.job_create(|when, then| {
        when.project_uid(&PROJECT.into());
        then.into_inner()
            .status(201)
            .header("content-type", "application/json")
            .body(body);
    })
}

#[tokio::test]
async fn a_flow_without_its_file_or_targets_is_an_invalid_request_and_sends_nothing() {
    let server = MockServer::start_async().await;
    let create = job_create_starts(&server, "1");
    let client = client(&server, &ManualClock::new());
    let err = client
        .upload_jobs(PROJECT)
        .targets(["de"])
        .await
        .expect_err("no file");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    let err = client
        .upload_jobs(PROJECT)
        .file(FileSource::reader("a.txt", &b"x"[..]))
        .await
        .expect_err("no target language");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    let err = client.import_tmx("tm").await.expect_err("no file");
    assert!(matches!(err, Error::InvalidRequest(_)), "{err:?}");
    create.assert_calls_async(0).await;
}

#[tokio::test]
async fn an_upload_that_cannot_be_opened_or_read_is_an_io_error() {
    let server = MockServer::start_async().await;
    server.async_request_status(|_when, then| {
        then.ok(&types::AsyncRequestStatusDto::default());
    });
    let client = client(&server, &ManualClock::new());
    let err = client
        .upload_jobs(PROJECT)
        .file(FileSource::path("/nonexistent/tms-rs/manual.docx"))
        .targets(["de"])
        .await
        .expect_err("no such file");
    match &err {
        Error::Io { source, .. } => assert_eq!(source.kind(), std::io::ErrorKind::NotFound),
        other => panic!("expected Io, got {other:?}"),
    }
    assert!(err.status().is_none());

    // A reader that breaks after its first chunk.
    let broken = futures::stream::iter([
        Ok(bytes::Bytes::from_static(b"PK first chunk")),
        Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "the archive ends early",
        )),
    ]);
    let reader = tokio_util::io::StreamReader::new(broken);
    let (events, progress) = recorder();
    let err = client
        .upload_jobs(PROJECT)
        .file(FileSource::reader("manual.docx", reader))
        .targets(["de"])
        .progress(progress)
        .await
        .expect_err("the reader fails");
    match &err {
        Error::Io { source, context } => {
            assert_eq!(
                source.kind(),
                std::io::ErrorKind::UnexpectedEof,
                "{context}"
            );
            assert!(context.contains("manual.docx"), "{context}");
        }
        other => panic!("expected Io, got {other:?}"),
    }
    assert_eq!(
        events.lock().expect("events").first(),
        Some(&Progress::Uploading {
            sent: 14,
            total: None
        })
    );
}

#[tokio::test]
async fn export_wait_and_download_into_a_writer() {
    let server = MockServer::start_async().await;
    server.async_request_status(|_when, then| {
        then.ok(&types::AsyncRequestStatusDto::default());
    });
    // The documented v2 paths, for the export and for the download.
    let export_mock = server.job_export_target_file(|when, then| {
        when.into_inner()
            .path("/api2/v2/projects/pRoJ3ct/jobs/j1/targetFile");
        then.into_inner()
            .status(202)
            .header("content-type", "application/json")
            .body(r#"{"asyncRequest":{"id":"654","action":"EXPORT_COMPLETE_FILE"}}"#);
    });
    async_sequence(&server, "654", 2, "{}");
    let download = server.job_download_target_file(|when, then| {
        when.into_inner()
            .path("/api2/v2/projects/pRoJ3ct/jobs/j1/downloadTargetFile/654");
        then.into_inner()
            .status(200)
            .header("content-type", "application/octet-stream")
            .body("translated bytes");
    });
    let mut written = Vec::new();
    let (events, progress) = recorder();
    let export = client(&server, &ManualClock::new())
        .export_target(PROJECT, "j1")
        .to_writer(&mut written)
        .max_wait(Duration::from_secs(600))
        .progress(progress)
        .wait()
        .await
        .expect("exported");
    assert!(export.outcome.is_finished());
    assert_eq!(export.request_id, "654");
    export_mock.assert_async().await;
    download.assert_async().await;
    assert_eq!(export.written, 16);
    assert_eq!(written, b"translated bytes");
    let events = events.lock().expect("events").clone();
    assert_eq!(
        events.first(),
        Some(&Progress::Started { id: "654".into() })
    );
    let polls: Vec<u32> = events
        .iter()
        .filter_map(|p| match p {
            Progress::Pending { polls, .. } => Some(*polls),
            _ => None,
        })
        .collect();
    assert_eq!(polls, [1, 2]);
    assert_eq!(
        events[events.len() - 2..],
        [
            Progress::Downloading {
                written: 16,
                total: Some(16)
            },
            Progress::Done
        ]
    );
}

/// A writer whose disk is full.
struct FullDisk;

impl tokio::io::AsyncWrite for FullDisk {
    fn poll_write(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
        _buf: &[u8],
    ) -> std::task::Poll<std::io::Result<usize>> {
        std::task::Poll::Ready(Err(std::io::Error::new(
            std::io::ErrorKind::StorageFull,
            "no space left on device",
        )))
    }

    fn poll_flush(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }

    fn poll_shutdown(
        self: std::pin::Pin<&mut Self>,
        _cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<std::io::Result<()>> {
        std::task::Poll::Ready(Ok(()))
    }
}

#[tokio::test]
async fn a_download_that_cannot_be_written_is_an_io_error() {
    let server = MockServer::start_async().await;
    server.async_request_status(|_when, then| {
        then.ok(&types::AsyncRequestStatusDto::default());
    });
    server.job_export_target_file(|_when, then| {
        then.into_inner()
            .status(202)
            .header("content-type", "application/json")
            .body(r#"{"asyncRequest":{"id":"655","action":"EXPORT_COMPLETE_FILE"}}"#);
    });
    async_sequence(&server, "655", 0, "{}");
    server.job_download_target_file(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/octet-stream")
            .body("translated bytes");
    });
    let err = client(&server, &ManualClock::new())
        .export_target(PROJECT, "j1")
        .to_writer(FullDisk)
        .await
        .expect_err("the disk is full");
    match &err {
        Error::Io { source, .. } => assert_eq!(source.kind(), std::io::ErrorKind::StorageFull),
        other => panic!("expected Io, got {other:?}"),
    }
    assert!(err.to_string().contains("no space left"), "{err}");
}

/// Virtual time whose sleeps stay pending until the gate opens: a wait parks in its first sleep
/// between polls, and anything still polling after the gate opens (a task left behind by a
/// dropped flow) runs on at full speed.
#[derive(Debug, Clone)]
struct GateClock {
    time: ManualClock,
    open: Arc<tokio::sync::watch::Sender<bool>>,
}

impl GateClock {
    fn new() -> Self {
        Self {
            time: ManualClock::new(),
            open: Arc::new(tokio::sync::watch::Sender::new(false)),
        }
    }
}

impl Clock for GateClock {
    fn now(&self) -> std::time::Instant {
        self.time.now()
    }

    fn system_now(&self) -> std::time::SystemTime {
        self.time.system_now()
    }

    fn sleep(&self, duration: Duration) -> Sleep {
        let step = self.time.sleep(duration);
        let mut open = self.open.subscribe();
        Box::pin(async move {
            step.await;
            let _ = open.wait_for(|open| *open).await;
        })
    }
}

#[tokio::test]
async fn dropping_a_flow_mid_wait_stops_polling_and_frees_its_slot() {
    let server = MockServer::start_async().await;
    // One free slot: the flow holds it while it waits.
    server.async_request_status(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"concurrentRequests":{"limit":1,"count":0}}"#);
    });
    server.job_export_target_file(|_when, then| {
        then.into_inner()
            .status(202)
            .header("content-type", "application/json")
            .body(r#"{"asyncRequest":{"id":"777","action":"EXPORT_COMPLETE_FILE"}}"#);
    });
    let polls = async_sequence(&server, "777", usize::MAX, "null");
    let clock = GateClock::new();
    let client = Client::builder(server.base_url())
        .api_token("t0k3n")
        .clock(Arc::new(clock.clone()))
        .build()
        .expect("loopback URL");
    let pending = Arc::new(tokio::sync::Notify::new());
    let seen = pending.clone();
    let mut flow = Box::pin(
        client
            .export_target(PROJECT, "j1")
            .to_writer(Vec::new())
            .progress(move |p| {
                if matches!(p, Progress::Pending { .. }) {
                    seen.notify_one();
                }
            })
            .into_future(),
    );
    tokio::select! {
        result = &mut flow => panic!("the export never finishes: {result:?}"),
        () = pending.notified() => {}
    }
    // The first poll said pending; the flow now sleeps before the second.
    assert!(futures::poll!(flow.as_mut()).is_pending());
    assert_eq!(polls.load(Ordering::SeqCst), 1);
    assert!(
        futures::poll!(Box::pin(client.async_slot())).is_pending(),
        "the flow holds the only slot"
    );
    drop(flow);
    // Time runs freely again: whatever still waited would poll now, many times over.
    clock.open.send_replace(true);
    for _ in 0..100 {
        tokio::task::yield_now().await;
    }
    // A round trip to the server, so a poll in flight would have arrived.
    client.async_request_status().send().await.expect("status");
    assert_eq!(polls.load(Ordering::SeqCst), 1, "no poll after the drop");
    let slot = client.async_slot().await;
    assert!(slot.is_some(), "the dropped flow gave its slot back");
}

#[tokio::test]
async fn a_burst_waits_for_a_free_pending_slot() {
    let server = MockServer::start_async().await;
    let status = server.async_request_status(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(r#"{"concurrentRequests":{"limit":200,"count":198}}"#);
    });
    let client = client(&server, &ManualClock::new());
    let first = client.async_slot().await.expect("limited");
    let second = client.async_slot().await.expect("limited");
    // Both free slots are taken: a third caller waits.
    let mut third = Box::pin(client.async_slot());
    assert!(futures::poll!(third.as_mut()).is_pending());
    drop(first);
    let third = third.await.expect("limited");
    drop((second, third));
    status.assert_calls_async(1).await;
}

/// An analysis create mock whose one asynchronous request `id` finishes at the first poll.
fn one_analysis(server: &MockServer, id: &'static str) {
    server.analysis_create(|_when, then| {
        then.into_inner()
            .status(200)
            .header("content-type", "application/json")
            .body(format!(
                r#"{{"asyncRequests":[{{"asyncRequest":{{"id":"{id}","action":"PRE_ANALYSE"}},"analyse":{{"id":"a{id}"}}}}]}}"#
            ));
    });
    async_sequence(server, id, 0, "{}");
}

#[tokio::test]
async fn flows_run_without_the_cap_when_async_status_is_refused() {
    for (status, body) in [
        (
            403,
            r#"{"errorCode":"AuthAccessDenied","errorDescription":"not for your role"}"#,
        ),
        (404, r#"{"errorCode":"NOT_FOUND"}"#),
    ] {
        let server = MockServer::start_async().await;
        let status_mock = server.async_request_status(|_when, then| {
            then.into_inner()
                .status(status)
                .header("content-type", "application/json")
                .body(body);
        });
        one_analysis(&server, "31");
        let client = client(&server, &ManualClock::new());
        for _ in 0..2 {
            let outcomes = client
                .analyse(["j1"])
                .max_wait(Duration::from_secs(600))
                .await
                .unwrap_or_else(|e| panic!("{status}: the flow runs without the cap: {e}"));
            assert_eq!(outcomes.len(), 1);
            assert!(
                outcomes[0].outcome.is_finished(),
                "{status}: {:?}",
                outcomes[0].outcome
            );
        }
        assert!(client.async_slot().await.is_none(), "{status}: no cap");
        // A refusal is remembered: the session does not ask again.
        status_mock.assert_calls_async(1).await;
    }
}

#[tokio::test]
async fn a_server_error_on_async_status_is_asked_again_by_the_next_flow() {
    let server = MockServer::start_async().await;
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    server.async_request_status(|_when, then| {
        then.into_inner().respond_with(move |_| {
            // Down for the first flow, back for the second.
            if seen.fetch_add(1, Ordering::SeqCst) == 0 {
                HttpMockResponse::builder()
                    .status(500)
                    .header("content-type", "application/json")
                    .body(r#"{"errorCode":"InternalError"}"#)
                    .build()
            } else {
                HttpMockResponse::builder()
                    .status(200)
                    .header("content-type", "application/json")
                    .body(r#"{"concurrentRequests":{"limit":200,"count":199}}"#)
                    .build()
            }
        });
    });
    one_analysis(&server, "32");
    let client = client(&server, &ManualClock::new());
    for _ in 0..2 {
        let outcomes = client
            .analyse(["j1"])
            .wait()
            .await
            .expect("the flow runs without the cap");
        assert!(outcomes[0].outcome.is_finished());
    }
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    // The second answer set the cap: one slot free, and it is kept for the session.
    let slot = client.async_slot().await.expect("limited");
    assert!(futures::poll!(Box::pin(client.async_slot())).is_pending());
    drop(slot);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}

/// A paged list mock: `total` projects in pages of at most `max` (a larger size is refused with
/// "Maximum value is: max"); optionally answers page 0 whatever is asked.
fn paged_projects(server: &MockServer, total: usize, max: usize, stuck: bool) -> Arc<AtomicUsize> {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    server.project_list(|_when, then| {
        then.into_inner().respond_with(move |req| {
            seen.fetch_add(1, Ordering::SeqCst);
            let q = |k: &str| {
                req.query_params()
                    .into_iter()
                    .find(|(n, _)| n == k)
                    .and_then(|(_, v)| v.parse::<usize>().ok())
                    .unwrap_or(0)
            };
            let (page, size) = (if stuck { 0 } else { q("pageNumber") }, q("pageSize"));
            if size > max {
                return HttpMockResponse::builder()
                    .status(400)
                    .header("content-type", "application/json")
                    .body(format!(
                        r#"{{"errorCode":"InvalidArguments","errorDescription":"pageSize: Maximum value is: {max}"}}"#
                    ))
                    .build();
            }
            let pages = total.div_ceil(size.max(1));
            let content: Vec<_> = (page * size..total.min((page + 1) * size))
                .map(|i| serde_json::json!({ "uid": format!("p{i}") }))
                .collect();
            let body = serde_json::json!({
                "totalElements": total, "totalPages": pages, "pageSize": size,
                "pageNumber": page, "numberOfElements": content.len(), "content": content
            });
            HttpMockResponse::builder()
                .status(200)
                .header("content-type", "application/json")
                .body(body.to_string())
                .build()
        });
    });
    calls
}

async fn list_all(client: &Client, page_size: i32) -> Result<Vec<String>, Error> {
    all(page_size, |page, size| {
        client
            .project_list()
            .page_number(page)
            .page_size(size)
            .send()
    })
    .map_ok(|p| p.uid.map(String::from).unwrap_or_default())
    .try_collect()
    .await
}

#[tokio::test]
async fn pagination_over_zero_one_and_many_pages() {
    for (total, expected_calls) in [(0usize, 1usize), (7, 1), (123, 3)] {
        let server = MockServer::start_async().await;
        let calls = paged_projects(&server, total, 50, false);
        let uids = list_all(&client(&server, &ManualClock::new()), 50)
            .await
            .expect("list");
        assert_eq!(uids.len(), total);
        assert_eq!(
            uids.last().cloned(),
            total.checked_sub(1).map(|i| format!("p{i}"))
        );
        assert_eq!(
            calls.load(Ordering::SeqCst),
            expected_calls,
            "{total} projects"
        );
    }
}

#[tokio::test]
async fn pagination_shrinks_the_page_size_the_server_refuses() {
    let server = MockServer::start_async().await;
    let calls = paged_projects(&server, 45, 20, false);
    let uids = list_all(&client(&server, &ManualClock::new()), 50)
        .await
        .expect("list");
    assert_eq!(uids.len(), 45);
    // One refusal, then three pages of 20.
    assert_eq!(calls.load(Ordering::SeqCst), 4);
}

#[tokio::test]
async fn pagination_stops_on_a_page_that_does_not_advance() {
    let server = MockServer::start_async().await;
    paged_projects(&server, 120, 50, true);
    let err = list_all(&client(&server, &ManualClock::new()), 50)
        .await
        .expect_err("stuck on page 0");
    assert!(matches!(err, Error::Protocol(_)), "{err:?}");
}
