//! File work on existing jobs: target export (asynchronous) and its v2 download, source and
//! target updates, pre-translation, split, and the segment list.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{get, post, put};
use memsource_api::types;
use serde::Deserialize;

use super::async_requests::{Effect, parse_id};
use super::checks::not_empty;
use super::files::{self, Disposition};
use super::http::{JsonBody, RawBody, Reply, bad_request, binary, json, not_found, query};
use super::jobs::Job;
use super::{MemsourceState, authorized, now, text};
use crate::{Shared, errors};

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/web/api2/v2/projects/{project_uid}/jobs/{job_uid}/targetFile",
            put(export_target),
        )
        .route(
            "/web/api2/v2/projects/{project_uid}/jobs/{job_uid}/downloadTargetFile/{async_request_id}",
            get(download_target),
        )
        .route(
            "/web/api2/v2/projects/{project_uid}/jobs/preTranslate",
            post(pre_translate),
        )
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs/source",
            post(update_source),
        )
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs/target",
            post(update_target),
        )
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs/{job_uid}/split",
            post(split),
        )
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs/{job_uid}/segments",
            get(segments),
        )
}

impl MemsourceState {
    /// The job `job_uid` of project `project_uid`, or 404; 400 `JobNotImported` until its
    /// import has finished.
    fn imported_job(&self, project_uid: &str, job_uid: &str) -> Result<&Job, Response> {
        let job = self.job_or_404(project_uid, job_uid)?;
        if !job.imported {
            return Err(not_imported(job_uid));
        }
        Ok(job)
    }
}

/// 400 `JobNotImported`: the job's import has not finished.
pub(crate) fn not_imported(uid: &str) -> Response {
    errors::memsource(
        StatusCode::BAD_REQUEST,
        "JobNotImported",
        &format!("Job {uid:?} has not been imported yet."),
    )
}

async fn export_target(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid)): Path<(String, String)>,
    JsonBody(body): JsonBody<types::TargetFileExportRequestDto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let job = state.imported_job(&project_uid, &job_uid)?;
    let file = state.target_file(job);
    let id = state.start_async(
        "EXPORT_COMPLETE_FILE",
        user,
        Some(project_uid),
        body.callback_url,
        Effect::Nothing,
    );
    if let Some(record) = state.requests.get_mut(&id) {
        record.export = Some(file);
        record.subject = Some(job_uid);
    }
    super::callbacks::schedule(&shared, &state, id);
    state.accepted_reply(id)
}

#[derive(Deserialize)]
struct FormatQuery {
    format: Option<String>,
}

async fn download_target(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid, id)): Path<(String, String, String)>,
    uri: Uri,
) -> Reply {
    let q: FormatQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    let job = state.job_or_404(&project_uid, &job_uid)?;
    let record = state
        .requests
        .get(&parse_id(&id)?)
        .filter(|r| r.action == "EXPORT_COMPLETE_FILE" && r.subject.as_deref() == Some(&job_uid))
        .ok_or_else(|| not_found("Target file export", &id))?;
    if let Some(format) = q.format.filter(|f| !f.eq_ignore_ascii_case("ORIGINAL")) {
        return Err(bad_request(&format!(
            "format {format:?}: the sandbox exports ORIGINAL only."
        )));
    }
    if record.finished.is_none() {
        return Err(bad_request("The export has not finished yet."));
    }
    binary(
        "application/octet-stream",
        &job.filename,
        record.export.clone().unwrap_or_default(),
    )
}

async fn pre_translate(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(project_uid): Path<String>,
    JsonBody(body): JsonBody<types::PreTranslateJobsV2Dto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    state.project_or_404(&project_uid)?;
    not_empty("jobs", &body.jobs)?;
    for job in &body.jobs {
        let uid = job.uid.as_deref().unwrap_or_default();
        if !state.job_or_404(&project_uid, uid)?.imported {
            return Err(not_imported(uid));
        }
    }
    let id = state.start_async(
        "PRE_TRANSLATE",
        user,
        Some(project_uid),
        body.callback_url,
        Effect::Nothing,
    );
    super::callbacks::schedule(&shared, &state, id);
    state.accepted_reply(id)
}

/// The answer of a source or target update: the callback of request `id` scheduled, and the
/// request's reference with `status`.
fn update_reply(
    shared: &Arc<Shared>,
    state: &MemsourceState,
    status: StatusCode,
    id: u64,
) -> Reply {
    super::callbacks::schedule(shared, state, id);
    json(
        status,
        &types::JobUpdateSourceResponseDto {
            async_request: Some(state.request_reference(id)),
            ..Default::default()
        },
    )
}

/// Statuses in which a job's source can no longer change.
const FINAL: [&str; 3] = ["COMPLETED_BY_LINGUIST", "COMPLETED", "CANCELLED"];

async fn update_source(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(project_uid): Path<String>,
    RawBody(body): RawBody,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    state.project_or_404(&project_uid)?;
    let filename = files::filename(&headers, Disposition::Either)?;
    let meta: types::JobUpdateSourceMetaDto = files::memsource_header(&headers)?;
    if meta.jobs.is_empty() || meta.jobs.len() > 100 {
        return Err(bad_request("jobs: between 1 and 100 jobs"));
    }
    if filename.to_lowercase().ends_with(".zip") {
        return Err(bad_request("A source update cannot be a .zip file."));
    }
    let uids: Vec<String> = meta.jobs.iter().filter_map(|r| r.uid.clone()).collect();
    for uid in &uids {
        let job = state.job_or_404(&project_uid, uid)?;
        if job.split || FINAL.contains(&job.status.as_str()) {
            return Err(bad_request(&format!(
                "Job {uid:?} is split or in a final status; its source cannot be updated."
            )));
        }
    }
    let segments = text::file_segments(&body).len();
    let file_uid = state.store_file(filename.clone(), body);
    for job in state
        .jobs
        .iter_mut()
        .filter(|j| j.project_uid == project_uid && uids.contains(&j.uid))
    {
        job.source_file_uid = file_uid.clone();
        job.filename = filename.clone();
        job.imported = false;
        job.target = None;
        job.end = segments;
        job.update_source_date = Some(now());
    }
    let id = state.start_async(
        "UPDATE_SOURCE",
        user,
        Some(project_uid),
        meta.callback_url,
        Effect::ImportJobs(uids),
    );
    update_reply(&shared, &state, StatusCode::OK, id)
}

async fn update_target(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(project_uid): Path<String>,
    RawBody(body): RawBody,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    state.project_or_404(&project_uid)?;
    let filename = files::filename(&headers, Disposition::Either)?;
    let meta: types::JobUpdateTargetMetaDto = files::memsource_header(&headers)?;
    let [job_ref] = meta.jobs.as_slice() else {
        return Err(bad_request("jobs: exactly one job"));
    };
    let uid = job_ref.uid.clone().unwrap_or_default();
    let job = state.job_or_404(&project_uid, &uid)?;
    let extension = |name: &str| name.rsplit_once('.').map(|(_, e)| e.to_lowercase());
    if extension(&filename) != extension(&job.filename) {
        return Err(bad_request(
            "The target file must have the original file's extension.",
        ));
    }
    if job.split {
        return Err(bad_request("The target of a split job cannot be updated."));
    }
    let job = state.job_mut(&project_uid, &uid)?;
    job.target = Some(body.to_vec());
    job.update_target_date = Some(now());
    let id = state.start_async(
        "UPDATE_TARGET",
        user,
        Some(project_uid),
        meta.callback_url,
        Effect::Nothing,
    );
    update_reply(&shared, &state, StatusCode::ACCEPTED, id)
}

async fn split(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid)): Path<(String, String)>,
    JsonBody(body): JsonBody<types::SplitJobActionDto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    let job = state.imported_job(&project_uid, &job_uid)?;
    let (begin, end) = (job.begin, job.end);
    let len = end.saturating_sub(begin);
    let size = match (body.part_count, body.part_size) {
        (Some(count), _) if count >= 2 => {
            len.div_ceil(usize::try_from(count).unwrap_or(usize::MAX))
        }
        (_, Some(size)) if size >= 1 => usize::try_from(size).unwrap_or(usize::MAX),
        _ => {
            return Err(bad_request(
                "Give partCount (2 or more) or partSize (1 or more).",
            ));
        }
    };
    if len < 2 || size >= len {
        return Err(bad_request(
            "The job has too few segments to split that way.",
        ));
    }
    let index = state
        .jobs
        .iter()
        .position(|j| j.uid == job_uid)
        .ok_or_else(|| not_found("Job", &job_uid))?;
    let original = state.jobs.remove(index);
    let mut parts = Vec::new();
    for (n, start) in (begin..end).step_by(size).enumerate() {
        let uid = state.uid();
        let part = Job {
            uid,
            inner_id: format!("{}-{}", original.inner_id, n + 1),
            begin: start,
            end: (start + size).min(end),
            split: true,
            status: original.status.clone(),
            date_created: now(),
            target: None,
            project_uid: original.project_uid.clone(),
            source_lang: original.source_lang.clone(),
            target_lang: original.target_lang.clone(),
            filename: original.filename.clone(),
            path: original.path.clone(),
            source_file_uid: original.source_file_uid.clone(),
            date_due: original.date_due.clone(),
            imported: true,
            update_source_date: None,
            update_target_date: None,
        };
        parts.push(part.reference());
        state.jobs.push(part);
    }
    json(StatusCode::OK, &types::JobPartsDto { jobs: Some(parts) })
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct SegmentQuery {
    begin_index: Option<usize>,
    end_index: Option<usize>,
}

async fn segments(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid)): Path<(String, String)>,
    uri: Uri,
) -> Reply {
    let q: SegmentQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    let job = state.imported_job(&project_uid, &job_uid)?;
    let sources = state.job_segments(job);
    let targets = job.target.as_deref().map(text::file_segments);
    let begin = q.begin_index.unwrap_or(0);
    let end = q.end_index.map_or(sources.len(), |e| e.saturating_add(1));
    let segments = sources
        .iter()
        .enumerate()
        .filter(|(i, _)| *i >= begin && *i < end)
        .map(|(i, source)| types::JobSegmentDto {
            id: Some(format!("{}:{}", job.uid, job.begin + i)),
            source: Some(source.clone()),
            translation: targets.as_ref().and_then(|t| t.get(job.begin + i).cloned()),
            workflow_level: Some(1),
            ..Default::default()
        })
        .collect();
    json(
        StatusCode::OK,
        &types::SegmentListDto {
            segments: Some(segments),
        },
    )
}
