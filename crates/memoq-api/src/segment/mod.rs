//! memoQ segment markup.
//!
//! Every segment the Resources API takes or returns is an XML fragment inside a JSON string:
//! `<seg>…</seg>` with TMX 1.4b-style inline tags — `<bpt i="1">…</bpt>` / `<ept i="1">…</ept>`
//! pairs, `<ph>…</ph>`, `<it pos="begin">…</it>` — whose content is the escaped native code.
//! [`Segment`] builds that markup from plain text and tags (escaping `&`, `<`, `>`), parses what
//! the server returns (unknown attributes and entities are kept), gives the plain text, and
//! renders a parsed segment back to exactly the string it came from.
//!
//! ```
//! use memoq_api::segment::Segment;
//!
//! let plain = Segment::from_text("R&D <beta>");
//! assert_eq!(plain.to_wire(), "<seg>R&amp;D &lt;beta&gt;</seg>");
//!
//! let tagged = Segment::builder()
//!     .text("Click ")
//!     .bpt(1, "<b>")
//!     .text("OK")
//!     .ept(1, "</b>")
//!     .build();
//! assert_eq!(
//!     tagged.to_wire(),
//!     r#"<seg>Click <bpt i="1">&lt;b&gt;</bpt>OK<ept i="1">&lt;/b&gt;</ept></seg>"#
//! );
//!
//! let parsed = Segment::parse(&tagged.to_wire()).unwrap();
//! assert_eq!(parsed, tagged);
//! assert_eq!(parsed.plain_text(), "Click OK");
//! ```

use std::fmt;

mod parse;

/// A parsed or built segment: runs of text and inline tags, plus the exact `<seg>` markup.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    open: String,
    parts: Vec<Part>,
    close: String,
}

/// A run of text or an inline tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Text.
    Text(Text),
    /// An inline tag.
    Tag(Tag),
}

/// A run of text: the text itself and its markup on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    text: String,
    raw: String,
}

impl Text {
    /// The text, entities resolved.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The markup as on the wire.
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

/// The kind of an inline tag.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TagKind {
    /// `<bpt>`: the beginning of a paired formatting (matched by `i`).
    Bpt,
    /// `<ept>`: the end of a paired formatting.
    Ept,
    /// `<ph>`: a standalone placeholder.
    Ph,
    /// `<it>`: an isolated beginning or end (`pos="begin|end"`).
    It,
    /// Any other element the server sends (`<hi>`, `<ut>`, …), kept as is.
    Other(String),
}

impl TagKind {
    fn from_name(name: &str) -> Self {
        match name {
            "bpt" => Self::Bpt,
            "ept" => Self::Ept,
            "ph" => Self::Ph,
            "it" => Self::It,
            other => Self::Other(other.to_owned()),
        }
    }

    /// The element name.
    pub fn name(&self) -> &str {
        match self {
            Self::Bpt => "bpt",
            Self::Ept => "ept",
            Self::Ph => "ph",
            Self::It => "it",
            Self::Other(name) => name,
        }
    }
}

/// An inline tag: kind, attributes, native code, and its markup on the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    kind: TagKind,
    attributes: Vec<(String, String)>,
    content: Option<String>,
    raw: String,
}

impl Tag {
    /// A tag whose native code is `content` (`None`: an empty element, `<ph/>`).
    pub fn new(kind: TagKind, attributes: Vec<(String, String)>, content: Option<&str>) -> Self {
        let mut raw = format!("<{}", kind.name());
        for (name, value) in &attributes {
            raw.push_str(&format!(" {name}=\"{}\"", escape(value, true)));
        }
        match content {
            Some(content) => {
                raw.push_str(&format!(">{}</{}>", escape(content, false), kind.name()))
            }
            None => raw.push_str("/>"),
        }
        Self {
            kind,
            attributes,
            content: content.map(str::to_owned),
            raw,
        }
    }

    /// The kind.
    pub fn kind(&self) -> &TagKind {
        &self.kind
    }

    /// The value of attribute `name`, entities resolved.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// All attributes, in order.
    pub fn attributes(&self) -> &[(String, String)] {
        &self.attributes
    }

    /// The native code inside the tag, entities resolved (`None` for an empty element). Nested
    /// markup (TMX `<sub>`) is kept as written.
    pub fn content(&self) -> Option<&str> {
        self.content.as_deref()
    }

    /// The markup as on the wire.
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

/// Why a string is not segment markup. Parsing never panics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid segment markup at byte {offset}: {reason}")]
pub struct SegmentError {
    /// Byte offset in the input.
    pub offset: usize,
    /// What is wrong.
    pub reason: String,
}

fn error<T>(offset: usize, reason: impl Into<String>) -> Result<T, SegmentError> {
    Err(SegmentError {
        offset,
        reason: reason.into(),
    })
}

/// Escapes text for XML: `&`, `<`, `>` always, `"` in attribute values.
pub fn escape(text: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

impl Segment {
    /// A segment of plain text, escaped for the wire.
    pub fn from_text(text: &str) -> Self {
        Self::builder().text(text).build()
    }

    /// A builder for text and inline tags.
    pub fn builder() -> SegmentBuilder {
        SegmentBuilder { parts: Vec::new() }
    }

    /// Parses the markup memoQ sends: `<seg>` (attributes allowed), text and inline tags,
    /// `</seg>`, nothing after it.
    ///
    /// # Errors
    /// [`SegmentError`] with the byte offset and the reason.
    pub fn parse(wire: &str) -> Result<Self, SegmentError> {
        parse::parse(wire)
    }

    /// The markup to send: `<seg>…</seg>`, exactly as parsed for a parsed segment.
    pub fn to_wire(&self) -> String {
        let mut out = String::with_capacity(
            self.open.len()
                + self.close.len()
                + self.parts.iter().map(|p| p.raw().len()).sum::<usize>(),
        );
        out.push_str(&self.open);
        for part in &self.parts {
            out.push_str(part.raw());
        }
        out.push_str(&self.close);
        out
    }

    /// The text without tags, entities resolved.
    pub fn plain_text(&self) -> String {
        self.parts
            .iter()
            .filter_map(|p| match p {
                Part::Text(t) => Some(t.as_str()),
                Part::Tag(_) => None,
            })
            .collect()
    }

    /// The runs of text and the tags, in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The inline tags, in order.
    pub fn tags(&self) -> impl Iterator<Item = &Tag> {
        self.parts.iter().filter_map(|p| match p {
            Part::Tag(t) => Some(t),
            Part::Text(_) => None,
        })
    }
}

impl Part {
    /// The markup as on the wire.
    pub fn raw(&self) -> &str {
        match self {
            Self::Text(t) => &t.raw,
            Self::Tag(t) => &t.raw,
        }
    }
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_wire())
    }
}

impl std::str::FromStr for Segment {
    type Err = SegmentError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

impl serde::Serialize for Segment {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_wire())
    }
}

impl<'de> serde::Deserialize<'de> for Segment {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Self::parse(&wire).map_err(serde::de::Error::custom)
    }
}

/// Where an isolated tag stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// An opening without its closing in the segment.
    Begin,
    /// A closing without its opening in the segment.
    End,
}

/// Builds a [`Segment`]; adjacent text is merged, empty text dropped.
#[derive(Debug, Clone)]
#[must_use]
pub struct SegmentBuilder {
    parts: Vec<Part>,
}

impl SegmentBuilder {
    /// Plain text (escaped for the wire).
    pub fn text(mut self, text: &str) -> Self {
        if text.is_empty() {
            return self;
        }
        if let Some(Part::Text(last)) = self.parts.last_mut() {
            last.text.push_str(text);
            last.raw.push_str(&escape(text, false));
        } else {
            self.parts.push(Part::Text(Text {
                text: text.to_owned(),
                raw: escape(text, false),
            }));
        }
        self
    }

    /// The beginning of paired formatting number `i`, with its native code (e.g. `<b>`).
    pub fn bpt(self, i: u32, native: &str) -> Self {
        self.tag(Tag::new(
            TagKind::Bpt,
            vec![("i".into(), i.to_string())],
            Some(native),
        ))
    }

    /// The end of paired formatting number `i`.
    pub fn ept(self, i: u32, native: &str) -> Self {
        self.tag(Tag::new(
            TagKind::Ept,
            vec![("i".into(), i.to_string())],
            Some(native),
        ))
    }

    /// A standalone placeholder.
    pub fn ph(self, native: &str) -> Self {
        self.tag(Tag::new(TagKind::Ph, Vec::new(), Some(native)))
    }

    /// An isolated beginning or end.
    pub fn it(self, position: Position, native: &str) -> Self {
        let pos = match position {
            Position::Begin => "begin",
            Position::End => "end",
        };
        self.tag(Tag::new(
            TagKind::It,
            vec![("pos".into(), pos.into())],
            Some(native),
        ))
    }

    /// Any tag.
    pub fn tag(mut self, tag: Tag) -> Self {
        self.parts.push(Part::Tag(tag));
        self
    }

    /// The segment.
    pub fn build(self) -> Segment {
        Segment {
            open: "<seg>".to_owned(),
            parts: self.parts,
            close: "</seg>".to_owned(),
        }
    }
}
