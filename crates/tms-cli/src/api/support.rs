//! What the generated `api` commands are built from: flags that parse into the client's own
//! types, request bodies from JSON or a file, answers as JSON or into a file.

use std::path::{Path, PathBuf};

use clap::{Arg, ArgAction, ArgGroup, ArgMatches};
use futures::StreamExt;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::error::CliError;

/// What a flag value may be parsed into.
pub(super) trait FlagValue: DeserializeOwned + Clone + Send + Sync + 'static {}
impl<T: DeserializeOwned + Clone + Send + Sync + 'static> FlagValue for T {}

/// Parses one flag value into `T`: first as a JSON string holding the text (ids, codes, names,
/// string enums), then as JSON text (numbers, booleans). The error is the one that explains the
/// mismatch best: a number out of range rather than "expected a string".
pub(super) fn parse<T: FlagValue>(text: &str) -> Result<T, String> {
    let as_string = match serde_json::from_value::<T>(Value::String(text.to_owned())) {
        Ok(value) => return Ok(value),
        Err(error) => error,
    };
    match serde_json::from_str::<T>(text) {
        Ok(value) => Ok(value),
        Err(error) if error.is_data() => Err(error.to_string()),
        Err(_) => Err(as_string.to_string()),
    }
}

/// Parses a JSON document into `T`.
fn parse_json<T: FlagValue>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

/// `--long VALUE`, parsed into `T` by clap (a bad value is a usage error naming the flag).
pub(super) fn value<T: FlagValue>(
    long: &'static str,
    value_name: &'static str,
    required: bool,
    help: &'static str,
) -> Arg {
    Arg::new(long)
        .long(long)
        .value_name(value_name)
        .required(required)
        .help(help)
        .value_parser(parse::<T>)
}

/// `--long VALUE`, repeatable; each value parsed into `T`.
pub(super) fn repeated<T: FlagValue>(
    long: &'static str,
    value_name: &'static str,
    required: bool,
    help: &'static str,
) -> Arg {
    value::<T>(long, value_name, required, help).action(ArgAction::Append)
}

/// The value of an optional flag.
pub(super) fn optional<T: FlagValue>(matches: &ArgMatches, long: &str) -> Option<T> {
    matches.get_one::<T>(long).cloned()
}

/// The value of a required flag (clap has checked it is there).
pub(super) fn required<T: FlagValue>(matches: &ArgMatches, long: &str) -> Result<T, CliError> {
    optional(matches, long).ok_or_else(|| CliError::Usage(format!("--{long} is required")))
}

/// The values of a repeatable flag, if it was given.
pub(super) fn many<T: FlagValue>(matches: &ArgMatches, long: &str) -> Option<Vec<T>> {
    matches
        .get_many::<T>(long)
        .map(|values| values.cloned().collect())
}

const BODY: &str = "body";
const BODY_FILE: &str = "body-file";
const BODY_GROUP: &str = "request-body";
const FILE: &str = "file";
const OUT: &str = "out";

/// `--body JSON` (parsed into `T` by clap) and `--body-file PATH`.
pub(super) fn json_body_args<T: FlagValue>(
    body_help: &'static str,
    file_help: &'static str,
) -> [Arg; 2] {
    [
        Arg::new(BODY)
            .long(BODY)
            .value_name("JSON")
            .help(body_help)
            .value_parser(parse_json::<T>),
        Arg::new(BODY_FILE)
            .long(BODY_FILE)
            .value_name("PATH")
            .help(file_help)
            .value_parser(clap::value_parser!(PathBuf)),
    ]
}

/// At most one of `--body` and `--body-file`; exactly one when the body is required.
pub(super) fn json_body_group(required: bool) -> ArgGroup {
    ArgGroup::new(BODY_GROUP)
        .args([BODY, BODY_FILE])
        .multiple(false)
        .required(required)
}

/// The request body from `--body` or `--body-file`, if one was given.
pub(super) fn json_body<T: FlagValue>(matches: &ArgMatches) -> Result<Option<T>, CliError> {
    if let Some(body) = matches.get_one::<T>(BODY) {
        return Ok(Some(body.clone()));
    }
    let Some(path) = matches.get_one::<PathBuf>(BODY_FILE) else {
        return Ok(None);
    };
    let text = if path == Path::new("-") {
        std::io::read_to_string(std::io::stdin()).map_err(|source| CliError::Io {
            path: path.clone(),
            source,
        })?
    } else {
        std::fs::read_to_string(path).map_err(|source| CliError::Io {
            path: path.clone(),
            source,
        })?
    };
    parse_json(&text).map(Some).map_err(|error| {
        CliError::Usage(format!(
            "--{BODY_FILE} {}: not a valid request body: {error}",
            path.display()
        ))
    })
}

/// `--file PATH`: the bytes to upload.
pub(super) fn file_arg(required: bool) -> Arg {
    Arg::new(FILE)
        .long(FILE)
        .value_name("PATH")
        .required(required)
        .help("The file to upload as the request body")
        .value_parser(clap::value_parser!(PathBuf))
}

/// The bytes of `--file`, if given (read whole, so a retried request can send them again).
pub(super) async fn file_body(matches: &ArgMatches) -> Result<Option<Vec<u8>>, CliError> {
    let Some(path) = matches.get_one::<PathBuf>(FILE) else {
        return Ok(None);
    };
    tokio::fs::read(path)
        .await
        .map(Some)
        .map_err(|source| CliError::Io {
            path: path.clone(),
            source,
        })
}

/// `--out PATH`: where a binary answer goes.
pub(super) fn out_arg() -> Arg {
    Arg::new(OUT)
        .long(OUT)
        .value_name("PATH")
        .required(true)
        .help("Write the answer (a file) here")
        .value_parser(clap::value_parser!(PathBuf))
}

/// Streams a binary answer into `--out` (through a `.part` file renamed at the end, so a failed
/// download never leaves a truncated file under the requested name); answers with the path and
/// the size.
pub(super) async fn download(
    stream: progenitor_client::ByteStream,
    matches: &ArgMatches,
) -> Result<Value, CliError> {
    use tokio::io::AsyncWriteExt;

    let out = matches
        .get_one::<PathBuf>(OUT)
        .ok_or_else(|| CliError::Usage(format!("--{OUT} is required")))?;
    let mut part = out.clone().into_os_string();
    part.push(".part");
    let part = PathBuf::from(part);
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| CliError::Io { path, source }
    };
    let written = async {
        let mut file = tokio::fs::File::create(&part).await.map_err(io(&part))?;
        let mut stream = stream.into_inner();
        let mut bytes = 0u64;
        while let Some(chunk) = stream.next().await {
            let chunk = chunk.map_err(|error| CliError::Io {
                path: out.clone(),
                source: std::io::Error::other(error),
            })?;
            file.write_all(&chunk).await.map_err(io(&part))?;
            bytes += chunk.len() as u64;
        }
        file.flush().await.map_err(io(&part))?;
        file.sync_all().await.map_err(io(&part))?;
        Ok::<_, CliError>(bytes)
    }
    .await;
    let bytes = match written {
        Ok(bytes) => bytes,
        Err(error) => {
            // The partial file is of no use; failing to remove it changes nothing for the user.
            let _ = tokio::fs::remove_file(&part).await;
            return Err(error);
        }
    };
    tokio::fs::rename(&part, out).await.map_err(io(out))?;
    Ok(serde_json::json!({ "out": out, "bytes": bytes }))
}

/// A decoded answer as JSON (`null` for an answer without a body).
pub(super) fn json<T: Serialize>(answer: T) -> Result<Value, CliError> {
    serde_json::to_value(answer).map_err(CliError::Json)
}

/// No operation (or one this build does not know) was named.
pub(super) fn unknown_operation(name: Option<&str>) -> CliError {
    CliError::Usage(match name {
        Some(name) => format!("unknown operation `{name}`"),
        None => "name an operation (`--help` lists them)".to_owned(),
    })
}

/// A clap failure as the command's error: help asked for is [`CliError::Help`], anything else a
/// usage error that keeps clap's message.
pub(super) fn clap_error(error: clap::Error) -> CliError {
    let text = error.render().to_string().trim_end().to_owned();
    match error.kind() {
        clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
            CliError::Help(text)
        }
        _ => CliError::Usage(text),
    }
}
