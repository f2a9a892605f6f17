//! Response hygiene between the HTTP stack and generated code.
//!
//! progenitor decodes a documented error status with the vendor's error schema. When the body is
//! not that schema — a reverse proxy's HTML 502 page, an empty 401, JSON cut off mid-way — the
//! generated code reports `InvalidResponsePayload`, which drops the HTTP status. The vendor glue
//! calls [`normalize_buffered`] on every error answer, so such a body is replaced by a
//! well-formed vendor error that carries the original text, and the response is marked with
//! [`REPLACED_BODY_HEADER`]. The status, the headers and every byte of the original body survive
//! (as text; bytes that are not UTF-8 become U+FFFD).

use bytes::Bytes;
use reqwest::Response;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};

/// Response header set on a response whose error body [`normalize_buffered`] replaced; its value
/// is a [`BodyProblem`] name.
pub const REPLACED_BODY_HEADER: &str = "x-tms-rs-replaced-body";

/// Response header that keeps the `Content-Type` of a body [`normalize_buffered`] replaced.
pub const ORIGINAL_CONTENT_TYPE_HEADER: &str = "x-tms-rs-original-content-type";

/// Why an error body was not the vendor's error schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyProblem {
    /// The body was empty.
    Empty,
    /// The body was not JSON and did not claim to be (an HTML or plain-text page).
    NotJson,
    /// The body claimed to be JSON (or started like it) but does not parse, e.g. it was cut off.
    MalformedJson,
    /// The body is JSON but not the vendor's error object.
    UnexpectedShape,
}

impl BodyProblem {
    /// The name used in [`REPLACED_BODY_HEADER`].
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotJson => "not-json",
            Self::MalformedJson => "malformed-json",
            Self::UnexpectedShape => "unexpected-shape",
        }
    }

    /// Reads a [`REPLACED_BODY_HEADER`] value back.
    pub fn parse(name: &str) -> Option<Self> {
        [
            Self::Empty,
            Self::NotJson,
            Self::MalformedJson,
            Self::UnexpectedShape,
        ]
        .into_iter()
        .find(|p| p.as_str() == name)
    }

    /// Sorts out what is wrong with a body that did not decode as the vendor's error.
    fn classify(body: &[u8], content_type: Option<&str>) -> Self {
        let trimmed = body.trim_ascii();
        if trimmed.is_empty() {
            return Self::Empty;
        }
        if serde_json::from_slice::<serde::de::IgnoredAny>(trimmed).is_ok() {
            return Self::UnexpectedShape;
        }
        let claims_json = content_type.is_some_and(|ct| ct.contains("json"))
            || matches!(trimmed.first(), Some(b'{' | b'['));
        if claims_json {
            Self::MalformedJson
        } else {
            Self::NotJson
        }
    }
}

/// The shape of a vendor's JSON error body.
pub trait ErrorBodyFormat {
    /// Whether `body` decodes as the vendor's error body.
    fn decodes(&self, body: &[u8]) -> bool;
    /// A vendor error body whose message is `raw`, the original body as text.
    fn wrap(&self, raw: &str) -> serde_json::Value;
}

/// Keeps an error answer whose body is the vendor's error body as it is; otherwise replaces the
/// body by `format.wrap(original)` and sets [`REPLACED_BODY_HEADER`] (and
/// [`ORIGINAL_CONTENT_TYPE_HEADER`]).
pub fn normalize_buffered(mut buffered: Buffered, format: &impl ErrorBodyFormat) -> Buffered {
    let status = buffered.status;
    if format.decodes(&buffered.body) {
        return buffered;
    }

    let headers = &mut buffered.headers;
    let content_type = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok());
    let problem = BodyProblem::classify(&buffered.body, content_type);
    tracing::debug!(
        status = status.as_u16(),
        problem = problem.as_str(),
        len = buffered.body.len(),
        "error body is not the vendor's error schema; wrapping it"
    );
    let wrapped = format.wrap(&String::from_utf8_lossy(&buffered.body));
    let wrapped = Bytes::from(wrapped.to_string());
    headers.insert(
        REPLACED_BODY_HEADER,
        HeaderValue::from_static(problem.as_str()),
    );
    // Keep what the server said the body was, for the caller's diagnosis.
    if let Some(original) = headers.remove(CONTENT_TYPE) {
        headers.insert(ORIGINAL_CONTENT_TYPE_HEADER, original);
    }
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(CONTENT_LENGTH, HeaderValue::from(wrapped.len()));
    buffered.body = wrapped;
    buffered
}

/// Turns an empty success body into JSON `null`, for operations whose server sends no body in
/// some cases (the spec then types the answer as nullable). Status and headers are kept.
pub async fn empty_success_as_null(response: Response) -> reqwest::Result<Response> {
    if !response.status().is_success() {
        return Ok(response);
    }
    let mut buffered = Buffered::read(response).await?;
    if buffered.body.trim_ascii().is_empty() {
        buffered.body = Bytes::from_static(b"null");
        return Ok(buffered.into_json_response());
    }
    Ok(buffered.into_response())
}

/// A response read to the end, ready to be put back together, cloned (one failed login answer
/// goes to every waiting caller) or inspected.
#[derive(Debug, Clone)]
pub struct Buffered {
    status: reqwest::StatusCode,
    version: reqwest::Version,
    url: reqwest::Url,
    headers: reqwest::header::HeaderMap,
    body: Bytes,
}

impl Buffered {
    /// Reads the whole response.
    ///
    /// # Errors
    /// A transport error while reading the body.
    pub async fn read(response: Response) -> reqwest::Result<Self> {
        Ok(Self {
            status: response.status(),
            version: response.version(),
            url: response.url().clone(),
            headers: response.headers().clone(),
            body: response.bytes().await?,
        })
    }

    /// An answer the runtime makes up (a plain-text body), for failures that have no response
    /// of their own.
    pub fn synthetic(status: reqwest::StatusCode, message: &str) -> Self {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/plain"));
        Self {
            status,
            version: reqwest::Version::HTTP_11,
            url: reqwest::Url::parse("http://tms-rs.invalid/").expect("a valid URL literal"),
            headers,
            body: Bytes::copy_from_slice(message.as_bytes()),
        }
    }

    /// The status.
    pub fn status(&self) -> reqwest::StatusCode {
        self.status
    }

    /// The headers.
    pub fn headers(&self) -> &reqwest::header::HeaderMap {
        &self.headers
    }

    /// The headers, to change.
    pub fn headers_mut(&mut self) -> &mut reqwest::header::HeaderMap {
        &mut self.headers
    }

    /// The body.
    pub fn body(&self) -> &Bytes {
        &self.body
    }

    /// Marks the (new) body as JSON with its length, then rebuilds the response.
    fn into_json_response(mut self) -> Response {
        self.headers
            .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
        self.headers
            .insert(CONTENT_LENGTH, HeaderValue::from(self.body.len()));
        self.into_response()
    }

    /// Puts the response back together.
    pub fn into_response(self) -> Response {
        use reqwest::ResponseBuilderExt;

        let mut builder = http::Response::builder()
            .status(self.status)
            .version(self.version)
            .url(self.url);
        if let Some(map) = builder.headers_mut() {
            *map = self.headers;
        }
        let response = builder
            .body(self.body)
            .expect("status, version and headers were taken from a valid response");
        Response::from(response)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_bodies() {
        let c = BodyProblem::classify;
        assert_eq!(c(b"", None), BodyProblem::Empty);
        assert_eq!(c(b"  \n", Some("application/json")), BodyProblem::Empty);
        assert_eq!(
            c(
                b"<html><body>502 Bad Gateway</body></html>",
                Some("text/html")
            ),
            BodyProblem::NotJson
        );
        assert_eq!(
            c(br#"{"ErrorCode":"Inval"#, Some("application/json")),
            BodyProblem::MalformedJson
        );
        assert_eq!(c(br#"{"ErrorCode":"#, None), BodyProblem::MalformedJson);
        assert_eq!(c(b"[1,2]", None), BodyProblem::UnexpectedShape);
    }

    #[test]
    fn problem_names_round_trip() {
        for p in [
            BodyProblem::Empty,
            BodyProblem::NotJson,
            BodyProblem::MalformedJson,
            BodyProblem::UnexpectedShape,
        ] {
            assert_eq!(BodyProblem::parse(p.as_str()), Some(p));
        }
        assert_eq!(BodyProblem::parse("nope"), None);
    }
}
