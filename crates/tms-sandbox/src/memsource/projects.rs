//! Projects: list (filtered by name, paged), create (v3), get, patch, edit (v2), delete,
//! setStatus, clone.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post};
use memsource_api::enums::{ProjectStatus, UserRole};
use memsource_api::{Timestamp, types};
use serde::{Deserialize, Serialize};

use super::checks::{not_blank, validate_new_resource};
use super::http::{JsonBody, Reply, bad_request, json, no_content, not_found, query};
use super::paging::{contains_ignoring_case, name_matches, paged_reply};
use super::{MemsourceState, SEED_PROJECT, authorized, now};
use crate::Shared;

/// A project.
pub(crate) struct Project {
    pub(crate) uid: String,
    pub(crate) internal_id: i64,
    pub(crate) name: String,
    pub(crate) source_lang: String,
    pub(crate) target_langs: Vec<String>,
    pub(crate) status: String,
    pub(crate) date_created: Timestamp,
    pub(crate) date_due: Option<Timestamp>,
    pub(crate) note: Option<String>,
    pub(crate) purchase_order: Option<String>,
    pub(crate) archived: bool,
    /// Index into `users`.
    pub(crate) owner: usize,
}

impl Project {
    /// The project as `projects/{uid}` answers it.
    pub(crate) fn dto(&self, state: &MemsourceState) -> types::AbstractProjectDto {
        let owner = state.users.get(self.owner).map(|u| u.reference());
        types::AbstractProjectDto {
            archived: Some(self.archived),
            created_by: owner.clone(),
            date_created: Some(self.date_created.clone()),
            date_due: self.date_due.clone(),
            id: Some(self.internal_id.to_string()),
            internal_id: Some(self.internal_id),
            name: Some(self.name.clone()),
            note: self.note.clone(),
            owner,
            progress: Some(types::ProgressDto::default()),
            purchase_order: self.purchase_order.clone(),
            shared: Some(false),
            source_lang: Some(self.source_lang.as_str().into()),
            status: Some(ProjectStatus::from(self.status.as_str())),
            target_langs: Some(
                self.target_langs
                    .iter()
                    .map(|l| l.as_str().into())
                    .collect(),
            ),
            uid: Some(self.uid.as_str().into()),
            user_role: Some(UserRole::Admin),
            ..Default::default()
        }
    }

    /// The project as the v2/v3 operations answer it (the same fields and JSON).
    pub(crate) fn dto_v2(&self, state: &MemsourceState) -> types::AbstractProjectDtoV2 {
        serde_json::to_value(self.dto(state))
            .ok()
            .and_then(|value| serde_json::from_value(value).ok())
            .unwrap_or_default()
    }

    pub(crate) fn reference(&self) -> types::ProjectReference {
        types::ProjectReference {
            created_date: Some(self.date_created.clone()),
            inner_id: Some(self.internal_id),
            name: Some(self.name.clone()),
            source_lang: Some(self.source_lang.as_str().into()),
            status: Some(ProjectStatus::from(self.status.as_str())),
            uid: Some(self.uid.as_str().into()),
            ..Default::default()
        }
    }
}

impl MemsourceState {
    pub(crate) fn project(&self, uid: &str) -> Option<&Project> {
        self.projects.iter().find(|p| p.uid == uid)
    }

    pub(crate) fn project_or_404(&self, uid: &str) -> Result<&Project, Response> {
        self.project(uid).ok_or_else(|| not_found("Project", uid))
    }

    /// Answers project `uid` with `status`, in the shape `dto` renders ([`Project::dto`] for
    /// the v1 operations, [`Project::dto_v2`] for the v2/v3 ones).
    pub(crate) fn project_reply<T: Serialize>(
        &self,
        uid: &str,
        status: StatusCode,
        dto: fn(&Project, &MemsourceState) -> T,
    ) -> Reply {
        json(status, &dto(self.project_or_404(uid)?, self))
    }

    fn project_mut(&mut self, uid: &str) -> Result<&mut Project, Response> {
        self.projects
            .iter_mut()
            .find(|p| p.uid == uid)
            .ok_or_else(|| not_found("Project", uid))
    }

    /// Creates a project owned by the user at `owner`; returns its uid.
    pub(crate) fn create_project(
        &mut self,
        owner: usize,
        name: &str,
        source_lang: &str,
        target_langs: Vec<String>,
    ) -> String {
        let uid = self.uid();
        let internal_id = i64::try_from(self.number()).unwrap_or(i64::MAX);
        self.projects.push(Project {
            uid: uid.clone(),
            internal_id,
            name: name.to_owned(),
            source_lang: source_lang.to_owned(),
            target_langs,
            status: "NEW".to_owned(),
            date_created: now(),
            date_due: None,
            note: None,
            purchase_order: None,
            archived: false,
            owner,
        });
        uid
    }

    /// Every project, oldest first, as `projects/{uid}` answers it.
    pub fn projects(&self) -> Vec<types::AbstractProjectDto> {
        self.projects.iter().map(|p| p.dto(self)).collect()
    }

    /// The uid of the first project called `name`.
    pub fn project_uid(&self, name: &str) -> Option<String> {
        self.projects
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.uid.clone())
    }
}

/// The seeded project: [`SEED_PROJECT`], en → de, fr.
pub(crate) fn seed(state: &mut MemsourceState) {
    state.create_project(0, SEED_PROJECT, "en", vec!["de".into(), "fr".into()]);
}

/// 400 unless `status` is a project status the vendor documents.
fn check_status(status: &ProjectStatus) -> Result<(), Response> {
    if status.is_known() {
        Ok(())
    } else {
        Err(bad_request(&format!(
            "Unknown project status {:?}.",
            status.as_str()
        )))
    }
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/web/api2/v1/projects", get(list))
        .route("/web/api2/v3/projects", post(create))
        .route(
            "/web/api2/v1/projects/{project_uid}",
            get(get_one).patch(patch).delete(delete),
        )
        .route(
            "/web/api2/v2/projects/{project_uid}",
            axum::routing::put(edit),
        )
        .route(
            "/web/api2/v1/projects/{project_uid}/setStatus",
            post(set_status),
        )
        .route("/web/api2/v1/projects/{project_uid}/clone", post(clone))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    name: Option<String>,
    name_or_internal_id: Option<String>,
    include_archived: Option<bool>,
    archived_only: Option<bool>,
    page_number: Option<i32>,
    page_size: Option<i32>,
}

async fn list(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Reply {
    let q: ListQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    let projects = state
        .projects
        .iter()
        .rev()
        .filter(|p| name_matches(&p.name, q.name.as_deref()))
        .filter(|p| {
            q.name_or_internal_id.as_deref().is_none_or(|n| {
                contains_ignoring_case(&p.name, n) || p.internal_id.to_string() == n
            })
        })
        .filter(|p| match (q.archived_only, q.include_archived) {
            (Some(true), _) => p.archived,
            (_, Some(true)) => true,
            _ => !p.archived,
        })
        .map(|p| p.dto(&state))
        .collect();
    paged_reply(projects, q.page_number, q.page_size)
}

async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<types::CreateProjectV3Dto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let targets = validate_new_resource(
        &body.name,
        Some(&body.source_lang),
        "targetLangs",
        &body.target_langs,
    )?;
    let uid = state.create_project(user, &body.name, &body.source_lang, targets);
    let project = state.project_mut(&uid)?;
    project.note = body.note;
    project.date_due = body.date_due;
    project.purchase_order = body.purchase_order;
    state.project_reply(&uid, StatusCode::CREATED, Project::dto_v2)
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    state.project_reply(&uid, StatusCode::OK, Project::dto)
}

async fn patch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::PatchProjectDto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    if let Some(status) = &body.status {
        check_status(status)?;
    }
    if let Some(name) = &body.name {
        not_blank("name", name)?;
    }
    let project = state.project_mut(&uid)?;
    if let Some(name) = body.name {
        project.name = name;
    }
    if let Some(status) = body.status {
        project.status = status.as_str().to_owned();
    }
    if let Some(archived) = body.archived {
        project.archived = archived;
    }
    if body.note.is_some() {
        project.note = body.note;
    }
    if body.date_due.is_some() {
        project.date_due = body.date_due;
    }
    if body.purchase_order.is_some() {
        project.purchase_order = body.purchase_order;
    }
    state.project_reply(&uid, StatusCode::OK, Project::dto)
}

async fn edit(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::EditProjectV2Dto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    not_blank("name", &body.name)?;
    if let Some(status) = &body.status {
        check_status(status)?;
    }
    let project = state.project_mut(&uid)?;
    project.name = body.name;
    project.note = body.note;
    project.date_due = body.date_due;
    project.purchase_order = body.purchase_order;
    if let Some(status) = body.status {
        project.status = status.as_str().to_owned();
    }
    if let Some(archived) = body.archived {
        project.archived = archived;
    }
    state.project_reply(&uid, StatusCode::OK, Project::dto_v2)
}

async fn delete(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    state.project_or_404(&uid)?;
    state.projects.retain(|p| p.uid != uid);
    state.jobs.retain(|j| j.project_uid != uid);
    state.analyses.retain(|a| a.project_uid != uid);
    no_content()
}

async fn set_status(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::SetProjectStatusDto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    check_status(&body.status)?;
    state.project_mut(&uid)?.status = body.status.as_str().to_owned();
    no_content()
}

async fn clone(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::CloneProjectDto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    not_blank("name", &body.name)?;
    let original = state.project_or_404(&uid)?;
    let (source, targets, note) = (
        original.source_lang.clone(),
        original.target_langs.clone(),
        original.note.clone(),
    );
    let new_uid = state.create_project(user, &body.name, &source, targets);
    state.project_mut(&new_uid)?.note = note;
    state.project_reply(&new_uid, StatusCode::CREATED, Project::dto)
}
