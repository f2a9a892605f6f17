//! Job creation: one job per target language from an uploaded file, imported asynchronously
//! (the callback carries the `jobParts`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use memsource_api::types;

use super::async_requests::Effect;
use super::checks::not_empty;
use super::files::{self, Disposition, StoredFile};
use super::http::{RawBody, Reply, json};
use super::jobs::Job;
use super::{MemsourceState, authorized, now, text};
use crate::{Shared, errors};

impl MemsourceState {
    /// Stores an uploaded file; returns its uid.
    pub(crate) fn store_file(&mut self, name: String, bytes: Bytes) -> String {
        let uid = self.uid();
        self.files.insert(
            uid.clone(),
            StoredFile {
                name,
                bytes: bytes.to_vec(),
            },
        );
        uid
    }
}

pub(crate) async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(project_uid): Path<String>,
    RawBody(body): RawBody,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let project = state.project_or_404(&project_uid)?;
    let (source_lang, project_targets) =
        (project.source_lang.clone(), project.target_langs.clone());
    let filename = files::filename(&headers, Disposition::Either)?;
    let meta: types::JobCreateRequestDto = files::memsource_header(&headers)?;
    not_empty("targetLangs", &meta.target_langs)?;
    if let Some(lang) = meta
        .target_langs
        .iter()
        .find(|l| !project_targets.iter().any(|t| t.eq_ignore_ascii_case(l)))
    {
        return Err(errors::memsource(
            StatusCode::BAD_REQUEST,
            "JobCreateError",
            &format!(
                "targetLangs must match project: {:?} is not a target language of the project.",
                lang.as_str()
            ),
        ));
    }
    if body.is_empty() {
        return Err(errors::memsource(
            StatusCode::BAD_REQUEST,
            "JobCreateError",
            "The uploaded file is empty.",
        ));
    }
    let segments = text::file_segments(&body).len();
    let file_uid = state.store_file(filename.clone(), body);
    let mut uids = Vec::new();
    for lang in &meta.target_langs {
        let uid = state.uid();
        let inner = state
            .jobs
            .iter()
            .filter(|j| j.project_uid == project_uid)
            .count()
            + 1;
        state.jobs.push(Job {
            uid: uid.clone(),
            inner_id: inner.to_string(),
            project_uid: project_uid.clone(),
            source_lang: source_lang.clone(),
            target_lang: lang.to_string(),
            filename: filename.clone(),
            path: meta.path.clone(),
            source_file_uid: file_uid.clone(),
            status: "NEW".to_owned(),
            date_created: now(),
            date_due: meta.due.clone(),
            imported: false,
            target: None,
            begin: 0,
            end: segments,
            split: false,
            update_source_date: None,
            update_target_date: None,
        });
        uids.push(uid);
    }
    let id = state.start_async(
        "IMPORT_JOB",
        user,
        Some(project_uid.clone()),
        meta.callback_url.clone(),
        Effect::ImportJobs(uids.clone()),
    );
    let jobs: Vec<types::JobPartReference> = state
        .jobs
        .iter()
        .filter(|j| uids.contains(&j.uid))
        .map(Job::reference)
        .collect();
    if let (Ok(value), Some(record)) = (serde_json::to_value(&jobs), state.requests.get_mut(&id)) {
        record.callback_extra.insert("jobParts".to_owned(), value);
    }
    super::callbacks::schedule(&shared, &state, id);
    json(
        StatusCode::CREATED,
        &types::JobListDto {
            async_request: Some(state.request_reference(id)),
            jobs: Some(jobs),
            unsupported_files: Some(Vec::new()),
        },
    )
}
