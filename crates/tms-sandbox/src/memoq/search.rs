//! Termbase search (`POST /tbs/{tbGuid}/search`).

use std::sync::Arc;

use axum::extract::{Path, State};
use memoq_api::enums::{SearchFilteringCondition, SearchMetaFilteringCondition, SearchMetaName};
use memoq_api::types::{SearchMetaFilter, TbEntryModel, TbSearchRequest};

use super::call;
use super::wire::{self, Answer, Caller, RawBody, Refusal};
use crate::Shared;

fn condition_holds(condition: SearchFilteringCondition, term: &str, expression: &str) -> bool {
    match condition {
        SearchFilteringCondition::BeginsWith => term.starts_with(expression),
        SearchFilteringCondition::Contains => term.contains(expression),
        SearchFilteringCondition::EndsWith => term.ends_with(expression),
        SearchFilteringCondition::ExactMatch => term == expression,
        SearchFilteringCondition::Unknown(_) => false,
    }
}

fn meta_holds(entry: &TbEntryModel, filter: &SearchMetaFilter) -> bool {
    let field = match filter.meta_name {
        SearchMetaName::Client => &entry.client,
        SearchMetaName::Domain => &entry.domain,
        SearchMetaName::Project => &entry.project,
        SearchMetaName::Subject => &entry.subject,
        SearchMetaName::Unknown(_) => return false,
    };
    let value = field.as_deref().unwrap_or_default().to_lowercase();
    let wanted = filter.meta_value.to_lowercase();
    match filter.condition {
        SearchMetaFilteringCondition::BeginsWith => value.starts_with(&wanted),
        SearchMetaFilteringCondition::Contains => value.contains(&wanted),
        SearchMetaFilteringCondition::Equals => value == wanted,
        SearchMetaFilteringCondition::FilledIn => !value.is_empty(),
        SearchMetaFilteringCondition::IsNot => value != wanted,
        SearchMetaFilteringCondition::NotFilledIn => value.is_empty(),
        SearchMetaFilteringCondition::Unknown(_) => false,
    }
}

/// `POST /tbs/{tbGuid}/search`: entries with a term in `TargetLanguage` that meets `Condition`
/// (case-insensitive), and whose metadata meet every filter; at most `Limit` (default 120), in
/// id order.
pub(crate) async fn search(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tb): Path<String>,
    RawBody(body): RawBody,
) -> Answer {
    let (mut state, _, guid) = call(&shared, &caller, &tb)?;
    let request: TbSearchRequest = wire::json(&body)?;
    if let SearchFilteringCondition::Unknown(value) = request.condition {
        return Err(Refusal::invalid_argument(format!(
            "Condition {value} is not a search condition."
        )));
    }
    let limit = match request.limit {
        None => 120,
        Some(n) if n > 0 => n as usize,
        Some(n) => {
            return Err(Refusal::invalid_argument(format!(
                "Limit must be positive, not {n}."
            )));
        }
    };
    let language = wire::language(request.target_language.as_str())?;
    let expression = request.search_expression.trim().to_lowercase();
    let filters = request.filtering_conditions.unwrap_or_default();
    let stamp = state.stamps.next();
    let tb = state.tb_mut(&guid)?;
    tb.last_used = Some(stamp);
    let found: Vec<&TbEntryModel> = tb
        .entries
        .values()
        .filter(|entry| {
            entry
                .languages
                .iter()
                .flatten()
                .filter(|l| l.language.as_str().eq_ignore_ascii_case(&language))
                .flat_map(|l| l.term_items.iter().flatten())
                .filter_map(|t| t.text.as_deref())
                .any(|text| condition_holds(request.condition, &text.to_lowercase(), &expression))
        })
        .filter(|entry| filters.iter().all(|f| meta_holds(entry, f)))
        .take(limit)
        .collect();
    Ok(wire::ok_json(&found))
}
