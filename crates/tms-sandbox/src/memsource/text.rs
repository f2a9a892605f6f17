//! How the sandbox reads an uploaded file: as UTF-8 text (lossy), cut into segments by line
//! and by sentence, with words and characters counted the same way everywhere.
//!
//! * A segment is a sentence: each non-empty line is cut after `.`, `!` or `?` followed by
//!   whitespace; the pieces are trimmed and empty ones dropped.
//! * A word is a whitespace-separated token holding at least one letter or digit.
//! * Characters are the segment's characters other than whitespace.

/// The segments of `text`.
pub(crate) fn segments(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for line in text.lines() {
        let mut current = String::new();
        let mut chars = line.chars().peekable();
        while let Some(c) = chars.next() {
            current.push(c);
            let ends = matches!(c, '.' | '!' | '?')
                && chars.peek().is_none_or(|next| next.is_whitespace());
            if ends {
                push_segment(&mut out, &current);
                current.clear();
            }
        }
        push_segment(&mut out, &current);
    }
    out
}

fn push_segment(out: &mut Vec<String>, piece: &str) {
    let piece = piece.trim();
    if !piece.is_empty() {
        out.push(piece.to_owned());
    }
}

/// The segments of an uploaded file.
pub(crate) fn file_segments(bytes: &[u8]) -> Vec<String> {
    segments(&String::from_utf8_lossy(bytes))
}

/// The words of a segment.
pub(crate) fn words(segment: &str) -> usize {
    segment
        .split_whitespace()
        .filter(|token| token.chars().any(char::is_alphanumeric))
        .count()
}

/// The characters of a segment, whitespace left out.
pub(crate) fn characters(segment: &str) -> usize {
    segment.chars().filter(|c| !c.is_whitespace()).count()
}

/// The sandbox's "translation" of a file into `target_lang`: a UTF-8 text file with every
/// non-empty line prefixed by `[target_lang] `; any other file unchanged.
pub(crate) fn pseudo_translate(bytes: &[u8], target_lang: &str) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(bytes) else {
        return bytes.to_vec();
    };
    let mut out = String::with_capacity(text.len() + 16);
    for line in text.split_inclusive('\n') {
        if !line.trim().is_empty() {
            out.push_str(&format!("[{target_lang}] "));
        }
        out.push_str(line);
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentences_lines_and_words() {
        let text = "Hello world. How are you?\n\nFine, thanks! Version 2.5 is out\n";
        assert_eq!(
            segments(text),
            vec![
                "Hello world.",
                "How are you?",
                "Fine, thanks!",
                "Version 2.5 is out"
            ]
        );
        assert_eq!(words("Version 2.5 is out - yes"), 5);
        assert_eq!(characters("Hello world."), 11);
    }

    #[test]
    fn pseudo_translation_marks_text_lines_and_keeps_binary() {
        assert_eq!(
            pseudo_translate(b"a\n\nb", "de"),
            b"[de] a\n\n[de] b".to_vec()
        );
        assert_eq!(pseudo_translate(&[0xff, 0x00], "de"), vec![0xff, 0x00]);
    }
}
