//! Response hygiene between the HTTP stack and the typed error.
//!
//! An error answer is read into a [`Buffered`] of at most [`ERROR_BODY_CAP`] bytes (the rest is
//! counted and dropped, so a huge error page cannot exhaust memory). When its body is not the
//! vendor's error schema — a reverse proxy's HTML 502 page, an empty 401, JSON cut off mid-way —
//! [`BodyProblem::classify`] says what it is, and the typed error keeps the status and the text.

use bytes::{Bytes, BytesMut};
use reqwest::Response;
use reqwest::header::{CONTENT_LENGTH, CONTENT_TYPE, HeaderValue};

/// Which bytes stay as they are in a path segment; every other byte is written as `%XX`. The
/// set progenitor's `encode_path` keeps: ASCII graphic characters but `"#<>?`{}/%` (so
/// controls, space, DEL and every byte of a multi-byte character are encoded). A table, so
/// that checking an id is one load per byte.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 256 {
        let b = byte as u8;
        table[byte] = b.is_ascii_graphic()
            && !matches!(
                b,
                b'"' | b'#' | b'<' | b'>' | b'?' | b'`' | b'{' | b'}' | b'/' | b'%'
            );
        byte += 1;
    }
    table
};

/// A path parameter as one URL path segment: its `Display` text, percent-encoded as it is
/// written, with no `String` in between. (`cargo xtask regen` points the generated code's
/// `encode_path(&value.to_string())` here, which built two strings per parameter.)
///
/// ```
/// use tms_runtime::wire::PathSegment;
///
/// assert_eq!(format!("/jobs/{}", PathSegment(&"a/b c")), "/jobs/a%2Fb%20c");
/// assert_eq!(format!("/tms/{}", PathSegment(&42)), "/tms/42");
/// ```
pub struct PathSegment<'a, T: ?Sized>(pub &'a T);

impl<T: std::fmt::Display + ?Sized> std::fmt::Display for PathSegment<'_, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        /// Percent-encodes each piece of text as the value writes it; the encoding works
        /// byte by byte, so where the pieces split does not matter.
        struct Encode<'a, 'b>(&'a mut std::fmt::Formatter<'b>);
        impl std::fmt::Write for Encode<'_, '_> {
            fn write_str(&mut self, text: &str) -> std::fmt::Result {
                let mut start = 0;
                for (at, byte) in text.bytes().enumerate() {
                    if PLAIN[usize::from(byte)] {
                        continue;
                    }
                    // A run of plain bytes is ASCII, so it starts and ends on character
                    // boundaries (inside an encoded character there is no run).
                    if start < at {
                        self.0.write_str(&text[start..at])?;
                    }
                    self.0
                        .write_str(percent_encoding::percent_encode_byte(byte))?;
                    start = at + 1;
                }
                // An id is one run: written as it is.
                self.0.write_str(&text[start..])
            }
        }
        std::fmt::write(&mut Encode(f), format_args!("{}", self.0))
    }
}

/// The room an operation's URL starts with: a base URL and a path with an id or two fit.
const URL_CAPACITY: usize = 256;

/// An operation's URL (base URL, path, path parameters), formatted into a string that has room
/// for it from the start. `format!` sizes its string from the literal parts alone and
/// reallocates as the base URL and the ids arrive, twice for a typical call. (`cargo xtask
/// regen` points the generated code's URL `format!` here.)
///
/// ```
/// use tms_runtime::wire::{PathSegment, url};
///
/// let base = "https://tms.example.com/web/api2";
/// let built = url(format_args!("{}/v1/projects/{}", base, PathSegment(&"p 1")));
/// assert_eq!(built, "https://tms.example.com/web/api2/v1/projects/p%201");
/// assert!(built.capacity() >= 256);
/// ```
///
/// # Panics
/// When a parameter's `Display` fails, as `format!` does.
pub fn url(parts: std::fmt::Arguments<'_>) -> String {
    let mut url = String::with_capacity(URL_CAPACITY);
    std::fmt::Write::write_fmt(&mut url, parts)
        .expect("a path parameter's Display implementation returned an error");
    url
}

/// How much of an error answer's body is kept (64 KiB).
pub const ERROR_BODY_CAP: usize = 64 * 1024;

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
    /// A short name, for messages.
    pub const fn as_str(self) -> &'static str {
        match self {
            Self::Empty => "empty",
            Self::NotJson => "not-json",
            Self::MalformedJson => "malformed-json",
            Self::UnexpectedShape => "unexpected-shape",
        }
    }

    /// Sorts out what is wrong with a body that did not decode as the vendor's error.
    pub fn classify(body: &[u8], content_type: Option<&str>) -> Self {
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

/// Reads a JSON answer into the generated code's `ResponseValue`, as progenitor's own
/// `ResponseValue::from_response` does but without copying the headers: they are moved out of
/// the response before its body is read. (`cargo xtask regen` points the generated code here.)
///
/// # Errors
/// `ResponseBodyError` when the body cannot be read, `InvalidResponsePayload` (with the body)
/// when it does not decode.
pub async fn decode_response<T, E>(
    mut response: Response,
) -> Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<E>>
where
    T: serde::de::DeserializeOwned,
{
    let status = response.status();
    let headers = std::mem::take(response.headers_mut());
    let body = response
        .bytes()
        .await
        .map_err(progenitor_client::Error::ResponseBodyError)?;
    match serde_json::from_slice(&body) {
        Ok(inner) => Ok(progenitor_client::ResponseValue::new(
            inner, status, headers,
        )),
        Err(source) => Err(progenitor_client::Error::InvalidResponsePayload(
            body, source,
        )),
    }
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

    /// Reads the response, keeping at most `cap` bytes of the body; the rest is read, counted
    /// and dropped. Returns the response and the number of bytes dropped.
    ///
    /// # Errors
    /// A transport error while reading the body.
    pub async fn read_capped(mut response: Response, cap: usize) -> reqwest::Result<(Self, u64)> {
        let status = response.status();
        let version = response.version();
        let url = response.url().clone();
        let headers = response.headers().clone();
        let mut kept = BytesMut::new();
        let mut dropped: u64 = 0;
        while let Some(chunk) = response.chunk().await? {
            let room = cap.saturating_sub(kept.len());
            let take = room.min(chunk.len());
            kept.extend_from_slice(&chunk[..take]);
            dropped = dropped.saturating_add((chunk.len() - take) as u64);
        }
        Ok((
            Self {
                status,
                version,
                url,
                headers,
                body: kept.freeze(),
            },
            dropped,
        ))
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
    fn path_segments_encode_as_progenitor_does() {
        let samples = [
            "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b",
            "a/b c?d#e%f",
            "Übersicht 東京.txt",
            "tab\tnewline\n\u{7f}",
            "{braces}<angle>`tick`\"quote\"",
            "",
        ];
        for sample in samples {
            assert_eq!(
                PathSegment(sample).to_string(),
                progenitor_client::encode_path(sample),
                "{sample:?}"
            );
        }
        // Every ASCII character, alone and amid plain text.
        for byte in 0..=0x7f_u8 {
            let text = format!("a{}b", char::from(byte));
            assert_eq!(
                PathSegment(text.as_str()).to_string(),
                progenitor_client::encode_path(&text),
                "{byte:#04x}"
            );
        }
        // A value whose `Display` writes in several pieces encodes the same as its text.
        struct Pieces;
        impl std::fmt::Display for Pieces {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "a/")?;
                write!(f, "{}", 7)?;
                f.write_str(" ü")
            }
        }
        assert_eq!(PathSegment(&Pieces).to_string(), "a%2F7%20%C3%BC");
    }

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
}
