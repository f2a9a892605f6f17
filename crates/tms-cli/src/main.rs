//! `tms`: the command line for memoQ Server and Memsource.

mod api;
mod cli;
mod config;
mod demo;
mod error;
mod memoq;
mod memsource;
mod output;
mod progress;
mod session;
mod token_store;

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout with 0; a wrong command line to stderr with 2.
        Err(err) => err.exit(),
    };
    match cli.run().await {
        Ok(()) => ExitCode::SUCCESS,
        // `tms <vendor> api … --help`: the help asked for, on stdout.
        Err(error::CliError::Help(text)) => {
            output::print(&text);
            ExitCode::SUCCESS
        }
        Err(error) => {
            eprintln!("tms: {}", error.one_line());
            ExitCode::from(error.exit_code())
        }
    }
}
