//! Repository automation.
//!
//! `cargo xtask regen` turns every hand-written OpenAPI spec under `openapi/` into a typed client
//! (progenitor), typed httpmock mocks and the `tms <vendor> api` command line, formatted with
//! prettyplease, and writes them into the client crates and `tms-cli`. `cargo xtask regen --check` regenerates in memory and fails with a unified diff
//! when a checked-in file is stale. `cargo xtask coverage` compares the Memsource spec with the
//! official operation list and prints covered / official and the missing operations.

mod apis;
mod cli;
mod coverage;
mod enums;
mod policy;
mod regen;
mod surface;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask regen [--check] | cargo xtask coverage";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let result = match args.as_slice() {
        ["regen"] => regen::run(regen::Mode::Write),
        ["regen", "--check"] => regen::run(regen::Mode::Check),
        ["coverage"] => coverage::run(&regen::workspace_root()),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(err) => {
            eprintln!("error: {err:#}");
            ExitCode::FAILURE
        }
    }
}
