//! Term bases: list, create, get and search (the terms are in `tb_terms`, the TBX export in
//! `tb_export`).
//!
//! Terms belong to concepts; a term created without `conceptId` starts a new concept. Search
//! finds the terms of the source language whose text contains the query (case-insensitive) and
//! answers each with the other terms of its concept in the target languages (all when none).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use memsource_api::{Timestamp, types};
use serde::Deserialize;

use super::checks::{not_blank, validate_new_resource};
use super::http::{JsonBody, Reply, bad_request, json, not_found, query};
use super::paging::{name_matches, paged_reply};
use super::{MemsourceState, SEED_TB, authorized, now, tb_terms};
use crate::Shared;

/// A term base.
pub(crate) struct Tb {
    uid: String,
    id: String,
    pub(crate) name: String,
    langs: Vec<String>,
    note: Option<String>,
    date_created: Timestamp,
    owner: usize,
    pub(crate) terms: Vec<types::TermDto>,
}

impl Tb {
    /// 400 unless `lang` is a language of the term base.
    pub(crate) fn check_lang(&self, lang: &str) -> Result<(), Response> {
        if self.langs.iter().any(|l| l.eq_ignore_ascii_case(lang)) {
            Ok(())
        } else {
            Err(bad_request(&format!(
                "lang {lang:?} is not a language of the term base."
            )))
        }
    }

    fn dto(&self, state: &MemsourceState) -> types::TermBaseDto {
        let owner = state.users.get(self.owner).map(|u| u.reference());
        types::TermBaseDto {
            can_show: Some(true),
            created_by: owner.clone(),
            date_created: Some(self.date_created.clone()),
            id: Some(self.id.as_str().into()),
            internal_id: self.id.parse().ok(),
            langs: Some(self.langs.iter().map(|l| l.as_str().into()).collect()),
            name: Some(self.name.clone()),
            note: self.note.clone(),
            owner,
            uid: Some(self.uid.as_str().into()),
            ..Default::default()
        }
    }
}

impl MemsourceState {
    pub(crate) fn tb_or_404(&self, uid: &str) -> Result<&Tb, Response> {
        self.tbs
            .iter()
            .find(|t| t.uid == uid)
            .ok_or_else(|| not_found("Term base", uid))
    }

    pub(crate) fn tb_index(&self, uid: &str) -> Result<usize, Response> {
        self.tbs
            .iter()
            .position(|t| t.uid == uid)
            .ok_or_else(|| not_found("Term base", uid))
    }

    fn create_tb(&mut self, owner: usize, name: &str, langs: Vec<String>) -> String {
        let uid = self.uid();
        let id = self.number().to_string();
        self.tbs.push(Tb {
            uid: uid.clone(),
            id,
            name: name.to_owned(),
            langs,
            note: None,
            date_created: now(),
            owner,
            terms: Vec::new(),
        });
        uid
    }

    /// Every term base, oldest first, as `termBases/{uid}` answers it.
    pub fn term_bases(&self) -> Vec<types::TermBaseDto> {
        self.tbs.iter().map(|t| t.dto(self)).collect()
    }

    /// The terms of term base `uid`, in the order they were created.
    pub fn terms(&self, uid: &str) -> Vec<types::TermDto> {
        self.tbs
            .iter()
            .filter(|t| t.uid == uid)
            .flat_map(|t| t.terms.clone())
            .collect()
    }
}

fn new_term(text: &str, lang: &str, concept: Option<String>) -> types::TermCreateDto {
    types::TermCreateDto {
        case_sensitive: None,
        concept_id: concept,
        exact_match: None,
        forbidden: None,
        gender: None,
        lang: lang.to_owned(),
        note: None,
        number: None,
        part_of_speech: None,
        preferred: None,
        short_translation: None,
        status: Some("Approved".to_owned()),
        term_type: None,
        text: text.to_owned(),
        usage: None,
    }
}

/// The seeded term base: [`SEED_TB`], en and de, two concepts (printer, file).
pub(crate) fn seed(state: &mut MemsourceState) {
    let uid = state.create_tb(0, SEED_TB, vec!["en".to_owned(), "de".to_owned()]);
    let Ok(index) = state.tb_index(&uid) else {
        return;
    };
    for (en, de) in [("printer", "Drucker"), ("file", "Datei")] {
        if let Ok(term) = state.add_term(index, 0, new_term(en, "en", None)) {
            let _ = state.add_term(index, 0, new_term(de, "de", term.concept_id));
        }
    }
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/web/api2/v1/termBases", get(list).post(create))
        .route("/web/api2/v1/termBases/{tb_uid}", get(get_one))
        .route("/web/api2/v1/termBases/{tb_uid}/search", post(search))
        .route(
            "/web/api2/v1/termBases/{tb_uid}/terms",
            post(tb_terms::create),
        )
        .route(
            "/web/api2/v1/termBases/{tb_uid}/terms/{term_id}",
            get(tb_terms::get_one)
                .put(tb_terms::update)
                .delete(tb_terms::delete),
        )
        .route(
            "/web/api2/v1/termBases/{tb_uid}/export",
            get(super::tb_export::export),
        )
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    name: Option<String>,
    lang: Option<String>,
    page_number: Option<i32>,
    page_size: Option<i32>,
}

async fn list(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Reply {
    let q: ListQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    let items = state
        .tbs
        .iter()
        .filter(|t| name_matches(&t.name, q.name.as_deref()))
        .filter(|t| {
            q.lang
                .as_deref()
                .is_none_or(|l| t.langs.iter().any(|x| x.eq_ignore_ascii_case(l)))
        })
        .map(|t| t.dto(&state))
        .collect();
    paged_reply(items, q.page_number, q.page_size)
}

async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<types::TermBaseEditDto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let langs = validate_new_resource(&body.name, None, "langs", &body.langs)?;
    let uid = state.create_tb(user, &body.name, langs);
    let index = state.tb_index(&uid)?;
    state.tbs[index].note = body.note;
    json(StatusCode::OK, &state.tbs[index].dto(&state))
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let tb = state.tb_or_404(&uid)?;
    json(StatusCode::OK, &tb.dto(&state))
}

async fn search(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::TermBaseSearchRequestDto>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let tb = state.tb_or_404(&uid)?;
    not_blank("query", &body.query)?;
    let needle = body.query.to_lowercase();
    let results = tb
        .terms
        .iter()
        .filter(|t| {
            t.lang
                .as_deref()
                .is_some_and(|l| l.eq_ignore_ascii_case(&body.source_lang))
        })
        .filter(|t| {
            t.text
                .as_deref()
                .is_some_and(|text| text.to_lowercase().contains(&needle))
        })
        .filter(|t| {
            body.status.as_deref().is_none_or(|s| {
                t.status
                    .as_deref()
                    .is_some_and(|x| x.eq_ignore_ascii_case(s))
            })
        })
        .map(|source| types::SearchResponseTbDto {
            term_base: Some(tb.dto(&state)),
            concept_id: source.concept_id.clone(),
            source_term: Some(source.clone()),
            translation_terms: Some(
                tb.terms
                    .iter()
                    .filter(|t| t.concept_id == source.concept_id && t.id != source.id)
                    .filter(|t| {
                        body.target_langs.is_empty()
                            || body.target_langs.iter().any(|l| {
                                t.lang.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(l))
                            })
                    })
                    .cloned()
                    .collect(),
            ),
        })
        .collect();
    json(
        StatusCode::OK,
        &types::SearchResponseListTbDto {
            search_results: Some(results),
        },
    )
}
