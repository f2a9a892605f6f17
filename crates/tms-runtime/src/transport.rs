//! The HTTP client under a tms-rs client: HTTPS unless the server is on this machine, an extra
//! root CA for on-premises servers with their own, sane timeouts.

use std::net::IpAddr;
use std::time::Duration;

use reqwest::Url;

/// How the underlying HTTP client is built.
#[derive(Debug, Clone)]
pub struct TransportConfig {
    /// Allow `http://` to hosts other than loopback. Off by default: tokens and passwords would
    /// cross the network in clear text.
    pub allow_insecure_http: bool,
    /// Extra root certificates (PEM), trusted in addition to the platform's.
    pub root_certificates_pem: Vec<Vec<u8>>,
    /// Connect timeout.
    pub connect_timeout: Duration,
    /// `User-Agent`, when the vendor wants one.
    pub user_agent: Option<String>,
    /// The HTTP client's default timeout per request; the retry engine sets it to the
    /// per-attempt timeout, so most requests need no timeout of their own.
    pub request_timeout: Option<Duration>,
}

impl Default for TransportConfig {
    fn default() -> Self {
        Self {
            allow_insecure_http: false,
            root_certificates_pem: Vec::new(),
            connect_timeout: Duration::from_secs(10),
            user_agent: None,
            request_timeout: None,
        }
    }
}

/// Why a client could not be built.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The base URL does not parse.
    #[error("invalid base URL {url:?}: {source}")]
    InvalidUrl {
        /// The URL as given.
        url: String,
        /// What the parser said.
        source: url_parse::ParseError,
    },
    /// The base URL is `http://` to a host that is not loopback.
    #[error(
        "refusing plain http:// to {host}: credentials would travel in clear text (use https://, or allow insecure HTTP explicitly)"
    )]
    InsecureHttp {
        /// The host.
        host: String,
    },
    /// The base URL's scheme is neither http nor https.
    #[error("unsupported URL scheme {0:?}")]
    UnsupportedScheme(String),
    /// A root certificate is not valid PEM, or holds no certificate.
    #[error("invalid root certificate: {0}")]
    Certificate(String),
    /// A ready token given to the builder is blank or cannot travel in a header.
    #[error("invalid token: {0}")]
    InvalidToken(String),
    /// The HTTP client could not be built.
    #[error("cannot build the HTTP client: {0}")]
    Client(#[source] reqwest::Error),
}

/// The URL parser's error type.
pub mod url_parse {
    pub use reqwest::Url;
    /// Why a URL does not parse.
    pub type ParseError = <Url as std::str::FromStr>::Err;
}

/// Whether `host` is this machine (`localhost`, `127.0.0.0/8`, `::1`).
pub fn is_loopback(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}

/// Parses a base URL and applies the HTTPS rule.
///
/// ```
/// use tms_runtime::transport::{check_base_url, ConfigError};
///
/// assert!(check_base_url("https://memoq.example.com:8081/memoqserverhttpapi/v1", false).is_ok());
/// assert!(check_base_url("http://127.0.0.1:8081/memoqserverhttpapi/v1", false).is_ok());
/// assert!(matches!(
///     check_base_url("http://memoq.example.com/memoqserverhttpapi/v1", false),
///     Err(ConfigError::InsecureHttp { .. })
/// ));
/// assert!(check_base_url("http://memoq.example.com/memoqserverhttpapi/v1", true).is_ok());
/// ```
///
/// # Errors
/// [`ConfigError::InvalidUrl`], [`ConfigError::UnsupportedScheme`] or
/// [`ConfigError::InsecureHttp`].
pub fn check_base_url(url: &str, allow_insecure_http: bool) -> Result<Url, ConfigError> {
    let parsed = Url::parse(url).map_err(|source| ConfigError::InvalidUrl {
        url: url.to_owned(),
        source,
    })?;
    match parsed.scheme() {
        "https" => Ok(parsed),
        "http" => {
            let host = parsed.host_str().unwrap_or_default();
            if allow_insecure_http || is_loopback(host) {
                Ok(parsed)
            } else {
                Err(ConfigError::InsecureHttp {
                    host: host.to_owned(),
                })
            }
        }
        other => Err(ConfigError::UnsupportedScheme(other.to_owned())),
    }
}

/// Builds the reqwest client: the configured roots, connect timeout and default request timeout
/// (file transfers and calls near their deadline set their own), and redirects followed only
/// within the same origin (scheme, host and port), so an `Authorization` header never follows
/// a redirect elsewhere. Unless insecure HTTP is allowed, a redirect to plain `http://` on a
/// host that is not loopback is refused outright.
///
/// # Errors
/// [`ConfigError::Certificate`] or [`ConfigError::Client`].
pub fn http_client(config: &TransportConfig) -> Result<reqwest::Client, ConfigError> {
    let allow_insecure = config.allow_insecure_http;
    let policy = reqwest::redirect::Policy::custom(move |attempt| {
        let target = attempt.url();
        if !allow_insecure
            && target.scheme() == "http"
            && !target.host_str().is_some_and(is_loopback)
        {
            return attempt.error("refusing to follow a redirect to plain http://");
        }
        let same_origin = attempt.previous().first().is_some_and(|first| {
            first.scheme() == target.scheme()
                && first.host_str() == target.host_str()
                && first.port_or_known_default() == target.port_or_known_default()
        });
        if same_origin && attempt.previous().len() < 5 {
            attempt.follow()
        } else {
            attempt.stop()
        }
    });
    build(config, policy)
}

/// Builds the reqwest client logins are sent with: like [`http_client`], but it never follows
/// a redirect (a 307 or 308 would send the password again, perhaps elsewhere or in clear text).
///
/// # Errors
/// [`ConfigError::Certificate`] or [`ConfigError::Client`].
pub fn login_client(config: &TransportConfig) -> Result<reqwest::Client, ConfigError> {
    build(config, reqwest::redirect::Policy::none())
}

fn build(
    config: &TransportConfig,
    policy: reqwest::redirect::Policy,
) -> Result<reqwest::Client, ConfigError> {
    let mut builder = reqwest::Client::builder()
        .connect_timeout(config.connect_timeout)
        .redirect(policy);
    if let Some(agent) = &config.user_agent {
        builder = builder.user_agent(agent.clone());
    }
    if let Some(timeout) = config.request_timeout {
        builder = builder.timeout(timeout);
    }
    #[cfg(any(feature = "rustls", feature = "native-tls"))]
    for pem in &config.root_certificates_pem {
        let certificates = reqwest::Certificate::from_pem_bundle(pem)
            .map_err(|e| ConfigError::Certificate(e.to_string()))?;
        if certificates.is_empty() {
            return Err(ConfigError::Certificate(
                "no PEM certificate (-----BEGIN CERTIFICATE-----) found".into(),
            ));
        }
        for certificate in certificates {
            builder = builder.add_root_certificate(certificate);
        }
    }
    builder.build().map_err(ConfigError::Client)
}
