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
    /// A local file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: std::path::PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
}
