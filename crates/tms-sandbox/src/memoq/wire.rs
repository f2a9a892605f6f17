//! Request plumbing shared by the memoQ handlers: refusals in memoQ's error shape, the body and
//! path readers, and the clock that stamps `Created`/`Modified`.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use memoq_api::Timestamp;
use memoq_api::types::ErrorResponse;
use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::errors;

/// A refused request, answered in memoQ's error shape.
#[derive(Debug)]
pub(crate) struct Refusal {
    status: StatusCode,
    /// `None`: the generic ASP.NET body with only `Message`.
    code: Option<&'static str>,
    message: String,
}

impl Refusal {
    pub(crate) fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Refusal {
            status,
            code: Some(code),
            message: message.into(),
        }
    }

    /// What ASP.NET answers when a path or query value does not bind (a malformed GUID or id):
    /// 400 with only `{"Message": "The request is invalid."}`.
    pub(crate) fn invalid_request() -> Self {
        Refusal {
            status: StatusCode::BAD_REQUEST,
            code: None,
            message: "The request is invalid.".into(),
        }
    }

    /// 400 `InvalidArgument`.
    pub(crate) fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "InvalidArgument", message)
    }

    /// 404 `ResourceNotFound`.
    pub(crate) fn resource_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            "The resource was not found on the server.",
        )
    }

    /// 404 `EntryNotFound`.
    pub(crate) fn entry_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "EntryNotFound",
            "The entry of the resource was not found on the server.",
        )
    }

    /// 401 `InvalidOrExpiredToken`: no session for the caller's token (or no token).
    pub(crate) fn expired_token() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "InvalidOrExpiredToken",
            "Security token is invalid, has expired or is missing from the request.",
        )
    }

    /// 403 `Unauthorized`.
    pub(crate) fn unauthorized() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "Unauthorized",
            "User is unauthorized to access the resource.",
        )
    }

    /// 400 `CustomMetaError`.
    pub(crate) fn custom_meta(name: &str) -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "CustomMetaError",
            format!("Custom meta definition was not found: {name}."),
        )
    }
}

impl IntoResponse for Refusal {
    fn into_response(self) -> Response {
        match self.code {
            Some(code) => errors::memoq(self.status, code, &self.message),
            None => (
                self.status,
                Json(ErrorResponse {
                    error_code: None,
                    message: Some(self.message),
                }),
            )
                .into_response(),
        }
    }
}

/// What a handler returns.
pub(crate) type Answer = Result<Response, Refusal>;

/// 200 with `value` as JSON.
pub(crate) fn ok_json<T: Serialize>(value: &T) -> Response {
    Json(value).into_response()
}

/// 204, no body.
pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// The request body, read through axum so that the body limit (413) applies.
pub(crate) struct RawBody(pub(crate) Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = Refusal;

    async fn from_request(request: Request, state: &S) -> Result<Self, Refusal> {
        match Bytes::from_request(request, state).await {
            Ok(bytes) => Ok(RawBody(bytes)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => Err(Refusal {
                status: StatusCode::PAYLOAD_TOO_LARGE,
                code: None,
                message: "The request entity is too large.".into(),
            }),
            Err(_) => Err(Refusal::invalid_request()),
        }
    }
}

/// Reads a JSON body into one of the client's types: an empty body or one that does not fit
/// the type is `InvalidArgument` (ASP.NET binds a null model, which the API refuses).
pub(crate) fn json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Refusal> {
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(Refusal::invalid_argument("The request body is missing."));
    }
    serde_json::from_slice(body).map_err(|error| {
        Refusal::invalid_argument(format!("The request body is not valid: {error}"))
    })
}

/// The caller's token: `Authorization: MQS-API <token>` (what the client sends) or the
/// `authToken` query parameter (the vendor's documented alternative). Never logged.
pub(crate) struct Caller {
    pub(crate) token: Option<String>,
}

impl<S: Send + Sync> FromRequestParts<S> for Caller {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Refusal> {
        Ok(Caller {
            token: header_token(&parts.headers).or_else(|| query_token(parts.uri.query())),
        })
    }
}

fn header_token(headers: &HeaderMap) -> Option<String> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("MQS-API") && !token.is_empty()).then(|| token.to_owned())
}

fn query_token(query: Option<&str>) -> Option<String> {
    let pairs: Vec<(String, String)> = serde_urlencoded_pairs(query?)?;
    pairs
        .into_iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("authToken"))
        .map(|(_, value)| value)
        .filter(|value| !value.is_empty())
}

/// Decodes a query string into its pairs (`None` when it is not valid form encoding).
pub(crate) fn serde_urlencoded_pairs(query: &str) -> Option<Vec<(String, String)>> {
    axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&format!("/?{query}").parse().ok()?)
        .ok()
        .map(|query| query.0)
}

/// A GUID from a path or query, normalised to lower-case hyphenated form. .NET also binds the
/// 32-digit form and braces; anything else is the generic "The request is invalid.".
pub(crate) fn guid(raw: &str) -> Result<String, Refusal> {
    let trimmed = raw
        .strip_prefix('{')
        .and_then(|rest| rest.strip_suffix('}'))
        .unwrap_or(raw);
    let digits: String = trimmed.chars().filter(|c| *c != '-').collect();
    let hyphens_ok = if trimmed.contains('-') {
        let groups: Vec<usize> = trimmed.split('-').map(str::len).collect();
        groups == [8, 4, 4, 4, 12]
    } else {
        true
    };
    if !hyphens_ok || digits.len() != 32 || !digits.chars().all(|c| c.is_ascii_hexdigit()) {
        return Err(Refusal::invalid_request());
    }
    let d = digits.to_ascii_lowercase();
    Ok(format!(
        "{}-{}-{}-{}-{}",
        &d[0..8],
        &d[8..12],
        &d[12..16],
        &d[16..20],
        &d[20..32]
    ))
}

/// An Int32 path id; anything else is the generic "The request is invalid.".
pub(crate) fn int_id(raw: &str) -> Result<i32, Refusal> {
    raw.trim().parse().map_err(|_| Refusal::invalid_request())
}

/// A memoQ language code as the API binds it: three letters and an optional `-XX` region of
/// letters or digits. Anything else is the generic "The request is invalid.".
pub(crate) fn language(raw: &str) -> Result<String, Refusal> {
    let (base, region) = match raw.split_once('-') {
        Some((base, region)) => (base, Some(region)),
        None => (raw, None),
    };
    let base_ok = base.len() == 3 && base.chars().all(|c| c.is_ascii_alphabetic());
    let region_ok = region
        .is_none_or(|r| (2..=4).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphanumeric()));
    if base_ok && region_ok {
        Ok(raw.to_owned())
    } else {
        Err(Refusal::invalid_request())
    }
}

/// Hands out `Created`/`Modified` stamps: the wall clock in milliseconds, strictly increasing,
/// so two writes in the same millisecond still get different `Modified` values.
#[derive(Debug, Default)]
pub(crate) struct Stamps {
    last_ms: i64,
}

impl Stamps {
    pub(crate) fn next(&mut self) -> Timestamp {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
            .unwrap_or(0);
        self.last_ms = now.max(self.last_ms + 1);
        match chrono::DateTime::<chrono::Utc>::from_timestamp_millis(self.last_ms) {
            Some(time) => Timestamp::from(time),
            None => Timestamp::from("0001-01-01T00:00:00Z"),
        }
    }
}

/// Offsets as .NET counts them, in UTF-16 code units: the UTF-16 offset of char index `index` in `chars`.
pub(crate) fn utf16_offset(chars: &[char], index: usize) -> i32 {
    let units: usize = chars[..index.min(chars.len())]
        .iter()
        .map(|c| c.len_utf16())
        .sum();
    i32::try_from(units).unwrap_or(i32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_bind_like_dotnet() {
        let want = "5ab0c0de-0000-4000-8000-00000000de01";
        assert_eq!(guid(want).ok().as_deref(), Some(want));
        assert_eq!(
            guid("5AB0C0DE00004000800000000000DE01").ok().as_deref(),
            Some(want)
        );
        assert_eq!(
            guid("{5ab0c0de-0000-4000-8000-00000000de01}")
                .ok()
                .as_deref(),
            Some(want)
        );
        assert!(guid("not-a-guid").is_err());
        assert!(guid("5ab0c0de-0000-4000-8000-00000000de0").is_err());
        assert!(guid("5ab0c0de0-000-4000-8000-00000000de01").is_err());
    }

    #[test]
    fn stamps_strictly_increase() {
        let mut stamps = Stamps::default();
        let a = stamps.next();
        let b = stamps.next();
        assert_ne!(a, b);
        assert!(a.to_utc() < b.to_utc());
    }

    #[test]
    fn language_codes() {
        assert!(language("eng").is_ok());
        assert!(language("ger-DE").is_ok());
        assert!(language("spa-M9").is_ok());
        assert!(language("en").is_err());
        assert!(language("eng-").is_err());
        assert!(language("e#g").is_err());
    }
}
