//! Where to connect and as whom: flags or environment variables, and the codes users type.

use clap::Args;

use crate::error::CliError;

/// The path of the memoQ Resources API under a server's root.
pub const MEMOQ_API_PATH: &str = "/memoqserverhttpapi/v1";

/// memoQ server and user.
#[derive(Debug, Clone, Args)]
pub struct MemoqConn {
    /// Server URL: the root (`https://host:8081`) or the API URL ending in `/memoqserverhttpapi/v1`.
    #[arg(long = "url", env = "MEMOQ_URL", global = true)]
    pub url: Option<String>,
    /// memoQ user name.
    #[arg(long = "user", env = "MEMOQ_USER", global = true)]
    pub user: Option<String>,
    /// Password (prefer the environment variable: a flag shows in the process list).
    #[arg(
        long = "password",
        env = "MEMOQ_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub password: Option<String>,
}

/// Memsource server and user, or an API token.
#[derive(Debug, Clone, Args)]
pub struct MemsourceConn {
    /// Base URL, up to `/web`.
    #[arg(
        long = "url",
        env = "MEMSOURCE_URL",
        global = true,
        default_value = memsource_api::EU_BASE_URL
    )]
    pub url: String,
    /// User name.
    #[arg(long = "user", env = "MEMSOURCE_USER", global = true)]
    pub user: Option<String>,
    /// Password (prefer the environment variable: a flag shows in the process list).
    #[arg(
        long = "password",
        env = "MEMSOURCE_PASSWORD",
        global = true,
        hide_env_values = true
    )]
    pub password: Option<String>,
    /// A ready API token instead of user and password (never cached).
    #[arg(
        long = "token",
        env = "MEMSOURCE_TOKEN",
        global = true,
        hide_env_values = true
    )]
    pub token: Option<String>,
}

/// The memoQ API URL for what the user gave: the server root gets `/memoqserverhttpapi/v1`,
/// an API URL is kept; trailing slashes go.
///
/// # Errors
/// An empty URL.
pub fn memoq_api_url(given: &str) -> Result<String, CliError> {
    let trimmed = given.trim().trim_end_matches('/');
    if trimmed.is_empty() {
        return Err(CliError::Usage("the memoQ URL is empty".into()));
    }
    let lower = trimmed.to_ascii_lowercase();
    if lower.ends_with(MEMOQ_API_PATH) {
        Ok(trimmed.to_owned())
    } else if lower.ends_with("/memoqserverhttpapi") {
        Ok(format!("{trimmed}/v1"))
    } else {
        Ok(format!("{trimmed}{MEMOQ_API_PATH}"))
    }
}

/// A Memsource base URL without trailing slashes.
pub fn memsource_base_url(given: &str) -> String {
    given.trim().trim_end_matches('/').to_owned()
}

/// A language given as a BCP-47 tag (`de-DE`), a memoQ code (`ger-DE`) or a Memsource code
/// (`de_de`).
///
/// # Errors
/// A code no scheme knows, naming the closest BCP-47 tag.
pub fn language(code: &str) -> Result<tms_lang::Language, CliError> {
    tms_lang::from_bcp47(code)
        .or_else(|_| tms_lang::from_memoq(code))
        .or_else(|_| tms_lang::from_memsource(code))
        .map_err(|_| {
            let hint = tms_lang::from_bcp47(code).err().map(|e| e.to_string());
            CliError::Usage(hint.unwrap_or_else(|| format!("unknown language {code:?}")))
        })
}

/// `value` or the error naming the flag and variable that should have given it.
///
/// # Errors
/// [`CliError::Usage`] when `value` is `None`.
pub fn required(value: Option<String>, flag: &str, env: &str) -> Result<String, CliError> {
    value
        .filter(|v| !v.is_empty())
        .ok_or_else(|| CliError::Usage(format!("{flag} or {env} is required")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_memoq_root_url_gets_the_api_path_and_an_api_url_is_kept() {
        let api = "https://mq.example.com:8081/memoqserverhttpapi/v1";
        for given in [
            "https://mq.example.com:8081",
            "https://mq.example.com:8081/",
            "https://mq.example.com:8081/memoqserverhttpapi",
            api,
            "https://mq.example.com:8081/memoqserverhttpapi/v1/",
        ] {
            assert_eq!(memoq_api_url(given).expect("valid"), api, "{given}");
        }
        assert_eq!(
            memoq_api_url("http://127.0.0.1:9000/prefix").expect("valid"),
            "http://127.0.0.1:9000/prefix/memoqserverhttpapi/v1"
        );
        assert!(memoq_api_url(" / ").is_err());
    }

    #[test]
    fn languages_are_read_in_any_scheme() {
        let german = tms_lang::from_bcp47("de-DE").expect("in the table");
        for code in ["de-DE", "ger-DE", "de_de", "DE-de"] {
            assert_eq!(language(code).expect(code), german);
        }
        let err = language("xx-nowhere").expect_err("unknown");
        assert!(err.to_string().contains("xx-nowhere"), "{err}");
    }
}
