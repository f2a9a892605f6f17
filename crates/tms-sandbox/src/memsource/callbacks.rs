//! Callbacks: when an asynchronous request with a `callbackUrl` finishes, the sandbox POSTs
//! `{"asyncRequest": {…}, …}` to it (the request as `async/{id}` answers it, with its id as a
//! JSON number as the vendor sends it, plus the work's result: `jobParts`, `analyse`, …).
//!
//! An attempt counts only with a 200. Otherwise the vendor tries again after 2, 4, 8 and 16
//! minutes, then every 30 minutes, 10 retries in all; here a vendor minute lasts
//! [`SandboxConfig::callback_minute`](crate::SandboxConfig::callback_minute). Every attempt is
//! recorded ([`MemsourceState::callback_attempts`]). Deliveries stop when the sandbox is
//! dropped. Attempts have no timeout of their own (a timer would fire early under a paused
//! test clock); a receiver that never answers holds only its own delivery.

use std::sync::{Arc, Weak};
use std::time::Duration;

use serde_json::Value;
use tokio::time::Instant;

use super::{MemsourceState, lock};
use crate::Shared;

/// The vendor's waits before each retry, in minutes.
const RETRY_MINUTES: [u32; 10] = [2, 4, 8, 16, 30, 30, 30, 30, 30, 30];

/// One attempt to deliver a callback.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct CallbackAttempt {
    /// The asynchronous request the callback reports.
    pub async_request_id: String,
    /// Where it was POSTed.
    pub url: String,
    /// 1 for the first attempt, 2 for the first retry, …
    pub attempt: u32,
    /// The receiver's status code; `None` when no answer came (connection refused, reset).
    pub status: Option<u16>,
}

impl CallbackAttempt {
    /// Whether the receiver took it (answered 200).
    pub fn delivered(&self) -> bool {
        self.status == Some(200)
    }
}

impl MemsourceState {
    /// Every callback attempt so far, in the order they were made.
    pub fn callback_attempts(&self) -> Vec<CallbackAttempt> {
        self.callbacks.clone()
    }

    /// The number of callback attempts made so far, as a watch to wait on (after the last
    /// attempt a receiver saw, the sandbox records it once the answer came back):
    /// `state.watch_callback_attempts().wait_for(|n| *n >= 2).await`.
    pub fn watch_callback_attempts(&self) -> tokio::sync::watch::Receiver<usize> {
        self.callback_count.subscribe()
    }

    /// The callbacks a receiver took (answered 200), in the order they were delivered.
    pub fn callbacks_delivered(&self) -> Vec<CallbackAttempt> {
        self.callbacks
            .iter()
            .filter(|a| a.delivered())
            .cloned()
            .collect()
    }

    /// The body of the callback for request `id`, once it finished.
    fn callback_body(&self, id: u64) -> Option<Value> {
        let record = self.requests.get(&id)?;
        record.finished.as_ref()?;
        let mut request = serde_json::to_value(self.request_dto(id)?).ok()?;
        numeric_ids(&mut request);
        let mut body = serde_json::Map::new();
        body.insert("asyncRequest".to_owned(), request);
        for (key, value) in &record.callback_extra {
            body.insert(key.clone(), value.clone());
        }
        // An analysis's callback carries the whole analysis, counts included.
        if let Some(analysis) = self.analyses.iter().find(|a| a.request == id)
            && let Ok(value) = serde_json::to_value(self.analysis_dto(analysis))
        {
            body.insert("analyse".to_owned(), value);
        }
        Some(Value::Object(body))
    }
}

/// The vendor's callbacks carry request ids (the request's and its parents') as numbers.
fn numeric_ids(request: &mut Value) {
    let Some(object) = request.as_object_mut() else {
        return;
    };
    if let Some(number) = object
        .get("id")
        .and_then(Value::as_str)
        .and_then(|id| id.parse::<u64>().ok())
    {
        object.insert("id".to_owned(), Value::from(number));
    }
    if let Some(parent) = object.get_mut("parent") {
        numeric_ids(parent);
    }
}

/// Delivers the callback of request `id` when it finishes, if it has a `callbackUrl`.
pub(crate) fn schedule(shared: &Arc<Shared>, state: &MemsourceState, id: u64) {
    let Some(record) = state.requests.get(&id) else {
        return;
    };
    let Some(url) = record.callback_url.clone() else {
        return;
    };
    let due = record.due;
    let minute = shared.config.callback_minute;
    tokio::spawn(deliver(Arc::downgrade(shared), id, url, due, minute));
}

async fn deliver(shared: Weak<Shared>, id: u64, url: String, due: Instant, minute: Duration) {
    tokio::time::sleep_until(due).await;
    let http = reqwest::Client::new();
    for attempt in 1..=u32::try_from(RETRY_MINUTES.len() + 1).unwrap_or(11) {
        if attempt > 1 {
            let minutes = RETRY_MINUTES
                .get(usize::try_from(attempt - 2).unwrap_or(0))
                .copied()
                .unwrap_or(30);
            tokio::time::sleep(minute * minutes).await;
        }
        let Some(body) = shared
            .upgrade()
            .and_then(|shared| lock(&shared).callback_body(id))
        else {
            return;
        };
        let status = match http.post(&url).json(&body).send().await {
            Ok(answer) => Some(answer.status().as_u16()),
            Err(error) => {
                tracing::debug!(id, attempt, error = %error.without_url(), "callback not delivered");
                None
            }
        };
        let Some(shared) = shared.upgrade() else {
            return;
        };
        {
            let mut state = shared.memsource();
            state.callbacks.push(CallbackAttempt {
                async_request_id: id.to_string(),
                url: url.clone(),
                attempt,
                status,
            });
            let count = state.callbacks.len();
            state.callback_count.send_replace(count);
        }
        if status == Some(200) {
            return;
        }
    }
    tracing::debug!(id, "callback given up after the vendor's retries");
}
