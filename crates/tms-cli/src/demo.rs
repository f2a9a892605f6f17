//! `tms demo`: starts the sandbox in this process and runs the main job of both vendors end to
//! end, saying what each step does. `tms sandbox`: runs the sandbox in the foreground.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use memoq_api::segment::Segment;
use memsource_api::async_requests::AsyncOutcome;
use memsource_api::callbacks::CallbackReceiver;

use memsource_api::upload::FileSource;
use tms_sandbox::{Sandbox, SandboxConfig};

use crate::config::language;
use crate::error::CliError;
use crate::{memoq, output};

/// The file the demo uploads: a non-ASCII name, as real projects have.
const DEMO_FILE: &str = "Übersicht 東京.txt";
const DEMO_TEXT: &str = "Print the document.\nSave the document before printing.\n\
Turn the printer off before you open the cover.\n";

/// `tms sandbox [--addr]`: serves both APIs until Ctrl-C.
///
/// # Errors
/// The address cannot be bound.
pub async fn serve(addr: SocketAddr) -> Result<(), CliError> {
    let config = SandboxConfig {
        addr,
        ..Default::default()
    };
    let sandbox = Sandbox::start_with(config)
        .await
        .map_err(|e| CliError::Failed(e.to_string()))?;
    output::print(&format!(
        "tms sandbox listening on {}\n\
         memoQ:     MEMOQ_URL={} MEMOQ_USER={} MEMOQ_PASSWORD={}\n\
         Memsource: MEMSOURCE_URL={} MEMSOURCE_USER={} MEMSOURCE_PASSWORD={}\n\
         Ctrl-C stops it.\n",
        sandbox.base_url(),
        sandbox.memoq_url(),
        tms_sandbox::MEMOQ_USER,
        tms_sandbox::MEMOQ_PASSWORD,
        sandbox.memsource_url(),
        tms_sandbox::MEMSOURCE_USER,
        tms_sandbox::MEMSOURCE_PASSWORD,
    ));
    sandbox
        .serve_until_ctrl_c()
        .await
        .map_err(|source| CliError::Io {
            path: PathBuf::from("<signal>"),
            source,
        })
}

/// `tms demo`: the main job against a sandbox started in this process.
///
/// # Errors
/// Any step's failure (none is expected against the sandbox).
pub async fn run() -> Result<(), CliError> {
    let sandbox = Sandbox::start_with(SandboxConfig {
        async_delay: Duration::from_millis(300),
        ..Default::default()
    })
    .await
    .map_err(|e| CliError::Failed(e.to_string()))?;
    say(&format!(
        "Sandbox started on {} (memoQ and Memsource on one port).",
        sandbox.base_url()
    ));
    memoq_part(&sandbox).await?;
    memsource_part(&sandbox).await?;
    say("Done: both vendors' main jobs ran end to end.");
    sandbox.stop().await;
    Ok(())
}

fn say(step: &str) {
    output::print(&format!("\n==> {step}\n"));
}

async fn memoq_part(sandbox: &Sandbox) -> Result<(), CliError> {
    let client = memoq_api::Client::builder(sandbox.memoq_url())
        .credentials(memoq_api::Credentials::memoq_user(
            tms_sandbox::MEMOQ_USER,
            tms_sandbox::MEMOQ_PASSWORD,
        ))
        .build()
        .map_err(|e| CliError::Usage(e.to_string()))?;

    say("memoQ: log in as a memoQ server user (one login; the token is reused by every call)");
    let info = client
        .login(&memoq_api::Credentials::memoq_user(
            tms_sandbox::MEMOQ_USER,
            tms_sandbox::MEMOQ_PASSWORD,
        ))
        .await?;
    output::print(&format!(
        "logged in as {}\n",
        info.name.as_deref().unwrap_or("?")
    ));

    say(
        "memoQ: translation memories for English → German  (tms memoq tm list --src en --target de)",
    );
    memoq::tm(
        &client,
        memoq::TmCommand::List {
            src: Some("en".into()),
            target: Some("de".into()),
        },
        false,
    )
    .await?;

    let tm = tms_sandbox::memoq::TM_EN_DE;
    say("memoQ: batch lookup, three segments in one call, fuzzy hits with their match rates");
    let texts = [
        "Print the documents.",
        "Save the document before printing.",
        "Turn the printer off before you open the cover.",
    ];
    let segments = texts.map(Segment::from_text);
    let hits = client.lookup(tm, &segments, None).await?;
    for (text, hits) in texts.iter().zip(&hits) {
        output::print(&format!("{text}\n"));
        if hits.is_empty() {
            output::print("    (no hit)\n");
        }
        for hit in hits.iter().take(3) {
            let target = hit
                .target()
                .and_then(Result::ok)
                .map(|s| s.plain_text())
                .unwrap_or_default();
            output::print(&format!(
                "    {:>3}%  {target}\n",
                hit.match_rate.unwrap_or(0)
            ));
        }
    }

    say("memoQ: concordance for \"document\"  (tms memoq tm concordance GUID document)");
    memoq::tm(
        &client,
        memoq::TmCommand::Concordance {
            guid: tm.into(),
            expr: vec!["document".into()],
        },
        false,
    )
    .await?;

    say("memoQ: termbase lookup of a sentence  (tms memoq tb lookup GUID --source-lang en …)");
    memoq::tb(
        &client,
        memoq::TbCommand::Lookup(memoq::TbLookupArgs {
            guid: tms_sandbox::memoq::TB_TERMS.into(),
            source_lang: "en".into(),
            target_lang: Some("de".into()),
            text: vec!["Turn the printer off and remove the paper.".into()],
        }),
        false,
    )
    .await?;

    say("memoQ: log out (the licence goes back to the pool)");
    client.logout().await?;
    Ok(())
}

async fn memsource_part(sandbox: &Sandbox) -> Result<(), CliError> {
    let client = memsource_api::Client::builder(sandbox.memsource_url())
        .login(memsource_api::Login::new(
            tms_sandbox::MEMSOURCE_USER,
            tms_sandbox::MEMSOURCE_PASSWORD,
        ))
        .build()
        .map_err(|e| CliError::Usage(e.to_string()))?;

    say("Memsource: log in (v3) and ask who we are");
    let me = client.auth_who_am_i().send().await?.into_inner();
    let user = me.user.as_ref();
    output::print(&format!(
        "{} ({})\n",
        user.and_then(|u| u.user_name.as_deref()).unwrap_or("?"),
        user.and_then(|u| u.role.as_ref())
            .map(|r| format!("{r:?}"))
            .unwrap_or_default()
    ));

    say("Memsource: create a project, English → German and French");
    let (german, french) = (language("de")?, language("fr")?);
    let project = client
        .project_create()
        .body_map(|p| {
            p.name("tms demo")
                .source_lang("en")
                .target_langs(vec![german.into(), french.into()])
        })
        .send()
        .await?
        .into_inner();
    let project_uid = project.project_uid()?;
    output::print(&format!("project {project_uid}\n"));

    say(&format!(
        "Memsource: upload \"{DEMO_FILE}\" as jobs (one per target) and poll until imported"
    ));
    let dir = demo_dir()?;
    let path = dir.join(DEMO_FILE);
    tokio::fs::write(&path, DEMO_TEXT)
        .await
        .map_err(|source| CliError::Io {
            path: path.clone(),
            source,
        })?;
    let import = client
        .upload_jobs(&project_uid)
        .file(FileSource::path(&path))
        .targets([german, french])
        .max_wait(Duration::from_secs(60))
        .progress(|p| tracing::debug!(?p, "upload progress"))
        .await?;
    describe("import", &import.outcome);
    let jobs = import.job_uids()?;
    for job in import.jobs.jobs.as_deref().unwrap_or_default() {
        output::print(&format!(
            "job {}  {}  {}\n",
            job.uid.as_deref().unwrap_or("?"),
            job.target_lang
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            job.filename.as_deref().unwrap_or("?"),
        ));
    }

    say("Memsource: analyse the jobs; the sandbox calls us back when the analysis is done");
    let receiver = CallbackReceiver::start(SocketAddr::from(([127, 0, 0, 1], 0)), None)
        .await
        .map_err(|source| CliError::Io {
            path: PathBuf::from("<callback listener>"),
            source,
        })?;
    let callback = receiver
        .expect()
        .map_err(|e| CliError::Failed(format!("callback URL: {e}")))?;
    let analyses = client
        .analyse(jobs.clone())
        .callback(&callback)
        .max_wait(Duration::from_secs(60))
        .await?;
    // The sandbox records a delivery once our receiver's 200 came back to it.
    let mut attempts = sandbox.memsource().watch_callback_attempts();
    let _ = tokio::time::timeout(Duration::from_secs(5), attempts.wait_for(|n| *n >= 1)).await;
    let delivered = sandbox.memsource().callbacks_delivered().len();
    output::print(&format!(
        "callbacks received from the sandbox: {delivered}\n"
    ));
    for analysis in &analyses {
        describe("analysis", &analysis.outcome);
        let id = analysis
            .analyse
            .as_ref()
            .and_then(|a| a.get("id"))
            .map(|id| match id {
                serde_json::Value::String(id) => id.clone(),
                other => other.to_string(),
            });
        if let Some(id) = id {
            let found = client
                .analysis_get()
                .analyse_uid(&id)
                .send()
                .await?
                .into_inner();
            let json = serde_json::to_value(&found).unwrap_or_default();
            let words = json
                .pointer("/analyseLanguageParts/0/data/all/words")
                .cloned()
                .unwrap_or_default();
            output::print(&format!(
                "analysis {id}: {} words\n",
                words.as_f64().unwrap_or(0.0)
            ));
        }
    }

    say("Memsource: export the German target file and download it");
    let Some(first) = jobs.first() else {
        return Err(CliError::Failed("the upload created no job".into()));
    };
    let out = dir.join("target-de.txt");
    let file = tokio::fs::File::create(&out)
        .await
        .map_err(|source| CliError::Io {
            path: out.clone(),
            source,
        })?;
    let export = client
        .export_target(&project_uid, first)
        .to_writer(file)
        .await?;
    let text = tokio::fs::read_to_string(&out).await.unwrap_or_default();
    output::print(&format!(
        "{} bytes written to {}\n{}",
        export.written,
        out.display(),
        text
    ));

    say("Memsource: log out");
    client.logout().await?;
    let _ = tokio::fs::remove_dir_all(&dir).await;
    Ok(())
}

fn describe(what: &str, outcome: &AsyncOutcome) {
    let line = match outcome {
        AsyncOutcome::Finished { polls, elapsed, .. } => {
            format!(
                "{what} finished after {polls} polls, {} ms\n",
                elapsed.as_millis()
            )
        }
        AsyncOutcome::Failed { error_code, .. } => format!("{what} failed: {error_code}\n"),
        AsyncOutcome::TimedOut { elapsed, .. } => {
            format!("{what} still running after {} s\n", elapsed.as_secs())
        }
        _ => format!("{what}: {outcome:?}\n"),
    };
    output::print(&line);
}

/// A fresh folder for the demo's files.
fn demo_dir() -> Result<PathBuf, CliError> {
    let dir = std::env::temp_dir().join(format!("tms-demo-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|source| CliError::Io {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}
