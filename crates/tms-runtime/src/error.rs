//! The typed error every client returns, generic over the vendor's error body.

use std::fmt;

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, HeaderMap};

use crate::engine::{ATTEMPTS_HEADER, BUDGET_EXHAUSTED_HEADER};
use crate::wire::{BodyProblem, ORIGINAL_CONTENT_TYPE_HEADER, REPLACED_BODY_HEADER};

/// How often a failed call was sent, and why retrying stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RetryInfo {
    /// Times the request was sent (1: neither retried nor replayed after a re-login).
    pub attempts: u32,
    /// A retry was due, but the client-wide retry budget was empty.
    pub budget_exhausted: bool,
}

impl RetryInfo {
    fn from_headers(headers: &HeaderMap) -> Self {
        Self {
            attempts: headers
                .get(ATTEMPTS_HEADER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
            budget_exhausted: headers.contains_key(BUDGET_EXHAUSTED_HEADER),
        }
    }
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
    /// The original body text that [`crate::wire::normalize_buffered`] put into this body when
    /// it replaced a body that was not the vendor's error.
    fn into_replaced_text(self) -> String;
}

/// Everything a call can fail with. Every variant that came from a response keeps its HTTP
/// status, and no variant drops the body of a failed call.
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
    /// JSON cut off). The whole body is kept as text.
    #[error("{} answered {status} with a {} body{}", B::VENDOR, problem.as_str(), snippet(body))]
    UnexpectedBody {
        /// HTTP status.
        status: StatusCode,
        /// What is wrong with the body.
        problem: BodyProblem,
        /// The `Content-Type` the body came with.
        content_type: Option<String>,
        /// The whole body, as text (bytes that are not UTF-8 became U+FFFD).
        body: String,
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
    /// The answers broke the protocol the client relies on (a page that does not advance).
    #[error("{vendor} broke the protocol: {0}", vendor = B::VENDOR)]
    Protocol(String),
}

fn describe_api<B: ErrorBody>(status: StatusCode, body: &B) -> String {
    let code = body
        .code()
        .map_or_else(|| "(no error code)".to_owned(), |c| c.to_string());
    let message = body.message().map_or(String::new(), |m| format!(": {m}"));
    format!("{} answered {status}: {code}{message}", B::VENDOR)
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
            | Self::UnexpectedStatus { status, .. } => Some(*status),
            Self::Transport(err) => err.status(),
            Self::Decode { .. } | Self::InvalidRequest(_) | Self::Protocol(_) => None,
        }
    }

    /// Attempts made, for errors that came from an answer; `None` for transport errors (the
    /// runtime retries those too, and logs each attempt).
    pub fn retry_info(&self) -> Option<RetryInfo> {
        match self {
            Self::Api { retry, .. } | Self::UnexpectedBody { retry, .. } => Some(*retry),
            Self::UnexpectedStatus { headers, .. } => Some(RetryInfo::from_headers(headers)),
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
            Self::InvalidRequest(_) => false,
            _ => true,
        }
    }

    /// The vendor's error code, when the answer carried one.
    pub fn code(&self) -> Option<B::Code> {
        match self {
            Self::Api { body, .. } => body.code(),
            _ => None,
        }
    }

    /// The vendor's message, when the answer carried one.
    pub fn message(&self) -> Option<&str> {
        match self {
            Self::Api { body, .. } => body.message(),
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
    /// The error for a login that did not produce a token, as the call that needed the token
    /// reports it.
    pub fn from_login_failure(
        failure: crate::session::LoginFailure,
        format: &impl crate::wire::ErrorBodyFormat,
    ) -> Self {
        match failure {
            crate::session::LoginFailure::Transport(err) => Self::Transport(err),
            crate::session::LoginFailure::Rejected(answer) => {
                let answer = crate::wire::normalize_buffered(*answer, format);
                let status = answer.status();
                let headers = answer.headers().clone();
                match serde_json::from_slice::<B>(answer.body()) {
                    Ok(body) => Self::from(progenitor_client::Error::ErrorResponse(
                        progenitor_client::ResponseValue::new(body, status, headers),
                    )),
                    Err(source) => Self::Decode {
                        body: answer.body().clone(),
                        source,
                    },
                }
            }
        }
    }
}

impl<B: ErrorBody> From<progenitor_client::Error<B>> for Error<B> {
    fn from(err: progenitor_client::Error<B>) -> Self {
        use progenitor_client::Error as E;
        match err {
            E::ErrorResponse(response) => {
                let status = response.status();
                let headers = response.headers();
                let replaced = headers
                    .get(REPLACED_BODY_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(BodyProblem::parse);
                let content_type = headers
                    .get(ORIGINAL_CONTENT_TYPE_HEADER)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_owned);
                let retry = RetryInfo::from_headers(headers);
                let body = response.into_inner();
                match replaced {
                    Some(problem) => Self::UnexpectedBody {
                        status,
                        problem,
                        content_type,
                        body: body.into_replaced_text(),
                        retry,
                    },
                    None => Self::Api {
                        status,
                        body,
                        retry,
                    },
                }
            }
            // The hooks replace every error body that does not decode, so a payload that fails
            // to decode is a success body.
            E::InvalidResponsePayload(body, source) => Self::Decode { body, source },
            E::UnexpectedResponse(response) => Self::UnexpectedStatus {
                status: response.status(),
                headers: response.headers().clone(),
            },
            E::CommunicationError(err) | E::ResponseBodyError(err) | E::InvalidUpgrade(err) => {
                Self::Transport(err)
            }
            E::InvalidRequest(message) | E::Custom(message) => Self::InvalidRequest(message),
        }
    }
}
