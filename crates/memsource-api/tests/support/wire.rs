//! The wire-snapshot harness of `wire.rs` and `wire_pipeline_{a,b}.rs`.

use serde::de::DeserializeOwned;

pub const JSON: &str = "application/json";
pub const BINARY: &str = "application/octet-stream";

/// A typed request body from JSON; panics when the JSON does not fit the type, which would be a
/// bug in this test.
pub fn json_body<T: DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("test body fits the generated type")
}

/// Runs `$call` against a mock of `$op` that answers `$status` with `$body`, asserts the call
/// succeeded and the token travelled only as a header, and snapshots the request.
macro_rules! wire {
    ($op:ident, $status:expr, $content_type:expr, $body:expr, |$client:ident| $call:expr) => {
        #[tokio::test]
        async fn $op() {
            let (server, $client) = $crate::support::logged_in().await;
            let recorder = tms_testkit::Recorder::default();
            let body: Vec<u8> = $body.into();
            let mock = server.$op(|_when, then| {
                then.into_inner()
                    .respond_with(recorder.responder($status, $content_type, body));
            });
            let result = $call.await;
            assert!(
                result.is_ok(),
                "{} failed: {:?}",
                stringify!($op),
                result.err()
            );
            mock.assert_async().await;
            let request = recorder.only();
            assert!(
                request
                    .headers
                    .iter()
                    .all(|(name, _)| name != "api-version"),
                "the api-version header must be stripped"
            );
            assert!(
                request.query.iter().all(|(name, _)| name != "token"),
                "the token must never travel in the URL"
            );
            insta::assert_yaml_snapshot!(stringify!($op), request);
        }
    };
}
pub(crate) use wire;
