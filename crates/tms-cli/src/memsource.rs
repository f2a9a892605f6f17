//! `tms memsource …`: projects, jobs, asynchronous requests, analyses, TMs.

use std::path::PathBuf;
use std::time::Duration;

use clap::Subcommand;
use futures::TryStreamExt;
use memsource_api::async_requests::AsyncOutcome;
use memsource_api::lang::MemsourceCode;
use memsource_api::paging::{MAX_PAGE_SIZE, all};
use memsource_api::upload::FileSource;
use memsource_api::{Client, types};
use serde_json::json;

use crate::config::language;
use crate::error::CliError;
use crate::output::{self, Table, opt};
use crate::progress;

/// `tms memsource project …`
#[derive(Debug, Subcommand)]
pub enum ProjectCommand {
    /// List projects.
    List {
        /// Only projects whose name contains this.
        #[arg(long)]
        name: Option<String>,
    },
    /// Create a project.
    Create {
        /// The project's name.
        #[arg(long)]
        name: String,
        /// Source language (BCP-47, memoQ or Memsource code).
        #[arg(long)]
        source: String,
        /// Target languages.
        #[arg(long = "target", required = true)]
        targets: Vec<String>,
    },
}

/// `tms memsource job …`
#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// Upload a file as jobs, one per target language.
    Create {
        /// The project's uid.
        project: String,
        /// The file to upload.
        file: PathBuf,
        /// Target languages, one job each.
        #[arg(long = "target", required = true)]
        targets: Vec<String>,
        /// Wait until the import finished.
        #[arg(long)]
        wait: bool,
    },
    /// List a project's jobs.
    List {
        /// The project's uid.
        project: String,
    },
    /// Export a job's target file and download it.
    Download {
        /// The project's uid.
        project: String,
        /// The job's uid.
        job: String,
        /// Where to write the file.
        #[arg(long)]
        out: PathBuf,
    },
}

/// `tms memsource async …`
#[derive(Debug, Subcommand)]
pub enum AsyncCommand {
    /// Wait for an asynchronous request to end.
    Wait {
        /// The request's id.
        id: String,
        /// Give up after this many seconds.
        #[arg(long, default_value_t = 3600)]
        timeout: u64,
    },
}

/// `tms memsource analysis …`
#[derive(Debug, Subcommand)]
pub enum AnalysisCommand {
    /// Analyse jobs.
    Create {
        /// The project's uid.
        project: String,
        /// The jobs' uids.
        #[arg(required = true)]
        jobs: Vec<String>,
        /// Wait until the analyses are done.
        #[arg(long)]
        wait: bool,
    },
}

/// `tms memsource tm …`
#[derive(Debug, Subcommand)]
pub enum TmCommand {
    /// List translation memories.
    List,
    /// Import a TMX file into a translation memory.
    Import {
        /// The TM's uid.
        tm: String,
        /// The TMX file.
        file: PathBuf,
        /// Wait until the import finished.
        #[arg(long)]
        wait: bool,
    },
}

/// How long a command without `--wait` looks at its asynchronous request: one poll.
fn max_wait(wait: bool) -> Duration {
    if wait {
        Duration::from_secs(3600)
    } else {
        Duration::ZERO
    }
}

fn memsource_code(code: &str) -> Result<MemsourceCode, CliError> {
    language(code).map(MemsourceCode::from)
}

fn readable(path: &std::path::Path) -> Result<(), CliError> {
    std::fs::metadata(path)
        .map(|_| ())
        .map_err(|source| CliError::Io {
            path: path.to_owned(),
            source,
        })
}

/// `state`, the request as last seen, and the failure, if any, of an outcome.
fn describe(outcome: &AsyncOutcome) -> (&'static str, Option<&types::AsyncRequestDto>) {
    match outcome {
        AsyncOutcome::Finished { request, .. } => ("finished", Some(request)),
        AsyncOutcome::Failed { request, .. } => ("failed", Some(request)),
        AsyncOutcome::TimedOut { last, .. } => ("running", last.as_deref()),
        _ => ("unknown", None),
    }
}

/// An outcome that failed, as the command's error (the vendor's code in the message).
fn failure(outcome: &AsyncOutcome) -> Option<CliError> {
    match outcome {
        AsyncOutcome::Failed {
            error_code,
            error_desc,
            ..
        } => Some(CliError::Failed(format!(
            "Memsource asynchronous request failed: {error_code}{}",
            error_desc
                .as_deref()
                .map(|d| format!(": {d}"))
                .unwrap_or_default()
        ))),
        _ => None,
    }
}

/// Runs `whoami`.
///
/// # Errors
/// The call's error.
pub async fn whoami(client: &Client, json: bool) -> Result<(), CliError> {
    let me = client.auth_who_am_i().send().await?.into_inner();
    if json {
        return output::json(&me);
    }
    let user = me.user.clone().unwrap_or_default();
    let organization = me.organization.as_ref().and_then(|o| o.name.clone());
    output::fields(&[
        ("user", opt(user.user_name)),
        ("uid", opt(user.uid)),
        (
            "name",
            format!("{} {}", opt(user.first_name), opt(user.last_name)),
        ),
        ("role", opt(user.role)),
        ("organization", opt(organization)),
    ]);
    Ok(())
}

/// Runs a `project` command.
///
/// # Errors
/// The call's error or a bad argument.
pub async fn project(client: &Client, command: ProjectCommand, json: bool) -> Result<(), CliError> {
    match command {
        ProjectCommand::List { name } => {
            let projects: Vec<types::AbstractProjectDto> = all(MAX_PAGE_SIZE, |page, size| {
                let mut call = client.project_list().page_number(page).page_size(size);
                if let Some(name) = &name {
                    call = call.name(name.clone());
                }
                call.send()
            })
            .try_collect()
            .await?;
            if json {
                return output::json(&projects);
            }
            let mut table = Table::new(&["UID", "NAME", "STATUS", "SOURCE", "TARGETS"]);
            for p in &projects {
                let targets = p.target_langs.iter().flatten().map(|l| l.as_str());
                table.row(vec![
                    opt(p.uid.as_ref()),
                    opt(p.name.as_ref()),
                    opt(p.status.as_ref()),
                    opt(p.source_lang.as_ref()),
                    targets.collect::<Vec<_>>().join(","),
                ]);
            }
            table.print();
        }
        ProjectCommand::Create {
            name,
            source,
            targets,
        } => {
            let targets = targets
                .iter()
                .map(|t| memsource_code(t))
                .collect::<Result<Vec<_>, _>>()?;
            let body = types::CreateProjectV3Dto::builder()
                .name(name)
                .source_lang(memsource_code(&source)?)
                .target_langs(targets);
            let project = client
                .project_create()
                .body(body)
                .send()
                .await?
                .into_inner();
            if json {
                return output::json(&project);
            }
            output::fields(&[
                ("uid", opt(project.uid.as_ref())),
                ("name", opt(project.name.as_ref())),
                ("source", opt(project.source_lang.as_ref())),
            ]);
        }
    }
    Ok(())
}

/// Runs a `job` command.
///
/// # Errors
/// The call's error, a file that cannot be read or written, a failed import.
pub async fn job(client: &Client, command: JobCommand, json: bool) -> Result<(), CliError> {
    match command {
        JobCommand::Create {
            project,
            file,
            targets,
            wait,
        } => {
            readable(&file)?;
            let targets = targets
                .iter()
                .map(|t| memsource_code(t))
                .collect::<Result<Vec<_>, _>>()?;
            let bar = progress::bar(json);
            let shown = bar.clone();
            let import = client
                .upload_jobs(project)
                .file(FileSource::path(&file))
                .targets(targets)
                .max_wait(max_wait(wait))
                .progress(move |p| progress::report(&shown, p))
                .await;
            bar.finish_and_clear();
            let import = import?;
            if let Some(err) = failure(&import.outcome) {
                return Err(err);
            }
            let (state, request) = describe(&import.outcome);
            if json {
                return output::json(&json!({
                    "jobs": import.jobs,
                    "import": state,
                    "asyncRequest": request,
                }));
            }
            let mut table = Table::new(&["UID", "FILE", "TARGET", "IMPORT"]);
            for job in import.jobs.jobs.iter().flatten() {
                table.row(vec![
                    opt(job.uid.as_ref()),
                    opt(job.filename.as_ref()),
                    opt(job.target_lang.as_ref()),
                    state.to_owned(),
                ]);
            }
            table.print();
        }
        JobCommand::List { project } => {
            let jobs: Vec<types::JobPartReferenceV2> = all(MAX_PAGE_SIZE, |page, size| {
                client
                    .job_list()
                    .project_uid(project.as_str())
                    .page_number(page)
                    .page_size(size)
                    .send()
            })
            .try_collect()
            .await?;
            if json {
                return output::json(&jobs);
            }
            let mut table = Table::new(&["UID", "FILE", "TARGET", "STATUS"]);
            for job in &jobs {
                table.row(vec![
                    opt(job.uid.as_ref()),
                    opt(job.filename.as_ref()),
                    opt(job.target_lang.as_ref()),
                    opt(job.status.as_ref()),
                ]);
            }
            table.print();
        }
        JobCommand::Download { project, job, out } => {
            download(client, project, job, out, json).await?
        }
    }
    Ok(())
}

async fn download(
    client: &Client,
    project: String,
    job: String,
    out: PathBuf,
    json: bool,
) -> Result<(), CliError> {
    let io = |source| CliError::Io {
        path: out.clone(),
        source,
    };
    // Written next to the target and renamed at the end, so a failed download leaves no
    // half-written file where the old one was.
    let partial = out.with_extension("part");
    let file = tokio::fs::File::create(&partial).await.map_err(io)?;
    let bar = progress::bar(json);
    let shown = bar.clone();
    let export = client
        .export_target(project, job)
        .to_writer(file)
        .progress(move |p| progress::report(&shown, p))
        .await;
    bar.finish_and_clear();
    let export = match export {
        Ok(export) if export.outcome.is_finished() => export,
        other => {
            let _ = tokio::fs::remove_file(&partial).await;
            let export = other?;
            return Err(failure(&export.outcome).unwrap_or_else(|| {
                CliError::Failed(format!(
                    "the export did not finish in time (request {})",
                    export.request_id
                ))
            }));
        }
    };
    tokio::fs::rename(&partial, &out).await.map_err(io)?;
    if json {
        return output::json(&json!({
            "path": out,
            "bytes": export.written,
            "asyncRequestId": export.request_id,
        }));
    }
    output::print(&format!(
        "{} bytes written to {}\n",
        export.written,
        out.display()
    ));
    Ok(())
}

/// Runs `async wait`.
///
/// # Errors
/// The poll's error; a failed request; one still running at the timeout.
pub async fn async_wait(
    client: &Client,
    command: AsyncCommand,
    json: bool,
) -> Result<(), CliError> {
    let AsyncCommand::Wait { id, timeout } = command;
    let bar = progress::bar(json);
    let shown = bar.clone();
    let outcome = client
        .async_request(id.as_str())
        .max_wait(Duration::from_secs(timeout))
        .progress(move |p| progress::report(&shown, p))
        .wait()
        .await;
    bar.finish_and_clear();
    let outcome = outcome?;
    if let Some(err) = failure(&outcome) {
        return Err(err);
    }
    let (state, request) = describe(&outcome);
    if let AsyncOutcome::TimedOut { polls, .. } = &outcome {
        return Err(CliError::Failed(format!(
            "request {id} still running after {timeout} s ({polls} polls)"
        )));
    }
    if json {
        return output::json(&json!({ "id": id, "state": state, "asyncRequest": request }));
    }
    let action = request.and_then(|r| r.action.as_ref());
    output::fields(&[
        ("id", id),
        ("state", state.to_owned()),
        ("action", opt(action)),
    ]);
    Ok(())
}

/// Runs `analysis create`.
///
/// # Errors
/// The call's error; a failed analysis.
pub async fn analysis(
    client: &Client,
    command: AnalysisCommand,
    json: bool,
) -> Result<(), CliError> {
    // The project names where the jobs are; the API needs only the jobs.
    let AnalysisCommand::Create {
        project: _,
        jobs,
        wait,
    } = command;
    let bar = progress::bar(json);
    let shown = bar.clone();
    let analyses = client
        .analyse(jobs)
        .max_wait(max_wait(wait))
        .progress(move |p| progress::report(&shown, p))
        .await;
    bar.finish_and_clear();
    let analyses = analyses?;
    if let Some(err) = analyses.iter().find_map(|a| failure(&a.outcome)) {
        return Err(err);
    }
    if json {
        let list: Vec<_> = analyses
            .iter()
            .map(|a| json!({ "analyse": a.analyse, "state": describe(&a.outcome).0 }))
            .collect();
        return output::json(&list);
    }
    let mut table = Table::new(&["ID", "NAME", "STATE"]);
    for a in &analyses {
        let field = |name: &str| {
            a.analyse
                .as_ref()
                .and_then(|m| m.get(name))
                .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        };
        table.row(vec![
            opt(field("id")),
            opt(field("name")),
            describe(&a.outcome).0.to_owned(),
        ]);
    }
    table.print();
    Ok(())
}

/// Runs a `tm` command.
///
/// # Errors
/// The call's error; a file that cannot be read; a failed import.
pub async fn tm(client: &Client, command: TmCommand, json: bool) -> Result<(), CliError> {
    match command {
        TmCommand::List => {
            let tms: Vec<types::TransMemoryDto> = all(MAX_PAGE_SIZE, |page, size| {
                client.tm_list().page_number(page).page_size(size).send()
            })
            .try_collect()
            .await?;
            if json {
                return output::json(&tms);
            }
            let mut table = Table::new(&["UID", "NAME", "SOURCE", "TARGETS"]);
            for tm in &tms {
                let targets = tm.target_langs.iter().flatten().map(|l| l.as_str());
                table.row(vec![
                    opt(tm.uid.as_ref()),
                    opt(tm.name.as_ref()),
                    opt(tm.source_lang.as_ref()),
                    targets.collect::<Vec<_>>().join(","),
                ]);
            }
            table.print();
        }
        TmCommand::Import { tm, file, wait } => {
            readable(&file)?;
            let bar = progress::bar(json);
            let shown = bar.clone();
            let outcome = client
                .import_tmx(tm.as_str())
                .file(FileSource::path(&file))
                .max_wait(max_wait(wait))
                .progress(move |p| progress::report(&shown, p))
                .await;
            bar.finish_and_clear();
            let outcome = outcome?;
            if let Some(err) = failure(&outcome) {
                return Err(err);
            }
            let (state, request) = describe(&outcome);
            if json {
                return output::json(
                    &json!({ "tm": tm, "import": state, "asyncRequest": request }),
                );
            }
            output::print(&format!("import into {tm}: {state}\n"));
        }
    }
    Ok(())
}
