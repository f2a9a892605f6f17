//! TM lookup (`POST /tms/{tmGuid}/lookupsegments`): the hits at or above the threshold, rated
//! as `match_rate` documents, best first.
//!
//! Hits below the threshold are dropped: `MatchThreshold` (0, the default, means memoQ's lowest
//! rate, 50; otherwise 50..=102 is expected, anything else is `InvalidArgument`). Hits come best
//! first, ties in key order. `ReverseLookup` compares the target side (TMs that do not support
//! it answer `ReverseLookupNotSupported`). `AdjustFuzzyMatches` and `ShowFragmentHits` are
//! accepted and ignored. As on a real server, the context fields of the returned TransUnits
//! are not filled.

use std::sync::Arc;

use axum::extract::{Path, State};
use memoq_api::enums::InlineTagStrictness;
use memoq_api::segment::Segment;
use memoq_api::types::{
    LookupSegmentRequest, LookupSegmentsResult, SegmentLookupResult, TmEntryModel, TmHit,
};

use super::call;
use super::match_rate::{Context, Probe, base_rate, context_rate};
use super::wire::{self, Answer, Caller, RawBody, Refusal};
use crate::Shared;

fn threshold(requested: Option<i32>) -> Result<u32, Refusal> {
    match requested.unwrap_or(0) {
        0 => Ok(50),
        t @ 50..=102 => Ok(t as u32),
        t => Err(Refusal::invalid_argument(format!(
            "MatchThreshold must be between 50 and 102, not {t}."
        ))),
    }
}

pub(crate) async fn lookup_segments(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tm): Path<String>,
    RawBody(body): RawBody,
) -> Answer {
    let (mut state, _, guid) = call(&shared, &caller, &tm)?;
    let request: LookupSegmentRequest = wire::json(&body)?;
    let options = request.options.unwrap_or_default();
    let threshold = threshold(options.match_threshold)?;
    let strictness = options
        .inline_tag_strictness
        .unwrap_or(InlineTagStrictness::Strict);
    let reverse = options.reverse_lookup.unwrap_or(false);
    let only_best = options.only_best.unwrap_or(false);
    let only_unambiguous = options.only_unambiguous.unwrap_or(false);
    let tm = state.tm_to_read(&guid, reverse)?;
    let candidates: Vec<(&TmEntryModel, Probe)> = tm
        .entries
        .values()
        .filter_map(|entry| {
            let side = if reverse {
                entry.target_segment.as_deref()
            } else {
                entry.source_segment.as_deref()
            };
            Some((entry, Probe::parse(side?)?))
        })
        .collect();
    let mut results = Vec::with_capacity(request.segments.len());
    for (index, query) in request.segments.iter().enumerate() {
        let segment = Segment::parse(&query.segment).map_err(|error| {
            Refusal::invalid_argument(format!("Segments[{index}] is not valid: {error}"))
        })?;
        let probe = Probe::new(&segment);
        let context = Context::new(
            query.preceding_segment.as_deref(),
            query.following_segment.as_deref(),
            query.context_id.as_deref(),
        );
        let mut hits: Vec<(u32, &TmEntryModel)> = candidates
            .iter()
            .filter_map(|(entry, candidate)| {
                let mut rate = base_rate(&probe, candidate, strictness);
                if rate == 100 {
                    rate = context_rate(&context, &Context::of_entry(entry));
                }
                (rate >= threshold).then_some((rate, *entry))
            })
            .collect();
        hits.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.key.cmp(&b.1.key)));
        if only_unambiguous {
            let exact: Vec<_> = hits.iter().filter(|(rate, _)| *rate >= 100).collect();
            let ambiguous = exact
                .windows(2)
                .any(|pair| pair[0].1.target_segment != pair[1].1.target_segment);
            if ambiguous {
                hits.retain(|(rate, _)| *rate < 100);
            }
        }
        if only_best {
            hits.truncate(1);
        }
        let tm_hits = hits
            .into_iter()
            .map(|(rate, entry)| TmHit {
                match_rate: Some(rate as i32),
                trans_unit: Some(TmEntryModel {
                    preceding_segment: None,
                    following_segment: None,
                    context_id: None,
                    custom_metas: if only_best {
                        Some(Vec::new())
                    } else {
                        entry.custom_metas.clone()
                    },
                    ..entry.clone()
                }),
            })
            .collect();
        results.push(SegmentLookupResult {
            tm_hits: Some(tm_hits),
        });
    }
    Ok(wire::ok_json(&LookupSegmentsResult {
        result: Some(results),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thresholds() {
        assert_eq!(threshold(None).ok(), Some(50));
        assert_eq!(threshold(Some(0)).ok(), Some(50));
        assert_eq!(threshold(Some(101)).ok(), Some(101));
        assert!(threshold(Some(30)).is_err());
        assert!(threshold(Some(103)).is_err());
    }
}
