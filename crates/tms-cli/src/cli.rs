//! The command tree.

use clap::{Args, Parser, Subcommand};

use crate::error::CliError;

/// Command line for memoQ Server and Memsource (Phrase TMS).
#[derive(Debug, Parser)]
#[command(name = "tms", version, about)]
pub struct Cli {
    /// Print JSON instead of tables.
    #[arg(long, global = true)]
    pub json: bool,
    /// Neither read nor keep a session token between invocations.
    #[arg(long, global = true)]
    pub no_token_cache: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// memoQ Server: translation memories and termbases.
    Memoq(MemoqArgs),
    /// Memsource (Phrase TMS): projects, jobs, analyses, TMs.
    Memsource(MemsourceArgs),
}

#[derive(Debug, Args)]
pub struct MemoqArgs {
    #[command(subcommand)]
    pub command: MemoqCommand,
}

#[derive(Debug, Subcommand)]
pub enum MemoqCommand {
    /// Any operation of the memoQ API (`tms memoq api --help` lists them).
    Api {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct MemsourceArgs {
    #[command(subcommand)]
    pub command: MemsourceCommand,
}

#[derive(Debug, Subcommand)]
pub enum MemsourceCommand {
    /// Any operation of the Memsource API (`tms memsource api --help` lists them).
    Api {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

impl Cli {
    pub async fn run(self) -> Result<(), CliError> {
        match self.command {
            Command::Memoq(MemoqArgs {
                command: MemoqCommand::Api { args },
            }) => Err(CliError::Usage(format!("memoq api {args:?}: not yet"))),
            Command::Memsource(MemsourceArgs {
                command: MemsourceCommand::Api { args },
            }) => Err(CliError::Usage(format!("memsource api {args:?}: not yet"))),
        }
    }
}
