//! Memsource asynchronous requests and callbacks: pending until `async_delay` has passed,
//! listed while pending; callbacks delivered to the client's receiver, retried on the vendor's
//! (time-scaled) schedule after a failed attempt, and given up after ten retries.

mod memsource_support;

use std::io::Cursor;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use memsource_api::callbacks::CallbackReceiver;
use memsource_api::upload::FileSource;
use memsource_support::{client, seed_project, token, url};
use tms_sandbox::{Sandbox, SandboxConfig};
use tokio::sync::mpsc;

/// Uploads `Hello.` as a job in German with `meta`; returns the create answer.
async fn upload(sandbox: &Sandbox, token: &str, meta: serde_json::Value) -> serde_json::Value {
    let project = seed_project(sandbox);
    let answer = reqwest::Client::new()
        .post(url(sandbox, &format!("v1/projects/{project}/jobs")))
        .header("Authorization", format!("ApiToken {token}"))
        .header(
            "Content-Disposition",
            "attachment; filename*=UTF-8''hello.txt",
        )
        .header("Memsource", meta.to_string())
        .body("Hello.")
        .send()
        .await
        .expect("answered");
    assert_eq!(answer.status(), 201);
    answer.json().await.expect("JSON")
}

async fn get(sandbox: &Sandbox, token: &str, path: &str) -> serde_json::Value {
    reqwest::Client::new()
        .get(url(sandbox, path))
        .header("Authorization", format!("ApiToken {token}"))
        .send()
        .await
        .expect("answered")
        .json()
        .await
        .expect("JSON")
}

#[tokio::test(start_paused = true)]
async fn a_request_stays_pending_until_the_delay_has_passed() {
    let sandbox = Sandbox::start_with(SandboxConfig {
        async_delay: Duration::from_secs(30),
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let token = token(&sandbox).await;
    let created = upload(&sandbox, &token, serde_json::json!({"targetLangs": ["de"]})).await;
    let id = created["asyncRequest"]["id"]
        .as_str()
        .expect("a string id")
        .to_owned();
    assert_eq!(created["asyncRequest"]["action"], "IMPORT_JOB");
    assert_eq!(created["jobs"][0]["imported"], false);

    tokio::time::advance(Duration::from_secs(29)).await;
    let pending = get(&sandbox, &token, &format!("v1/async/{id}")).await;
    assert!(pending["asyncResponse"].is_null(), "{pending}");
    let list = get(&sandbox, &token, "v1/async").await;
    assert_eq!(list["totalElements"], 1);
    assert_eq!(list["content"][0]["id"], id.as_str());
    assert_eq!(
        get(&sandbox, &token, "v1/async/status").await["concurrentRequests"]["count"],
        1
    );

    tokio::time::advance(Duration::from_secs(1)).await;
    let done = get(&sandbox, &token, &format!("v1/async/{id}")).await;
    assert!(done["asyncResponse"]["dateCreated"].is_string(), "{done}");
    assert!(done["asyncResponse"]["errorCode"].is_null());
    assert_eq!(get(&sandbox, &token, "v1/async").await["totalElements"], 0);
    let project = seed_project(&sandbox);
    let jobs = get(&sandbox, &token, &format!("v2/projects/{project}/jobs")).await;
    assert_eq!(jobs["content"][0]["imported"], true);

    let unknown = reqwest::Client::new()
        .get(url(&sandbox, "v1/async/999"))
        .header("Authorization", format!("ApiToken {token}"))
        .send()
        .await
        .expect("answered");
    assert_eq!(unknown.status(), 404);
}

#[tokio::test]
async fn the_client_receiver_gets_the_callback_of_an_upload() {
    let sandbox = Sandbox::start_with(SandboxConfig {
        async_delay: Duration::from_millis(50),
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let receiver = CallbackReceiver::start(([127, 0, 0, 1], 0).into(), None)
        .await
        .expect("receiver");
    let callback = receiver.expect().expect("a callback URL");
    let client = client(&sandbox);
    let import = client
        .upload_jobs(seed_project(&sandbox).as_str())
        .file(FileSource::reader(
            "cb.txt",
            Cursor::new(b"Hello.".to_vec()),
        ))
        .targets(["de"])
        .callback(&callback)
        .max_wait(Duration::from_secs(10))
        .await
        .expect("imported");
    assert!(import.outcome.is_finished(), "{:?}", import.outcome);
    let id = import
        .jobs
        .async_request
        .and_then(|r| r.id)
        .expect("an id")
        .to_string();
    let mut attempts = sandbox.memsource().watch_callback_attempts();
    tokio::time::timeout(Duration::from_secs(10), attempts.wait_for(|n| *n >= 1))
        .await
        .expect("recorded in time")
        .expect("the sandbox runs");
    let delivered = sandbox.memsource().callbacks_delivered();
    assert_eq!(delivered.len(), 1, "{delivered:?}");
    assert_eq!(delivered[0].async_request_id, id);
    assert_eq!(delivered[0].attempt, 1);
}

async fn next(
    calls: &mut mpsc::UnboundedReceiver<(StatusCode, serde_json::Value)>,
) -> (StatusCode, serde_json::Value) {
    tokio::time::timeout(Duration::from_secs(10), calls.recv())
        .await
        .expect("a callback in time")
        .expect("the receiver runs")
}

/// A receiver's call count and where it reports each call.
type Seen = Arc<Mutex<(u32, mpsc::UnboundedSender<(StatusCode, serde_json::Value)>)>>;

/// A receiver that answers 500 to the first POST and 200 afterwards, reporting each body.
async fn flaky_receiver() -> (
    String,
    mpsc::UnboundedReceiver<(StatusCode, serde_json::Value)>,
) {
    let (tx, rx) = mpsc::unbounded_channel();
    let seen = Arc::new(Mutex::new((0u32, tx)));
    async fn receive(State(seen): State<Seen>, body: axum::body::Bytes) -> StatusCode {
        let mut seen = seen.lock().expect("not poisoned");
        seen.0 += 1;
        let status = if seen.0 == 1 {
            StatusCode::INTERNAL_SERVER_ERROR
        } else {
            StatusCode::OK
        };
        let body = serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
        let _ = seen.1.send((status, body));
        status
    }
    let app = axum::Router::new()
        .route("/hook", axum::routing::post(receive))
        .with_state(seen);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (format!("http://{addr}/hook"), rx)
}

#[tokio::test]
async fn a_failed_callback_is_retried_after_two_vendor_minutes() {
    let minute = Duration::from_millis(25);
    let sandbox = Sandbox::start_with(SandboxConfig {
        async_delay: Duration::from_millis(10),
        callback_minute: minute,
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let (hook, mut calls) = flaky_receiver().await;
    let token = token(&sandbox).await;
    let started = tokio::time::Instant::now();
    let created = upload(
        &sandbox,
        &token,
        serde_json::json!({"targetLangs": ["de"], "callbackUrl": hook}),
    )
    .await;
    let id: u64 = created["asyncRequest"]["id"]
        .as_str()
        .and_then(|id| id.parse().ok())
        .expect("numeric id");
    let (first_status, first) = next(&mut calls).await;
    let first_at = started.elapsed();
    let (second_status, second) = next(&mut calls).await;
    let gap = started.elapsed() - first_at;
    assert_eq!(
        (first_status, second_status),
        (StatusCode::INTERNAL_SERVER_ERROR, StatusCode::OK)
    );
    assert_eq!(first, second, "a retry sends the same body");
    assert_eq!(
        second["asyncRequest"]["id"], id,
        "callbacks carry the id as a number"
    );
    assert!(second["asyncRequest"]["asyncResponse"]["dateCreated"].is_string());
    assert_eq!(second["jobParts"][0]["filename"], "hello.txt");
    assert!(gap >= minute * 2, "retried after {gap:?}");

    let mut recorded = sandbox.memsource().watch_callback_attempts();
    tokio::time::timeout(Duration::from_secs(10), recorded.wait_for(|n| *n >= 2))
        .await
        .expect("recorded in time")
        .expect("the sandbox runs");
    let attempts = sandbox.memsource().callback_attempts();
    assert_eq!(
        attempts
            .iter()
            .map(|a| (a.attempt, a.status))
            .collect::<Vec<_>>(),
        [(1, Some(500)), (2, Some(200))]
    );
    assert_eq!(sandbox.memsource().callbacks_delivered().len(), 1);
}

#[tokio::test(start_paused = true)]
async fn an_unreachable_callback_is_tried_eleven_times_then_given_up() {
    let sandbox = Sandbox::start_with(SandboxConfig {
        async_delay: Duration::from_millis(10),
        ..Default::default()
    })
    .await
    .expect("sandbox starts");
    let closed = {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind");
        listener.local_addr().expect("address")
    };
    let token = token(&sandbox).await;
    upload(
        &sandbox,
        &token,
        serde_json::json!({"targetLangs": ["de"], "callbackUrl": format!("http://{closed}/gone")}),
    )
    .await;
    // The schedule is 2+4+8+16+6×30 = 210 vendor minutes of 100 ms: 21 s on the paused clock.
    tokio::time::sleep(Duration::from_secs(20)).await;
    let attempts = sandbox.memsource().callback_attempts().len();
    assert_eq!(attempts, 10, "the last retry is not due yet");
    tokio::time::sleep(Duration::from_secs(2)).await;
    let attempts = sandbox.memsource().callback_attempts();
    assert_eq!(attempts.len(), 11);
    assert!(
        attempts
            .iter()
            .all(|a| a.status.is_none() && !a.delivered())
    );
    tokio::time::sleep(Duration::from_secs(3600)).await;
    assert_eq!(
        sandbox.memsource().callback_attempts().len(),
        11,
        "then it stops"
    );
}
