//! Termbases: list (with `lang[i]` filters), get, meta definitions, and entry
//! get/create/update/delete.
//!
//! Entry create and update assign ids to new language blocks and terms (an `Id` that the
//! entry already has is kept), fill `CaseSense` (default *Insensitive*), `PartialMatch`
//! (default *Half*), `IsForbidden` and `WildText`, and check custom metas against the
//! termbase's definitions (`CustomMetaError`). Update replaces the whole entry; unlike TM
//! entries, memoQ documents no `Modified` check for termbase entries, so none is made.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use memoq_api::Timestamp;
use memoq_api::enums::{
    ResourceAccessLevel, TbMetaScope, TbMetaType, TermCaseSense, TermPartialMatch,
};
use memoq_api::types::{TbCustomMetaItem, TbEntryModel, TbMetaDefinition, TbModel};

use super::call;
use super::wire::{self, Answer, Caller, RawBody, Refusal};
use crate::Shared;

/// Where an image is stored: an image-typed meta field of an entry, a language block or a term.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum ImageSlot {
    Entry(i32, String),
    Language(i32, String, String),
    Term(i32, i32, String),
}

/// A termbase.
#[derive(Debug)]
pub(crate) struct Tb {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) languages: Vec<String>,
    pub(crate) access: ResourceAccessLevel,
    pub(crate) client: String,
    pub(crate) domain: String,
    pub(crate) project: String,
    pub(crate) subject: String,
    pub(crate) meta_definitions: Vec<TbMetaDefinition>,
    pub(crate) entries: BTreeMap<i32, TbEntryModel>,
    pub(crate) next_entry: i32,
    pub(crate) next_item: i32,
    pub(crate) images: HashMap<ImageSlot, Vec<u8>>,
    pub(crate) read_only: bool,
    pub(crate) exclusive: bool,
    pub(crate) last_modified: Option<Timestamp>,
    pub(crate) last_used: Option<Timestamp>,
}

impl Tb {
    pub(crate) fn model(&self) -> TbModel {
        TbModel {
            access_level: Some(self.access),
            client: Some(self.client.clone()),
            domain: Some(self.domain.clone()),
            friendly_name: Some(self.name.clone()),
            is_used_in_project: Some(false),
            languages: Some(self.languages.iter().map(|l| l.as_str().into()).collect()),
            last_modified: self.last_modified.clone(),
            last_used: self.last_used.clone(),
            num_entries: Some(i32::try_from(self.entries.len()).unwrap_or(i32::MAX)),
            project: Some(self.project.clone()),
            subject: Some(self.subject.clone()),
            tb_guid: Some(self.guid.as_str().into()),
            tb_owner: Some(crate::MEMOQ_USER.to_owned()),
        }
    }

    pub(crate) fn has_language(&self, code: &str) -> bool {
        self.languages.iter().any(|l| l.eq_ignore_ascii_case(code))
    }

    /// Refuses writes to a termbase that is read-only, open exclusively, or not writable by
    /// the caller.
    pub(crate) fn writable(&self) -> Result<(), Refusal> {
        if self.access == ResourceAccessLevel::ReadOnly {
            return Err(Refusal::unauthorized());
        }
        if self.read_only {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "TBReadOnlyError",
                "The operation cannot be performed. The TB is readonly.",
            ));
        }
        if self.exclusive {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "TBExclusionError",
                "The operation cannot be performed. The TB is open for exclusive use.",
            ));
        }
        Ok(())
    }

    /// The definition of meta field `name` (case-insensitive).
    pub(crate) fn definition(&self, name: &str) -> Option<&TbMetaDefinition> {
        self.meta_definitions.iter().find(|d| {
            d.name
                .as_deref()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
        })
    }

    fn check_metas(
        &self,
        metas: Option<&Vec<TbCustomMetaItem>>,
        scope: TbMetaScope,
    ) -> Result<(), Refusal> {
        for meta in metas.into_iter().flatten() {
            let fits = self.definition(&meta.name).is_some_and(|d| {
                d.scope == Some(scope)
                    && d.built_in != Some(true)
                    && d.meta_type != Some(TbMetaType::Image)
            });
            if !fits {
                return Err(Refusal::custom_meta(&meta.name));
            }
        }
        Ok(())
    }

    fn new_id(&mut self) -> i32 {
        self.next_item += 1;
        self.next_item
    }

    /// Checks `request` and gives it ids and defaults; `existing` is the entry it replaces.
    pub(crate) fn prepare(
        &mut self,
        mut request: TbEntryModel,
        existing: Option<&TbEntryModel>,
    ) -> Result<TbEntryModel, Refusal> {
        self.check_metas(request.custom_metas.as_ref(), TbMetaScope::Entry)?;
        let languages = request.languages.get_or_insert_with(Vec::new);
        if languages.is_empty() {
            return Err(Refusal::invalid_argument(
                "An entry needs at least one language.",
            ));
        }
        let old_ids: Vec<i32> = existing
            .and_then(|e| e.languages.as_ref())
            .into_iter()
            .flatten()
            .flat_map(|l| {
                std::iter::once(l.id)
                    .chain(l.term_items.iter().flatten().map(|t| t.id))
                    .flatten()
            })
            .collect();
        let mut seen = Vec::new();
        let mut languages = std::mem::take(languages);
        for language in &mut languages {
            let code = language.language.as_str().to_owned();
            if !self.has_language(&code) {
                return Err(Refusal::invalid_argument(format!(
                    "The termbase has no language {code}."
                )));
            }
            if seen.iter().any(|s: &String| s.eq_ignore_ascii_case(&code)) {
                return Err(Refusal::invalid_argument(format!(
                    "Language {code} appears twice."
                )));
            }
            seen.push(code);
            self.check_metas(language.custom_metas.as_ref(), TbMetaScope::Language)?;
            if !language.id.is_some_and(|id| old_ids.contains(&id)) {
                language.id = Some(self.new_id());
            }
            for term in language.term_items.iter_mut().flatten() {
                let text = term.text.as_deref().map(str::trim).unwrap_or_default();
                if text.is_empty() {
                    return Err(Refusal::invalid_argument("Every term needs a Text."));
                }
                self.check_metas(term.custom_metas.as_ref(), TbMetaScope::Term)?;
                if !term.id.is_some_and(|id| old_ids.contains(&id)) {
                    term.id = Some(self.new_id());
                }
                term.case_sense.get_or_insert(TermCaseSense::Insensitive);
                term.partial_match.get_or_insert(TermPartialMatch::Half);
                term.is_forbidden.get_or_insert(false);
                if term.wild_text.is_none() {
                    term.wild_text = term.text.clone();
                }
            }
        }
        request.languages = Some(languages);
        Ok(request)
    }
}

/// `GET /tbs` with `lang[0]`…`lang[n]` (or a repeated `lang`); `GET /tbs?tbGuid=…` answers one.
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Answer {
    let mut state = shared.memoq();
    state.auth.authenticate(&caller)?;
    let pairs = wire::serde_urlencoded_pairs(query.as_deref().unwrap_or_default())
        .ok_or_else(Refusal::invalid_request)?;
    if let Some((_, guid)) = pairs.iter().find(|(n, _)| n.eq_ignore_ascii_case("tbGuid")) {
        let guid = wire::guid(guid)?;
        return Ok(wire::ok_json(&state.tb(&guid)?.model()));
    }
    let mut wanted = Vec::new();
    for (name, value) in &pairs {
        let lower = name.to_ascii_lowercase();
        let is_lang = lower == "lang"
            || lower
                .strip_prefix("lang[")
                .and_then(|rest| rest.strip_suffix(']'))
                .is_some_and(|index| index.parse::<u32>().is_ok());
        if is_lang && !value.is_empty() {
            wanted.push(wire::language(value)?);
        }
    }
    let tbs: Vec<TbModel> = state
        .tbs
        .iter()
        .filter(|tb| wanted.iter().all(|l| tb.has_language(l)))
        .map(Tb::model)
        .collect();
    Ok(wire::ok_json(&tbs))
}

/// `GET /tbs/{tbGuid}`.
pub(crate) async fn get(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tb): Path<String>,
) -> Answer {
    let (state, _, guid) = call(&shared, &caller, &tb)?;
    Ok(wire::ok_json(&state.tb(&guid)?.model()))
}

/// `GET /tbs/{tbGuid}/metadefinitions`.
pub(crate) async fn meta_definitions(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tb): Path<String>,
) -> Answer {
    let (state, _, guid) = call(&shared, &caller, &tb)?;
    Ok(wire::ok_json(&state.tb(&guid)?.meta_definitions))
}

/// `GET /tbs/{tbGuid}/entries/{entryId}`.
pub(crate) async fn entry_get(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((tb, id)): Path<(String, String)>,
) -> Answer {
    let (state, _, guid) = call(&shared, &caller, &tb)?;
    let id = wire::int_id(&id)?;
    let entry = state
        .tb(&guid)?
        .entries
        .get(&id)
        .ok_or_else(Refusal::entry_not_found)?;
    Ok(wire::ok_json(entry))
}

/// `POST /tbs/{tbGuid}/entries/create[?returnNewEntry=true]`: the created entry when asked
/// for, else 204 without a body.
pub(crate) async fn entry_create(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tb): Path<String>,
    RawQuery(query): RawQuery,
    RawBody(body): RawBody,
) -> Answer {
    let (mut state, user, guid) = call(&shared, &caller, &tb)?;
    let pairs = wire::serde_urlencoded_pairs(query.as_deref().unwrap_or_default())
        .ok_or_else(Refusal::invalid_request)?;
    let return_new = match pairs
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("returnNewEntry"))
    {
        None => false,
        Some((_, v)) if v.eq_ignore_ascii_case("true") => true,
        Some((_, v)) if v.eq_ignore_ascii_case("false") => false,
        Some(_) => return Err(Refusal::invalid_request()),
    };
    let request: TbEntryModel = wire::json(&body)?;
    let now = state.stamps.next();
    let tb = state.tb_mut(&guid)?;
    tb.writable()?;
    let mut entry = tb.prepare(request, None)?;
    tb.next_entry += 1;
    let id = tb.next_entry;
    entry.id = Some(id);
    entry.created = Some(now.clone());
    entry.creator = Some(user.clone());
    entry.modified = Some(now.clone());
    entry.modifier = Some(entry.modifier.clone().unwrap_or(user));
    tb.entries.insert(id, entry.clone());
    tb.last_modified = Some(now);
    Ok(if return_new {
        wire::ok_json(&entry)
    } else {
        wire::no_content()
    })
}

/// `POST /tbs/{tbGuid}/entries/{entryId}/update`: replaces the entry.
pub(crate) async fn entry_update(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((tb, id)): Path<(String, String)>,
    RawBody(body): RawBody,
) -> Answer {
    let (mut state, user, guid) = call(&shared, &caller, &tb)?;
    let id = wire::int_id(&id)?;
    let request: TbEntryModel = wire::json(&body)?;
    let now = state.stamps.next();
    let tb = state.tb_mut(&guid)?;
    tb.writable()?;
    let existing = tb
        .entries
        .get(&id)
        .cloned()
        .ok_or_else(Refusal::entry_not_found)?;
    let mut entry = tb.prepare(request, Some(&existing))?;
    entry.id = Some(id);
    entry.created = existing.created.clone();
    entry.creator = existing.creator.clone();
    entry.modified = Some(now.clone());
    entry.modifier = Some(entry.modifier.clone().unwrap_or(user));
    // Images of language blocks or terms that are gone go with them.
    let kept: Vec<i32> = entry
        .languages
        .iter()
        .flatten()
        .flat_map(|l| l.term_items.iter().flatten().filter_map(|t| t.id))
        .collect();
    let languages: Vec<String> = entry
        .languages
        .iter()
        .flatten()
        .map(|l| l.language.as_str().to_lowercase())
        .collect();
    tb.images.retain(|slot, _| match slot {
        ImageSlot::Term(e, term, _) => *e != id || kept.contains(term),
        ImageSlot::Language(e, language, _) => *e != id || languages.contains(language),
        ImageSlot::Entry(..) => true,
    });
    tb.entries.insert(id, entry);
    tb.last_modified = Some(now);
    Ok(wire::no_content())
}

/// `POST /tbs/{tbGuid}/entries/{entryId}/delete`.
pub(crate) async fn entry_delete(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((tb, id)): Path<(String, String)>,
) -> Answer {
    let (mut state, _, guid) = call(&shared, &caller, &tb)?;
    let id = wire::int_id(&id)?;
    let now = state.stamps.next();
    let tb = state.tb_mut(&guid)?;
    tb.writable()?;
    tb.entries
        .remove(&id)
        .ok_or_else(Refusal::entry_not_found)?;
    tb.images.retain(|slot, _| match slot {
        ImageSlot::Entry(e, _) | ImageSlot::Language(e, ..) | ImageSlot::Term(e, ..) => *e != id,
    });
    tb.last_modified = Some(now);
    Ok(wire::no_content())
}
