//! The fault layer: each fault does what it says, over real loopback connections.

use tms_sandbox::{Burst, Faults, Sandbox};

async fn get(sandbox: &Sandbox, path: &str) -> reqwest::Result<reqwest::Response> {
    reqwest::get(format!("{}{path}", sandbox.base_url())).await
}

#[tokio::test]
async fn faults_round_trip_through_the_control_endpoint() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let client = reqwest::Client::new();
    let wanted = Faults {
        error_503: 0.25,
        latency_ms: 3,
        ..Default::default()
    };
    let put = client
        .put(format!("{}/_sandbox/faults", sandbox.base_url()))
        .json(&wanted)
        .send()
        .await
        .expect("put faults");
    assert_eq!(put.status(), 204);
    let got: Faults = get(&sandbox, "/_sandbox/faults")
        .await
        .expect("get")
        .json()
        .await
        .expect("json");
    assert_eq!(got, wanted);

    let typo = client
        .put(format!("{}/_sandbox/faults", sandbox.base_url()))
        .body(r#"{"eror_503": 1}"#)
        .header("content-type", "application/json")
        .send()
        .await
        .expect("put typo");
    assert_eq!(
        typo.status(),
        422,
        "unknown fault names are refused, not ignored"
    );
}

#[tokio::test]
async fn a_503_share_of_one_refuses_every_api_request_but_not_the_control_endpoints() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    sandbox.set_faults(Faults {
        error_503: 1.0,
        ..Default::default()
    });
    let answer = get(&sandbox, "/memoqserverhttpapi/v1/tms")
        .await
        .expect("answered");
    assert_eq!(answer.status(), 503);
    let answer = get(&sandbox, "/web/api2/v1/projects")
        .await
        .expect("answered");
    assert_eq!(answer.status(), 503);
    assert_eq!(
        get(&sandbox, "/_sandbox/stats")
            .await
            .expect("stats")
            .status(),
        200
    );
    let stats = sandbox.fault_stats();
    assert_eq!((stats.requests, stats.injected_503), (2, 2));
}

#[tokio::test]
async fn a_reset_drops_the_connection_without_an_answer() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    sandbox.set_faults(Faults {
        reset: 1.0,
        ..Default::default()
    });
    let error = get(&sandbox, "/web/api2/v1/projects")
        .await
        .expect_err("no answer");
    assert!(!error.is_status() && !error.is_timeout(), "{error:?}");
    assert_eq!(sandbox.fault_stats().resets, 1);
}

#[tokio::test]
async fn a_429_burst_refuses_the_start_of_each_period_with_retry_after() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    sandbox.set_faults(Faults {
        burst_429: Some(Burst::new(3, 2, 7)),
        ..Default::default()
    });
    let mut statuses = Vec::new();
    for _ in 0..6 {
        let answer = get(&sandbox, "/web/api2/v1/nothing-here")
            .await
            .expect("answered");
        if answer.status() == 429 {
            assert_eq!(answer.headers()["retry-after"], "7");
        }
        statuses.push(answer.status().as_u16());
    }
    assert_eq!(statuses, [429, 429, 404, 429, 429, 404]);
}

#[tokio::test]
async fn unknown_paths_get_each_vendors_error_shape() {
    let sandbox = Sandbox::start().await.expect("sandbox starts");
    let memoq: serde_json::Value = get(&sandbox, "/memoqserverhttpapi/v1/nope")
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(memoq["ErrorCode"], "ResourceNotFound");
    let memsource: serde_json::Value = get(&sandbox, "/web/api2/v1/nope")
        .await
        .expect("answer")
        .json()
        .await
        .expect("json");
    assert_eq!(memsource["errorCode"], "ResourceNotFound");
}
