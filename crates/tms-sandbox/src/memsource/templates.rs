//! Project templates, kept minimal: list, get, and project creation from a template (at once,
//! and as an asynchronous request).

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use memsource_api::{Timestamp, types};
use serde::Deserialize;

use super::async_requests::Effect;
use super::checks::{check_languages, not_blank};
use super::http::{JsonBody, Reply, json, not_found, query};
use super::paging::{name_matches, paged_reply};
use super::projects::Project;
use super::{MemsourceState, SEED_TEMPLATE, authorized, now};
use crate::Shared;

/// A project template.
pub(crate) struct Template {
    uid: String,
    id: String,
    name: String,
    source_lang: String,
    target_langs: Vec<String>,
    date_created: Timestamp,
}

impl Template {
    fn reference(&self, state: &MemsourceState) -> types::ProjectTemplateReference {
        types::ProjectTemplateReference {
            id: Some(self.id.clone()),
            owner: Some(state.seed_owner()),
            source_lang: Some(self.source_lang.as_str().into()),
            template_name: Some(self.name.clone()),
            ..Default::default()
        }
    }

    fn dto(&self, state: &MemsourceState) -> types::ProjectTemplateDto {
        types::ProjectTemplateDto {
            created_by: Some(state.seed_owner()),
            date_created: Some(self.date_created.clone()),
            id: Some(self.id.clone()),
            name: Some(self.name.clone()),
            owner: Some(state.seed_owner()),
            source_lang: Some(self.source_lang.as_str().into()),
            template_name: Some(self.name.clone()),
            uid: Some(self.uid.clone()),
            ..Default::default()
        }
    }
}

/// The seeded template: [`SEED_TEMPLATE`], en → de.
pub(crate) fn seed(state: &mut MemsourceState) {
    let uid = state.uid();
    let id = state.number().to_string();
    state.templates.push(Template {
        uid,
        id,
        name: SEED_TEMPLATE.to_owned(),
        source_lang: "en".to_owned(),
        target_langs: vec!["de".to_owned()],
        date_created: now(),
    });
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/web/api2/v1/projectTemplates", get(list))
        .route("/web/api2/v1/projectTemplates/{template_uid}", get(get_one))
        .route(
            "/web/api2/v2/projects/applyTemplate/{template_uid}",
            post(apply),
        )
        .route(
            "/web/api2/v2/projects/applyTemplate/async/{template_uid}",
            post(apply_async),
        )
}

/// A template by uid or by numeric id.
fn find<'a>(state: &'a MemsourceState, uid: &str) -> Result<&'a Template, Response> {
    state
        .templates
        .iter()
        .find(|t| t.uid == uid || t.id == uid)
        .ok_or_else(|| not_found("Project template", uid))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    name: Option<String>,
    page_number: Option<i32>,
    page_size: Option<i32>,
}

async fn list(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Reply {
    let q: ListQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    let items = state
        .templates
        .iter()
        .filter(|t| name_matches(&t.name, q.name.as_deref()))
        .map(|t| t.reference(&state))
        .collect();
    paged_reply(items, q.page_number, q.page_size)
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let template = find(&state, &uid)?;
    json(StatusCode::OK, &template.dto(&state))
}

/// Creates the project a template describes; returns its uid.
fn create_from(
    state: &mut MemsourceState,
    user: usize,
    template_uid: &str,
    name: &str,
    source: Option<&str>,
    targets: &[memsource_api::lang::MemsourceCode],
) -> Result<String, Response> {
    not_blank("name", name)?;
    let template = find(state, template_uid)?;
    let source = source.unwrap_or(&template.source_lang).to_owned();
    let targets: Vec<String> = if targets.is_empty() {
        template.target_langs.clone()
    } else {
        targets.iter().map(|l| l.to_string()).collect()
    };
    check_languages(std::iter::once(source.as_str()).chain(targets.iter().map(String::as_str)))?;
    Ok(state.create_project(user, name, &source, targets))
}

async fn apply(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(template_uid): Path<String>,
    JsonBody(body): JsonBody<types::CreateProjectFromTemplateV2Dto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let uid = create_from(
        &mut state,
        user,
        &template_uid,
        &body.name,
        body.source_lang.as_deref(),
        &body.target_langs,
    )?;
    state.project_reply(&uid, StatusCode::CREATED, Project::dto_v2)
}

async fn apply_async(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(template_uid): Path<String>,
    JsonBody(body): JsonBody<types::CreateProjectFromTemplateAsyncV2Dto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let uid = create_from(
        &mut state,
        user,
        &template_uid,
        &body.name,
        body.source_lang.as_deref(),
        &body.target_langs,
    )?;
    let id = state.start_async(
        "CREATE_PROJECT",
        user,
        Some(uid.clone()),
        body.callback_url,
        Effect::Nothing,
    );
    if let Some(project) = state.project(&uid)
        && let Ok(value) = serde_json::to_value(project.dto(&state))
        && let Some(record) = state.requests.get_mut(&id)
    {
        record.callback_extra.insert("project".to_owned(), value);
    }
    super::callbacks::schedule(&shared, &state, id);
    state.accepted_reply(id)
}
