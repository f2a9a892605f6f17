//! How a failed call is read: refused for sure (nothing was done), outcome unknown (the request
//! may have been carried out), or another failure; and a short reason for the table.

use tms_runtime::error::{Error, ErrorBody};

/// What a failed call proves about the server's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// An answer (or no request at all) that proves nothing was done: 503, 429, a login that
    /// gave no token so the call was never sent.
    Refused,
    /// The request may have been carried out: the connection broke after it was sent.
    Unknown,
    /// Anything else (a 4xx, a body that does not decode): a bug of the client or the sandbox.
    Other,
}

/// The verdict on `err` and a short reason ("503 after 4 attempts", "connection reset").
pub fn judge<B: ErrorBody>(err: &Error<B>) -> (Verdict, String) {
    let attempts = |n: u32| {
        if n == 1 {
            "1 attempt".to_owned()
        } else {
            format!("{n} attempts")
        }
    };
    match err {
        Error::Api { status, retry, .. } | Error::UnexpectedBody { status, retry, .. } => {
            let mut reason = format!("{} after {}", status.as_u16(), attempts(retry.attempts));
            if retry.budget_exhausted {
                reason.push_str(", retry budget empty");
            }
            let verdict = match status.as_u16() {
                429 | 503 => Verdict::Refused,
                _ => Verdict::Other,
            };
            (verdict, reason)
        }
        Error::Login { status, reason, .. } => {
            let status = status.map_or(String::new(), |s| format!(" ({})", s.as_u16()));
            (
                Verdict::Refused,
                format!("not sent: login failed, {}{status}", reason.describe()),
            )
        }
        Error::Transport(transport) if !err.may_have_reached_server() => {
            (Verdict::Refused, format!("connection refused: {transport}"))
        }
        Error::Transport(_) => (Verdict::Unknown, "connection reset".to_owned()),
        other => (Verdict::Other, other.to_string()),
    }
}

/// Counts of failure reasons, most frequent first when printed.
#[derive(Debug, Default, Clone)]
pub struct Reasons(std::collections::BTreeMap<String, usize>);

impl Reasons {
    pub fn add(&mut self, reason: String) {
        *self.0.entry(reason).or_default() += 1;
    }

    pub fn total(&self) -> usize {
        self.0.values().sum()
    }

    /// `4 × 503 after 4 attempts, 1 × connection reset`.
    pub fn summary(&self) -> String {
        let mut items: Vec<_> = self.0.iter().collect();
        items.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        items
            .iter()
            .map(|(reason, n)| format!("{n} × {reason}"))
            .collect::<Vec<_>>()
            .join("; ")
    }
}
