//! Log in, create a project, upload a file as jobs (streamed from disk) and wait for the import,
//! log out.
//!
//! Against a real account:
//!   MEMSOURCE_URL=https://cloud.memsource.com/web MEMSOURCE_USER=me MEMSOURCE_PASSWORD=… \
//!     cargo run -p memsource-api --example memsource_quickstart -- path/to/file.docx
//! Without `MEMSOURCE_URL` it starts the sandbox (`tms-sandbox`: Memsource in memory, on
//! 127.0.0.1) and uploads a small generated file.

use std::time::Duration;

use memsource_api::async_requests::AsyncOutcome;
use memsource_api::upload::FileSource;
use memsource_api::{Client, Login, lang};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (_mock, base_url, login) = match std::env::var("MEMSOURCE_URL") {
        Ok(url) => (
            None,
            url,
            Login::new(
                std::env::var("MEMSOURCE_USER")?,
                std::env::var("MEMSOURCE_PASSWORD")?,
            ),
        ),
        Err(_) => {
            let sandbox = tms_sandbox::Sandbox::start().await?;
            let url = sandbox.memsource_url();
            println!("no MEMSOURCE_URL set: using the sandbox at {url}");
            let login = Login::new(tms_sandbox::MEMSOURCE_USER, tms_sandbox::MEMSOURCE_PASSWORD);
            (Some(sandbox), url, login)
        }
    };
    let path = match std::env::args().nth(1) {
        Some(path) => std::path::PathBuf::from(path),
        None => {
            let path = std::env::temp_dir().join("Zürich 東京.txt");
            tokio::fs::write(&path, "Turn the printer off.\nPrint the document.\n").await?;
            path
        }
    };
    let client = Client::builder(base_url.as_str()).build()?;
    let me = client.login(&login).await?;
    println!(
        "logged in; token valid until {:?}",
        me.expires.map(|t| t.to_string())
    );

    // Languages from the shared table (any scheme), or Memsource's own codes as strings.
    let (english, german, japanese) = (
        lang::from_bcp47("en")?,
        lang::from_memoq("ger")?,
        lang::from_bcp47("ja")?,
    );
    let project = client
        .project_create()
        .body_map(|p| {
            p.name("tms-rs quickstart")
                .source_lang(english)
                .target_langs(vec![german.into(), japanese.into()])
        })
        .send()
        .await?
        .into_inner();
    // A `ProjectUid`, or `Error::Protocol` if the answer has none.
    let project_uid = project.project_uid()?;
    println!("created project {project_uid}");

    // One flow: stream the file from disk (never read into memory) as one job per target
    // language, then wait for the import, reporting progress as it goes.
    let import = client
        .upload_jobs(&project_uid)
        .file(FileSource::path(&path))
        .targets([german, japanese])
        .max_wait(Duration::from_secs(600))
        .progress(|progress| println!("  … {progress:?}"))
        .await?;
    for job in import.jobs.jobs.as_deref().unwrap_or_default() {
        println!(
            "job {} → {} ({})",
            job.job_uid()?,
            job.target_lang
                .as_ref()
                .and_then(|code| code.language().ok())
                .map_or("?", |language| language.name()),
            job.status
                .as_ref()
                .map_or_else(String::new, ToString::to_string)
        );
    }
    let state = match &import.outcome {
        AsyncOutcome::Finished { .. } => "imported".to_owned(),
        AsyncOutcome::Failed { error_code, .. } => format!("failed: {error_code}"),
        AsyncOutcome::TimedOut { .. } => "still importing".to_owned(),
        other => format!("{other:?}"),
    };
    println!("import: {state}");

    client.logout().await?;
    println!("logged out");
    Ok(())
}
