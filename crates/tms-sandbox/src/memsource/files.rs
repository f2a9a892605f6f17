//! Uploaded files and the headers that describe them: `Content-Disposition` (RFC 5987
//! `filename*=UTF-8''…`, or a plain `filename="…"` where the vendor allows it) and the
//! `Memsource` header's JSON.

use axum::http::{HeaderMap, header};
use axum::response::Response;
use serde::de::DeserializeOwned;

use super::http::bad_request;

/// A source file as uploaded.
pub(crate) struct StoredFile {
    pub(crate) name: String,
    pub(crate) bytes: Vec<u8>,
}

/// Which forms of `Content-Disposition` an operation takes.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Disposition {
    /// `filename*=UTF-8''…` or `filename="…"` (job uploads).
    Either,
    /// Only `filename*=UTF-8''…` (the TMX import).
    Rfc5987Only,
}

/// The file name of a request's `Content-Disposition`, decoded. A missing or malformed header
/// is 400 `InvalidArguments`.
pub(crate) fn filename(headers: &HeaderMap, forms: Disposition) -> Result<String, Response> {
    let value = headers
        .get(header::CONTENT_DISPOSITION)
        .ok_or_else(|| bad_request("Missing Content-Disposition header."))?
        .to_str()
        .map_err(|_| bad_request("Content-Disposition must be ASCII."))?;
    parse_disposition(value, forms).ok_or_else(|| {
        bad_request(&format!(
            "Content-Disposition {value:?} does not match ((inline|attachment); )?filename\\*=UTF-8''(.+)"
        ))
    })
}

/// The decoded name of `((inline|attachment); )?(filename\*=UTF-8''(.+)|filename="?(.+)"?)`.
pub(crate) fn parse_disposition(value: &str, forms: Disposition) -> Option<String> {
    let mut rest = value.trim();
    for kind in ["attachment;", "inline;"] {
        if rest.len() >= kind.len() && rest[..kind.len()].eq_ignore_ascii_case(kind) {
            rest = rest[kind.len()..].trim_start();
            break;
        }
    }
    let name = if let Some(encoded) = strip_prefix_ci(rest, "filename*=") {
        let encoded = strip_prefix_ci(encoded, "UTF-8''")?;
        percent_decode(encoded)?
    } else if forms == Disposition::Either {
        let plain = strip_prefix_ci(rest, "filename=")?;
        plain.trim_matches('"').to_owned()
    } else {
        return None;
    };
    let name = name.trim().to_owned();
    let bad = name.is_empty() || name.len() > 255 || name.chars().any(char::is_control);
    (!bad).then_some(name)
}

fn strip_prefix_ci<'a>(value: &'a str, prefix: &str) -> Option<&'a str> {
    (value.len() >= prefix.len() && value.is_char_boundary(prefix.len()))
        .then(|| value.split_at(prefix.len()))
        .filter(|(head, _)| head.eq_ignore_ascii_case(prefix))
        .map(|(_, tail)| tail)
}

/// `%XX` decoding to UTF-8; `None` for a broken escape or bytes that are not UTF-8.
fn percent_decode(encoded: &str) -> Option<String> {
    let bytes = encoded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = encoded.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// `attachment; filename*=UTF-8''<percent-encoded>` for a download.
pub(crate) fn content_disposition(filename: &str) -> String {
    let mut encoded = String::new();
    for byte in filename.bytes() {
        if byte.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    format!("attachment; filename*=UTF-8''{encoded}")
}

/// The `Memsource` header's JSON as `T`; missing or malformed is 400 `InvalidArguments`.
pub(crate) fn memsource_header<T: DeserializeOwned>(headers: &HeaderMap) -> Result<T, Response> {
    let value = headers
        .get("memsource")
        .ok_or_else(|| bad_request("Missing Memsource header."))?
        .to_str()
        .map_err(|_| bad_request("The Memsource header must be ASCII (escape as \\uXXXX)."))?;
    serde_json::from_str(value)
        .map_err(|error| bad_request(&format!("Invalid Memsource header: {error}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_5987_names_decode_to_unicode() {
        let header = "attachment; filename*=UTF-8''Z%C3%BCrich%20%E6%9D%B1%E4%BA%AC.docx";
        assert_eq!(
            parse_disposition(header, Disposition::Rfc5987Only).as_deref(),
            Some("Zürich 東京.docx")
        );
        assert_eq!(
            parse_disposition("filename*=utf-8''a.txt", Disposition::Either).as_deref(),
            Some("a.txt")
        );
        assert_eq!(
            parse_disposition("inline; filename=\"plain.txt\"", Disposition::Either).as_deref(),
            Some("plain.txt")
        );
    }

    #[test]
    fn broken_dispositions_are_refused() {
        for bad in [
            "attachment; filename=\"plain.txt\"",
            "attachment; filename*=UTF-8''%E6%9D",
            "attachment; filename*=UTF-8''%zz.txt",
            "attachment; filename*=ISO-8859-1''a.txt",
            "attachment",
        ] {
            assert_eq!(
                parse_disposition(bad, Disposition::Rfc5987Only),
                None,
                "{bad}"
            );
        }
    }

    #[test]
    fn download_names_round_trip() {
        let header = content_disposition("Zürich 東京.docx");
        assert!(header.is_ascii());
        assert_eq!(
            parse_disposition(&header, Disposition::Rfc5987Only).as_deref(),
            Some("Zürich 東京.docx")
        );
    }
}
