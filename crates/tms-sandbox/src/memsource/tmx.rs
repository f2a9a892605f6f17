//! TMX read and written by the sandbox's translation memories: each `<tu>` with a `<tuv>` in
//! the memory's source language and one or more in its target languages becomes one unit per
//! target language. Inline codes (`bpt`, `ept`, `ph`, `it`, `ut`) are dropped with their
//! content, other inline elements keep their text; entities are decoded.

use super::tms::Tm;

/// A unit read from a TMX: source text, target language (the memory's code), target text.
pub(crate) type Pair = (String, String, String);

/// The memory-language code of a TMX language (`en-US` → `en_us`).
fn code(tmx_lang: &str) -> String {
    tmx_lang.trim().to_lowercase().replace('-', "_")
}

/// The TMX language of a memory code (`en_us` → `en-US`).
fn tmx_lang(code: &str) -> String {
    match code.split_once('_') {
        Some((lang, region)) if region.len() == 2 => format!("{lang}-{}", region.to_uppercase()),
        Some((lang, rest)) => format!("{lang}-{rest}"),
        None => code.to_owned(),
    }
}

/// Whether TMX language `lang` fits memory language `wanted` (strictly: the same code;
/// otherwise also the same primary language).
fn fits(lang: &str, wanted: &str, strict: bool) -> bool {
    let primary = |c: &str| c.split('_').next().unwrap_or(c).to_owned();
    lang == wanted || (!strict && primary(lang) == primary(wanted))
}

/// The units of `bytes` for memory `tm`.
///
/// # Errors
/// A description when the bytes are not UTF-8 or not a TMX document.
pub(crate) fn read(bytes: &[u8], tm: &Tm, strict: bool) -> Result<Vec<Pair>, String> {
    let text = std::str::from_utf8(bytes).map_err(|_| "The TMX file is not UTF-8.".to_owned())?;
    if !text.contains("<tmx") {
        return Err("The file is not a TMX document (no <tmx> element).".to_owned());
    }
    let mut pairs = Vec::new();
    let mut rest = text;
    while let Some(start) = find_element(rest, "tu") {
        let after = &rest[start..];
        let Some(end) = after.find("</tu>") else {
            return Err("A <tu> element is not closed.".to_owned());
        };
        let unit = &after[..end];
        rest = &after[end + "</tu>".len()..];
        let variants = variants(unit);
        let Some((_, source)) = variants
            .iter()
            .find(|(lang, _)| fits(lang, &tm.source_lang, strict))
        else {
            continue;
        };
        for target_lang in &tm.target_langs {
            if let Some((_, target)) = variants
                .iter()
                .find(|(lang, _)| fits(lang, target_lang, strict))
                && !source.is_empty()
                && !target.is_empty()
            {
                pairs.push((source.clone(), target_lang.clone(), target.clone()));
            }
        }
    }
    Ok(pairs)
}

/// The position of the next `<name` start tag (not a longer name such as `<tuv` for `tu`).
fn find_element(text: &str, name: &str) -> Option<usize> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(found) = text[from..].find(&open) {
        let at = from + found;
        let next = text[at + open.len()..].chars().next();
        if next.is_some_and(|c| c == '>' || c == '/' || c.is_whitespace()) {
            return Some(at);
        }
        from = at + open.len();
    }
    None
}

/// The (language code, text) of every `<tuv>` of a unit.
fn variants(unit: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = unit;
    while let Some(start) = find_element(rest, "tuv") {
        let after = &rest[start..];
        let Some(end) = after.find("</tuv>") else {
            break;
        };
        let tuv = &after[..end];
        rest = &after[end + "</tuv>".len()..];
        let tag_end = tuv.find('>').unwrap_or(tuv.len());
        let Some(lang) =
            attribute(&tuv[..tag_end], "xml:lang").or_else(|| attribute(&tuv[..tag_end], "lang"))
        else {
            continue;
        };
        let Some(seg_start) = tuv.find("<seg>") else {
            continue;
        };
        let seg = &tuv[seg_start + "<seg>".len()..];
        let seg = &seg[..seg.find("</seg>").unwrap_or(seg.len())];
        out.push((code(&lang), unescape(&strip_inline(seg)).trim().to_owned()));
    }
    out
}

fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(found) = tag[from..].find(name) {
        let at = from + found;
        let before_ok = tag[..at].ends_with(char::is_whitespace);
        let rest = tag[at + name.len()..].trim_start();
        if before_ok && let Some(rest) = rest.strip_prefix('=') {
            let rest = rest.trim_start();
            let quote = rest.chars().next()?;
            if quote == '"' || quote == '\'' {
                let value = &rest[1..];
                return value.find(quote).map(|end| value[..end].to_owned());
            }
        }
        from = at + name.len();
    }
    None
}

/// Drops inline codes with their content and every other tag, keeping the text.
fn strip_inline(seg: &str) -> String {
    let mut text = seg.to_owned();
    for code in ["bpt", "ept", "ph", "it", "ut"] {
        while let Some(start) = find_element(&text, code) {
            let close = format!("</{code}>");
            let end = match text[start..].find(&close) {
                Some(end) => start + end + close.len(),
                None => {
                    start
                        + text[start..]
                            .find('>')
                            .map_or(text.len() - start, |e| e + 1)
                }
            };
            text.replace_range(start..end, "");
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let Some(semi) = tail.find(';').filter(|s| *s <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => entity
                .strip_prefix("#x")
                .or_else(|| entity.strip_prefix("#X"))
                .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                .or_else(|| entity.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The TMX of memory `tm`, with the units of `langs` (all target languages when empty).
pub(crate) fn write(tm: &Tm, langs: &[String]) -> Vec<u8> {
    let mut out =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n");
    out.push_str(&format!(
        "  <header creationtool=\"tms-sandbox\" creationtoolversion=\"{}\" segtype=\"sentence\" o-tmf=\"Memsource\" adminlang=\"en\" srclang=\"{}\" datatype=\"plaintext\"/>\n  <body>\n",
        env!("CARGO_PKG_VERSION"),
        tmx_lang(&tm.source_lang)
    ));
    for unit in tm.units.iter().filter(|u| {
        langs.is_empty() || langs.iter().any(|l| l.eq_ignore_ascii_case(&u.target_lang))
    }) {
        out.push_str(&format!(
            "    <tu tuid=\"{}\">\n      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n      <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n    </tu>\n",
            escape(&unit.id),
            tmx_lang(&tm.source_lang),
            escape(&unit.source),
            tmx_lang(&unit.target_lang),
            escape(&unit.target)
        ));
    }
    out.push_str("  </body>\n</tmx>\n");
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn memory() -> Tm {
        Tm::empty("en", vec!["de".to_owned(), "fr".to_owned()])
    }

    #[test]
    fn units_with_inline_codes_and_entities_are_read() {
        let tmx = r#"<?xml version="1.0"?><tmx version="1.4"><header srclang="en-US"/><body>
            <tu tuid="1"><tuv xml:lang="en-US"><seg>Press <bpt i="1">&lt;b&gt;</bpt>Save<ept i="1">&lt;/b&gt;</ept> &amp; exit</seg></tuv>
            <tuv xml:lang="de-DE"><seg>Drücken Sie <hi>Speichern</hi> &#x26; beenden</seg></tuv></tu>
            <tu><tuv lang="en"><seg>Only English</seg></tuv></tu>
            <tu><tuv xml:lang="en"><seg>Two</seg></tuv><tuv xml:lang="de"><seg>Zwei</seg></tuv><tuv xml:lang="fr"><seg>Deux</seg></tuv></tu>
        </body></tmx>"#;
        let pairs = read(tmx.as_bytes(), &memory(), false).expect("valid TMX");
        assert_eq!(
            pairs,
            vec![
                (
                    "Press Save & exit".into(),
                    "de".into(),
                    "Drücken Sie Speichern & beenden".into()
                ),
                ("Two".into(), "de".into(), "Zwei".into()),
                ("Two".into(), "fr".into(), "Deux".into()),
            ]
        );
        let strict = read(tmx.as_bytes(), &memory(), true).expect("valid TMX");
        assert_eq!(strict.len(), 2, "en-US/de-DE do not match en/de strictly");
    }

    #[test]
    fn written_tmx_reads_back() {
        let mut tm = memory();
        tm.push_unit("a < b", "de", "a < b (de)");
        let bytes = write(&tm, &[]);
        assert_eq!(
            read(&bytes, &tm, true).expect("our own TMX"),
            vec![("a < b".to_owned(), "de".to_owned(), "a < b (de)".to_owned())]
        );
        assert!(read(b"<html/>", &tm, false).is_err());
    }
}
