//! Translation memory search. A unit scores by the words it shares with the query (Dice
//! coefficient over lower-cased words, times 0.99; 1.0 for an identical text); a unit whose
//! source contains the query is always a hit (concordance). Hits below 0.5 that do not contain
//! the query are left out.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use memsource_api::types;

use super::authorized;
use super::checks::not_blank;
use super::http::{JsonBody, Reply, json};
use super::tms::Unit;
use crate::Shared;

fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The score of `source` for `query`: 1.0 for the same text, else the Dice coefficient of
/// their words.
#[allow(clippy::cast_precision_loss)]
fn score(query: &str, source: &str) -> f64 {
    if query.trim().eq_ignore_ascii_case(source.trim()) {
        return 1.0;
    }
    let (q, s) = (words(query), words(source));
    if q.is_empty() || s.is_empty() {
        return 0.0;
    }
    let mut rest = s.clone();
    let mut common = 0usize;
    for word in &q {
        if let Some(at) = rest.iter().position(|w| w == word) {
            rest.swap_remove(at);
            common += 1;
        }
    }
    (2 * common) as f64 / (q.len() + s.len()) as f64 * 0.99
}

pub(crate) async fn search(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::SearchRequestDto>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let tm = state.tm_or_404(&uid)?;
    not_blank("query", &body.query)?;
    let mut hits: Vec<(f64, types::SearchTmResponseDto)> = Vec::new();
    if tm.source_lang.eq_ignore_ascii_case(&body.source_lang) {
        let needle = body.query.to_lowercase();
        let mut ids: Vec<&str> = Vec::new();
        for unit in &tm.units {
            if !ids.contains(&unit.id.as_str()) {
                ids.push(&unit.id);
            }
        }
        for id in ids {
            let units: Vec<&Unit> = tm.units.iter().filter(|u| u.id == id).collect();
            let Some(first) = units.first() else { continue };
            let value = score(&body.query, &first.source);
            if value < 0.5 && !first.source.to_lowercase().contains(&needle) {
                continue;
            }
            let translations: Vec<types::SearchTmSegmentDto> = units
                .iter()
                .filter(|u| {
                    body.target_langs.is_empty()
                        || body
                            .target_langs
                            .iter()
                            .any(|l| l.eq_ignore_ascii_case(&u.target_lang))
                })
                .map(|u| segment_dto(&u.id, &u.target, &u.target_lang, u.created_at))
                .collect();
            if translations.is_empty() {
                continue;
            }
            hits.push((
                value,
                types::SearchTmResponseDto {
                    gross_score: Some(value),
                    score: Some(value),
                    segment_id: Some(id.to_owned()),
                    source: Some(segment_dto(
                        id,
                        &first.source,
                        &tm.source_lang,
                        first.created_at,
                    )),
                    sub_segment: Some(false),
                    trans_memory: Some(types::SearchTmTransMemoryDto {
                        id: Some(tm.id.clone()),
                        name: Some(tm.name.clone()),
                        reverse: Some(false),
                        uid: Some(tm.uid.as_str().into()),
                    }),
                    translations: Some(translations),
                },
            ));
        }
    }
    hits.sort_by(|a, b| b.0.total_cmp(&a.0));
    json(
        StatusCode::OK,
        &types::SearchResponseListTmDto {
            search_results: Some(hits.into_iter().map(|(_, hit)| hit).collect()),
        },
    )
}

fn segment_dto(id: &str, text: &str, lang: &str, at: i64) -> types::SearchTmSegmentDto {
    types::SearchTmSegmentDto {
        id: Some(id.to_owned()),
        text: Some(text.to_owned()),
        lang: Some(lang.to_owned()),
        rtl: Some(false),
        created_at: Some(at),
        modified_at: Some(at),
        ..Default::default()
    }
}
