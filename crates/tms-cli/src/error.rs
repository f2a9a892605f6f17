//! What a `tms` command can fail with; each prints as one line.

/// A command's failure.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The memoQ server refused or failed (the message names memoQ and its error code).
    #[error("{0}")]
    Memoq(#[from] memoq_api::Error),
    /// The Memsource server refused or failed (the message names Memsource and its code).
    #[error("{0}")]
    Memsource(#[from] memsource_api::Error),
    /// The command line was wrong in a way clap cannot see (a missing credential, an unknown
    /// language).
    #[error("{0}")]
    Usage(String),
    /// Not a failure: the help text that was asked for (print it on stdout, exit 0).
    #[error("{0}")]
    Help(String),
    /// An answer could not be rendered as JSON.
    #[error("the answer could not be rendered as JSON: {0}")]
    Json(serde_json::Error),
    /// The work ran but did not succeed (an asynchronous request failed or is still running).
    #[error("{0}")]
    Failed(String),
    /// A local file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}

impl CliError {
    /// The process exit code: 2 for a wrong command line, 1 for anything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Self::Usage(_) => 2,
            _ => 1,
        }
    }

    /// The message on one line.
    pub fn one_line(&self) -> String {
        self.to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}
