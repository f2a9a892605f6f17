//! How a failed call travels from the request loop to the typed error, past the generated code.
//!
//! The generated code only lets a hook return a `reqwest::Result<Response>`. When the request
//! loop gives up — an error answer, a login that yielded no token, a session that expired under
//! a one-shot upload — it puts a [`CallFailure`] inside a `reqwest::Error` (as the error of a
//! body stream that fails at once). The typed error finds it again by walking the source chain.
//! Nothing of it travels in a response header, so a server or a proxy cannot forge the number of
//! attempts, a replaced body or a login failure.

use std::error::Error as StdError;
use std::fmt;
use std::time::Duration;

use bytes::Bytes;

use crate::login::LoginError;
use crate::wire::Buffered;

/// What the request loop knows about a call that failed.
#[derive(Debug, Clone)]
pub struct CallFailure {
    /// What went wrong.
    pub kind: FailureKind,
    /// Times the request was sent.
    pub attempts: u32,
    /// A retry was due, but the client-wide retry budget could not pay it.
    pub budget_exhausted: bool,
    /// The wait the server asked for with `Retry-After`, when the last answer carried one.
    pub retry_after: Option<Duration>,
}

/// What went wrong.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum FailureKind {
    /// The server's last answer was an error status.
    Answer {
        /// The answer, its body cut at [`crate::wire::ERROR_BODY_CAP`].
        answer: Buffered,
        /// Bytes of the body beyond the cap, read and dropped.
        dropped: u64,
    },
    /// The call needed a token and the login gave none; the call's request was not sent.
    Login(LoginError),
    /// The session expired while a one-shot (streamed) body was sent: the token generation was
    /// dropped, but the body cannot be sent again from here.
    UploadNotTaken {
        /// The answer that said the token expired.
        answer: Buffered,
    },
    /// The request was only built (see [`crate::client::build_request`]), never sent.
    NotSent,
    /// The fleet's rate budget had no slot before the call's deadline; nothing was sent.
    RateLimited {
        /// How far away the next free slot was.
        next_slot: Duration,
    },
    /// A shared store failed and fails closed; nothing was sent.
    SharedStore(crate::fleet::StoreError),
}

impl fmt::Display for CallFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            FailureKind::Answer { answer, .. } => {
                write!(f, "the server answered {}", answer.status())
            }
            FailureKind::Login(err) => write!(f, "{err}"),
            FailureKind::UploadNotTaken { .. } => {
                f.write_str("the session expired during a streamed upload")
            }
            FailureKind::NotSent => f.write_str("the request was built but not sent"),
            FailureKind::RateLimited { next_slot } => write!(
                f,
                "the shared rate budget has no slot for {:.1} s",
                next_slot.as_secs_f64()
            ),
            FailureKind::SharedStore(err) => write!(f, "{err}"),
        }
    }
}

impl StdError for CallFailure {}

impl CallFailure {
    /// What went wrong, as a message (never a secret).
    pub fn kind_message(&self) -> String {
        self.to_string()
    }

    /// Wraps the failure in a `reqwest::Error`, the only error a hook may return.
    pub async fn into_reqwest_error(self) -> reqwest::Error {
        let stream = futures_util::stream::once(std::future::ready(Err::<Bytes, _>(self)));
        let response =
            reqwest::Response::from(http::Response::new(reqwest::Body::wrap_stream(stream)));
        match response.bytes().await {
            Err(err) => err,
            // The stream yields nothing but its error; reading it cannot succeed.
            Ok(_) => unreachable!("a body stream that only fails was read"),
        }
    }

    /// The failure inside `err`'s source chain, when the request loop put one there.
    pub fn find<'a>(err: &'a (dyn StdError + 'static)) -> Option<&'a Self> {
        let mut current = Some(err);
        while let Some(err) = current {
            if let Some(found) = err.downcast_ref::<Self>() {
                return Some(found);
            }
            current = err.source();
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::login::LoginReason;

    #[tokio::test]
    async fn a_failure_survives_the_trip_through_reqwest() {
        let failure = CallFailure {
            kind: FailureKind::Login(LoginError::new(LoginReason::NoToken)),
            attempts: 3,
            budget_exhausted: true,
            retry_after: Some(Duration::from_secs(9)),
        };
        let err = failure.into_reqwest_error().await;
        let found = CallFailure::find(&err).expect("in the chain");
        assert_eq!(found.attempts, 3);
        assert!(found.budget_exhausted);
        assert!(matches!(&found.kind, FailureKind::Login(e) if e.reason() == LoginReason::NoToken));
    }
}
