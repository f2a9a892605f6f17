//! Term lookup (`POST /tbs/{tbGuid}/lookupterms`): the termbase's source-language terms that
//! occur in each segment.
//!
//! A term occurs where its text starts at a word boundary of the segment's plain text and its
//! matching rules hold:
//!
//! * `CaseSense`: *Strict* compares case, *Insensitive* does not, *Near* ignores the case of
//!   the first letter only.
//! * `PartialMatch`: *None* wants the whole term followed by a word boundary; *Any* wants the
//!   whole term, and the word may go on ("document" finds "documents"); *Half* wants the first
//!   half of the term (rounded up) and takes the rest of the word; *Custom* wants the part of
//!   `WildText` before its `|` (or the first of `PrefixBoundaries`) and takes the rest of the word.
//!
//! A hit's range is the occurrence up to the end of its word, in UTF-16 code units of the plain
//! text; its `MatchRate` is 100 when that is the term itself, else
//! `⌊100 × common prefix / longer length⌋`. The target term is the first term of the entry's
//! `TargetLanguage` block that is not forbidden (the first one if all are); entries without
//! that language give no hits. A language block serves a language when the codes are equal or
//! one is the other's bare base (`eng` serves `eng-US`). The answer is the bare-array form of
//! the disputed shape, one element per segment with a flat `TBHits` list, hits in text order.

use std::sync::Arc;

use axum::extract::{Path, State};
use memoq_api::enums::{TermCaseSense, TermPartialMatch};
use memoq_api::segment::Segment;
use memoq_api::types::{
    TbEntryModel, TbLanguageItem, TbLookupHit, TbLookupHitList, TbLookupHits, TbLookupRequest,
    TbLookupResponse, TbLookupResultList, TbLookupSegmentResult, TbTermItem,
};

use super::call;
use super::concordance::same_char;
use super::wire::{self, Answer, Caller, RawBody, Refusal};
use crate::Shared;

/// An occurrence of a term: start and length in chars, and its rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub(crate) start: usize,
    pub(crate) len: usize,
    pub(crate) rate: u32,
}

fn chars_match(text: &[char], term: &[char], case: TermCaseSense) -> bool {
    text.len() == term.len()
        && text
            .iter()
            .zip(term)
            .enumerate()
            .all(|(i, (a, b))| match case {
                TermCaseSense::Strict => a == b,
                TermCaseSense::Near if i > 0 => a == b,
                _ => same_char(*a, *b, false),
            })
}

/// How many leading characters of the term must be present.
fn fixed_prefix(term: &TbTermItem, len: usize) -> usize {
    match term.partial_match.unwrap_or(TermPartialMatch::Half) {
        TermPartialMatch::Half => len.div_ceil(2),
        TermPartialMatch::Custom => term
            .wild_text
            .as_deref()
            .and_then(|w| w.find('|').map(|at| w[..at].chars().count()))
            .or_else(|| {
                term.prefix_boundaries
                    .as_ref()
                    .and_then(|b| b.first())
                    .and_then(|&b| usize::try_from(b).ok())
            })
            .filter(|&n| n > 0 && n <= len)
            .unwrap_or(len),
        _ => len,
    }
}

/// Every occurrence of `term` in `text` (see the module docs), without overlaps.
pub(crate) fn occurrences(text: &[char], term: &TbTermItem) -> Vec<Occurrence> {
    let term_chars: Vec<char> = term
        .text
        .as_deref()
        .unwrap_or_default()
        .trim()
        .chars()
        .collect();
    let n = term_chars.len();
    let mut found = Vec::new();
    if n == 0 {
        return found;
    }
    let case = term.case_sense.unwrap_or(TermCaseSense::Insensitive);
    let exact_only = matches!(term.partial_match, Some(TermPartialMatch::None));
    let fixed = fixed_prefix(term, n);
    let mut at = 0;
    while at + fixed <= text.len() {
        let boundary = at == 0 || !text[at - 1].is_alphanumeric();
        if !boundary || !chars_match(&text[at..at + fixed], &term_chars[..fixed], case) {
            at += 1;
            continue;
        }
        let mut end = at + fixed;
        if exact_only {
            if end < text.len() && text[end].is_alphanumeric() {
                at += 1;
                continue;
            }
        } else {
            while end < text.len() && text[end].is_alphanumeric() {
                end += 1;
            }
        }
        let span = &text[at..end];
        let common = span
            .iter()
            .zip(&term_chars)
            .take_while(|(a, b)| same_char(**a, **b, case == TermCaseSense::Strict))
            .count();
        let rate = if chars_match(span, &term_chars, case) {
            100
        } else {
            (100 * common / span.len().max(n)) as u32
        };
        found.push(Occurrence {
            start: at,
            len: end - at,
            rate,
        });
        at = end.max(at + 1);
    }
    found
}

/// Whether a language block with code `block` serves `wanted`.
pub(crate) fn serves(block: &str, wanted: &str) -> bool {
    let base = |code: &str| {
        code.split('-')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase()
    };
    block.eq_ignore_ascii_case(wanted)
        || (!block.contains('-') && base(block) == base(wanted))
        || (!wanted.contains('-') && base(block) == base(wanted))
}

fn block<'a>(entry: &'a TbEntryModel, language: &str) -> Option<&'a TbLanguageItem> {
    entry
        .languages
        .iter()
        .flatten()
        .find(|l| serves(l.language.as_str(), language))
}

pub(crate) async fn lookup_terms(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tb): Path<String>,
    RawBody(body): RawBody,
) -> Answer {
    let (mut state, _, guid) = call(&shared, &caller, &tb)?;
    let request: TbLookupRequest = wire::json(&body)?;
    let source = wire::language(request.source_language.as_str())?;
    let target = request
        .target_language
        .as_ref()
        .map(|l| wire::language(l.as_str()))
        .transpose()?;
    let stamp = state.stamps.next();
    let tb = state.tb_mut(&guid)?;
    tb.last_used = Some(stamp);
    let mut results = Vec::with_capacity(request.segments.len());
    for (index, markup) in request.segments.iter().enumerate() {
        let segment = Segment::parse(markup).map_err(|error| {
            Refusal::invalid_argument(format!("Segments[{index}] is not valid: {error}"))
        })?;
        let text: Vec<char> = segment.plain_text().chars().collect();
        let mut hits: Vec<(Occurrence, TbLookupHit)> = Vec::new();
        for entry in tb.entries.values() {
            let Some(source_block) = block(entry, &source) else {
                continue;
            };
            let target_term = match &target {
                None => None,
                Some(target) => {
                    let Some(target_block) = block(entry, target) else {
                        continue;
                    };
                    let terms: Vec<&TbTermItem> =
                        target_block.term_items.iter().flatten().collect();
                    let index = terms
                        .iter()
                        .position(|t| t.is_forbidden != Some(true))
                        .unwrap_or(0);
                    terms
                        .get(index)
                        .map(|t| (target_block.language.clone(), index, t.text.clone()))
                }
            };
            for (term_index, term) in source_block.term_items.iter().flatten().enumerate() {
                for occurrence in occurrences(&text, term) {
                    let start = wire::utf16_offset(&text, occurrence.start);
                    let end = wire::utf16_offset(&text, occurrence.start + occurrence.len);
                    hits.push((
                        occurrence,
                        TbLookupHit {
                            start_pos_in_segment: Some(start),
                            length_in_segment: Some(end - start),
                            match_rate: Some(occurrence.rate as i32),
                            source_lang: Some(source_block.language.clone()),
                            source_term: term.text.clone(),
                            source_term_index: Some(term_index as i32),
                            target_lang: target_term.as_ref().map(|t| t.0.clone()),
                            target_term: target_term.as_ref().and_then(|t| t.2.clone()),
                            target_term_index: target_term.as_ref().map(|t| t.1 as i32),
                            entry: Some(entry.clone()),
                        },
                    ));
                }
            }
        }
        hits.sort_by(|a, b| {
            (a.0.start, std::cmp::Reverse(a.0.len)).cmp(&(b.0.start, std::cmp::Reverse(b.0.len)))
        });
        results.push(TbLookupSegmentResult {
            tb_hits: Some(TbLookupHits::List(TbLookupHitList(
                hits.into_iter().map(|(_, hit)| hit).collect(),
            ))),
        });
    }
    Ok(wire::ok_json(&TbLookupResponse::ResultList(
        TbLookupResultList(results),
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, case: TermCaseSense, partial: TermPartialMatch) -> TbTermItem {
        TbTermItem {
            text: Some(text.into()),
            case_sense: Some(case),
            partial_match: Some(partial),
            ..Default::default()
        }
    }

    fn find(text: &str, term: &TbTermItem) -> Vec<(usize, usize, u32)> {
        let chars: Vec<char> = text.chars().collect();
        occurrences(&chars, term)
            .into_iter()
            .map(|o| (o.start, o.len, o.rate))
            .collect()
    }

    #[test]
    fn partial_match_rules() {
        let text = "Print the documents, then the document.";
        let exact = term(
            "document",
            TermCaseSense::Insensitive,
            TermPartialMatch::None,
        );
        assert_eq!(find(text, &exact), vec![(30, 8, 100)]);
        let any = term(
            "document",
            TermCaseSense::Insensitive,
            TermPartialMatch::Any,
        );
        assert_eq!(find(text, &any), vec![(10, 9, 88), (30, 8, 100)]);
        let half = term(
            "printer",
            TermCaseSense::Insensitive,
            TermPartialMatch::Half,
        );
        assert_eq!(find(text, &half), vec![(0, 5, 71)]);
        let mut custom = term("docu", TermCaseSense::Insensitive, TermPartialMatch::Custom);
        custom.wild_text = Some("doc|u".into());
        assert_eq!(find("a docket", &custom), vec![(2, 6, 50)]);
    }

    #[test]
    fn case_rules_and_word_boundaries() {
        let strict = term("Drucker", TermCaseSense::Strict, TermPartialMatch::None);
        assert!(find("der drucker", &strict).is_empty());
        assert_eq!(find("der Drucker", &strict), vec![(4, 7, 100)]);
        let near = term("drucker", TermCaseSense::Near, TermPartialMatch::None);
        assert_eq!(find("Drucker", &near), vec![(0, 7, 100)]);
        assert!(find("DRUCKER", &near).is_empty());
        let word = term("print", TermCaseSense::Insensitive, TermPartialMatch::Any);
        assert!(
            find("reprint", &word).is_empty(),
            "a term starts at a word boundary"
        );
    }

    #[test]
    fn languages_serve_their_regions() {
        assert!(serves("eng", "eng-US"));
        assert!(serves("eng-US", "eng"));
        assert!(serves("ger", "GER"));
        assert!(!serves("eng-GB", "eng-US"));
        assert!(!serves("ger", "eng"));
    }
}
