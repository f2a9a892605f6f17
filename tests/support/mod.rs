//! Shared by the end-to-end tests: the `tms` binary, run as a process.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The `tms` binary of this workspace, built once per test run.
///
/// `tms` belongs to another package, so cargo does not hand this one its path: the binary is
/// built (a no-op when `cargo test --workspace` already did) into the target directory this test
/// runs from.
pub fn tms_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let exe = std::env::current_exe().expect("the test knows its own path");
        // target/<profile>/deps/<test> → target/<profile>
        let profile_dir = exe
            .parent()
            .and_then(Path::parent)
            .expect("tests run from target/<profile>/deps")
            .to_path_buf();
        let target_dir = profile_dir.parent().expect("target/<profile> has a parent");
        let mut build = Command::new(env!("CARGO"));
        build
            .args([
                "build",
                "--quiet",
                "-p",
                "tms-cli",
                "--bin",
                "tms",
                "--target-dir",
            ])
            .arg(target_dir)
            .current_dir(env!("CARGO_MANIFEST_DIR"));
        if profile_dir.ends_with("release") {
            build.arg("--release");
        }
        let status = build.status().expect("cargo runs");
        assert!(status.success(), "building tms failed");
        let binary = profile_dir.join(format!("tms{}", std::env::consts::EXE_SUFFIX));
        assert!(binary.exists(), "{} was not built", binary.display());
        binary
    })
}

/// `tms` with no credentials from the environment, caching tokens in `cache`.
pub fn tms(cache: &Path) -> Command {
    let mut command = Command::new(tms_binary());
    for var in [
        "MEMOQ_URL",
        "MEMOQ_USER",
        "MEMOQ_PASSWORD",
        "MEMSOURCE_URL",
        "MEMSOURCE_USER",
        "MEMSOURCE_PASSWORD",
        "MEMSOURCE_TOKEN",
    ] {
        command.env_remove(var);
    }
    command.env("TMS_CACHE_DIR", cache).env("NO_COLOR", "1");
    command
}

/// Runs `command` off the async runtime (the sandbox serves on it meanwhile).
pub async fn run(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().expect("tms starts"))
        .await
        .expect("the process task ends")
}

/// stdout of a run that must have succeeded.
pub fn ok(output: &Output) -> String {
    assert!(
        output.status.success(),
        "tms failed ({:?}): {}",
        output.status.code(),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The token-cache entries in `cache`.
pub fn cache_entries(cache: &Path) -> Vec<PathBuf> {
    let Ok(dir) = std::fs::read_dir(cache) else {
        return Vec::new();
    };
    let mut entries: Vec<PathBuf> = dir
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    entries.sort();
    entries
}
