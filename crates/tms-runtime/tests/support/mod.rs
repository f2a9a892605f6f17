//! What the engine tests share: a vendor whose error body has a `code`, an engine on a manual
//! clock, and an endpoint that fails a given number of times before it answers 201.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use httpmock::{HttpMockResponse, MockServer};
use tms_runtime::clock::ManualClock;
use tms_runtime::engine::{Engine, Idempotency, OperationPolicy, Vendor};
use tms_runtime::error::ErrorBody;
use tms_runtime::retry::{Backoff, RetryPolicy};
use tms_runtime::transport::{TransportConfig, http_client, login_client};

#[derive(Debug, serde::Deserialize)]
pub struct Body {
    code: Option<String>,
}

impl ErrorBody for Body {
    const VENDOR: &'static str = "Test";
    type Code = String;

    fn code(&self) -> Option<String> {
        self.code.clone()
    }

    fn message(&self) -> Option<&str> {
        None
    }
}

pub struct TestVendor;

impl Vendor for TestVendor {
    const NAME: &'static str = "test";
    type ErrorBody = Body;
}

#[allow(dead_code)]
pub const CREATE: OperationPolicy = OperationPolicy {
    idempotency: Idempotency::Unsafe,
    ..OperationPolicy::UNKNOWN
};

pub fn engine(clock: &ManualClock) -> (Engine, reqwest::Client) {
    let transport = TransportConfig::default();
    let engine = Engine::new(
        RetryPolicy::default(),
        Arc::new(clock.clone()),
        Backoff::seeded(3),
        login_client(&transport).expect("login client"),
    );
    (engine, http_client(&transport).expect("client"))
}

/// A `/jobs` endpoint that answers the first `failures` requests with `status` (and
/// `Retry-After: 2`), then 201 with `{}`; returns the count of requests it saw.
pub fn flaky_jobs(server: &MockServer, failures: usize, status: u16) -> Arc<AtomicUsize> {
    let calls = Arc::new(AtomicUsize::new(0));
    let seen = calls.clone();
    server.mock(|when, then| {
        when.path("/jobs");
        then.respond_with(move |_| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            if n < failures {
                HttpMockResponse::builder()
                    .status(status)
                    .header("retry-after", "2")
                    .build()
            } else {
                HttpMockResponse::builder()
                    .status(201)
                    .header("content-type", "application/json")
                    .body("{}")
                    .build()
            }
        });
    });
    calls
}
