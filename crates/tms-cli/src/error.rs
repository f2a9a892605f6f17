//! What a `tms` command can fail with; each prints as one line.

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The memoQ server refused or failed.
    #[error("memoQ: {0}")]
    Memoq(#[from] memoq_api::Error),
    /// The Memsource server refused or failed.
    #[error("Memsource: {0}")]
    Memsource(#[from] memsource_api::Error),
    /// The command line was wrong in a way clap cannot see.
    #[error("{0}")]
    Usage(String),
    /// Not a failure: the help text that was asked for (print it on stdout, exit 0).
    #[error("{0}")]
    Help(String),
    /// An answer could not be rendered as JSON.
    #[error("the answer could not be rendered as JSON: {0}")]
    Json(serde_json::Error),
    /// A local file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}
