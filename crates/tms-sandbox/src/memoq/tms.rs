//! Translation memories: list, get, custom meta scheme, and entry get/create/update/delete with
//! the documented `Modified` check.

use std::collections::BTreeMap;
use std::sync::Arc;

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use memoq_api::Timestamp;
use memoq_api::enums::{ResourceAccessLevel, TmEngineType};
use memoq_api::segment::Segment;
use memoq_api::types::{TmEntryModel, TmModel};

use super::MemoqState;
use super::call;
use super::wire::{self, Answer, Caller, RawBody, Refusal};
use crate::Shared;

/// A custom meta field a TM defines.
#[derive(Debug, Clone)]
pub(crate) struct CustomMetaField {
    pub(crate) name: String,
    pub(crate) kind: &'static str,
}

/// A translation memory.
#[derive(Debug)]
pub(crate) struct Tm {
    pub(crate) guid: String,
    pub(crate) name: String,
    pub(crate) source: String,
    pub(crate) target: String,
    pub(crate) access: ResourceAccessLevel,
    pub(crate) reverse_lookup: bool,
    pub(crate) client: String,
    pub(crate) domain: String,
    pub(crate) subject: String,
    pub(crate) project: String,
    pub(crate) custom_metas: Vec<CustomMetaField>,
    pub(crate) entries: BTreeMap<i32, TmEntryModel>,
    pub(crate) next_key: i32,
    pub(crate) last_modified: Option<Timestamp>,
    pub(crate) last_used: Option<Timestamp>,
}

impl Tm {
    pub(crate) fn model(&self) -> TmModel {
        TmModel {
            access_level: Some(self.access),
            client: Some(self.client.clone()),
            domain: Some(self.domain.clone()),
            friendly_name: Some(self.name.clone()),
            is_used_in_project: Some(false),
            last_modified: self.last_modified.clone(),
            last_used: self.last_used.clone(),
            num_entries: Some(i32::try_from(self.entries.len()).unwrap_or(i32::MAX)),
            project: Some(self.project.clone()),
            source_lang_code: Some(self.source.as_str().into()),
            subject: Some(self.subject.clone()),
            target_lang_code: Some(self.target.as_str().into()),
            tm_engine_type: Some(TmEngineType::Classic),
            tm_guid: Some(self.guid.as_str().into()),
            tm_owner: Some(crate::MEMOQ_USER.to_owned()),
        }
    }

    fn writable(&self) -> Result<(), Refusal> {
        match self.access {
            ResourceAccessLevel::ReadOnly => Err(Refusal::unauthorized()),
            _ => Ok(()),
        }
    }

    /// Adds an entry as it is (stamps and creator are the caller's business); returns its key.
    pub(crate) fn insert(&mut self, mut entry: TmEntryModel) -> i32 {
        let key = self.next_key;
        self.next_key += 1;
        entry.key = Some(key);
        self.entries.insert(key, entry);
        key
    }

    /// Checks segments and custom metas of a create or update body.
    fn check(&self, entry: &TmEntryModel) -> Result<(), Refusal> {
        for (field, value) in [
            ("SourceSegment", &entry.source_segment),
            ("TargetSegment", &entry.target_segment),
        ] {
            let value = value
                .as_deref()
                .ok_or_else(|| Refusal::invalid_argument(format!("{field} is obligatory.")))?;
            Segment::parse(value).map_err(|error| {
                Refusal::invalid_argument(format!("{field} is not valid: {error}"))
            })?;
        }
        for (field, value) in [
            ("PrecedingSegment", &entry.preceding_segment),
            ("FollowingSegment", &entry.following_segment),
        ] {
            if let Some(value) = value.as_deref().filter(|v| !v.is_empty()) {
                Segment::parse(value).map_err(|error| {
                    Refusal::invalid_argument(format!("{field} is not valid: {error}"))
                })?;
            }
        }
        for meta in entry.custom_metas.iter().flatten() {
            if !self.custom_metas.iter().any(|f| f.name == meta.name) {
                return Err(Refusal::custom_meta(&meta.name));
            }
        }
        Ok(())
    }
}

impl MemoqState {
    /// The TM a lookup or concordance reads, marked as used; `ReverseLookupNotSupported` when
    /// `reverse` is asked of a TM that does not allow it.
    pub(crate) fn tm_to_read(&mut self, guid: &str, reverse: bool) -> Result<&Tm, Refusal> {
        let stamp = self.stamps.next();
        let tm = self.tm_mut(guid)?;
        if reverse && !tm.reverse_lookup {
            return Err(Refusal::new(
                StatusCode::BAD_REQUEST,
                "ReverseLookupNotSupported",
                "Reverse lookup is not supported for TM.",
            ));
        }
        tm.last_used = Some(stamp);
        Ok(tm)
    }
}

/// `GET /tms` (also `GET /tms?tmGuid=…`, which answers one TM).
pub(crate) async fn list(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    RawQuery(query): RawQuery,
) -> Answer {
    let mut state = shared.memoq();
    state.auth.authenticate(&caller)?;
    let pairs = wire::serde_urlencoded_pairs(query.as_deref().unwrap_or_default())
        .ok_or_else(Refusal::invalid_request)?;
    let param = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    };
    if let Some(guid) = param("tmGuid") {
        let guid = wire::guid(guid)?;
        return Ok(wire::ok_json(&state.tm(&guid)?.model()));
    }
    let source = param("srcLang").map(wire::language).transpose()?;
    let target = param("targetLang").map(wire::language).transpose()?;
    let tms: Vec<TmModel> = state
        .tms
        .iter()
        .filter(|tm| {
            source
                .as_ref()
                .is_none_or(|l| tm.source.eq_ignore_ascii_case(l))
        })
        .filter(|tm| {
            target
                .as_ref()
                .is_none_or(|l| tm.target.eq_ignore_ascii_case(l))
        })
        .map(Tm::model)
        .collect();
    Ok(wire::ok_json(&tms))
}

/// `GET /tms/{tmGuid}`.
pub(crate) async fn get(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tm): Path<String>,
) -> Answer {
    let (state, _, guid) = call(&shared, &caller, &tm)?;
    Ok(wire::ok_json(&state.tm(&guid)?.model()))
}

/// `GET /tms/{tmGuid}/custommetascheme`: the vendor does not document the shape; the sandbox
/// answers a list of `{"Name", "Type"}` objects.
pub(crate) async fn custom_meta_scheme(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tm): Path<String>,
) -> Answer {
    let (state, _, guid) = call(&shared, &caller, &tm)?;
    let scheme: Vec<serde_json::Value> = state
        .tm(&guid)?
        .custom_metas
        .iter()
        .map(|f| serde_json::json!({ "Name": f.name, "Type": f.kind }))
        .collect();
    Ok(wire::ok_json(&memoq_api::types::TmCustomMetaScheme(
        serde_json::Value::Array(scheme),
    )))
}

/// `GET /tms/{tmGuid}/entries/{entryId}`.
pub(crate) async fn entry_get(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((tm, id)): Path<(String, String)>,
) -> Answer {
    let (state, _, guid) = call(&shared, &caller, &tm)?;
    let id = wire::int_id(&id)?;
    let entry = state
        .tm(&guid)?
        .entries
        .get(&id)
        .ok_or_else(Refusal::entry_not_found)?;
    Ok(wire::ok_json(entry))
}

/// `POST /tms/{tmGuid}/entries/create`. The vendor leaves the answer undocumented (the client
/// ignores it); the sandbox answers the created entry, so a raw caller learns its `Key`.
pub(crate) async fn entry_create(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path(tm): Path<String>,
    RawBody(body): RawBody,
) -> Answer {
    let (mut state, user, guid) = call(&shared, &caller, &tm)?;
    let request: TmEntryModel = wire::json(&body)?;
    let now = state.stamps.next();
    let tm = state.tm_mut(&guid)?;
    tm.writable()?;
    tm.check(&request)?;
    let entry = TmEntryModel {
        key: None,
        created: Some(now.clone()),
        creator: Some(user.clone()),
        modified: Some(now.clone()),
        modifier: Some(request.modifier.clone().unwrap_or(user)),
        ..request
    };
    let key = tm.insert(entry);
    tm.last_modified = Some(now);
    let created = tm.entries.get(&key).cloned().unwrap_or_default();
    Ok(wire::ok_json(&created))
}

/// `POST /tms/{tmGuid}/entries/{entryId}/update`: `Modified` must be the stored value, exactly.
pub(crate) async fn entry_update(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((tm, id)): Path<(String, String)>,
    RawBody(body): RawBody,
) -> Answer {
    let (mut state, user, guid) = call(&shared, &caller, &tm)?;
    let id = wire::int_id(&id)?;
    let request: TmEntryModel = wire::json(&body)?;
    let now = state.stamps.next();
    let tm = state.tm_mut(&guid)?;
    tm.writable()?;
    let stored = tm.entries.get(&id).ok_or_else(Refusal::entry_not_found)?;
    if request.modified.as_ref().map(Timestamp::as_str)
        != stored.modified.as_ref().map(Timestamp::as_str)
    {
        return Err(Refusal::new(
            StatusCode::CONFLICT,
            "OptimisticConcurrencyError",
            "Somebody else has modified the entry.",
        ));
    }
    tm.check(&request)?;
    let updated = TmEntryModel {
        key: Some(id),
        created: stored.created.clone(),
        creator: stored.creator.clone(),
        modified: Some(now.clone()),
        modifier: Some(request.modifier.clone().unwrap_or(user)),
        ..request
    };
    tm.entries.insert(id, updated);
    tm.last_modified = Some(now);
    Ok(wire::no_content())
}

/// `POST /tms/{tmGuid}/entries/{entryId}/delete`.
pub(crate) async fn entry_delete(
    State(shared): State<Arc<Shared>>,
    caller: Caller,
    Path((tm, id)): Path<(String, String)>,
) -> Answer {
    let (mut state, _, guid) = call(&shared, &caller, &tm)?;
    let id = wire::int_id(&id)?;
    let now = state.stamps.next();
    let tm = state.tm_mut(&guid)?;
    tm.writable()?;
    tm.entries
        .remove(&id)
        .ok_or_else(Refusal::entry_not_found)?;
    tm.last_modified = Some(now);
    Ok(wire::no_content())
}
