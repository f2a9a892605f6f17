//! The generated `api` commands: their surface (snapshot), usage errors, and real calls through
//! the clients against a loopback mock server.

mod calls;

use httpmock::Method::POST;
use httpmock::MockServer;
use serde_json::{Value, json};

use super::{memoq_command, memsource_command, run_memoq, run_memsource};
use crate::error::CliError;

pub(super) const TOKEN: &str = "803be2ac-f4a1-4b47-abea-8b12f2a172d8";
pub(super) const TM: &str = "2433ea4e-0ea6-4339-9c1f-f84bce41ad3b";
pub(super) const TB: &str = "6f2b1d9c-3c0a-4a8e-9d55-0d8f4b7c1e21";

pub(super) fn args(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| (*s).to_owned()).collect()
}

/// A memoQ client that logs in as admin/secret at `base` on its first call.
pub(super) fn memoq_client(base: &str) -> memoq_api::Client {
    memoq_api::Client::builder(base)
        .credentials(memoq_api::Credentials::memoq_user("admin", "secret"))
        .build()
        .expect("a loopback URL is accepted")
}

/// A Memsource client with an API token (no login).
pub(super) fn memsource_client(base: &str) -> memsource_api::Client {
    memsource_api::Client::builder(base)
        .api_token("t0k3n")
        .build()
        .expect("a loopback URL is accepted")
}

/// A client for commands that must fail before any request is made: nothing listens on port 9.
fn offline_memoq() -> memoq_api::Client {
    memoq_client("http://127.0.0.1:9")
}

fn offline_memsource() -> memsource_api::Client {
    memsource_client("http://127.0.0.1:9")
}

/// The mock memoQ login every memoQ call starts with.
pub(super) fn mock_memoq_login(server: &MockServer) -> httpmock::Mock<'_> {
    server.mock(|when, then| {
        when.method(POST)
            .path("/auth/login")
            .json_body(json!({"UserName": "admin", "Password": "secret", "LoginMode": 0}));
        then.status(200)
            .json_body(json!({"Name": "admin", "Sid": "s-1", "AccessToken": TOKEN}));
    })
}

pub(super) fn usage(result: Result<Value, CliError>) -> String {
    match result {
        Err(CliError::Usage(text)) => text,
        other => panic!("expected a usage error, got {other:?}"),
    }
}

/// Every subcommand with its flags, one line each: `--flag` required, `[--flag]` optional,
/// `...` repeatable, `(--a | --b)` exactly one of, `[--a | --b]` at most one of.
fn surface(command: clap::Command) -> String {
    let mut lines = Vec::new();
    for sub in command.get_subcommands() {
        let grouped: Vec<&clap::Id> = sub.get_groups().flat_map(|g| g.get_args()).collect();
        let mut line = sub.get_name().to_owned();
        for arg in sub.get_arguments() {
            let Some(long) = arg.get_long() else { continue };
            if long == "help" || grouped.contains(&arg.get_id()) {
                continue;
            }
            let repeated = matches!(arg.get_action(), clap::ArgAction::Append);
            let flag = format!("--{long}{}", if repeated { "..." } else { "" });
            if arg.is_required_set() {
                line.push_str(&format!(" {flag}"));
            } else {
                line.push_str(&format!(" [{flag}]"));
            }
        }
        for group in sub.get_groups() {
            let members: Vec<String> = group.get_args().map(|id| format!("--{id}")).collect();
            let (open, close) = if group.is_required_set() {
                ("(", ")")
            } else {
                ("[", "]")
            };
            line.push_str(&format!(" {open}{}{close}", members.join(" | ")));
        }
        lines.push(line);
    }
    lines.join("\n")
}

#[test]
fn memoq_surface() {
    insta::assert_snapshot!("memoq_api_commands", surface(memoq_command()));
}

#[test]
fn memsource_surface() {
    insta::assert_snapshot!("memsource_api_commands", surface(memsource_command()));
}

#[tokio::test]
async fn help_lists_every_operation() {
    let help = match run_memoq(&offline_memoq(), &args(&["--help"])).await {
        Err(CliError::Help(text)) => text,
        other => panic!("expected help, got {other:?}"),
    };
    assert!(help.contains("Usage: tms memoq api <COMMAND>"), "{help}");
    for op in [
        "tm-list",
        "tm-lookup-segments",
        "tb-search",
        "tb-entry-meta-set",
    ] {
        assert!(help.contains(op), "{op} missing from\n{help}");
    }
    assert!(
        !help.contains("auth-login"),
        "logins are the session's business:\n{help}"
    );

    let help = match run_memsource(&offline_memsource(), &args(&["--help"])).await {
        Err(CliError::Help(text)) => text,
        other => panic!("expected help, got {other:?}"),
    };
    for op in [
        "project-create",
        "job-list",
        "auth-who-am-i",
        "tm-download-export",
    ] {
        assert!(help.contains(op), "{op} missing from\n{help}");
    }
    assert!(!help.contains("auth-login"), "{help}");
    assert!(!help.contains("auth-logout"), "{help}");
}

#[tokio::test]
async fn an_operations_help_shows_its_summary_route_and_flags() {
    let help = match run_memoq(&offline_memoq(), &args(&["tm-lookup-segments", "--help"])).await {
        Err(CliError::Help(text)) => text,
        other => panic!("expected help, got {other:?}"),
    };
    assert!(
        help.contains("Look up segments in a translation memory"),
        "{help}"
    );
    assert!(help.contains("POST /tms/{tmGuid}/lookupsegments"), "{help}");
    assert!(help.contains("--tm-guid <TM_GUID>"), "{help}");
    assert!(help.contains("--body <JSON>"), "{help}");
    assert!(help.contains("--body-file <PATH>"), "{help}");
}

#[tokio::test]
async fn a_missing_required_flag_is_a_usage_error_naming_it() {
    let text = usage(run_memoq(&offline_memoq(), &args(&["tm-get"])).await);
    assert!(text.contains("--tm-guid <TM_GUID>"), "{text}");

    let text = usage(
        run_memsource(
            &offline_memsource(),
            &args(&["analysis-download", "--analyse-uid", "a1"]),
        )
        .await,
    );
    assert!(text.contains("--format <FORMAT>"), "{text}");
    assert!(text.contains("--out <PATH>"), "{text}");
}

#[tokio::test]
async fn a_required_body_must_be_given_once() {
    let text = usage(
        run_memoq(
            &offline_memoq(),
            &args(&["tm-lookup-segments", "--tm-guid", TM]),
        )
        .await,
    );
    assert!(text.contains("--body <JSON>|--body-file <PATH>"), "{text}");

    let both = args(&[
        "tm-lookup-segments",
        "--tm-guid",
        TM,
        "--body",
        r#"{"Segments": []}"#,
        "--body-file",
        "body.json",
    ]);
    let text = usage(run_memoq(&offline_memoq(), &both).await);
    assert!(text.contains("cannot be used with"), "{text}");
}

#[tokio::test]
async fn a_value_of_the_wrong_type_is_a_usage_error_naming_the_flag() {
    let bad_id = args(&["tm-entry-get", "--tm-guid", TM, "--entry-id", "seven"]);
    let text = usage(run_memoq(&offline_memoq(), &bad_id).await);
    assert!(
        text.contains("invalid value 'seven' for '--entry-id <ENTRY_ID>'"),
        "{text}"
    );
    assert!(text.contains("expected i32"), "{text}");

    let too_big = args(&["tm-entry-get", "--tm-guid", TM, "--entry-id", "3000000000"]);
    let text = usage(run_memoq(&offline_memoq(), &too_big).await);
    assert!(text.contains("'--entry-id <ENTRY_ID>'"), "{text}");
    assert!(text.contains("3000000000"), "{text}");

    let not_a_bool = args(&["language-list", "--active", "maybe"]);
    let text = usage(run_memsource(&offline_memsource(), &not_a_bool).await);
    assert!(
        text.contains("invalid value 'maybe' for '--active <ACTIVE>'"),
        "{text}"
    );

    // The body is parsed into the request type: a segment must be a string.
    let bad_body = args(&[
        "tm-lookup-segments",
        "--tm-guid",
        TM,
        "--body",
        r#"{"Segments": [{"Segment": 5}]}"#,
    ]);
    let text = usage(run_memoq(&offline_memoq(), &bad_body).await);
    assert!(text.contains("for '--body <JSON>'"), "{text}");
    assert!(text.contains("expected a string"), "{text}");
}

#[tokio::test]
async fn an_unknown_operation_is_a_usage_error() {
    let text = usage(run_memoq(&offline_memoq(), &args(&["tm-frobnicate"])).await);
    assert!(
        text.contains("unrecognized subcommand 'tm-frobnicate'"),
        "{text}"
    );
    let text = usage(run_memoq(&offline_memoq(), &args(&[])).await);
    assert!(text.contains("Usage: tms memoq api <COMMAND>"), "{text}");
}
