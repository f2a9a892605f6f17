//! The terms of a term base: create, get, update, delete. A term created without `conceptId`
//! starts a new concept; one with it joins that (existing) concept.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use memsource_api::types;

use super::checks::not_blank;
use super::http::{JsonBody, Reply, json, no_content, not_found};
use super::termbases::Tb;
use super::{MemsourceState, authorized, now};
use crate::Shared;

impl MemsourceState {
    /// Adds a term to term base `index`; returns it.
    pub(crate) fn add_term(
        &mut self,
        index: usize,
        user: usize,
        body: types::TermCreateDto,
    ) -> Result<types::TermDto, Response> {
        let id = self.number().to_string();
        let concept = match body.concept_id {
            Some(concept) => concept,
            None => self.number().to_string(),
        };
        let author = self.users.get(user).map(|u| u.reference());
        let tb = self
            .tbs
            .get_mut(index)
            .ok_or_else(|| not_found("Term base", ""))?;
        tb.check_lang(&body.lang)?;
        not_blank("text", &body.text)?;
        let at = now();
        let term = types::TermDto {
            case_sensitive: body.case_sensitive,
            concept_id: Some(concept),
            created_at: Some(at.clone()),
            created_by: author.clone(),
            exact_match: body.exact_match,
            forbidden: body.forbidden,
            gender: body.gender,
            id: Some(id),
            lang: Some(body.lang),
            modified_at: Some(at),
            modified_by: author,
            note: body.note,
            number: body.number,
            part_of_speech: body.part_of_speech,
            preferred: body.preferred,
            rtl: Some(false),
            short_translation: body.short_translation,
            status: Some(body.status.unwrap_or_else(|| "New".to_owned())),
            term_type: body.term_type,
            text: Some(body.text),
            ..Default::default()
        };
        tb.terms.push(term.clone());
        Ok(term)
    }
}

pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::TermCreateDto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let index = state.tb_index(&uid)?;
    if let Some(concept) = &body.concept_id
        && !state.tbs[index]
            .terms
            .iter()
            .any(|t| t.concept_id.as_ref() == Some(concept))
    {
        return Err(not_found("Concept", concept));
    }
    let term = state.add_term(index, user, body)?;
    json(StatusCode::CREATED, &term)
}

fn term_index(tb: &Tb, term_id: &str) -> Result<usize, Response> {
    tb.terms
        .iter()
        .position(|t| t.id.as_deref() == Some(term_id))
        .ok_or_else(|| not_found("Term", term_id))
}

pub(crate) async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((uid, term_id)): Path<(String, String)>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let tb = state.tb_or_404(&uid)?;
    json(StatusCode::OK, &tb.terms[term_index(tb, &term_id)?])
}

pub(crate) async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((uid, term_id)): Path<(String, String)>,
    JsonBody(body): JsonBody<types::TermEditDto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    not_blank("text", &body.text)?;
    let author = state.users.get(user).map(|u| u.reference());
    let index = state.tb_index(&uid)?;
    let tb = &mut state.tbs[index];
    let at = term_index(tb, &term_id)?;
    if let Some(lang) = &body.lang {
        tb.check_lang(lang)?;
    }
    let term = &mut tb.terms[at];
    term.text = Some(body.text);
    if body.lang.is_some() {
        term.lang = body.lang;
    }
    term.case_sensitive = body.case_sensitive;
    term.exact_match = body.exact_match;
    term.forbidden = body.forbidden;
    term.gender = body.gender;
    term.note = body.note;
    term.number = body.number;
    term.part_of_speech = body.part_of_speech;
    term.preferred = body.preferred;
    term.short_translation = body.short_translation;
    if body.status.is_some() {
        term.status = body.status;
    }
    term.term_type = body.term_type;
    term.modified_at = Some(now());
    term.modified_by = author;
    json(StatusCode::OK, &term.clone())
}

pub(crate) async fn delete(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((uid, term_id)): Path<(String, String)>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    let index = state.tb_index(&uid)?;
    let at = term_index(&state.tbs[index], &term_id)?;
    state.tbs[index].terms.remove(at);
    no_content()
}
