//! The typed error every client returns, generic over the vendor's error body.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};

use crate::failure::{CallFailure, FailureKind};
use crate::login::{LoginError, LoginReason};
use crate::wire::{BodyProblem, Buffered};

/// How often a failed call was sent, and why retrying stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetryInfo {
    /// Times the request was sent (1: neither retried nor replayed after a re-login; 0: not
    /// sent at all, because the login failed).
    pub attempts: u32,
    /// A retry was due, but the client-wide retry budget was empty.
    pub budget_exhausted: bool,
    /// The wait the server asked for in `Retry-After` on its last answer. When it is longer
    /// than the policy's `max_retry_after` the client did not retry early: wait this long
    /// before sending again.
    pub retry_after: Option<std::time::Duration>,
}

/// What the runtime needs to know about a vendor's JSON error body.
pub trait ErrorBody: fmt::Debug {
    /// The vendor's name, for messages ("memoQ", "Memsource").
    const VENDOR: &'static str;
    /// The vendor's error code, as an enum that keeps unknown codes.
    type Code: fmt::Display + fmt::Debug + Clone + PartialEq;

    /// The error code, when the body carries one.
    fn code(&self) -> Option<Self::Code>;
    /// The human-readable message, when the body carries one.
    fn message(&self) -> Option<&str>;
}

/// Everything a call can fail with. Every variant that came from a response keeps its HTTP
/// status and the body of the failed answer (error bodies up to
/// [`crate::wire::ERROR_BODY_CAP`]).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error<B: ErrorBody> {
    /// The vendor answered with its error body.
    #[error("{}", describe_api(*status, body))]
    Api {
        /// HTTP status.
        status: StatusCode,
        /// The vendor's error body.
        body: B,
        /// Attempts made.
        retry: RetryInfo,
    },
    /// An error status whose body is not the vendor's error (a proxy's HTML page, an empty body,
    /// JSON cut off). The body is kept as text, up to [`crate::wire::ERROR_BODY_CAP`].
    #[error("{} answered {status} with a {} body{}", B::VENDOR, problem.as_str(), snippet(body))]
    UnexpectedBody {
        /// HTTP status.
        status: StatusCode,
        /// What is wrong with the body.
        problem: BodyProblem,
        /// The `Content-Type` the body came with.
        content_type: Option<String>,
        /// The body as text (bytes that are not UTF-8 became U+FFFD), at most
        /// [`crate::wire::ERROR_BODY_CAP`] bytes of it.
        body: String,
        /// Bytes of the body beyond the cap, read and dropped.
        dropped_bytes: u64,
        /// Attempts made.
        retry: RetryInfo,
    },
    /// The call needed a session token and logging in gave none; the call's own request was
    /// not sent. `status` and `snippet` describe the login's answer, when there was one (the
    /// snippet is short and has anything that looks like a secret redacted); `body` is the
    /// vendor's error when the server refused the login with one.
    #[error("{} login failed: {source}{}", B::VENDOR, snippet_suffix(snippet))]
    Login {
        /// The status of the login's answer, when one arrived.
        status: Option<StatusCode>,
        /// Why there is no token.
        reason: LoginReason,
        /// The start of the login's answer, secrets redacted.
        snippet: String,
        /// The vendor's error, when the server refused with one.
        body: Option<B>,
        /// The login failure (with its own cause: a transport error, a provider's error).
        source: Box<LoginError>,
    },
    /// The session expired while a streamed (one-shot) body was being sent, so the server did
    /// not take it. The session logs in again on the next call, but the body must be sent
    /// again by the caller (uploads from a file path are repeated automatically).
    #[error(
        "the {} session expired during a streamed upload ({status}); it was not taken and must be repeated",
        B::VENDOR
    )]
    UploadNotTaken {
        /// The status of the answer that said the token expired.
        status: StatusCode,
        /// Attempts made.
        retry: RetryInfo,
    },
    /// A success answer whose body does not decode as the documented type. The status is a
    /// 2xx the generated code does not pass on.
    #[error("{} answered with a body that does not decode: {source}", B::VENDOR)]
    Decode {
        /// The whole body.
        body: Bytes,
        /// What serde said.
        source: serde_json::Error,
    },
    /// A status the operation does not document (e.g. `204` where a body was expected).
    #[error("{} answered with the undocumented status {status}", B::VENDOR)]
    UnexpectedStatus {
        /// HTTP status.
        status: StatusCode,
        /// Response headers.
        headers: HeaderMap,
    },
    /// The request could not be sent or the response not read.
    #[error("could not talk to {vendor}: {0}", vendor = B::VENDOR)]
    Transport(#[source] reqwest::Error),
    /// The request could not be built (an invalid parameter value), or a hook refused it.
    #[error("invalid request: {0}")]
    InvalidRequest(String),
    /// The client could not be built (an invalid base URL, plain `http://` to a remote host, a
    /// bad certificate); lets `Client::builder(..).build()?` sit beside the calls.
    #[error(transparent)]
    Config(#[from] crate::transport::ConfigError),
    /// The answers broke the protocol the client relies on (a page that does not advance).
    #[error("{vendor} broke the protocol: {0}", vendor = B::VENDOR)]
    Protocol(String),
    /// A local I/O failure around a call: a file to upload could not be opened or read, or a
    /// download could not be written. The server is not to blame; `context` says which step
    /// failed, `source` why.
    #[error("{context}: {source}")]
    Io {
        /// What was being done ("cannot write the download", "cannot open the upload …").
        context: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The fleet's shared rate budget had no slot for the call before its deadline; the request
    /// was not sent.
    #[error("the shared rate budget for {} has no slot for {:.1} s, past the call's deadline", B::VENDOR, next_slot.as_secs_f64())]
    RateLimited {
        /// How far away the next free slot was.
        next_slot: std::time::Duration,
    },
    /// A shared store failed and the client was told to fail closed; the request was not sent.
    #[error(transparent)]
    SharedStore(crate::fleet::StoreError),
}

fn describe_api<B: ErrorBody>(status: StatusCode, body: &B) -> String {
    let code = body
        .code()
        .map_or_else(|| "(no error code)".to_owned(), |c| c.to_string());
    let message = body.message().map_or(String::new(), |m| format!(": {m}"));
    format!("{} answered {status}: {code}{message}", B::VENDOR)
}

fn snippet_suffix(snippet: &str) -> String {
    if snippet.is_empty() {
        String::new()
    } else {
        format!(" — the answer began: {snippet}")
    }
}

fn snippet(body: &str) -> String {
    const MAX: usize = 200;
    let body = body.trim();
    if body.is_empty() {
        return String::new();
    }
    match body.char_indices().nth(MAX) {
        Some((cut, _)) => format!(": {}…", &body[..cut]),
        None => format!(": {body}"),
    }
}

impl<B: ErrorBody> Error<B> {
    /// The HTTP status, when a response arrived and the client saw it.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Self::Api { status, .. }
            | Self::UnexpectedBody { status, .. }
            | Self::UploadNotTaken { status, .. }
            | Self::UnexpectedStatus { status, .. } => Some(*status),
            Self::Login { status, .. } => *status,
            Self::Transport(err) => err.status(),
            Self::Decode { .. }
            | Self::InvalidRequest(_)
            | Self::Protocol(_)
            | Self::Config(_)
            | Self::Io { .. }
            | Self::RateLimited { .. }
            | Self::SharedStore(_) => None,
        }
    }

    /// Attempts made, for errors that came from an answer; `None` for transport errors (the
    /// runtime retries those too, and logs each attempt).
    pub fn retry_info(&self) -> Option<RetryInfo> {
        match self {
            Self::Api { retry, .. }
            | Self::UnexpectedBody { retry, .. }
            | Self::UploadNotTaken { retry, .. } => Some(*retry),
            Self::Login { .. } => Some(RetryInfo::default()),
            _ => None,
        }
    }

    /// Whether the failed request may have reached the server: always for an answer; for a
    /// transport error unless the connection was refused. For an operation that creates
    /// something, `true` on a transport error means the outcome is unknown: the runtime does
    /// not retry it, and the caller should check before sending it again.
    pub fn may_have_reached_server(&self) -> bool {
        match self {
            Self::Transport(err) => !err.is_connect() && !err.is_builder(),
            Self::InvalidRequest(_)
            | Self::Login { .. }
            | Self::Config(_)
            | Self::RateLimited { .. }
            | Self::SharedStore(_) => false,
            // A local failure may come after the server took the request (a download that could
            // not be written) or cut an upload off halfway: assume it may have arrived.
            Self::Io { .. } => true,
            _ => true,
        }
    }

    /// The vendor's error code, when the answer carried one.
    pub fn code(&self) -> Option<B::Code> {
        match self {
            Self::Api { body, .. } => body.code(),
            Self::Login { body, .. } => body.as_ref().and_then(ErrorBody::code),
            _ => None,
        }
    }

    /// The vendor's message, when the answer carried one.
    pub fn message(&self) -> Option<&str> {
        match self {
            Self::Api { body, .. } => body.message(),
            Self::Login { body, .. } => body.as_ref().and_then(ErrorBody::message),
            _ => None,
        }
    }

    /// The content type of a failed answer, where one is known.
    pub fn content_type(&self) -> Option<&str> {
        match self {
            Self::UnexpectedBody { content_type, .. } => content_type.as_deref(),
            Self::UnexpectedStatus { headers, .. } => {
                headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok())
            }
            _ => None,
        }
    }
}

impl<B: ErrorBody + serde::de::DeserializeOwned> Error<B> {
    /// The error for a login that gave no token, as the call that needed the token reports it.
    pub fn from_login(err: LoginError) -> Self {
        let body = err
            .answer()
            .filter(|_| err.reason() == LoginReason::Refused)
            .and_then(|answer| serde_json::from_slice::<B>(answer.body()).ok());
        Self::Login {
            status: err.status(),
            reason: err.reason(),
            snippet: err.snippet(),
            body,
            source: Box::new(err),
        }
    }

    /// The error for an error answer the request loop gave up on.
    fn from_answer(answer: &Buffered, dropped: u64, retry: RetryInfo) -> Self {
        let status = answer.status();
        if let Ok(body) = serde_json::from_slice::<B>(answer.body()) {
            return Self::Api {
                status,
                body,
                retry,
            };
        }
        let content_type = answer
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        Self::UnexpectedBody {
            status,
            problem: BodyProblem::classify(answer.body(), content_type.as_deref()),
            content_type,
            body: String::from_utf8_lossy(answer.body()).into_owned(),
            dropped_bytes: dropped,
            retry,
        }
    }

    /// The error for what the request loop reported.
    pub fn from_failure(failure: &CallFailure) -> Self {
        let retry = RetryInfo {
            attempts: failure.attempts,
            budget_exhausted: failure.budget_exhausted,
            retry_after: failure.retry_after,
        };
        match &failure.kind {
            FailureKind::Answer { answer, dropped } => Self::from_answer(answer, *dropped, retry),
            FailureKind::Login(err) => Self::from_login(err.clone()),
            FailureKind::UploadNotTaken { answer } => Self::UploadNotTaken {
                status: answer.status(),
                retry,
            },
            FailureKind::NotSent => {
                Self::InvalidRequest("the request was built but not sent".to_owned())
            }
            FailureKind::RateLimited { next_slot } => Self::RateLimited {
                next_slot: *next_slot,
            },
            FailureKind::SharedStore(err) => Self::SharedStore(err.clone()),
        }
    }

    /// Whether the server said the session token expired while a streamed body was sent (see
    /// [`Error::UploadNotTaken`]).
    pub fn is_upload_not_taken(&self) -> bool {
        matches!(self, Self::UploadNotTaken { .. })
    }
}

impl<B: ErrorBody + serde::de::DeserializeOwned> From<progenitor_client::Error<B>> for Error<B> {
    fn from(err: progenitor_client::Error<B>) -> Self {
        use progenitor_client::Error as E;
        match err {
            E::CommunicationError(err) | E::ResponseBodyError(err) | E::InvalidUpgrade(err) => {
                match CallFailure::find(&err) {
                    Some(failure) => Self::from_failure(failure),
                    None => Self::Transport(err),
                }
            }
            // The request loop turns every error answer into a failure it reports itself; an
            // error response reaches the generated code only from a client without it.
            E::ErrorResponse(response) => Self::Api {
                status: response.status(),
                body: response.into_inner(),
                retry: RetryInfo {
                    attempts: 1,
                    ..RetryInfo::default()
                },
            },
            E::InvalidResponsePayload(body, source) => Self::Decode { body, source },
            E::UnexpectedResponse(response) => Self::UnexpectedStatus {
                status: response.status(),
                headers: response.headers().clone(),
            },
            E::InvalidRequest(message) | E::Custom(message) => Self::InvalidRequest(message),
        }
    }
}
