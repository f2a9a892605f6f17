//! `tms`: the command line for memoQ Server and Memsource.

mod api;
mod cli;
mod error;

use std::process::ExitCode;

use clap::Parser;

#[tokio::main]
async fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cli.run().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("tms: {error}");
            ExitCode::FAILURE
        }
    }
}
