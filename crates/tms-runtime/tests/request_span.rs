//! The `tms.request` span a call runs in: what it records when a subscriber listens (the
//! operation, each attempt, the last status, the time taken). Every other test runs its calls
//! without a subscriber, the path on which the engine skips the span.

mod support;

use std::fmt;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use httpmock::MockServer;
use support::{TestVendor, engine, flaky_jobs};
use tms_runtime::auth::NoLogin;
use tms_runtime::clock::ManualClock;
use tms_runtime::engine::{Auth, Idempotency, OperationPolicy};
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};

/// A read: may be sent again after a 503.
const GET: OperationPolicy = OperationPolicy {
    idempotency: Idempotency::Safe,
    ..OperationPolicy::UNKNOWN
};

/// Every field value recorded on a span named `tms.request`, in order, as `name=value`.
#[derive(Clone, Default)]
struct Recorder {
    fields: Arc<Mutex<Vec<String>>>,
    spans: Arc<Mutex<Vec<u64>>>,
    next: Arc<AtomicU64>,
}

impl Recorder {
    fn fields(&self) -> Vec<String> {
        self.fields.lock().expect("recorder").clone()
    }

    fn push(&self, values: impl FnOnce(&mut dyn Visit)) {
        let mut visitor = Fields(Vec::new());
        values(&mut visitor);
        self.fields.lock().expect("recorder").extend(visitor.0);
    }
}

struct Fields(Vec<String>);

impl Visit for Fields {
    fn record_debug(&mut self, field: &Field, value: &dyn fmt::Debug) {
        self.0.push(format!("{}={value:?}", field.name()));
    }

    fn record_str(&mut self, field: &Field, value: &str) {
        self.0.push(format!("{}={value}", field.name()));
    }
}

impl Subscriber for Recorder {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }

    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let id = self.next.fetch_add(1, Ordering::SeqCst) + 1;
        if span.metadata().name() == "tms.request" {
            self.spans.lock().expect("recorder").push(id);
            self.push(|visitor| span.record(visitor));
        }
        Id::from_u64(id)
    }

    fn record(&self, span: &Id, values: &Record<'_>) {
        if self
            .spans
            .lock()
            .expect("recorder")
            .contains(&span.into_u64())
        {
            self.push(|visitor| values.record(visitor));
        }
    }

    fn record_follows_from(&self, _: &Id, _: &Id) {}

    fn event(&self, _: &Event<'_>) {}

    fn enter(&self, _: &Id) {}

    fn exit(&self, _: &Id) {}
}

/// Reads `/jobs` from `server` once through the engine; the answer's status.
async fn read_jobs(server: &MockServer, clock: &ManualClock) -> u16 {
    let (engine, http) = engine(clock);
    let request = http.get(server.url("/jobs")).build().expect("request");
    engine
        .send(
            &http,
            request,
            "job_list",
            GET,
            TestVendor,
            Auth::<NoLogin>::None,
        )
        .await
        .expect("the second attempt succeeds")
        .status()
        .as_u16()
}

#[tokio::test]
async fn a_listened_call_records_its_operation_attempts_status_and_time() {
    let server = MockServer::start_async().await;
    let calls = flaky_jobs(&server, 1, 503);
    let recorder = Recorder::default();
    let _listening = tracing::subscriber::set_default(recorder.clone());

    let status = read_jobs(&server, &ManualClock::new()).await;

    assert_eq!(status, 201);
    assert_eq!(calls.load(Ordering::SeqCst), 2);
    let fields = recorder.fields();
    for expected in [
        "vendor=test",
        "operation=job_list",
        "method=GET",
        "path=/jobs",
        "attempts=1",
        "status=503",
        "attempts=2",
        "status=201",
    ] {
        assert!(
            fields.iter().any(|f| f == expected),
            "{expected} in {fields:?}"
        );
    }
    // The last values recorded are the final attempt's, then the time taken.
    let last: Vec<&str> = fields.iter().rev().take(3).map(String::as_str).collect();
    assert!(last[0].starts_with("elapsed_ms="), "{fields:?}");
    assert_eq!(&last[1..], ["status=201", "attempts=2"]);
}
