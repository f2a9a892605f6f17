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

/// Where an upload's bytes come from. The file is streamed, never read into memory.
pub enum FileSource {
    /// A file on disk: opened for each attempt, so an upload that failed before the server saw
    /// it can be sent again.
    Path(std::path::PathBuf),
    /// Any reader (a network stream, a decompressor): sent once, never retried after it started.
    Reader {
        /// The file name Memsource records.
        filename: String,
        /// The bytes; taken by the first attempt.
        reader: Option<Box<dyn tokio::io::AsyncRead + Send + Sync + Unpin>>,
    },
}

impl std::fmt::Debug for FileSource {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Path(path) => f.debug_tuple("Path").field(path).finish(),
            Self::Reader { filename, .. } => f
                .debug_struct("Reader")
                .field("filename", filename)
                .finish_non_exhaustive(),
        }
    }
}

impl FileSource {
    /// A file on disk.
    pub fn path(path: impl Into<std::path::PathBuf>) -> Self {
        Self::Path(path.into())
    }

    /// A reader, uploaded as `filename`.
    pub fn reader(
        filename: impl Into<String>,
        reader: impl tokio::io::AsyncRead + Send + Sync + Unpin + 'static,
    ) -> Self {
        Self::Reader {
            filename: filename.into(),
            reader: Some(Box::new(reader)),
        }
    }

    /// The file name to send in `Content-Disposition`.
    pub fn filename(&self) -> String {
        match self {
            Self::Path(path) => path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| "upload.bin".to_owned()),
            Self::Reader { filename, .. } => filename.clone(),
        }
    }

    /// Whether another attempt can send the bytes again.
    pub fn can_reopen(&self) -> bool {
        matches!(self, Self::Path(_))
    }

    /// A streaming body for one attempt; `None` when a reader was already used.
    ///
    /// # Errors
    /// When the file cannot be opened.
    pub async fn open(&mut self) -> std::io::Result<Option<reqwest::Body>> {
        Ok(self
            .open_stream()
            .await?
            .map(|(stream, _)| reqwest::Body::wrap_stream(stream)))
    }

    /// The bytes of one attempt as a stream of chunks, and their number when known (a file's
    /// length); `None` when a reader was already used.
    pub(crate) async fn open_stream(
        &mut self,
    ) -> std::io::Result<Option<(UploadStream, Option<u64>)>> {
        match self {
            Self::Path(path) => {
                let file = tokio::fs::File::open(&path).await?;
                let len = file.metadata().await.ok().map(|m| m.len());
                let reader: Box<dyn tokio::io::AsyncRead + Send + Sync + Unpin> = Box::new(file);
                Ok(Some((
                    tokio_util::io::ReaderStream::with_capacity(reader, UPLOAD_CHUNK),
                    len,
                )))
            }
            Self::Reader { reader, .. } => Ok(reader.take().map(|reader| {
                (
                    tokio_util::io::ReaderStream::with_capacity(reader, UPLOAD_CHUNK),
                    None,
                )
            })),
        }
    }
}

/// The size of the chunks an upload is read in.
const UPLOAD_CHUNK: usize = 64 * 1024;

/// The chunks of one upload attempt.
pub(crate) type UploadStream =
    tokio_util::io::ReaderStream<Box<dyn tokio::io::AsyncRead + Send + Sync + Unpin>>;

/// Writes a download to `writer` as it arrives; returns the bytes written.
///
/// # Errors
/// A transport error while reading (as `io::ErrorKind::Other`) or a write error.
pub async fn download_to<W>(
    stream: progenitor_client::ByteStream,
    writer: &mut W,
) -> std::io::Result<u64>
where
    W: tokio::io::AsyncWrite + Unpin,
{
    use futures_util::StreamExt;
    use tokio::io::AsyncWriteExt;

    let mut stream = stream.into_inner();
    let mut written = 0u64;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(std::io::Error::other)?;
        writer.write_all(&chunk).await?;
        written += chunk.len() as u64;
    }
    writer.flush().await?;
    Ok(written)
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
