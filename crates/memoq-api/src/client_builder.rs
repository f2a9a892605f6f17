//! Building a memoQ client: credentials, retry policy, TLS.

use tms_runtime::options::ClientOptions;
use tms_runtime::transport::ConfigError;

use crate::{Client, Credentials, Session};

/// Builds a [`Client`].
///
/// ```no_run
/// use memoq_api::{Client, Credentials};
///
/// # fn demo() -> Result<(), tms_runtime::transport::ConfigError> {
/// let client = Client::builder("https://memoq.example.com:8081/memoqserverhttpapi/v1")
///     .credentials(Credentials::memoq_user("translator", "secret"))
///     .root_certificate_pem(std::fs::read("corp-ca.pem").unwrap_or_default())
///     .build()?;
/// // The first call logs in; an expired session is renewed once, transparently.
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    credentials: Option<Credentials>,
    pub(crate) options: ClientOptions,
}

impl ClientBuilder {
    /// A builder for the server at `base_url` (`https://host:8081/memoqserverhttpapi/v1`).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            credentials: None,
            options: ClientOptions::default(),
        }
    }

    /// Log in with these credentials on first use, and again when the session expires.
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// An invalid base URL, plain `http://` to a remote host, or a bad certificate.
    pub fn build(self) -> Result<Client, ConfigError> {
        let prepared = self.options.prepare(&self.base_url)?;
        let session = Session::new(
            crate::session::AUTH_SCHEME,
            self.credentials,
            prepared.engine,
            self.options.clock,
            self.options.cache,
            (),
        );
        if let Some(saved) = self.options.resume {
            session.cache().resume(saved);
        }
        Ok(Client::new_with_client(
            &prepared.base_url,
            prepared.http,
            session,
        ))
    }
}
