//! Jobs: listed (v2, paged), read, updated, patched, their status set, deleted in a batch, and
//! their original downloaded. Creation from an upload is in `job_create`, the file operations
//! on existing jobs in `job_files`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::routing::{delete, get, post};
use memsource_api::enums::JobStatus;
use memsource_api::{Timestamp, types};
use serde::Deserialize;

use super::checks::not_empty;
use super::http::{JsonBody, Reply, bad_request, binary, json, no_content, not_found, query};
use super::paging::paged_reply;
use super::{MemsourceState, authorized, text};
use crate::Shared;

/// A job: one file in one target language.
pub(crate) struct Job {
    pub(crate) uid: String,
    pub(crate) inner_id: String,
    pub(crate) project_uid: String,
    pub(crate) source_lang: String,
    pub(crate) target_lang: String,
    pub(crate) filename: String,
    pub(crate) path: Option<String>,
    pub(crate) source_file_uid: String,
    pub(crate) status: String,
    pub(crate) date_created: Timestamp,
    pub(crate) date_due: Option<Timestamp>,
    pub(crate) imported: bool,
    /// A translated file uploaded with `jobs/target`.
    pub(crate) target: Option<Vec<u8>>,
    /// The job's share of the file's segments, `begin..end` (a split job has less than all).
    pub(crate) begin: usize,
    pub(crate) end: usize,
    pub(crate) split: bool,
    pub(crate) update_source_date: Option<Timestamp>,
    pub(crate) update_target_date: Option<Timestamp>,
}

impl Job {
    pub(crate) fn reference(&self) -> types::JobPartReference {
        types::JobPartReference {
            continuous: Some(false),
            date_created: Some(self.date_created.clone()),
            date_due: self.date_due.clone(),
            filename: Some(self.filename.clone()),
            imported: Some(self.imported),
            providers: Some(Vec::new()),
            source_file_uid: Some(self.source_file_uid.clone()),
            status: Some(JobStatus::from(self.status.as_str())),
            target_lang: Some(self.target_lang.as_str().into()),
            uid: Some(self.uid.as_str().into()),
            update_source_date: self.update_source_date.clone(),
            workflow_level: Some(1),
            ..Default::default()
        }
    }

    fn reference_v2(&self) -> types::JobPartReferenceV2 {
        types::JobPartReferenceV2 {
            continuous: Some(false),
            date_created: Some(self.date_created.clone()),
            date_due: self.date_due.clone(),
            filename: Some(self.filename.clone()),
            import_status: Some(self.import_status()),
            imported: Some(self.imported),
            inner_id: Some(self.inner_id.clone()),
            original_file_directory: self.path.clone(),
            providers: Some(Vec::new()),
            source_file_uid: Some(self.source_file_uid.clone()),
            split: Some(self.split),
            status: Some(JobStatus::from(self.status.as_str())),
            target_lang: Some(self.target_lang.as_str().into()),
            uid: Some(self.uid.as_str().into()),
            ..Default::default()
        }
    }

    fn import_status(&self) -> types::ImportStatusDto {
        types::ImportStatusDto {
            error_message: None,
            status: Some(if self.imported { "OK" } else { "RUNNING" }.to_owned()),
        }
    }
}

impl MemsourceState {
    /// The job `uid` of project `project_uid`, or 404.
    pub(crate) fn job_or_404(&self, project_uid: &str, uid: &str) -> Result<&Job, Response> {
        self.jobs
            .iter()
            .find(|j| j.uid == uid && j.project_uid == project_uid)
            .ok_or_else(|| not_found("Job", uid))
    }

    pub(crate) fn job_mut(&mut self, project_uid: &str, uid: &str) -> Result<&mut Job, Response> {
        self.jobs
            .iter_mut()
            .find(|j| j.uid == uid && j.project_uid == project_uid)
            .ok_or_else(|| not_found("Job", uid))
    }

    /// The segments of a job (its share of its file's).
    pub(crate) fn job_segments(&self, job: &Job) -> Vec<String> {
        let all = self
            .files
            .get(&job.source_file_uid)
            .map(|f| text::file_segments(&f.bytes))
            .unwrap_or_default();
        let end = job.end.min(all.len());
        all.get(job.begin.min(end)..end)
            .map(<[String]>::to_vec)
            .unwrap_or_default()
    }

    fn job_extended(&self, job: &Job) -> types::JobPartExtendedDto {
        let words = self
            .job_segments(job)
            .iter()
            .map(|s| text::words(s))
            .sum::<usize>();
        types::JobPartExtendedDto {
            begin_index: i32::try_from(job.begin).ok(),
            continuous: Some(false),
            date_created: Some(job.date_created.clone()),
            date_due: job.date_due.clone(),
            end_index: i32::try_from(job.end.saturating_sub(1)).ok(),
            filename: Some(job.filename.clone()),
            import_status: Some(job.import_status()),
            imported: Some(job.imported),
            inner_id: Some(job.inner_id.clone()),
            is_parent_job_split: Some(job.split),
            job_reference: Some(types::JobReference {
                filename: Some(job.filename.clone()),
                ..Default::default()
            }),
            last_workflow_level: Some(1),
            original_file_directory: job.path.clone(),
            project: self.project(&job.project_uid).map(|p| p.reference()),
            providers: Some(Vec::new()),
            source_lang: Some(job.source_lang.as_str().into()),
            status: Some(JobStatus::from(job.status.as_str())),
            target_lang: Some(job.target_lang.as_str().into()),
            uid: Some(job.uid.as_str().into()),
            update_source_date: job.update_source_date.clone(),
            update_target_date: job.update_target_date.clone(),
            words_count: i32::try_from(words).ok(),
            workflow_level: Some(1),
            ..Default::default()
        }
    }

    /// The jobs of a project, oldest first, as the v2 job list answers them.
    pub fn jobs(&self, project_uid: &str) -> Vec<types::JobPartReferenceV2> {
        self.jobs
            .iter()
            .filter(|j| j.project_uid == project_uid)
            .map(Job::reference_v2)
            .collect()
    }

    /// The original file of a job: its name and bytes.
    pub fn job_file(&self, job_uid: &str) -> Option<(String, Vec<u8>)> {
        let job = self.jobs.iter().find(|j| j.uid == job_uid)?;
        let file = self.files.get(&job.source_file_uid)?;
        Some((file.name.clone(), file.bytes.clone()))
    }

    /// The file a target export of `job` builds: an uploaded translation, or the sandbox's
    /// pseudo-translation of the original.
    pub(crate) fn target_file(&self, job: &Job) -> Vec<u8> {
        match &job.target {
            Some(target) => target.clone(),
            None => self
                .files
                .get(&job.source_file_uid)
                .map(|f| text::pseudo_translate(&f.bytes, &job.target_lang))
                .unwrap_or_default(),
        }
    }
}

/// 400 unless `status` is a job status the vendor documents.
pub(crate) fn check_status(status: &JobStatus) -> Result<(), Response> {
    if status.is_known() {
        Ok(())
    } else {
        Err(bad_request(&format!(
            "Unknown job status {:?}.",
            status.as_str()
        )))
    }
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs",
            post(super::job_create::create),
        )
        .route("/web/api2/v2/projects/{project_uid}/jobs", get(list))
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs/{job_uid}",
            get(get_one).put(update).patch(patch),
        )
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs/{job_uid}/setStatus",
            post(set_status),
        )
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs/batch",
            delete(delete_batch),
        )
        .route(
            "/web/api2/v1/projects/{project_uid}/jobs/{job_uid}/original",
            get(original),
        )
        .merge(super::job_files::router())
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    workflow_level: Option<i32>,
    filename: Option<String>,
    target_lang: Option<String>,
    page_number: Option<i32>,
    page_size: Option<i32>,
}

async fn list(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(project_uid): Path<String>,
    uri: Uri,
) -> Reply {
    let q: ListQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    state.project_or_404(&project_uid)?;
    let jobs = state
        .jobs
        .iter()
        .filter(|j| j.project_uid == project_uid)
        .filter(|_| q.workflow_level.is_none_or(|level| level == 1))
        .filter(|j| q.filename.as_deref().is_none_or(|f| j.filename == f))
        .filter(|j| {
            q.target_lang
                .as_deref()
                .is_none_or(|l| j.target_lang.eq_ignore_ascii_case(l))
        })
        .map(Job::reference_v2)
        .collect();
    paged_reply(jobs, q.page_number, q.page_size)
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid)): Path<(String, String)>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let job = state.job_or_404(&project_uid, &job_uid)?;
    json(StatusCode::OK, &state.job_extended(job))
}

async fn update(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid)): Path<(String, String)>,
    JsonBody(body): JsonBody<types::JobPartUpdateSingleDto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    let due = Some(body.date_due);
    edit(&mut state, &project_uid, &job_uid, Some(body.status), due)
}

async fn patch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid)): Path<(String, String)>,
    JsonBody(body): JsonBody<types::JobPartPatchSingleDto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    let due = body.date_due.map(Some);
    edit(&mut state, &project_uid, &job_uid, body.status, due)
}

/// Sets what `status` and `date_due` carry (`None`: unchanged; a due date of `Some(None)` is
/// cleared) on a job and answers the job as `get_one` does.
fn edit(
    state: &mut MemsourceState,
    project_uid: &str,
    job_uid: &str,
    status: Option<JobStatus>,
    date_due: Option<Option<Timestamp>>,
) -> Reply {
    if let Some(status) = &status {
        check_status(status)?;
    }
    let job = state.job_mut(project_uid, job_uid)?;
    if let Some(status) = status {
        job.status = status.as_str().to_owned();
    }
    if let Some(date_due) = date_due {
        job.date_due = date_due;
    }
    let job = state.job_or_404(project_uid, job_uid)?;
    json(StatusCode::OK, &state.job_extended(job))
}

async fn set_status(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid)): Path<(String, String)>,
    JsonBody(body): JsonBody<types::JobStatusChangeActionDto>,
) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    let status = body
        .requested_status
        .ok_or_else(|| bad_request("requestedStatus: must not be null"))?;
    check_status(&status)?;
    state.job_mut(&project_uid, &job_uid)?.status = status.as_str().to_owned();
    no_content()
}

#[derive(Deserialize)]
struct PurgeQuery {
    #[allow(dead_code)]
    purge: Option<bool>,
}

async fn delete_batch(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(project_uid): Path<String>,
    uri: Uri,
    JsonBody(body): JsonBody<types::JobPartDeleteReferences>,
) -> Reply {
    let _: PurgeQuery = query(&uri)?;
    let (mut state, _) = authorized(&shared, &headers)?;
    state.project_or_404(&project_uid)?;
    not_empty("jobs", &body.jobs)?;
    let uids: Vec<String> = body.jobs.into_iter().filter_map(|r| r.uid).collect();
    for uid in &uids {
        state.job_or_404(&project_uid, uid)?;
    }
    state
        .jobs
        .retain(|j| !(j.project_uid == project_uid && uids.contains(&j.uid)));
    no_content()
}

async fn original(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path((project_uid, job_uid)): Path<(String, String)>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let job = state.job_or_404(&project_uid, &job_uid)?;
    let file = state
        .files
        .get(&job.source_file_uid)
        .ok_or_else(|| not_found("File", &job.source_file_uid))?;
    binary("application/octet-stream", &file.name, file.bytes.clone())
}
