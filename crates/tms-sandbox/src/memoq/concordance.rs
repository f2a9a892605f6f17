//! Concordance search (`POST /tms/{tmGuid}/concordance`) with the hit ranges.
//!
//! Each expression of `SearchExpression` (plain text, trimmed) is searched as a phrase in the
//! plain text of every entry's source segment (the target with `ReverseLookup`), ignoring case
//! unless `CaseSensitive`. An entry is a hit when at least one expression occurs in it;
//! `ConcordanceTextRanges` lists every occurrence of every expression, in text order, as
//! `Start`/`Length` in UTF-16 code units of the plain text (as .NET counts; for text in the
//! Basic Multilingual Plane these are character counts). `StartPos`/`Length` repeat the first
//! range. `TargetFilterStrings` keeps hits whose target contains every filter string.
//!
//! Hits are ordered by how much of the text the ranges cover (most first), then by key; at most
//! `ResultsLimit` (default 64) are returned and `TotalConcResult` counts them all. An
//! expression that is empty after trimming is reported in `Errors`. The sort and score
//! options (`Column`, `Ascending`, `AbsScoreLimit`, …) are accepted and ignored, and no
//! translation suggestions (`ConcTransResult`) are made.

use std::sync::Arc;

use axum::extract::{Path, State};
use memoq_api::enums::ConcordanceErrorType;
use memoq_api::segment::Segment;
use memoq_api::types::{
    ConcordanceError, ConcordanceItem, ConcordanceRequest, ConcordanceResult, RangeInfo,
    TmEntryModel,
};

use super::call;
use super::wire::{self, Answer, Caller, RawBody, Refusal};
use crate::Shared;

/// A hit: covered length, the entry, its searched text, and the ranges (chars).
type Hit<'a> = (usize, &'a TmEntryModel, Vec<char>, Vec<(usize, usize)>);

/// Whether two characters are equal, ignoring case unless `case_sensitive`.
pub(crate) fn same_char(a: char, b: char, case_sensitive: bool) -> bool {
    a == b || (!case_sensitive && a.to_lowercase().eq(b.to_lowercase()))
}

/// Every start index (in chars) where `needle` occurs in `haystack`, without overlaps.
pub(crate) fn find_all(haystack: &[char], needle: &[char], case_sensitive: bool) -> Vec<usize> {
    let mut found = Vec::new();
    if needle.is_empty() || needle.len() > haystack.len() {
        return found;
    }
    let mut at = 0;
    while at + needle.len() <= haystack.len() {
        let hit = haystack[at..at + needle.len()]
            .iter()
            .zip(needle)
            .all(|(a, b)| same_char(*a, *b, case_sensitive));
        if hit {
            found.push(at);
            at += needle.len();
        } else {
            at += 1;
        }
    }
    found
}

fn plain(markup: Option<&str>) -> Option<String> {
    Segment::parse(markup?).ok().map(|s| s.plain_text())
}

/// The ranges (char start, char length) of `expressions` in `text`, sorted.
fn ranges(text: &[char], expressions: &[Vec<char>], case_sensitive: bool) -> Vec<(usize, usize)> {
    let mut ranges: Vec<(usize, usize)> = expressions
        .iter()
        .flat_map(|e| {
            find_all(text, e, case_sensitive)
                .into_iter()
                .map(|start| (start, e.len()))
        })
        .collect();
    ranges.sort_unstable();
    ranges.dedup();
    ranges
}

pub(crate) async fn concordance(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tm): Path<String>,
    RawBody(body): RawBody,
) -> Answer {
    let (mut state, _, guid) = call(&shared, &caller, &tm)?;
    let request: ConcordanceRequest = wire::json(&body)?;
    if request.search_expression.is_empty() {
        return Err(Refusal::invalid_argument(
            "SearchExpression must contain at least one expression.",
        ));
    }
    let options = request.options.unwrap_or_default();
    let case_sensitive = options.case_sensitive.unwrap_or(false);
    let reverse = options.reverse_lookup.unwrap_or(false);
    let limit = match options.results_limit {
        None | Some(0) => 64,
        Some(n) if n > 0 => n as usize,
        Some(n) => {
            return Err(Refusal::invalid_argument(format!(
                "ResultsLimit must not be negative, not {n}."
            )));
        }
    };
    let mut errors = Vec::new();
    let mut expressions = Vec::new();
    for expression in &request.search_expression {
        let trimmed = expression.trim();
        if trimmed.is_empty() {
            errors.push(ConcordanceError {
                error_type: Some(ConcordanceErrorType::UnknownError),
                query_part: Some(expression.clone()),
            });
        } else {
            expressions.push(trimmed.chars().collect::<Vec<char>>());
        }
    }
    let filters: Vec<Vec<char>> = options
        .target_filter_strings
        .iter()
        .flatten()
        .map(|f| f.chars().collect())
        .filter(|f: &Vec<char>| !f.is_empty())
        .collect();
    let tm = state.tm_to_read(&guid, reverse)?;
    let mut hits: Vec<Hit<'_>> = Vec::new();
    for entry in tm.entries.values() {
        let (searched, other) = if reverse {
            (&entry.target_segment, &entry.source_segment)
        } else {
            (&entry.source_segment, &entry.target_segment)
        };
        let Some(text) = plain(searched.as_deref()) else {
            continue;
        };
        let text: Vec<char> = text.chars().collect();
        let found = ranges(&text, &expressions, case_sensitive);
        if found.is_empty() {
            continue;
        }
        let target: Vec<char> = plain(other.as_deref())
            .unwrap_or_default()
            .chars()
            .collect();
        if !filters
            .iter()
            .all(|f| !find_all(&target, f, case_sensitive).is_empty())
        {
            continue;
        }
        let covered = found.iter().map(|(_, len)| len).sum();
        hits.push((covered, entry, text, found));
    }
    hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.key.cmp(&b.1.key)));
    let total = hits.len();
    let items = hits
        .into_iter()
        .take(limit)
        .map(|(_, entry, text, found)| {
            let text_ranges: Vec<RangeInfo> = found
                .iter()
                .map(|&(start, len)| RangeInfo {
                    start: Some(wire::utf16_offset(&text, start)),
                    length: Some(
                        wire::utf16_offset(&text, start + len) - wire::utf16_offset(&text, start),
                    ),
                })
                .collect();
            ConcordanceItem {
                start_pos: text_ranges.first().and_then(|r| r.start),
                length: text_ranges.first().and_then(|r| r.length),
                concordance_text_ranges: Some(text_ranges),
                concordance_translation_ranges: Some(Vec::new()),
                tm_entry: Some(entry.clone()),
            }
        })
        .collect();
    Ok(wire::ok_json(&ConcordanceResult {
        conc_result: Some(items),
        conc_trans_result: Some(Vec::new()),
        errors: Some(errors),
        total_conc_result: Some(i32::try_from(total).unwrap_or(i32::MAX)),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn finds_every_occurrence_ignoring_case() {
        let text = chars("Print the document. The Document is printed.");
        assert_eq!(find_all(&text, &chars("document"), false), vec![10, 24]);
        assert_eq!(find_all(&text, &chars("document"), true), vec![10]);
        assert!(find_all(&text, &chars("missing"), false).is_empty());
    }

    #[test]
    fn ranges_of_several_expressions_are_sorted() {
        let text = chars("Save the document before printing.");
        let found = ranges(&text, &[chars("print"), chars("save")], false);
        assert_eq!(found, vec![(0, 4), (25, 5)]);
    }
}
