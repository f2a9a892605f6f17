//! The common asynchronous flows, as builders like the generated operations: upload jobs and
//! wait until imported ([`Client::upload_jobs`]), export a target file and download it
//! ([`Client::export_target`]), analyse and wait ([`Client::analyse`]), import a TMX and wait
//! ([`Client::import_tmx`]). Await a flow (or call `.wait()`) for its result; give it
//! `.progress(..)` to hear about bytes sent and written and each state of the asynchronous work.
//!
//! Dropping a flow cancels it: a flow spawns no task, so once dropped nothing of it runs, no
//! poll is sent and its slot of the pending-request cap is given back. (Work the server already
//! started goes on there.)
//!
//! Every flow takes a slot of the organisation's pending-request cap first (read once from
//! `async/status`), so a burst of flows waits for a slot instead of failing, and gives it back
//! when its request is no longer pending. When the cap cannot be read, flows run without it
//! (see [`Client::async_slot`]).

use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use tms_runtime::poll::PollSchedule;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::async_requests::AsyncOutcome;
use crate::ids::{AsyncRequestId, JobUid, ProjectUid, TransMemoryUid};
use crate::lang::MemsourceCode;
use crate::upload::{FileSource, UploadStream, content_disposition, memsource_header};
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

pub use crate::progress::Progress;
pub(crate) use crate::progress::ProgressFn;

/// What every flow shares: how to wait, whom to tell, and which callback URL to use.
struct Waiting<'a> {
    schedule: PollSchedule,
    progress: Option<ProgressFn>,
    #[cfg(feature = "callbacks")]
    callback: Option<&'a crate::callbacks::CallbackUrl>,
    _client: PhantomData<&'a Client>,
}

impl std::fmt::Debug for Waiting<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut d = f.debug_struct("Waiting");
        d.field("schedule", &self.schedule)
            .field("progress", &self.progress.is_some());
        #[cfg(feature = "callbacks")]
        d.field("callback", &self.callback.is_some());
        d.finish()
    }
}

impl<'a> Waiting<'a> {
    fn new() -> Self {
        Self {
            schedule: PollSchedule::new(DEFAULT_MAX_WAIT),
            progress: None,
            #[cfg(feature = "callbacks")]
            callback: None,
            _client: PhantomData,
        }
    }

    fn emit(&self, progress: Progress) {
        if let Some(report) = &self.progress {
            report(progress);
        }
    }

    /// The `callbackUrl` to send, when the flow waits for a callback.
    fn callback_url(&self) -> Option<String> {
        #[cfg(feature = "callbacks")]
        if let Some(callback) = self.callback {
            return Some(callback.url().to_owned());
        }
        None
    }

    /// Reports that the request `id` started, then waits for it (by polling, and by its
    /// callback when the flow has one).
    async fn wait_for(
        &self,
        client: &'a Client,
        id: AsyncRequestId,
    ) -> Result<AsyncOutcome, Error> {
        self.emit(Progress::Started { id: id.clone() });
        #[cfg_attr(not(feature = "callbacks"), allow(unused_mut))]
        let mut wait = client
            .async_request(id.clone())
            .schedule(self.schedule.clone())
            .progress_fn(self.progress.clone());
        #[cfg(feature = "callbacks")]
        if let Some(callback) = self.callback {
            wait = wait.callback(callback.ticket(id));
        }
        wait.outcome().await
    }
}

/// How long a flow waits for its asynchronous work unless told otherwise.
const DEFAULT_MAX_WAIT: Duration = Duration::from_secs(3600);

/// The setters every flow has: the wait's bounds and the progress callback.
macro_rules! waiting_setters {
    () => {
        /// Gives up waiting for the asynchronous work after `max_wait` (default: 1 hour); the
        /// outcome is then [`AsyncOutcome::TimedOut`].
        pub fn max_wait(mut self, max_wait: Duration) -> Self {
            self.waiting.schedule.max_wait = max_wait;
            self
        }

        /// The whole polling schedule (its `max_wait` included).
        pub fn schedule(mut self, schedule: PollSchedule) -> Self {
            self.waiting.schedule = schedule;
            self
        }

        /// Calls `progress` with every [`Progress`] of the flow. It runs inside the flow, on
        /// the task that awaits it (keep it short); nothing runs once the flow is dropped.
        pub fn progress(mut self, progress: impl Fn(Progress) + Send + Sync + 'static) -> Self {
            self.waiting.progress = Some(Arc::new(progress));
            self
        }
    };
}

/// The setter of the flows whose work Memsource can report by callback.
macro_rules! callback_setter {
    () => {
        /// Sends `callback`'s URL as the work's `callbackUrl` and ends the wait as soon as the
        /// callback arrives; polling goes on slowly meanwhile, so a lost callback never hangs
        /// the flow.
        #[cfg(feature = "callbacks")]
        pub fn callback(mut self, callback: &'a crate::callbacks::CallbackUrl) -> Self {
            self.waiting.callback = Some(callback);
            self
        }
    };
}

/// `IntoFuture` for a flow, so `.await` on the builder is `.wait().await`.
macro_rules! into_future {
    ($flow:ident, $output:ty) => {
        impl<'a> IntoFuture for $flow<'a> {
            type Output = Result<$output, Error>;
            type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

            fn into_future(self) -> Self::IntoFuture {
                Box::pin(self.wait())
            }
        }
    };
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

/// Uploads a file as jobs of a project and waits for the import; from [`Client::upload_jobs`].
///
/// A file on disk is streamed and, when the connection was refused or the session expired
/// during the upload, opened and sent again; a reader is sent once (a session that expired under
/// it gives [`Error::UploadNotTaken`]: send it again).
#[must_use = "a flow does nothing until it is awaited"]
#[derive(Debug)]
pub struct UploadJobs<'a> {
    client: &'a Client,
    project_uid: ProjectUid,
    file: Option<FileSource>,
    targets: Option<Vec<MemsourceCode>>,
    meta: Option<types::JobCreateRequestDto>,
    waiting: Waiting<'a>,
}

impl<'a> UploadJobs<'a> {
    /// The file to upload (required).
    pub fn file(mut self, file: FileSource) -> Self {
        self.file = Some(file);
        self
    }

    /// The target languages, one job each: [`Language`](crate::lang::Language)s or Memsource
    /// codes. They replace those of [`UploadJobs::meta`].
    pub fn targets<L: Into<MemsourceCode>>(mut self, targets: impl IntoIterator<Item = L>) -> Self {
        self.targets = Some(targets.into_iter().map(Into::into).collect());
        self
    }

    /// Everything the `Memsource` header can say (path, due date, workflow settings, import
    /// settings, pre-translation); the target languages of [`UploadJobs::targets`] win.
    pub fn meta(mut self, meta: types::JobCreateRequestDto) -> Self {
        self.meta = Some(meta);
        self
    }

    waiting_setters!();
    callback_setter!();

    /// Uploads the file, then waits until the import finished, failed or the maximum wait
    /// passed.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] without a file or a target language; [`Error::Io`] when the
    /// file cannot be opened or read; the create call's error; a poll that failed for good.
    pub async fn wait(self) -> Result<JobImport, Error> {
        let Self {
            client,
            project_uid,
            file,
            targets,
            meta,
            waiting,
        } = self;
        let mut file = file.ok_or_else(|| {
            Error::InvalidRequest("upload_jobs needs a file: call .file(..)".into())
        })?;
        let mut meta = match meta {
            Some(meta) => meta,
            None => types::JobCreateRequestDto::try_from(
                types::JobCreateRequestDto::builder().target_langs(Vec::new()),
            )
            .map_err(|e| Error::InvalidRequest(e.to_string()))?,
        };
        if let Some(targets) = targets {
            meta.target_langs = targets;
        }
        if meta.target_langs.is_empty() {
            return Err(Error::InvalidRequest(
                "upload_jobs needs a target language: call .targets(..)".into(),
            ));
        }
        if let Some(url) = waiting.callback_url() {
            meta.callback_url = Some(url);
        }
        let header = memsource_header(&meta).map_err(|e| {
            Error::InvalidRequest(format!("cannot encode the Memsource header: {e}"))
        })?;
        let _slot = client.async_slot().await;
        let jobs = upload(&mut file, &waiting, |body, disposition| {
            let header = header.clone();
            let project_uid = &project_uid;
            async move {
                client
                    .job_create()
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
        let outcome = waiting.wait_for(client, id).await?;
        waiting.emit(Progress::Done);
        Ok(JobImport { jobs, outcome })
    }
}

into_future!(UploadJobs, JobImport);

/// A target file's export, and how much of it was downloaded.
#[derive(Debug)]
pub struct TargetExport {
    /// The export request's id (the download needs it; it stays valid for a while).
    pub request_id: AsyncRequestId,
    /// The export request's outcome.
    pub outcome: AsyncOutcome,
    /// Bytes written to the writer: 0 when there was none or the export did not finish.
    pub written: u64,
}

/// Exports a job's target file, waits, and downloads it; from [`Client::export_target`].
#[must_use = "a flow does nothing until it is awaited"]
#[derive(Debug)]
pub struct ExportTarget<'a, W = tokio::io::Sink> {
    client: &'a Client,
    project_uid: ProjectUid,
    job_uid: JobUid,
    format: Option<String>,
    writer: Option<W>,
    waiting: Waiting<'a>,
}

impl<'a, W> ExportTarget<'a, W> {
    /// The format of the download (`ORIGINAL` by default; `PDF` for a PDF).
    pub fn format(mut self, format: impl Into<String>) -> Self {
        self.format = Some(format.into());
        self
    }

    /// Where the file goes once exported (a `tokio::fs::File`, a `Vec<u8>`, `&mut` either).
    /// Without a writer the flow only exports and waits; [`TargetExport::request_id`] downloads
    /// it later.
    pub fn to_writer<V>(self, writer: V) -> ExportTarget<'a, V>
    where
        V: tokio::io::AsyncWrite + Unpin,
    {
        ExportTarget {
            client: self.client,
            project_uid: self.project_uid,
            job_uid: self.job_uid,
            format: self.format,
            writer: Some(writer),
            waiting: self.waiting,
        }
    }

    waiting_setters!();
    callback_setter!();
}

impl<W> ExportTarget<'_, W>
where
    W: tokio::io::AsyncWrite + Unpin,
{
    /// Exports (`PUT /api2/v2/…/jobs/{jobUid}/targetFile`, asynchronous), waits, and when the
    /// export finished streams the file (`GET /api2/v2/…/jobs/{jobUid}/downloadTargetFile/{id}`)
    /// into the writer, flushed at the end.
    ///
    /// # Errors
    /// Any call's error, a poll that failed for good, or [`Error::Io`] when the writer fails.
    pub async fn wait(self) -> Result<TargetExport, Error> {
        let Self {
            client,
            project_uid,
            job_uid,
            format,
            writer,
            waiting,
        } = self;
        let _slot = client.async_slot().await;
        let started = client
            .job_export_target_file()
            .project_uid(&project_uid)
            .job_uid(&job_uid)
            .body(types::TargetFileExportRequestDto {
                callback_url: waiting.callback_url(),
            })
            .send()
            .await?
            .into_inner();
        let id = started
            .async_request
            .and_then(|r| r.id)
            .ok_or_else(|| Error::Protocol("the export answer has no asyncRequest id".into()))?;
        let outcome = waiting.wait_for(client, id.clone()).await?;
        let mut written = 0;
        if let (true, Some(mut writer)) = (outcome.is_finished(), writer) {
            let mut download = client
                .job_download_target_file()
                .project_uid(project_uid)
                .job_uid(job_uid)
                .async_request_id(&id);
            if let Some(format) = format {
                download = download.format(format);
            }
            let answer = download.send().await?;
            written = copy_download(answer, &mut writer, &waiting).await?;
        }
        waiting.emit(Progress::Done);
        Ok(TargetExport {
            request_id: id,
            outcome,
            written,
        })
    }
}

impl<'a, W> IntoFuture for ExportTarget<'a, W>
where
    W: tokio::io::AsyncWrite + Unpin + Send + 'a,
{
    type Output = Result<TargetExport, Error>;
    type IntoFuture = Pin<Box<dyn Future<Output = Self::Output> + Send + 'a>>;

    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.wait())
    }
}

/// One analysis and how its asynchronous request ended.
#[derive(Debug)]
pub struct AnalysisOutcome {
    /// The analysis as the create answer described it (`id`, `name`, …).
    pub analyse: Option<serde_json::Map<String, serde_json::Value>>,
    /// Its request's outcome.
    pub outcome: AsyncOutcome,
}

/// Creates analyses of jobs and waits for each; from [`Client::analyse`].
#[must_use = "a flow does nothing until it is awaited"]
#[derive(Debug)]
pub struct Analyse<'a> {
    client: &'a Client,
    body: types::builder::CreateAnalyseAsyncV2Dto,
    waiting: Waiting<'a>,
}

impl<'a> Analyse<'a> {
    /// The analysis settings beyond the jobs (type, name, what to count), as on
    /// `analysis_create().body_map(..)`.
    ///
    /// ```no_run
    /// # async fn demo(client: memsource_api::Client) -> Result<(), memsource_api::Error> {
    /// let analyses = client
    ///     .analyse(["j1", "j2"])
    ///     .body_map(|b| b.name("Q4 estimate".to_owned()).include_numbers(false))
    ///     .await?;
    /// # Ok(()) }
    /// ```
    pub fn body_map(
        mut self,
        f: impl FnOnce(
            types::builder::CreateAnalyseAsyncV2Dto,
        ) -> types::builder::CreateAnalyseAsyncV2Dto,
    ) -> Self {
        self.body = f(self.body);
        self
    }

    waiting_setters!();
    callback_setter!();

    /// Creates the analyses (one asynchronous request each) and waits for each in turn.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] for settings that do not make a request, the create call's
    /// error, or a poll that failed for good.
    pub async fn wait(self) -> Result<Vec<AnalysisOutcome>, Error> {
        let Self {
            client,
            body,
            waiting,
        } = self;
        let mut body = types::CreateAnalyseAsyncV2Dto::try_from(body)
            .map_err(|e| Error::InvalidRequest(format!("analysis settings: {e}")))?;
        if let Some(url) = waiting.callback_url() {
            body.callback_url = Some(url);
        }
        let _slot = client.async_slot().await;
        let created = client
            .analysis_create()
            .body(body)
            .send()
            .await?
            .into_inner();
        let mut outcomes = Vec::new();
        for item in created.async_requests.unwrap_or_default() {
            let id: AsyncRequestId = item.async_request.and_then(|r| r.id).ok_or_else(|| {
                Error::Protocol("an analysis answer has no asyncRequest id".into())
            })?;
            let outcome = waiting.wait_for(client, id).await?;
            outcomes.push(AnalysisOutcome {
                analyse: item.analyse,
                outcome,
            });
        }
        waiting.emit(Progress::Done);
        Ok(outcomes)
    }
}

into_future!(Analyse, Vec<AnalysisOutcome>);

/// Imports a TMX file into a translation memory and waits; from [`Client::import_tmx`].
#[must_use = "a flow does nothing until it is awaited"]
#[derive(Debug)]
pub struct ImportTmx<'a> {
    client: &'a Client,
    trans_memory_uid: TransMemoryUid,
    file: Option<FileSource>,
    strict_lang_matching: Option<bool>,
    strip_native_codes: Option<bool>,
    waiting: Waiting<'a>,
}

impl<'a> ImportTmx<'a> {
    /// The TMX file (required). A path is sent again when the connection was refused or the
    /// session expired during the upload.
    pub fn file(mut self, file: FileSource) -> Self {
        self.file = Some(file);
        self
    }

    /// Import only units whose languages match the memory's exactly (`strictLangMatching`).
    pub fn strict_lang_matching(mut self, strict: bool) -> Self {
        self.strict_lang_matching = Some(strict);
        self
    }

    /// Drop the native codes of the units (`stripNativeCodes`).
    pub fn strip_native_codes(mut self, strip: bool) -> Self {
        self.strip_native_codes = Some(strip);
        self
    }

    waiting_setters!();

    /// Uploads the TMX, then waits for the import.
    ///
    /// # Errors
    /// [`Error::InvalidRequest`] without a file, [`Error::Io`] when it cannot be opened or read,
    /// the import call's error, or a poll that failed for good.
    pub async fn wait(self) -> Result<AsyncOutcome, Error> {
        let Self {
            client,
            trans_memory_uid,
            file,
            strict_lang_matching,
            strip_native_codes,
            waiting,
        } = self;
        let mut file = file.ok_or_else(|| {
            Error::InvalidRequest("import_tmx needs a file: call .file(..)".into())
        })?;
        let trans_memory_uid = &trans_memory_uid;
        let _slot = client.async_slot().await;
        let started = upload(&mut file, &waiting, |body, disposition| async move {
            let mut import = client
                .tm_import()
                .trans_memory_uid(trans_memory_uid)
                .content_disposition(disposition)
                .body(body);
            if let Some(strict) = strict_lang_matching {
                import = import.strict_lang_matching(strict);
            }
            if let Some(strip) = strip_native_codes {
                import = import.strip_native_codes(strip);
            }
            import.send().await.map(|r| r.into_inner())
        })
        .await?;
        let id = started
            .async_request
            .and_then(|r| r.id)
            .ok_or_else(|| Error::Protocol("the import answer has no asyncRequest id".into()))?;
        let outcome = waiting.wait_for(client, id).await?;
        waiting.emit(Progress::Done);
        Ok(outcome)
    }
}

into_future!(ImportTmx, AsyncOutcome);

/// Sends `file` through `send`, counting the bytes the body reads. A file on disk is sent again
/// when the connection was refused before the server saw it, and once after the session expired
/// under the stream. A read error ends the upload as [`Error::Io`].
async fn upload<F, Fut, T>(
    file: &mut FileSource,
    waiting: &Waiting<'_>,
    mut send: F,
) -> Result<T, Error>
where
    F: FnMut(reqwest::Body, String) -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let disposition = content_disposition(&file.filename());
    let mut attempt = 0;
    let mut renewed = false;
    loop {
        attempt += 1;
        let (stream, total) = file
            .open_stream()
            .await
            .map_err(|source| Error::Io {
                context: format!("cannot open the upload {:?}", file.filename()),
                source,
            })?
            .ok_or_else(|| Error::InvalidRequest("the upload's reader was already used".into()))?;
        let read_error = Arc::new(Mutex::new(None));
        let body = counted(stream, total, waiting.progress.clone(), read_error.clone());
        let sent = send(body, disposition.clone()).await;
        let read_error = read_error.lock().unwrap_or_else(|e| e.into_inner()).take();
        match (sent, read_error) {
            (Err(_), Some(source)) => {
                return Err(Error::Io {
                    context: format!("cannot read the upload {:?}", file.filename()),
                    source,
                });
            }
            (Err(err), None)
                if !err.may_have_reached_server()
                    && file.can_reopen()
                    && attempt < UPLOAD_ATTEMPTS =>
            {
                tracing::debug!(attempt, error = %err, "upload never reached the server; sending again");
            }
            // The session expired under the stream: the engine dropped that token, so the
            // next send logs in again. A file on disk is read again from the start, once.
            (Err(err), None) if err.is_upload_not_taken() && file.can_reopen() && !renewed => {
                tracing::debug!("session expired during the upload; logging in and sending again");
                renewed = true;
            }
            (other, _) => return other,
        }
    }
}

/// The body of one upload attempt: reports each chunk the HTTP body reads, and keeps a read
/// error for the flow (the body passes on only a copy, which the transport wraps).
fn counted(
    stream: UploadStream,
    total: Option<u64>,
    progress: Option<ProgressFn>,
    read_error: Arc<Mutex<Option<std::io::Error>>>,
) -> reqwest::Body {
    let mut sent = 0u64;
    reqwest::Body::wrap_stream(stream.map(move |chunk| match chunk {
        Ok(bytes) => {
            sent += bytes.len() as u64;
            if let Some(report) = &progress {
                report(Progress::Uploading { sent, total });
            }
            Ok(bytes)
        }
        Err(error) => {
            let copy = std::io::Error::new(error.kind(), error.to_string());
            *read_error.lock().unwrap_or_else(|e| e.into_inner()) = Some(error);
            Err(copy)
        }
    }))
}

/// Streams a download into `writer` (flushed at the end), reporting the bytes written; returns
/// their number.
async fn copy_download<W>(
    answer: progenitor_client::ResponseValue<progenitor_client::ByteStream>,
    writer: &mut W,
    waiting: &Waiting<'_>,
) -> Result<u64, Error>
where
    W: tokio::io::AsyncWrite + Unpin,
{
    use tokio::io::AsyncWriteExt;

    let total = answer.content_length();
    let mut stream = answer.into_inner().into_inner();
    let write_error = |source| Error::Io {
        context: "cannot write the download".into(),
        source,
    };
    let mut written = 0u64;
    while let Some(chunk) = stream.next().await {
        let chunk = chunk.map_err(|e| {
            Error::from(progenitor_client::Error::<types::ErrorResponse>::ResponseBodyError(e))
        })?;
        writer.write_all(&chunk).await.map_err(write_error)?;
        written += chunk.len() as u64;
        waiting.emit(Progress::Downloading { written, total });
    }
    writer.flush().await.map_err(write_error)?;
    Ok(written)
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
            .extra()
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

    /// Uploads a file as jobs of `project_uid` (one per target language) and waits for the
    /// import. Await the builder (or call `.wait()`); dropping it stops the upload or the wait.
    ///
    /// ```no_run
    /// # async fn demo(client: memsource_api::Client) -> Result<(), memsource_api::Error> {
    /// use std::time::Duration;
    /// use memsource_api::flows::Progress;
    /// use memsource_api::lang;
    /// use memsource_api::upload::FileSource;
    ///
    /// let german = lang::from_bcp47("de").map_err(|e| memsource_api::Error::InvalidRequest(e.to_string()))?;
    /// let import = client
    ///     .upload_jobs("pRoJ3ct")
    ///     .file(FileSource::path("Zürich 東京.docx"))
    ///     .targets([german])
    ///     .max_wait(Duration::from_secs(600))
    ///     .progress(|p| match p {
    ///         Progress::Uploading { sent, total } => tracing::info!(sent, ?total, "uploading"),
    ///         Progress::Pending { polls, elapsed, .. } => tracing::info!(polls, ?elapsed, "importing"),
    ///         _ => {}
    ///     })
    ///     .await?;
    /// println!("{} jobs, finished: {}", import.job_uids()?.len(), import.outcome.is_finished());
    /// # Ok(()) }
    /// ```
    pub fn upload_jobs(&self, project_uid: impl Into<ProjectUid>) -> UploadJobs<'_> {
        UploadJobs {
            client: self,
            project_uid: project_uid.into(),
            file: None,
            targets: None,
            meta: None,
            waiting: Waiting::new(),
        }
    }

    /// Exports the target file of a job, waits for the export, and downloads it into the
    /// writer given to `.to_writer(..)`.
    ///
    /// ```no_run
    /// # async fn demo(client: memsource_api::Client) -> Result<(), memsource_api::Error> {
    /// let mut file = Vec::new();
    /// let export = client.export_target("pRoJ3ct", "j0b").to_writer(&mut file).await?;
    /// assert_eq!(export.written, file.len() as u64);
    /// # Ok(()) }
    /// ```
    pub fn export_target(
        &self,
        project_uid: impl Into<ProjectUid>,
        job_uid: impl Into<JobUid>,
    ) -> ExportTarget<'_> {
        ExportTarget {
            client: self,
            project_uid: project_uid.into(),
            job_uid: job_uid.into(),
            format: None,
            writer: None,
            waiting: Waiting::new(),
        }
    }

    /// Analyses `jobs` (one analysis per request the server starts) and waits for each.
    ///
    /// ```no_run
    /// # async fn demo(client: memsource_api::Client) -> Result<(), memsource_api::Error> {
    /// for analysis in client.analyse(["j1", "j2"]).await? {
    ///     println!("{:?}: finished {}", analysis.analyse, analysis.outcome.is_finished());
    /// }
    /// # Ok(()) }
    /// ```
    pub fn analyse<J: Into<JobUid>>(&self, jobs: impl IntoIterator<Item = J>) -> Analyse<'_> {
        let jobs = jobs
            .into_iter()
            .map(|job| types::UidReference {
                uid: Some(job.into().into_string()),
            })
            .collect::<Vec<_>>();
        Analyse {
            client: self,
            body: types::CreateAnalyseAsyncV2Dto::builder().jobs(jobs),
            waiting: Waiting::new(),
        }
    }

    /// Imports a TMX file into the translation memory `trans_memory_uid` and waits for the
    /// import.
    ///
    /// ```no_run
    /// # async fn demo(client: memsource_api::Client) -> Result<(), memsource_api::Error> {
    /// use memsource_api::upload::FileSource;
    ///
    /// let outcome = client.import_tmx("tM").file(FileSource::path("memory.tmx")).await?;
    /// println!("imported: {}", outcome.is_finished());
    /// # Ok(()) }
    /// ```
    pub fn import_tmx(&self, trans_memory_uid: impl Into<TransMemoryUid>) -> ImportTmx<'_> {
        ImportTmx {
            client: self,
            trans_memory_uid: trans_memory_uid.into(),
            file: None,
            strict_lang_matching: None,
            strip_native_codes: None,
            waiting: Waiting::new(),
        }
    }
}
