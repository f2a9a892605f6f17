//! What a login yields: a token and how long it lives, or a [`LoginError`] saying why there is
//! none.
//!
//! A login that produced no usable token is never a success of the call that needed it: the
//! call's own request is not sent, and the caller gets the login's error (see
//! [`crate::error::Error::Login`]).

use std::error::Error as StdError;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use reqwest::StatusCode;
use secrecy::{ExposeSecret, SecretString};

use crate::wire::Buffered;

/// A fresh token from a login.
pub struct Fresh {
    /// The token.
    pub token: SecretString,
    /// How long it stays valid from the moment the answer arrived, when the server says.
    /// See [`token_lifetime`].
    pub lifetime: Option<Duration>,
}

impl fmt::Debug for Fresh {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Fresh")
            .field("token", &"[REDACTED]")
            .field("lifetime", &self.lifetime)
            .finish()
    }
}

/// How long a token that the server says expires at `expires` lives, on the local clock.
///
/// The server's `expires` is read against the server's own clock: with the login answer's
/// `Date` header the lifetime is `expires − Date`, so a local clock that is hours (or years)
/// off does not matter. Without a `Date`, local time stands in for it. A lifetime that comes
/// out zero or negative is clock skew, not an expired token: the answer is `None` (unknown),
/// and the token is used until the server rejects it.
///
/// ```
/// use std::time::{Duration, SystemTime};
/// use tms_runtime::login::token_lifetime;
///
/// let server_now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000);
/// let expires = server_now + Duration::from_secs(24 * 3600);
/// // The local clock runs ten years ahead: the server's Date still gives 24 h.
/// let local_now = server_now + Duration::from_secs(10 * 365 * 24 * 3600);
/// assert_eq!(token_lifetime(expires, Some(server_now), local_now), Some(Duration::from_secs(24 * 3600)));
/// // Without a Date header the expiry looks past: unknown, not expired.
/// assert_eq!(token_lifetime(expires, None, local_now), None);
/// ```
pub fn token_lifetime(
    expires: SystemTime,
    server_date: Option<SystemTime>,
    local_now: SystemTime,
) -> Option<Duration> {
    let reference = server_date.unwrap_or(local_now);
    expires
        .duration_since(reference)
        .ok()
        .filter(|lifetime| !lifetime.is_zero())
}

/// The answer's `Date` header: the server's clock when it answered.
pub fn server_date(headers: &reqwest::header::HeaderMap) -> Option<SystemTime> {
    let value = headers.get(reqwest::header::DATE)?.to_str().ok()?;
    httpdate::parse_http_date(value).ok()
}

/// Why a login gave no token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum LoginReason {
    /// The server refused with its own error (wrong password, too frequent logins …); the
    /// vendor's error body is in the error.
    Refused,
    /// The answer was not JSON: a single-sign-on or proxy page, an empty body.
    NotJson,
    /// The answer was JSON without a usable token (missing, `null`, empty, blank, or not
    /// something that can travel in a header).
    NoToken,
    /// The server answered the login with a redirect; logins never follow one (it would send
    /// the password again, maybe elsewhere).
    Redirected,
    /// The login request could not be sent or its answer not read.
    Transport,
    /// The login did not finish within the call's deadline.
    TimedOut,
    /// The client has no credentials to log in with (none given, or logged out with a token
    /// that cannot be renewed).
    NoCredentials,
    /// The token provider failed.
    ProviderFailed,
    /// The server was busy or unavailable (429, 502, 503, 504) every time it was asked.
    Unavailable,
    /// The shared session store failed and the client was told to fail closed.
    SharedStore,
}

impl LoginReason {
    /// A short description, for messages.
    pub const fn describe(self) -> &'static str {
        match self {
            Self::Refused => "the server refused the login",
            Self::NotJson => "the login answer is not JSON",
            Self::NoToken => "the login answer holds no usable token",
            Self::Redirected => "the login was answered with a redirect, which is never followed",
            Self::Transport => "the login request failed",
            Self::TimedOut => "the login did not finish within the call's deadline",
            Self::NoCredentials => "the client has no credentials to log in with",
            Self::ProviderFailed => "the token provider failed",
            Self::Unavailable => "the server was busy or unavailable and did not log in",
            Self::SharedStore => "the shared session store failed",
        }
    }
}

/// A login that gave no token. Cheap to clone: one failed login is handed to every caller that
/// waited for it.
#[derive(Clone)]
pub struct LoginError {
    reason: LoginReason,
    answer: Option<Box<Buffered>>,
    detail: Option<String>,
    source: Option<Arc<dyn StdError + Send + Sync>>,
}

impl LoginError {
    /// A login error for `reason`, with nothing else to tell.
    pub fn new(reason: LoginReason) -> Self {
        Self {
            reason,
            answer: None,
            detail: None,
            source: None,
        }
    }

    /// The login's answer (status, headers, body as read) that gave no token.
    pub fn answered(reason: LoginReason, answer: Buffered) -> Self {
        Self {
            answer: Some(Box::new(answer)),
            ..Self::new(reason)
        }
    }

    /// The login request failed in transport.
    pub fn transport(err: reqwest::Error) -> Self {
        Self {
            source: Some(Arc::new(err)),
            ..Self::new(LoginReason::Transport)
        }
    }

    /// A failure with its cause (a token provider's error, say).
    pub fn caused_by(reason: LoginReason, source: Box<dyn StdError + Send + Sync>) -> Self {
        Self {
            source: Some(Arc::from(source)),
            ..Self::new(reason)
        }
    }

    /// Adds a human-readable detail (never a secret).
    #[must_use]
    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    /// Why there is no token.
    pub fn reason(&self) -> LoginReason {
        self.reason
    }

    /// The HTTP status of the login's answer, when one arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.answer.as_deref().map(Buffered::status)
    }

    /// The login's answer, when one arrived.
    pub fn answer(&self) -> Option<&Buffered> {
        self.answer.as_deref()
    }

    /// The detail, when one was given.
    pub fn detail(&self) -> Option<&str> {
        self.detail.as_deref()
    }

    /// The cause (a transport error, the provider's error).
    pub fn source_error(&self) -> Option<Arc<dyn StdError + Send + Sync>> {
        self.source.clone()
    }

    /// The start of the answer's body, at most [`SNIPPET_CHARS`] characters, with anything that
    /// looks like a secret replaced by `[REDACTED]`.
    pub fn snippet(&self) -> String {
        self.answer
            .as_deref()
            .map(|a| snippet(a.body()))
            .unwrap_or_default()
    }
}

impl fmt::Debug for LoginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LoginError")
            .field("reason", &self.reason)
            .field("status", &self.status())
            .field("snippet", &self.snippet())
            .field("detail", &self.detail)
            .field("source", &self.source)
            .finish()
    }
}

impl fmt::Display for LoginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.reason.describe())?;
        if let Some(status) = self.status() {
            write!(f, " ({status})")?;
        }
        if let Some(detail) = &self.detail {
            write!(f, ": {detail}")?;
        }
        Ok(())
    }
}

impl StdError for LoginError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source
            .as_deref()
            .map(|e| e as &(dyn StdError + 'static))
    }
}

/// How many characters of a login answer an error keeps.
pub const SNIPPET_CHARS: usize = 200;

/// Names of JSON fields whose values are secrets, compared without case and `_`/`-`.
const SECRET_KEYS: [&str; 8] = [
    "token",
    "accesstoken",
    "password",
    "secret",
    "ltst",
    "code",
    "apikey",
    "authorization",
];

fn is_secret_key(key: &str) -> bool {
    let folded: String = key
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    SECRET_KEYS.iter().any(|k| folded == *k)
        || folded.ends_with("token")
        || folded.ends_with("password")
        || folded.ends_with("secret")
}

fn redact_json(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(map) => {
            for (key, value) in map.iter_mut() {
                if is_secret_key(key) && !value.is_null() {
                    *value = serde_json::Value::String("[REDACTED]".into());
                } else {
                    redact_json(value);
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(redact_json),
        _ => {}
    }
}

/// Text that is not JSON: the value of every `name=value` or `name: value` whose name looks
/// like a secret is replaced.
fn redact_text(text: &str) -> String {
    const QUOTES: [char; 3] = [' ', '"', '\''];
    let is_name = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = rest.find(['=', ':']) {
        let (before, after) = rest.split_at(pos);
        let trimmed = before.trim_end_matches(QUOTES);
        let name_start = trimmed
            .char_indices()
            .rev()
            .find(|(_, c)| !is_name(*c))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let name = &trimmed[name_start..];
        out.push_str(before);
        out.push_str(&after[..1]);
        let value = &after[1..];
        if is_secret_key(name) {
            let unquoted = value.trim_start_matches(QUOTES);
            out.push_str(&value[..value.len() - unquoted.len()]);
            let end = unquoted
                .find(|c: char| c.is_whitespace() || "&;,\"'<>".contains(c))
                .unwrap_or(unquoted.len());
            if end > 0 {
                out.push_str("[REDACTED]");
            }
            rest = &unquoted[end..];
        } else {
            rest = value;
        }
    }
    out.push_str(rest);
    out
}

/// The start of `body` as text for an error message: secrets redacted, white space folded, at
/// most [`SNIPPET_CHARS`] characters.
pub fn snippet(body: &[u8]) -> String {
    let text = match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut json) => {
            redact_json(&mut json);
            json.to_string()
        }
        Err(_) => redact_text(&String::from_utf8_lossy(body)),
    };
    let folded = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match folded.char_indices().nth(SNIPPET_CHARS) {
        Some((cut, _)) => format!("{}…", &folded[..cut]),
        None => folded,
    }
}

/// Checks a token a login answer carried: present, not blank, and able to travel in a header.
///
/// # Errors
/// [`LoginReason::NoToken`] with a detail.
pub fn check_token(token: Option<&SecretString>) -> Result<(), LoginError> {
    let Some(token) = token else {
        return Err(LoginError::new(LoginReason::NoToken).with_detail("the token is missing"));
    };
    let text = token.expose_secret();
    if text.trim().is_empty() {
        return Err(LoginError::new(LoginReason::NoToken).with_detail("the token is blank"));
    }
    if reqwest::header::HeaderValue::from_str(text).is_err() || text.trim() != text {
        return Err(LoginError::new(LoginReason::NoToken)
            .with_detail("the token cannot travel in an Authorization header"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_secrets_are_redacted_and_the_snippet_is_short() {
        let body = br#"{"AccessToken":"abc123","Name":"x","nested":{"password":"hunter2","ok":1}}"#;
        let s = snippet(body);
        assert!(!s.contains("abc123") && !s.contains("hunter2"), "{s}");
        assert!(s.contains(r#""Name":"x""#), "{s}");
        let long = "x".repeat(1000);
        assert_eq!(snippet(long.as_bytes()).chars().count(), SNIPPET_CHARS + 1);
    }

    #[test]
    fn text_secrets_are_redacted() {
        let s = snippet(b"<html>login failed token=abc123&user=pm password: hunter2 </html>");
        assert!(!s.contains("abc123") && !s.contains("hunter2"), "{s}");
        assert!(s.contains("user=pm"), "{s}");
    }

    #[test]
    fn blank_and_header_breaking_tokens_are_refused() {
        assert!(check_token(None).is_err());
        assert!(check_token(Some(&SecretString::from("   "))).is_err());
        assert!(check_token(Some(&SecretString::from("a\nb"))).is_err());
        assert!(check_token(Some(&SecretString::from("ok-token"))).is_ok());
    }

    #[test]
    fn lifetime_uses_the_servers_date_and_treats_a_past_expiry_as_unknown() {
        let t0 = SystemTime::UNIX_EPOCH + Duration::from_secs(2_000_000_000);
        let day = Duration::from_secs(86_400);
        assert_eq!(
            token_lifetime(t0 + day, Some(t0), t0 + day * 3650),
            Some(day)
        );
        assert_eq!(token_lifetime(t0 + day, None, t0), Some(day));
        assert_eq!(token_lifetime(t0, None, t0 + day), None);
        assert_eq!(token_lifetime(t0, Some(t0), t0), None);
    }
}
