//! The two headers Memsource's file uploads carry.
//!
//! A job create, source update, target update or TMX import sends the file as the raw body and
//! describes it in headers: `Content-Disposition` names the file, and (for jobs) `Memsource`
//! carries a JSON object. Header values must be ASCII, so both are encoded here.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// RFC 5987 `attr-char`: ALPHA / DIGIT / "!" / "#" / "$" / "&" / "+" / "-" / "." / "^" / "_" /
/// "`" / "|" / "~". Everything else is percent-encoded.
const ATTR_CHAR: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'!')
    .remove(b'#')
    .remove(b'$')
    .remove(b'&')
    .remove(b'+')
    .remove(b'-')
    .remove(b'.')
    .remove(b'^')
    .remove(b'_')
    .remove(b'`')
    .remove(b'|')
    .remove(b'~');

/// `Content-Disposition` for an upload: `attachment; filename*=UTF-8''<percent-encoded>`, the
/// only form every Memsource upload operation accepts (the TMX import accepts no other).
///
/// ```
/// use memsource_api::upload::content_disposition;
///
/// assert_eq!(
///     content_disposition("Zürich 東京.docx"),
///     "attachment; filename*=UTF-8''Z%C3%BCrich%20%E6%9D%B1%E4%BA%AC.docx"
/// );
/// ```
pub fn content_disposition(filename: &str) -> String {
    format!(
        "attachment; filename*=UTF-8''{}",
        utf8_percent_encode(filename, ATTR_CHAR)
    )
}

/// The `Memsource` header: `meta` as compact JSON with every non-ASCII character escaped as
/// `\uXXXX` (UTF-16, surrogate pairs above U+FFFF), so the value is a valid header and the
/// server reads back the same JSON.
///
/// ```
/// use memsource_api::upload::memsource_header;
///
/// let meta = serde_json::json!({"targetLangs": ["de"], "path": "Zürich/東京"});
/// assert_eq!(
///     memsource_header(&meta).unwrap(),
///     r#"{"path":"Z\u00fcrich/\u6771\u4eac","targetLangs":["de"]}"#
/// );
/// ```
///
/// # Errors
/// When `meta` cannot be serialised as JSON (a map with non-string keys, say).
pub fn memsource_header<T: serde::Serialize>(meta: &T) -> Result<String, serde_json::Error> {
    let json = serde_json::to_string(meta)?;
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_json_reads_back_identically() {
        let meta = serde_json::json!({
            "targetLangs": ["de", "ja"],
            "path": "Zürich/東京/🙂 \"quoted\"",
            "callbackUrl": "https://example.com/cb?a=1&b=2"
        });
        let header = memsource_header(&meta).unwrap();
        assert!(header.is_ascii(), "{header}");
        assert!(header.contains(r"\ud83d\ude42"), "{header}");
        reqwest::header::HeaderValue::from_str(&header).expect("a valid header value");
        let back: serde_json::Value = serde_json::from_str(&header).unwrap();
        assert_eq!(back, meta);
    }

    #[test]
    fn disposition_is_ascii_and_decodes_to_the_name() {
        for name in [
            "plain.txt",
            "a b;c\"d.xlf",
            "Zürich 東京.docx",
            "🙂.idml",
            "100%.md",
        ] {
            let header = content_disposition(name);
            assert!(header.is_ascii(), "{header}");
            reqwest::header::HeaderValue::from_str(&header).expect("a valid header value");
            let encoded = header
                .strip_prefix("attachment; filename*=UTF-8''")
                .expect("RFC 5987 form");
            let decoded = percent_encoding::percent_decode_str(encoded)
                .decode_utf8()
                .unwrap();
            assert_eq!(decoded, name);
        }
    }
}
