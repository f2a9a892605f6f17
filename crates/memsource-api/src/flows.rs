//! The common asynchronous flows, each one call: upload jobs and wait until imported, export a
//! target file and download it, analyse and wait, import a TMX and wait.
//!
//! Every flow takes a slot of the organisation's pending-request cap first (read once from
//! `async/status`), so a burst of flows waits for a slot instead of failing, and gives it back
//! when its request is no longer pending. When the cap cannot be read, flows run without it
//! (see [`Client::async_slot`]).

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::async_requests::AsyncOutcome;
use crate::ids::{AsyncRequestId, JobUid, ProjectUid, TransMemoryUid};
use crate::upload::{FileSource, content_disposition, download_to, memsource_header};
use crate::{Client, Error, ErrorCode, types};

/// Attempts an upload from a path gets when the connection is refused before the server saw it.
const UPLOAD_ATTEMPTS: u32 = 3;

/// The semaphore for the free part of the organisation's cap; `None` when there is no limit.
fn slots_for(status: types::AsyncRequestStatusDto) -> Option<Arc<Semaphore>> {
    let concurrent = status.concurrent_requests.unwrap_or_default();
    let limit = concurrent.limit?;
    let free = limit.saturating_sub(concurrent.count.unwrap_or(0)).max(1);
    Some(Arc::new(Semaphore::new(usize::try_from(free).unwrap_or(1))))
}

/// Jobs created from one upload, and how their import ended.
#[derive(Debug)]
pub struct JobImport {
    /// The created jobs (one per target language), as the create answer listed them.
    pub jobs: types::JobListDto,
    /// The import request's outcome.
    pub outcome: AsyncOutcome,
}

impl JobImport {
    /// The uids of the created jobs, in the order the answer listed them.
    ///
    /// # Errors
    /// [`Error::Protocol`] when the answer lists a job without a uid.
    pub fn job_uids(&self) -> Result<Vec<JobUid>, Error> {
        self.jobs
            .jobs
            .iter()
            .flatten()
            .map(types::JobPartReference::job_uid)
            .collect()
    }
}

impl Client {
    /// A slot for one more pending asynchronous request: waits while the organisation's cap
    /// (`concurrentRequests.limit` from `async/status`, read once per session) is used up by this
    /// session. `None` when there is no cap to respect: the server sets no limit, or
    /// `async/status` could not be read.
    ///
    /// The cap only spares the server requests it would refuse, so a failure to read it never
    /// fails a flow. A 4xx answer (a role that may not read the status, an endpoint the server
    /// does not have) is remembered: the session runs without the cap. Any other failure (a 5xx,
    /// throttling, a broken connection) leaves this flow without the cap, and the next one asks
    /// again.
    pub async fn async_slot(&self) -> Option<OwnedSemaphorePermit> {
        let slots = self
            .inner
            .async_slots
            .get_or_try_init(|| async {
                let error = match self.async_request_status().send().await {
                    Ok(status) => return Ok(slots_for(status.into_inner())),
                    Err(error) => Error::from(error),
                };
                let for_good = error.status().is_some_and(|s| {
                    s.is_client_error() && s.as_u16() != 429 && error.code() != Some(ErrorCode::ApiLimitReached)
                });
                if for_good {
                    tracing::debug!(%error, "cannot read async/status; this session runs without the pending-request cap");
                    Ok(None)
                } else {
                    tracing::debug!(%error, "cannot read async/status; this flow runs without the pending-request cap");
                    Err(())
                }
            })
            .await
            .ok()?;
        slots.clone()?.acquire_owned().await.ok()
    }

    async fn upload<F, Fut, T>(&self, file: &mut FileSource, mut send: F) -> Result<T, Error>
    where
        F: FnMut(reqwest::Body, String) -> Fut,
        Fut: std::future::Future<Output = Result<T, Error>>,
    {
        let disposition = content_disposition(&file.filename());
        let mut attempt = 0;
        let mut renewed = false;
        loop {
            attempt += 1;
            let body = file
                .open()
                .await
                .map_err(|e| Error::InvalidRequest(format!("cannot read the upload: {e}")))?
                .ok_or_else(|| {
                    Error::InvalidRequest("the upload's reader was already used".into())
                })?;
            match send(body, disposition.clone()).await {
                Err(err)
                    if !err.may_have_reached_server()
                        && file.can_reopen()
                        && attempt < UPLOAD_ATTEMPTS =>
                {
                    tracing::debug!(attempt, error = %err, "upload never reached the server; sending again");
                }
                // The session expired under the stream: the engine dropped that token, so the
                // next send logs in again. A file on disk is read again from the start, once.
                Err(err) if err.is_upload_not_taken() && file.can_reopen() && !renewed => {
                    tracing::debug!(
                        "session expired during the upload; logging in and sending again"
                    );
                    renewed = true;
                }
                other => return other,
            }
        }
    }

    /// Uploads `file` as jobs of `project_uid` (one per target language in `meta`) and waits until
    /// the import finished, failed or `max_wait` passed. A file on disk is streamed and, when the
    /// connection was refused or the session expired during the upload, reopened and sent
    /// again; a reader is sent once (a session that expired under it gives
    /// `Error::UploadNotTaken`: send it again).
    ///
    /// # Errors
    /// The create call's error, or a poll that failed for good.
    pub async fn create_jobs_and_wait(
        &self,
        project_uid: impl Into<ProjectUid>,
        mut file: FileSource,
        meta: &types::JobCreateRequestDto,
        max_wait: Duration,
    ) -> Result<JobImport, Error> {
        let header = memsource_header(meta).map_err(|e| {
            Error::InvalidRequest(format!("cannot encode the Memsource header: {e}"))
        })?;
        let project_uid = project_uid.into();
        let _slot = self.async_slot().await;
        let jobs = self
            .upload(&mut file, |body, disposition| {
                let header = header.clone();
                let project_uid = &project_uid;
                async move {
                    self.job_create()
                        .project_uid(project_uid)
                        .content_disposition(disposition)
                        .memsource(header)
                        .body(body)
                        .send()
                        .await
                        .map(|r| r.into_inner())
                }
            })
            .await?;
        let id = jobs
            .async_request
            .as_ref()
            .and_then(|r| r.id.clone())
            .ok_or_else(|| {
                Error::Protocol("the job create answer has no asyncRequest id".into())
            })?;
        let outcome = self.async_request(id).max_wait(max_wait).wait().await?;
        Ok(JobImport { jobs, outcome })
    }

    /// Exports the target file of a job (`PUT /api2/v2/…/jobs/{jobUid}/targetFile`, async),
    /// waits, and streams the file (`GET /api2/v2/…/jobs/{jobUid}/downloadTargetFile/{id}`)
    /// into `writer`. Returns the export's outcome and the bytes written (0 unless it
    /// finished).
    ///
    /// # Errors
    /// Any call's error, a poll that failed for good, or a write error (as
    /// [`Error::InvalidRequest`]).
    pub async fn export_target_and_download<W>(
        &self,
        project_uid: impl Into<ProjectUid>,
        job_uid: impl Into<JobUid>,
        format: Option<&str>,
        writer: &mut W,
        max_wait: Duration,
    ) -> Result<(AsyncOutcome, u64), Error>
    where
        W: tokio::io::AsyncWrite + Unpin,
    {
        let (project_uid, job_uid) = (project_uid.into(), job_uid.into());
        let _slot = self.async_slot().await;
        let started = self
            .job_export_target_file()
            .project_uid(&project_uid)
            .job_uid(&job_uid)
            .body(types::TargetFileExportRequestDto::default())
            .send()
            .await?
            .into_inner();
        let id = started
            .async_request
            .and_then(|r| r.id)
            .ok_or_else(|| Error::Protocol("the export answer has no asyncRequest id".into()))?;
        let outcome = self.async_request(&id).max_wait(max_wait).wait().await?;
        if !outcome.is_finished() {
            return Ok((outcome, 0));
        }
        let mut download = self
            .job_download_target_file()
            .project_uid(project_uid)
            .job_uid(job_uid)
            .async_request_id(id);
        if let Some(format) = format {
            download = download.format(format);
        }
        let stream = download.send().await?.into_inner();
        let written = download_to(stream, writer)
            .await
            .map_err(|e| Error::InvalidRequest(format!("cannot write the target file: {e}")))?;
        Ok((outcome, written))
    }

    /// Creates analyses (one asynchronous request per analysis) and waits for each.
    ///
    /// # Errors
    /// The create call's error, or a poll that failed for good.
    pub async fn create_analyses_and_wait(
        &self,
        request: types::CreateAnalyseAsyncV2Dto,
        max_wait: Duration,
    ) -> Result<
        Vec<(
            Option<serde_json::Map<String, serde_json::Value>>,
            AsyncOutcome,
        )>,
        Error,
    > {
        let _slot = self.async_slot().await;
        let created = self
            .analysis_create()
            .body(request)
            .send()
            .await?
            .into_inner();
        let mut outcomes = Vec::new();
        for item in created.async_requests.unwrap_or_default() {
            let id: AsyncRequestId = item.async_request.and_then(|r| r.id).ok_or_else(|| {
                Error::Protocol("an analysis answer has no asyncRequest id".into())
            })?;
            let outcome = self.async_request(id).max_wait(max_wait).wait().await?;
            outcomes.push((item.analyse, outcome));
        }
        Ok(outcomes)
    }

    /// Imports a TMX file into a translation memory and waits for the import.
    ///
    /// # Errors
    /// The import call's error, or a poll that failed for good.
    pub async fn import_tmx_and_wait(
        &self,
        trans_memory_uid: impl Into<TransMemoryUid>,
        mut file: FileSource,
        max_wait: Duration,
    ) -> Result<AsyncOutcome, Error> {
        let trans_memory_uid = trans_memory_uid.into();
        let trans_memory_uid = &trans_memory_uid;
        let _slot = self.async_slot().await;
        let started = self
            .upload(&mut file, |body, disposition| async move {
                self.tm_import()
                    .trans_memory_uid(trans_memory_uid)
                    .content_disposition(disposition)
                    .body(body)
                    .send()
                    .await
                    .map(|r| r.into_inner())
            })
            .await?;
        let id = started
            .async_request
            .and_then(|r| r.id)
            .ok_or_else(|| Error::Protocol("the import answer has no asyncRequest id".into()))?;
        self.async_request(id).max_wait(max_wait).wait().await
    }
}
