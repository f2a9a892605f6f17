//! The match rate of a TM lookup.
//!
//! Both segments are parsed from their `<seg>` markup (entities resolved, inline tags set
//! apart), and compared on their plain text:
//!
//! * **Same text** — 100 when the inline tags agree, else 99. How tags agree follows
//!   `InlineTagStrictness`: *Strict* (the default) wants the same tags (markup and position in
//!   the text), *Medium* the same kinds at the same positions, *Permissive* ignores tags.
//! * **Same words** (words are the maximal runs of letters and digits, compared case-insensitively,
//!   every number counting as the same word) but a different text — differences only in case,
//!   punctuation, spacing or numbers: a *nearly exact* match, `99 − min(c, 4)` where `c` is the
//!   character edit distance; so 98 down to 95.
//! * **Otherwise** a fuzzy match: with `W` the word-level and `C` the character-level
//!   Levenshtein similarity, each `1 − distance / length of the longer side`,
//!   `rate = ⌊100 × (W + C) / 2⌋`, capped at 94. For example "Print the document twice." against
//!   "Print the document.": W = 3/4, C = 19/25, rate ⌊75.5⌋ = 75.
//!
//! A text-equal hit (100) is raised by its context, as memoQ does for a TM that stores double
//! context. There are two contexts: the *text flow* (`PrecedingSegment` and `FollowingSegment`,
//! compared as plain text) and the *ID* (`ContextID`). A context is *the same* when query and
//! entry carry the same value, where missing on both sides counts as the same; it *matches*
//! when it is the same and at least one side carries it. One matching context gives **101**;
//! both the same, with at least one of them matching, give **102** (a double context match).
//!
//! Very long segments (when the product of the two lengths exceeds 16 million characters) are
//! only compared for equality, so a huge query cannot stall the server.

use memoq_api::enums::InlineTagStrictness;
use memoq_api::segment::{Part, Segment};
use memoq_api::types::TmEntryModel;

/// A segment prepared for comparison.
#[derive(Debug, Clone)]
pub(crate) struct Probe {
    chars: Vec<char>,
    words: Vec<String>,
    /// (markup, kind, position in the plain text in chars)
    tags: Vec<(String, String, usize)>,
}

impl Probe {
    /// Prepares a parsed segment.
    pub(crate) fn new(segment: &Segment) -> Probe {
        let mut chars = Vec::new();
        let mut tags = Vec::new();
        for part in segment.parts() {
            match part {
                Part::Text(text) => chars.extend(text.as_str().chars()),
                Part::Tag(tag) => tags.push((
                    tag.raw().to_owned(),
                    tag.kind().name().to_owned(),
                    chars.len(),
                )),
            }
        }
        let text: String = chars.iter().collect();
        Probe {
            words: words(&text),
            chars,
            tags,
        }
    }

    /// Prepares segment markup; `None` when it does not parse.
    pub(crate) fn parse(wire: &str) -> Option<Probe> {
        Segment::parse(wire).ok().map(|s| Probe::new(&s))
    }
}

/// The words of a text: maximal runs of letters and digits, lower-cased; a run of digits
/// becomes `#`, so that numbers compare equal.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.chars().all(|c| c.is_numeric()) {
                "#".to_owned()
            } else {
                w.to_lowercase()
            }
        })
        .collect()
}

/// Levenshtein distance over any sequences.
pub(crate) fn levenshtein<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(x != y);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

const MAX_COMPARED: usize = 16_000_000;

fn tags_agree(query: &Probe, entry: &Probe, strictness: InlineTagStrictness) -> bool {
    match strictness {
        InlineTagStrictness::Permissive => true,
        InlineTagStrictness::Medium => query
            .tags
            .iter()
            .map(|(_, kind, at)| (kind, at))
            .eq(entry.tags.iter().map(|(_, kind, at)| (kind, at))),
        _ => query
            .tags
            .iter()
            .map(|(raw, _, at)| (raw, at))
            .eq(entry.tags.iter().map(|(raw, _, at)| (raw, at))),
    }
}

/// The match rate of `entry` for `query` without context, 0..=100 (see the module docs).
pub(crate) fn base_rate(query: &Probe, entry: &Probe, strictness: InlineTagStrictness) -> u32 {
    if query.chars == entry.chars {
        return if tags_agree(query, entry, strictness) {
            100
        } else {
            99
        };
    }
    if query.chars.len().saturating_mul(entry.chars.len()) > MAX_COMPARED {
        return 0;
    }
    let dc = levenshtein(&query.chars, &entry.chars) as u64;
    let mc = query.chars.len().max(entry.chars.len()) as u64;
    let mw = query.words.len().max(entry.words.len()) as u64;
    if mw == 0 {
        // Nothing but punctuation and spaces: characters alone decide.
        return ((100 * (mc - dc)) / mc).min(94) as u32;
    }
    if query.words == entry.words {
        return 99 - dc.min(4) as u32;
    }
    let dw = levenshtein(&query.words, &entry.words) as u64;
    // ⌊100 × ((mw − dw)/mw + (mc − dc)/mc) / 2⌋ in integers.
    let rate = (100 * ((mw - dw) * mc + (mc - dc) * mw)) / (2 * mw * mc);
    rate.min(94) as u32
}

/// One side's context: plain preceding and following text, and the context ID.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Context {
    preceding: String,
    following: String,
    id: String,
}

impl Context {
    pub(crate) fn new(
        preceding: Option<&str>,
        following: Option<&str>,
        id: Option<&str>,
    ) -> Context {
        let plain = |markup: Option<&str>| match markup {
            None => String::new(),
            Some(markup) => Segment::parse(markup)
                .map(|s| s.plain_text())
                .unwrap_or_else(|_| markup.to_owned()),
        };
        Context {
            preceding: plain(preceding),
            following: plain(following),
            id: id.unwrap_or_default().to_owned(),
        }
    }

    pub(crate) fn of_entry(entry: &TmEntryModel) -> Context {
        Context::new(
            entry.preceding_segment.as_deref(),
            entry.following_segment.as_deref(),
            entry.context_id.as_deref(),
        )
    }
}

/// 100, 101 or 102 for a text-equal hit (see the module docs).
pub(crate) fn context_rate(query: &Context, entry: &Context) -> u32 {
    let flow_known = [
        &query.preceding,
        &query.following,
        &entry.preceding,
        &entry.following,
    ]
    .iter()
    .any(|s| !s.is_empty());
    let flow_same = query.preceding == entry.preceding && query.following == entry.following;
    let id_known = !query.id.is_empty() || !entry.id.is_empty();
    let id_same = query.id == entry.id;
    let flow_match = flow_known && flow_same;
    let id_match = id_known && id_same;
    match (flow_match || id_match, flow_same && id_same) {
        (false, _) => 100,
        (true, true) => 102,
        (true, false) => 101,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rate(query: &str, entry: &str) -> u32 {
        base_rate(
            &Probe::new(&Segment::from_text(query)),
            &Probe::new(&Segment::from_text(entry)),
            InlineTagStrictness::Strict,
        )
    }

    #[test]
    fn levenshtein_counts_edits() {
        let chars = |s: &str| s.chars().collect::<Vec<_>>();
        assert_eq!(levenshtein(&chars("kitten"), &chars("sitting")), 3);
        assert_eq!(levenshtein(&chars(""), &chars("abc")), 3);
        assert_eq!(levenshtein(&chars("same"), &chars("same")), 0);
    }

    #[test]
    fn rates_follow_the_documented_formula() {
        assert_eq!(rate("Print the document.", "Print the document."), 100);
        // Same words, one character differs: nearly exact.
        assert_eq!(rate("Print the document", "Print the document."), 98);
        assert_eq!(rate("print the document.", "Print the document."), 98);
        assert_eq!(rate("Page 2 of 10", "Page 1 of 10"), 98);
        // W = 3/4, C = 19/25: ⌊(0.75 + 0.76) × 50⌋ = 75.
        assert_eq!(rate("Print the document twice.", "Print the document."), 75);
        // W = 2/3, C = 19/20: ⌊(0.6667 + 0.95) × 50⌋ = 80.
        assert_eq!(rate("Print the documents.", "Print the document."), 80);
        assert!(rate("The printer is out of paper.", "Print the document.") < 50);
    }

    #[test]
    fn tags_lower_an_equal_text_to_99_unless_permissive() {
        let plain = Probe::new(&Segment::from_text("Click OK to continue."));
        let tagged = Probe::new(
            &Segment::builder()
                .text("Click ")
                .bpt(1, "<b>")
                .text("OK")
                .ept(1, "</b>")
                .text(" to continue.")
                .build(),
        );
        assert_eq!(base_rate(&plain, &tagged, InlineTagStrictness::Strict), 99);
        assert_eq!(base_rate(&plain, &tagged, InlineTagStrictness::Medium), 99);
        assert_eq!(
            base_rate(&plain, &tagged, InlineTagStrictness::Permissive),
            100
        );
        assert_eq!(
            base_rate(&tagged, &tagged, InlineTagStrictness::Strict),
            100
        );
    }

    #[test]
    fn context_gives_101_and_102() {
        let none = Context::default();
        let flow = Context::new(Some("<seg>A</seg>"), Some("<seg>B</seg>"), None);
        let both = Context::new(Some("<seg>A</seg>"), Some("<seg>B</seg>"), Some("id-1"));
        let id_only = Context::new(None, None, Some("id-1"));
        assert_eq!(context_rate(&none, &none), 100, "no context known at all");
        assert_eq!(
            context_rate(&flow, &flow),
            102,
            "flow same, IDs missing on both"
        );
        assert_eq!(context_rate(&both, &both), 102);
        assert_eq!(context_rate(&flow, &both), 101, "flow matches, ID differs");
        assert_eq!(
            context_rate(&id_only, &both),
            101,
            "ID matches, flow differs"
        );
        assert_eq!(context_rate(&none, &both), 100);
    }
}
