//! Translation memories: list, create, get, update, delete, TMX import (asynchronous), export
//! (asynchronous) and its download, search, and segment insert/delete.
//!
//! The file transfers are in `tm_files`, the search in `tm_search`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{delete, get, post};
use memsource_api::{Timestamp, types};
use serde::Deserialize;

use super::checks::{check_languages, not_blank, validate_new_resource};
use super::http::{JsonBody, Reply, bad_request, json, no_content, not_found, query};
use super::paging::{name_matches, paged_reply};
use super::{MemsourceState, SEED_TM, authorized, now, tm_files, tm_search};
use crate::Shared;

/// A unit: one source segment and its translation into one language.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Unit {
    /// The source segment's id: units with the same source share it.
    pub(crate) id: String,
    pub(crate) source: String,
    pub(crate) target_lang: String,
    pub(crate) target: String,
    pub(crate) created_at: i64,
}

/// A translation memory.
pub(crate) struct Tm {
    pub(crate) uid: String,
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) source_lang: String,
    pub(crate) target_langs: Vec<String>,
    note: Option<String>,
    date_created: Timestamp,
    owner: usize,
    pub(crate) units: Vec<Unit>,
    next_unit: u64,
}

impl Tm {
    /// An empty memory without identity (the building block of `create` and of tests).
    pub(crate) fn empty(source_lang: &str, target_langs: Vec<String>) -> Tm {
        Tm {
            uid: String::new(),
            id: String::new(),
            name: String::new(),
            source_lang: source_lang.to_owned(),
            target_langs,
            note: None,
            date_created: now(),
            owner: 0,
            units: Vec::new(),
            next_unit: 0,
        }
    }

    /// Stores a unit: a source already present keeps its id, and its translation into
    /// `target_lang` is replaced. Returns the segment id.
    pub(crate) fn push_unit(&mut self, source: &str, target_lang: &str, target: &str) -> String {
        let id = match self.units.iter().find(|u| u.source == source) {
            Some(unit) => unit.id.clone(),
            None => {
                self.next_unit += 1;
                format!("{}.{}", self.uid, self.next_unit)
            }
        };
        self.units
            .retain(|u| !(u.source == source && u.target_lang == target_lang));
        self.units.push(Unit {
            id: id.clone(),
            source: source.to_owned(),
            target_lang: target_lang.to_owned(),
            target: target.to_owned(),
            created_at: chrono::Utc::now().timestamp_millis(),
        });
        id
    }

    fn dto(&self, state: &MemsourceState) -> types::TransMemoryDto {
        let owner = state.users.get(self.owner).map(|u| u.reference());
        types::TransMemoryDto {
            created_by: owner.clone(),
            date_created: Some(self.date_created.clone()),
            id: Some(self.id.clone()),
            internal_id: self.id.parse().ok(),
            name: Some(self.name.clone()),
            note: self.note.clone(),
            owner,
            source_lang: Some(self.source_lang.as_str().into()),
            target_langs: Some(
                self.target_langs
                    .iter()
                    .map(|l| l.as_str().into())
                    .collect(),
            ),
            uid: Some(self.uid.as_str().into()),
            ..Default::default()
        }
    }
}

impl MemsourceState {
    pub(crate) fn tm_mut(&mut self, uid: &str) -> Option<&mut Tm> {
        self.tms.iter_mut().find(|t| t.uid == uid)
    }

    pub(crate) fn tm_or_404(&self, uid: &str) -> Result<&Tm, Response> {
        self.tms
            .iter()
            .find(|t| t.uid == uid)
            .ok_or_else(|| not_found("Translation memory", uid))
    }

    /// Answers translation memory `uid` with `status`, as `transMemories/{uid}` renders it.
    fn tm_reply(&self, uid: &str, status: StatusCode) -> Reply {
        json(status, &self.tm_or_404(uid)?.dto(self))
    }

    fn tm_mut_or_404(&mut self, uid: &str) -> Result<&mut Tm, Response> {
        self.tm_mut(uid)
            .ok_or_else(|| not_found("Translation memory", uid))
    }

    /// Whether a memory of this language pair holds `source` verbatim.
    pub(crate) fn tm_has_exact(&self, source_lang: &str, target_lang: &str, source: &str) -> bool {
        self.tms
            .iter()
            .filter(|t| t.source_lang.eq_ignore_ascii_case(source_lang))
            .flat_map(|t| &t.units)
            .any(|u| u.source == source && u.target_lang.eq_ignore_ascii_case(target_lang))
    }

    fn create_tm(
        &mut self,
        owner: usize,
        name: &str,
        source: &str,
        targets: Vec<String>,
    ) -> String {
        let uid = self.uid();
        let mut tm = Tm::empty(source, targets);
        tm.uid = uid.clone();
        tm.id = self.number().to_string();
        tm.name = name.to_owned();
        tm.owner = owner;
        self.tms.push(tm);
        uid
    }

    /// Every translation memory, oldest first, as `transMemories/{uid}` answers it.
    pub fn translation_memories(&self) -> Vec<types::TransMemoryDto> {
        self.tms.iter().map(|t| t.dto(self)).collect()
    }

    /// The units of translation memory `uid`: (source, target language, target), in the
    /// order they were stored.
    pub fn tm_units(&self, uid: &str) -> Vec<(String, String, String)> {
        self.tms
            .iter()
            .filter(|t| t.uid == uid)
            .flat_map(|t| &t.units)
            .map(|u| (u.source.clone(), u.target_lang.clone(), u.target.clone()))
            .collect()
    }
}

/// The seeded memory: [`SEED_TM`], en → de, three units.
pub(crate) fn seed(state: &mut MemsourceState) {
    let uid = state.create_tm(0, SEED_TM, "en", vec!["de".to_owned()]);
    if let Some(tm) = state.tm_mut(&uid) {
        tm.push_unit("Hello world.", "de", "Hallo Welt.");
        tm.push_unit("Save the file.", "de", "Speichern Sie die Datei.");
        tm.push_unit(
            "The printer is out of paper.",
            "de",
            "Der Drucker hat kein Papier mehr.",
        );
    }
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/web/api2/v1/transMemories", get(list).post(create))
        .route(
            "/web/api2/v1/transMemories/{tm_uid}",
            get(get_one).put(update).delete(remove),
        )
        .route(
            "/web/api2/v2/transMemories/{tm_uid}/import",
            post(tm_files::import),
        )
        .route(
            "/web/api2/v2/transMemories/{tm_uid}/export",
            post(tm_files::export),
        )
        .route(
            "/web/api2/v1/transMemories/downloadExport/{async_request_id}",
            get(tm_files::download_export),
        )
        .route(
            "/web/api2/v1/transMemories/{tm_uid}/search",
            post(tm_search::search),
        )
        .route(
            "/web/api2/v1/transMemories/{tm_uid}/segments",
            post(insert_segment),
        )
        .route(
            "/web/api2/v1/transMemories/{tm_uid}/segments/{segment_id}",
            delete(delete_segment),
        )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    name: Option<String>,
    source_lang: Option<String>,
    target_lang: Option<String>,
    page_number: Option<i32>,
    page_size: Option<i32>,
}

async fn list(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Reply {
    let q: ListQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    let items = state
        .tms
        .iter()
        .filter(|t| name_matches(&t.name, q.name.as_deref()))
        .filter(|t| {
            q.source_lang
                .as_deref()
                .is_none_or(|l| t.source_lang.eq_ignore_ascii_case(l))
        })
        .filter(|t| {
            q.target_lang
                .as_deref()
                .is_none_or(|l| t.target_langs.iter().any(|t| t.eq_ignore_ascii_case(l)))
        })
        .map(|t| t.dto(&state))
        .collect();
    paged_reply(items, q.page_number, q.page_size)
}

async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<types::TransMemoryCreateDto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let targets = validate_new_resource(
        &body.name,
        Some(&body.source_lang),
        "targetLangs",
        &body.target_langs,
    )?;
    let uid = state.create_tm(user, &body.name, &body.source_lang, targets);
    state.tm_mut_or_404(&uid)?.note = body.note;
    state.tm_reply(&uid, StatusCode::CREATED)
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    state.tm_reply(&uid, StatusCode::OK)
}

async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::TransMemoryEditDto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    not_blank("name", &body.name)?;
    check_languages(body.target_langs.iter().map(|l| l.as_str()))?;
    let tm = state.tm_mut_or_404(&uid)?;
    tm.name = body.name;
    tm.note = body.note;
    for lang in body.target_langs {
        if !tm
            .target_langs
            .iter()
            .any(|t| t.eq_ignore_ascii_case(&lang))
        {
            tm.target_langs.push(lang.to_string());
        }
    }
    state.tm_reply(&uid, StatusCode::OK)
}

async fn remove(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    state.tm_or_404(&uid)?;
    state.tms.retain(|t| t.uid != uid);
    no_content()
}

async fn insert_segment(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::SegmentDto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    if body.source_segment.trim().is_empty() || body.target_segment.trim().is_empty() {
        return Err(bad_request(
            "sourceSegment and targetSegment must not be blank",
        ));
    }
    let tm = state.tm_mut_or_404(&uid)?;
    let Some(lang) = tm
        .target_langs
        .iter()
        .find(|t| t.eq_ignore_ascii_case(&body.target_lang))
        .cloned()
    else {
        return Err(bad_request(&format!(
            "targetLang {:?} is not a target language of the TM.",
            body.target_lang.as_str()
        )));
    };
    tm.push_unit(&body.source_segment, &lang, &body.target_segment);
    no_content()
}

async fn delete_segment(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((uid, segment_id)): Path<(String, String)>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    let tm = state.tm_mut_or_404(&uid)?;
    if !tm.units.iter().any(|u| u.id == segment_id) {
        return Err(not_found("TM segment", &segment_id));
    }
    tm.units.retain(|u| u.id != segment_id);
    no_content()
}
