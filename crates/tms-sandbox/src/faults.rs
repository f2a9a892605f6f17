//! Faults on demand: a share of 503s, connections reset after the request was handled, latency,
//! bursts of 429 with `Retry-After`, and expired tokens.
//!
//! Set them in [`SandboxConfig::faults`](crate::SandboxConfig), with
//! [`Sandbox::set_faults`](crate::Sandbox::set_faults), or over HTTP:
//! `PUT /_sandbox/faults` with this module's [`Faults`] as JSON (`GET` reads them back,
//! `GET /_sandbox/stats` reads [`FaultStats`], `POST /_sandbox/expire-tokens` expires every
//! session of both APIs).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};

use crate::Shared;
use crate::server::ConnectionKill;

/// The faults a sandbox injects into API requests (never into `/_sandbox/…`).
///
/// Shares are probabilities between 0 and 1, drawn per request from the sandbox's seeded dice.
///
/// ```
/// let faults = tms_sandbox::Faults { error_503: 0.2, reset: 0.05, ..Default::default() };
/// assert_eq!(faults.latency_ms, 0);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Faults {
    /// Share of requests answered 503 before the server looks at them (nothing is done).
    pub error_503: f64,
    /// Share of requests that are handled in full, after which the connection is dropped
    /// without an answer: the client cannot know whether a write took place.
    pub reset: f64,
    /// Delay added before every API request is handled, in milliseconds.
    pub latency_ms: u64,
    /// Share of authenticated requests answered as if their token had expired.
    pub expired_token: f64,
    /// Bursts of 429 answers.
    pub burst_429: Option<Burst>,
}

/// A burst of 429 answers: of every `every` requests, the first `length` get 429 with
/// `Retry-After: retry_after_secs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Burst {
    /// The period, in requests.
    pub every: u64,
    /// How many requests at the start of each period are refused.
    pub length: u64,
    /// The `Retry-After` value sent, in seconds.
    pub retry_after_secs: u64,
}

impl Burst {
    /// A burst of `length` refusals in every `every` requests, asking to retry after
    /// `retry_after_secs`.
    pub fn new(every: u64, length: u64, retry_after_secs: u64) -> Burst {
        Burst {
            every: every.max(1),
            length,
            retry_after_secs,
        }
    }
}

/// What the sandbox served, and the faults it injected.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FaultStats {
    /// API requests seen (faulted ones included).
    pub requests: u64,
    /// Requests answered 503 by the fault layer.
    pub injected_503: u64,
    /// Connections dropped after handling the request.
    pub resets: u64,
    /// Requests answered 429 by the fault layer.
    pub injected_429: u64,
    /// Requests answered as if their token had expired.
    pub expired_tokens: u64,
}

pub(crate) struct FaultState {
    faults: Mutex<Faults>,
    dice: Mutex<fastrand::Rng>,
    requests: AtomicU64,
    injected_503: AtomicU64,
    resets: AtomicU64,
    injected_429: AtomicU64,
    expired_tokens: AtomicU64,
}

enum Decision {
    Pass,
    Unavailable,
    Reset,
    TooMany(u64),
    Expired,
}

impl FaultState {
    pub(crate) fn new(faults: Faults, seed: u64) -> FaultState {
        FaultState {
            faults: Mutex::new(faults),
            dice: Mutex::new(fastrand::Rng::with_seed(seed)),
            requests: AtomicU64::new(0),
            injected_503: AtomicU64::new(0),
            resets: AtomicU64::new(0),
            injected_429: AtomicU64::new(0),
            expired_tokens: AtomicU64::new(0),
        }
    }

    pub(crate) fn set(&self, faults: Faults) {
        *self.faults.lock().unwrap_or_else(|p| p.into_inner()) = faults;
    }

    pub(crate) fn get(&self) -> Faults {
        self.faults
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    pub(crate) fn stats(&self) -> FaultStats {
        FaultStats {
            requests: self.requests.load(Ordering::Relaxed),
            injected_503: self.injected_503.load(Ordering::Relaxed),
            resets: self.resets.load(Ordering::Relaxed),
            injected_429: self.injected_429.load(Ordering::Relaxed),
            expired_tokens: self.expired_tokens.load(Ordering::Relaxed),
        }
    }

    fn decide(&self, authenticated: bool) -> (Decision, Duration) {
        let n = self.requests.fetch_add(1, Ordering::Relaxed);
        let faults = self.get();
        let latency = Duration::from_millis(faults.latency_ms);
        if let Some(burst) = faults.burst_429
            && n % burst.every.max(1) < burst.length
        {
            self.injected_429.fetch_add(1, Ordering::Relaxed);
            return (Decision::TooMany(burst.retry_after_secs), latency);
        }
        let mut dice = self.dice.lock().unwrap_or_else(|p| p.into_inner());
        let decision = if dice.f64() < faults.error_503 {
            self.injected_503.fetch_add(1, Ordering::Relaxed);
            Decision::Unavailable
        } else if authenticated && dice.f64() < faults.expired_token {
            self.expired_tokens.fetch_add(1, Ordering::Relaxed);
            Decision::Expired
        } else if dice.f64() < faults.reset {
            self.resets.fetch_add(1, Ordering::Relaxed);
            Decision::Reset
        } else {
            Decision::Pass
        };
        (decision, latency)
    }
}

/// Which API a path belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Api {
    Memoq,
    Memsource,
}

impl Api {
    pub(crate) fn of(path: &str) -> Option<Api> {
        if path.starts_with("/memoqserverhttpapi/") {
            Some(Api::Memoq)
        } else if path.starts_with("/web/") {
            Some(Api::Memsource)
        } else {
            None
        }
    }
}

fn is_login(path: &str) -> bool {
    path.ends_with("/auth/login")
}

/// The middleware in front of both APIs.
pub(crate) async fn inject(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path().to_owned();
    let Some(api) = Api::of(&path) else {
        return next.run(request).await;
    };
    let (decision, latency) = shared.faults.decide(!is_login(&path));
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    match decision {
        Decision::Pass => next.run(request).await,
        Decision::Unavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Service Unavailable (sandbox fault)",
        )
            .into_response(),
        Decision::TooMany(secs) => {
            let mut response = (
                StatusCode::TOO_MANY_REQUESTS,
                "Too many requests (sandbox fault)",
            )
                .into_response();
            if let Ok(value) = HeaderValue::from_str(&secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, value);
            }
            response
        }
        // Answered exactly as each API answers a token it no longer knows.
        Decision::Expired => match api {
            Api::Memoq => crate::memoq::expired_token(),
            Api::Memsource => crate::memsource::expired_token(),
        },
        Decision::Reset => {
            let kill = request.extensions().get::<ConnectionKill>().cloned();
            // The request is handled in full: its effects happen, its answer is lost.
            let _answer = next.run(request).await;
            match kill {
                Some(kill) => {
                    kill.kill();
                    // The connection is being dropped; this answer is never written.
                    std::future::pending::<Response>().await
                }
                // Served without the sandbox's connection loop: answer as a proxy would.
                None => {
                    (StatusCode::BAD_GATEWAY, "connection reset (sandbox fault)").into_response()
                }
            }
        }
    }
}
