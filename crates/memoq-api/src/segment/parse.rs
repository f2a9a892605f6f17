//! The parser: `<seg>`, text with entities, inline elements, `</seg>`.

use super::{Part, Segment, SegmentError, Tag, TagKind, Text, error};

/// Resolves entities in `raw` (which starts at `offset` of the whole input). The five XML
/// entities and numeric references are resolved; an unknown named entity (`&nbsp;`) is kept as
/// written; a bare `&` or an invalid character reference is an error.
fn unescape(raw: &str, offset: usize) -> Result<String, SegmentError> {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut at = offset;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        at += amp;
        rest = &rest[amp..];
        let Some(semi) = rest[1..].find(';').map(|i| i + 1) else {
            return error(at, "'&' without a closing ';' (write &amp;)");
        };
        let name = &rest[1..semi];
        let resolved = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if name.starts_with("#x") || name.starts_with("#X") => {
                Some(char_ref(u32::from_str_radix(&name[2..], 16).ok(), at)?)
            }
            _ if name.starts_with('#') => Some(char_ref(name[1..].parse().ok(), at)?),
            _ if !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | ':')) =>
            {
                None
            }
            _ => return error(at, "'&' that starts no entity (write &amp;)"),
        };
        match resolved {
            Some(c) => out.push(c),
            None => out.push_str(&rest[..=semi]),
        }
        at += semi + 1;
        rest = &rest[semi + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

fn char_ref(code: Option<u32>, at: usize) -> Result<char, SegmentError> {
    match code.and_then(char::from_u32) {
        Some(c) if c != '\0' => Ok(c),
        _ => error(at, "invalid character reference"),
    }
}

/// A parsed start tag.
struct StartTag<'a> {
    name: &'a str,
    attributes: Vec<(String, String)>,
    empty: bool,
}

/// A cursor over the input.
struct Reader<'a> {
    input: &'a str,
    pos: usize,
}

impl<'a> Reader<'a> {
    fn rest(&self) -> &'a str {
        &self.input[self.pos..]
    }

    fn skip_space(&mut self) {
        let rest = self.rest();
        self.pos += rest.len() - rest.trim_start_matches([' ', '\t', '\r', '\n']).len();
    }

    fn name(&mut self) -> Result<&'a str, SegmentError> {
        let rest = self.rest();
        let len = rest
            .char_indices()
            .find(|&(i, c)| {
                !(c.is_alphanumeric() || c == '_' || c == ':' || (i > 0 && matches!(c, '-' | '.')))
            })
            .map_or(rest.len(), |(i, _)| i);
        if len == 0 {
            return error(self.pos, "expected a name");
        }
        self.pos += len;
        Ok(&rest[..len])
    }

    /// Parses `<name attr="v" …` after the `<`, up to and including `>` or `/>`.
    fn start_tag(&mut self) -> Result<StartTag<'a>, SegmentError> {
        let name = self.name()?;
        let mut attributes = Vec::new();
        loop {
            let before = self.pos;
            self.skip_space();
            let rest = self.rest();
            if let Some(after) = rest.strip_prefix("/>") {
                self.pos = self.input.len() - after.len();
                return Ok(StartTag {
                    name,
                    attributes,
                    empty: true,
                });
            }
            if let Some(after) = rest.strip_prefix('>') {
                self.pos = self.input.len() - after.len();
                return Ok(StartTag {
                    name,
                    attributes,
                    empty: false,
                });
            }
            if rest.is_empty() {
                return error(self.pos, format!("<{name}> is not closed with '>'"));
            }
            if self.pos == before {
                return error(self.pos, "expected white space before an attribute");
            }
            let attribute = self.name()?;
            self.skip_space();
            if !self.rest().starts_with('=') {
                return error(self.pos, format!("attribute {attribute} has no '='"));
            }
            self.pos += 1;
            self.skip_space();
            let quote = match self.rest().chars().next() {
                Some(q @ ('"' | '\'')) => q,
                _ => return error(self.pos, "an attribute value must be quoted"),
            };
            self.pos += 1;
            let Some(end) = self.rest().find(quote) else {
                return error(self.pos, "unterminated attribute value");
            };
            let raw_value = &self.rest()[..end];
            if raw_value.contains('<') {
                return error(self.pos, "'<' inside an attribute value");
            }
            let value = unescape(raw_value, self.pos)?;
            self.pos += end + 1;
            attributes.push((attribute.to_owned(), value));
        }
    }

    /// The content of element `name` up to its matching end tag (same-named elements nest);
    /// leaves the cursor after the end tag. Returns the raw content.
    fn content_until_end(&mut self, name: &str) -> Result<&'a str, SegmentError> {
        let start = self.pos;
        let mut depth = 1usize;
        loop {
            let Some(lt) = self.rest().find('<') else {
                return error(start, format!("<{name}> is never closed"));
            };
            self.pos += lt;
            let rest = self.rest();
            if let Some(after) = rest.strip_prefix("</") {
                let mut inner = Reader {
                    input: self.input,
                    pos: self.input.len() - after.len(),
                };
                let closing = inner.name()?;
                inner.skip_space();
                if !inner.rest().starts_with('>') {
                    return error(inner.pos, format!("</{closing} is not closed with '>'"));
                }
                if closing == name {
                    depth -= 1;
                    if depth == 0 {
                        let content = &self.input[start..self.pos];
                        self.pos = inner.pos + 1;
                        return Ok(content);
                    }
                }
                self.pos = inner.pos + 1;
            } else {
                self.pos += 1;
                let inner = self.start_tag()?;
                if inner.name == name && !inner.empty {
                    depth += 1;
                }
            }
        }
    }
}

/// See [`Segment::parse`].
pub(super) fn parse(wire: &str) -> Result<Segment, SegmentError> {
    let mut reader = Reader {
        input: wire,
        pos: 0,
    };
    if !wire.starts_with('<') {
        return error(0, "a segment starts with <seg>");
    }
    reader.pos = 1;
    let start = reader.start_tag()?;
    if start.name != "seg" {
        return error(
            1,
            format!("a segment starts with <seg>, not <{}>", start.name),
        );
    }
    let open = wire[..reader.pos].to_owned();
    if start.empty {
        if reader.pos != wire.len() {
            return error(reader.pos, "text after <seg/>");
        }
        return Ok(Segment {
            open,
            parts: Vec::new(),
            close: String::new(),
        });
    }
    let mut parts = Vec::new();
    loop {
        let rest = reader.rest();
        if rest.is_empty() {
            return error(reader.pos, "<seg> is never closed");
        }
        if let Some(after) = rest.strip_prefix("</") {
            let close_start = reader.pos;
            reader.pos = wire.len() - after.len();
            let closing = reader.name()?;
            if closing != "seg" {
                return error(close_start, format!("</{closing}> closes no open element"));
            }
            reader.skip_space();
            if !reader.rest().starts_with('>') {
                return error(reader.pos, "</seg is not closed with '>'");
            }
            reader.pos += 1;
            if reader.pos != wire.len() {
                return error(reader.pos, "text after </seg>");
            }
            return Ok(Segment {
                open,
                parts,
                close: wire[close_start..].to_owned(),
            });
        }
        if rest.starts_with('<') {
            let tag_start = reader.pos;
            reader.pos += 1;
            let StartTag {
                name,
                attributes,
                empty,
            } = reader.start_tag()?;
            let content = if empty {
                None
            } else {
                let raw_content = reader.content_until_end(name)?;
                let content_offset = reader.input.len() - reader.rest().len() - raw_content.len();
                Some(if raw_content.contains('<') {
                    raw_content.to_owned()
                } else {
                    unescape(raw_content, content_offset)?
                })
            };
            parts.push(Part::Tag(Tag {
                kind: TagKind::from_name(name),
                attributes,
                content,
                raw: wire[tag_start..reader.pos].to_owned(),
            }));
        } else {
            let len = rest.find('<').unwrap_or(rest.len());
            let raw = &rest[..len];
            let text = unescape(raw, reader.pos)?;
            reader.pos += len;
            parts.push(Part::Text(Text {
                text,
                raw: raw.to_owned(),
            }));
        }
    }
}
