//! Building a Memsource client: credentials or tokens, retry policy, TLS.

use std::sync::Arc;

use tms_runtime::options::ClientOptions;
use tms_runtime::secret::Secret;
use tms_runtime::transport::{ConfigError, TransportConfig};

use crate::session::{AuthScheme, TokenProvider};
use crate::{Client, Login};

/// Memsource asks clients to name themselves in `User-Agent`.
const DEFAULT_USER_AGENT: &str = concat!("tms-rs memsource-api/", env!("CARGO_PKG_VERSION"));

/// The default base URL: the EU data centre.
pub const EU_BASE_URL: &str = "https://cloud.memsource.com/web";
/// The US data centre.
pub const US_BASE_URL: &str = "https://us.cloud.memsource.com/web";

#[derive(Debug)]
enum Credentials {
    None,
    Login(Login),
    Token(AuthScheme, Secret),
    Provider(Arc<dyn TokenProvider>),
}

/// Builds a [`Client`].
///
/// ```no_run
/// use memsource_api::{Client, Login};
///
/// # fn demo() -> Result<(), tms_runtime::transport::ConfigError> {
/// let client = Client::builder(memsource_api::EU_BASE_URL)
///     .login(Login::new("pm", "secret").user_uid("Xy12"))
///     .build()?;
/// // The first call logs in; the token is reused until shortly before it expires.
/// # Ok(()) }
/// ```
#[derive(Debug)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    credentials: Credentials,
    pub(crate) options: ClientOptions,
}

impl ClientBuilder {
    /// A builder for the server at `base_url` (e.g. [`EU_BASE_URL`], [`US_BASE_URL`]).
    pub fn new(base_url: impl Into<String>) -> Self {
        Self {
            base_url: base_url.into(),
            credentials: Credentials::None,
            options: ClientOptions {
                // Memsource asks clients to name themselves.
                transport: TransportConfig {
                    user_agent: Some(DEFAULT_USER_AGENT.to_owned()),
                    ..TransportConfig::default()
                },
                ..ClientOptions::default()
            },
        }
    }

    /// Log in with user name and password on first use, and again before the token expires.
    pub fn login(mut self, login: Login) -> Self {
        self.credentials = Credentials::Login(login);
        self
    }

    /// Use a ready login token (`ApiToken`).
    pub fn api_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials = Credentials::Token(AuthScheme::ApiToken, token.into());
        self
    }

    /// Use a ready OAuth 2.0 access token (`Bearer`).
    pub fn bearer_token(mut self, token: impl Into<Secret>) -> Self {
        self.credentials = Credentials::Token(AuthScheme::Bearer, token.into());
        self
    }

    /// Ask `provider` for bearer tokens.
    pub fn token_provider(mut self, provider: Arc<dyn TokenProvider>) -> Self {
        self.credentials = Credentials::Provider(provider);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// An invalid base URL, plain `http://` to a remote host, or a bad certificate.
    pub fn build(self) -> Result<Client, ConfigError> {
        let prepared = self.options.prepare(&self.base_url)?;
        let session =
            crate::session::new_session(prepared.engine, self.options.clock, self.options.cache);
        // A resumed login token goes in first: a ready token given to the builder replaces it,
        // and a token provider starts from an empty cache.
        if let Some(saved) = self.options.resume {
            session.cache().resume(saved);
        }
        match self.credentials {
            Credentials::None => {}
            Credentials::Login(login) => crate::session::use_login(&session, login),
            Credentials::Token(scheme, token) => {
                crate::session::install(&session, scheme, token)
                    .map_err(|err| ConfigError::InvalidToken(err.to_string()))?
            }
            Credentials::Provider(provider) => {
                crate::session::use_token_provider(&session, provider);
            }
        }
        Ok(Client::new_with_client(
            &prepared.base_url,
            prepared.http,
            session,
        ))
    }
}
