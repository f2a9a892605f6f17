//! The command tree.

use clap::{Args, Parser, Subcommand};

use crate::config::{MemoqConn, MemsourceConn};
use crate::error::CliError;
use crate::{api, demo, memoq, memsource, output, session};

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
    /// Run the sandbox (both APIs in memory) in the foreground until Ctrl-C.
    Sandbox {
        /// Address to listen on.
        #[arg(long, default_value = "127.0.0.1:8089")]
        addr: std::net::SocketAddr,
    },
    /// Start the sandbox in this process and run the main job of both vendors, step by step.
    Demo,
}

#[derive(Debug, Args)]
pub struct MemoqArgs {
    #[command(flatten)]
    pub conn: MemoqConn,
    #[command(subcommand)]
    pub command: MemoqCommand,
}

#[derive(Debug, Subcommand)]
pub enum MemoqCommand {
    /// Translation memories: list, get, lookup, concordance, add.
    #[command(subcommand)]
    Tm(memoq::TmCommand),
    /// Termbases: list, lookup, search.
    #[command(subcommand)]
    Tb(memoq::TbCommand),
    /// End the session on the server and forget the cached token.
    Logout,
    /// Any operation of the memoQ API (`tms memoq api --help` lists them).
    #[command(disable_help_flag = true)]
    Api {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

#[derive(Debug, Args)]
pub struct MemsourceArgs {
    #[command(flatten)]
    pub conn: MemsourceConn,
    #[command(subcommand)]
    pub command: MemsourceCommand,
}

#[derive(Debug, Subcommand)]
pub enum MemsourceCommand {
    /// Who the session belongs to.
    Whoami,
    /// Projects: list, create.
    #[command(subcommand)]
    Project(memsource::ProjectCommand),
    /// Jobs: create from a file, list, download the target file.
    #[command(subcommand)]
    Job(memsource::JobCommand),
    /// Asynchronous requests: wait for one.
    #[command(subcommand)]
    Async(memsource::AsyncCommand),
    /// Analyses: create.
    #[command(subcommand)]
    Analysis(memsource::AnalysisCommand),
    /// Translation memories: list, import a TMX.
    #[command(subcommand)]
    Tm(memsource::TmCommand),
    /// End the session on the server and forget the cached token.
    Logout,
    /// Any operation of the Memsource API (`tms memsource api --help` lists them).
    #[command(disable_help_flag = true)]
    Api {
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
}

impl Cli {
    pub async fn run(self) -> Result<(), CliError> {
        let cache = !self.no_token_cache;
        let json = self.json;
        match self.command {
            Command::Sandbox { addr } => demo::serve(addr).await,
            Command::Demo => demo::run().await,
            Command::Memoq(MemoqArgs { conn, command }) => {
                let (client, persisted) = session::memoq(&conn, cache)?;
                let result = match command {
                    MemoqCommand::Tm(command) => memoq::tm(&client, command, json).await,
                    MemoqCommand::Tb(command) => memoq::tb(&client, command, json).await,
                    MemoqCommand::Logout => {
                        let ended = client.logout().await;
                        persisted.forget()?;
                        return ended.map_err(CliError::from);
                    }
                    MemoqCommand::Api { args } => match api::run_memoq(&client, &args).await {
                        Ok(answer) => output::json(&answer),
                        Err(error) => Err(error),
                    },
                };
                persisted.keep(client.saved_token());
                result
            }
            Command::Memsource(MemsourceArgs { conn, command }) => {
                let (client, persisted) = session::memsource(&conn, cache)?;
                let result = match command {
                    MemsourceCommand::Whoami => memsource::whoami(&client, json).await,
                    MemsourceCommand::Project(c) => memsource::project(&client, c, json).await,
                    MemsourceCommand::Job(c) => memsource::job(&client, c, json).await,
                    MemsourceCommand::Async(c) => memsource::async_wait(&client, c, json).await,
                    MemsourceCommand::Analysis(c) => memsource::analysis(&client, c, json).await,
                    MemsourceCommand::Tm(c) => memsource::tm(&client, c, json).await,
                    MemsourceCommand::Logout => {
                        let ended = client.logout().await;
                        persisted.forget()?;
                        return ended.map_err(CliError::from);
                    }
                    MemsourceCommand::Api { args } => {
                        match api::run_memsource(&client, &args).await {
                            Ok(answer) => output::json(&answer),
                            Err(error) => Err(error),
                        }
                    }
                };
                persisted.keep(client.saved_token());
                result
            }
        }
    }
}
