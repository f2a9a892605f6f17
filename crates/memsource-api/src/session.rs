//! Authentication: the Memsource session held by a [`Client`].
//!
//! Four ways in: a user name and password (login v3, or v1), a ready login token, a ready OAuth
//! access token, or a [`TokenProvider`] that hands out OAuth/JWT bearer tokens. Login tokens are
//! reused until shortly before the `expires` the server gave and renewed then, or at once when a
//! call answers 401 `AuthUnauthorized`; concurrent calls share one login.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::time::SystemTime;

use tms_runtime::clock::{SharedClock, TokioClock};
use tms_runtime::engine::{Engine, LoginAnswer, end_session};
use tms_runtime::secret::Secret;
use tms_runtime::session::{CacheConfig, Fresh, LoginFailure, TokenCache};
use tms_runtime::time::Timestamp;
use tms_runtime::wire::Buffered;

use crate::hooks::MemsourceVendor;
use crate::{Client, Error, types};

/// How the token travels: `Authorization: ApiToken <token>` for login tokens, `Authorization:
/// Bearer <token>` for OAuth 2.0 access tokens and Phrase Platform JWTs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// A login token from `auth/login` (valid 24 h).
    ApiToken,
    /// An OAuth 2.0 access token or a platform JWT.
    Bearer,
}

impl AuthScheme {
    pub(crate) const fn as_str(self) -> &'static str {
        match self {
            Self::ApiToken => "ApiToken",
            Self::Bearer => "Bearer",
        }
    }
}

/// A bearer token from a [`TokenProvider`].
#[derive(Debug, Clone)]
pub struct ProvidedToken {
    /// The access token.
    pub token: Secret,
    /// When it expires; the session asks again shortly before.
    pub expires_at: Option<SystemTime>,
}

/// The error a [`TokenProvider`] reports.
pub type ProviderError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`TokenProvider`] returns.
pub type ProvidedTokenFuture<'a> =
    Pin<Box<dyn Future<Output = Result<ProvidedToken, ProviderError>> + Send + 'a>>;

/// Hands out OAuth 2.0 bearer tokens (your refresh flow, a Phrase Platform token exchange, a
/// secret store). The session calls it when it has no valid token, and again after a 401.
pub trait TokenProvider: Send + Sync + fmt::Debug {
    /// A current access token.
    fn access_token(&self) -> ProvidedTokenFuture<'_>;
}

/// Where the session's tokens come from.
#[derive(Clone, Debug)]
enum Source {
    /// Only what was installed (a ready token, or nothing).
    Fixed,
    /// Log in with user name and password.
    Password(Login),
    /// Ask the provider.
    Provider(Arc<dyn TokenProvider>),
}

/// Session state shared by a [`Client`] and all its clones. `Debug` never shows a secret.
#[derive(Clone)]
pub struct Session {
    pub(crate) cache: TokenCache,
    pub(crate) engine: Engine,
    source: Arc<RwLock<Source>>,
    last_login: Arc<RwLock<Option<LoginInfo>>>,
    /// Slots of the organisation's pending-request cap, read once from `async/status`.
    pub(crate) async_slots: Arc<tokio::sync::OnceCell<Option<Arc<tokio::sync::Semaphore>>>>,
}

impl Default for Session {
    fn default() -> Self {
        Self::new(
            Engine::default(),
            Arc::new(TokioClock),
            CacheConfig::default(),
        )
    }
}

impl Session {
    /// A session on the given engine, with no credentials yet; [`crate::ClientBuilder`] is the
    /// usual way to make one.
    pub fn new(engine: Engine, clock: SharedClock, cache: CacheConfig) -> Self {
        Self {
            cache: TokenCache::new(AuthScheme::ApiToken.as_str(), clock, cache),
            engine,
            source: Arc::new(RwLock::new(Source::Fixed)),
            last_login: Arc::new(RwLock::new(None)),
            async_slots: Arc::default(),
        }
    }

    /// A session with a login token obtained elsewhere (sent as `ApiToken`, never renewed here).
    pub fn with_api_token(token: impl Into<Secret>) -> Self {
        let session = Self::default();
        session.install(AuthScheme::ApiToken, token.into(), None);
        session
    }

    /// A session with an OAuth 2.0 access token (sent as `Bearer`, never renewed here).
    pub fn with_bearer_token(token: impl Into<Secret>) -> Self {
        let session = Self::default();
        session.install(AuthScheme::Bearer, token.into(), None);
        session
    }

    /// Log in with `login` whenever a token is needed.
    pub fn set_login(&self, login: Login) {
        self.cache.set_scheme(AuthScheme::ApiToken.as_str());
        *self.source.write().unwrap_or_else(|e| e.into_inner()) = Source::Password(login);
    }

    /// Ask `provider` for bearer tokens whenever one is needed.
    pub fn set_token_provider(&self, provider: Arc<dyn TokenProvider>) {
        self.cache.clear();
        self.cache.set_scheme(AuthScheme::Bearer.as_str());
        *self.source.write().unwrap_or_else(|e| e.into_inner()) = Source::Provider(provider);
    }

    /// Uses a token obtained elsewhere.
    pub fn install(&self, scheme: AuthScheme, token: Secret, expires_at: Option<SystemTime>) {
        self.cache
            .install(scheme.as_str(), token.into_secret_string(), expires_at);
    }

    /// When the current token expires, as the server (or provider) said.
    pub fn expires_at(&self) -> Option<SystemTime> {
        self.cache.expires_at()
    }

    /// How many logins (or provider calls) this session has made.
    pub fn logins(&self) -> u64 {
        self.cache.logins()
    }

    fn source(&self) -> Source {
        self.source
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(crate) fn can_renew(&self) -> bool {
        !matches!(self.source(), Source::Fixed)
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("source", &self.source())
            .field("cache", &self.cache)
            .finish_non_exhaustive()
    }
}

/// A user name and password login, optionally into a given organisation (`userUid`, for users
/// with several accounts) and with a two-factor code.
///
/// ```
/// use memsource_api::Login;
///
/// let login = Login::new("pm", "secret").user_uid("Xy12").code("123456");
/// assert_eq!(
///     format!("{login:?}"),
///     r#"Login { user_name: "pm", password: [REDACTED], user_uid: Some("Xy12"), code: Some([REDACTED]), v1: false }"#
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Login {
    user_name: String,
    password: Secret,
    user_uid: Option<String>,
    code: Option<Secret>,
    v1: bool,
}

impl Login {
    /// Log in as `user_name` with `password` (login v3).
    pub fn new(user_name: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            user_name: user_name.into(),
            password: password.into(),
            user_uid: None,
            code: None,
            v1: false,
        }
    }

    /// Log in to the account `user_uid` of a user with several accounts.
    #[must_use]
    pub fn user_uid(mut self, user_uid: impl Into<String>) -> Self {
        self.user_uid = Some(user_uid.into());
        self
    }

    /// The two-factor authentication code.
    #[must_use]
    pub fn code(mut self, code: impl Into<Secret>) -> Self {
        self.code = Some(code.into());
        self
    }

    /// Use login v1 (`/api2/v1/auth/login`, no `userUid`) instead of v3.
    #[must_use]
    pub fn v1(mut self) -> Self {
        self.v1 = true;
        self
    }

    /// The `auth/login` v3 request body.
    pub fn to_login_v3_dto(&self) -> types::LoginV3Dto {
        types::LoginV3Dto {
            user_name: self.user_name.clone(),
            password: self.password.clone(),
            user_uid: self.user_uid.clone(),
            code: self.code.clone(),
        }
    }

    /// The `auth/login` v1 request body.
    pub fn to_login_dto(&self) -> types::LoginDto {
        types::LoginDto {
            user_name: self.user_name.clone(),
            password: self.password.clone(),
            code: self.code.clone(),
        }
    }
}

/// Who Memsource says logged in, and until when the token is valid. The token stays inside the
/// client.
#[derive(Debug, Clone, PartialEq)]
pub struct LoginInfo {
    /// The user.
    pub user: Option<types::UserReference>,
    /// When the token expires (24 h after login).
    pub expires: Option<Timestamp>,
}

impl Client {
    /// A builder for a client with credentials, retry policy and TLS settings.
    pub fn builder(base_url: impl Into<String>) -> crate::ClientBuilder {
        crate::ClientBuilder::new(base_url)
    }

    /// Logs in now and keeps `login`, so the session renews its token by itself. Calls made
    /// meanwhile wait for this login instead of starting their own.
    ///
    /// # Errors
    /// `Error::Api` with `AuthInvalidCredentials` when Memsource refuses; a transport error
    /// when it cannot be reached.
    pub async fn login(&self, login: &Login) -> Result<LoginInfo, Error> {
        self.inner.set_login(login.clone());
        self.inner.cache.clear();
        self.inner
            .cache
            .lease(|| self.fresh_token())
            .await
            .map_err(|failure| Error::from_login_failure(failure, &MemsourceVendor))?;
        Ok(self
            .inner
            .last_login
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
            .unwrap_or(LoginInfo {
                user: None,
                expires: None,
            }))
    }

    /// Invalidates the token on the server and forgets it. Calling it without a session, or
    /// twice, does nothing.
    ///
    /// # Errors
    /// Whatever the logout call fails with; the token is forgotten in any case.
    pub async fn logout(&self) -> Result<(), Error> {
        end_session(&self.inner.cache, || self.auth_logout().send())
            .await
            .map_err(Error::from)
    }

    /// Whether this client holds a token.
    pub fn is_logged_in(&self) -> bool {
        self.inner.cache.has_token()
    }

    /// Obtains a token from the session's source: a login call through the engine (one
    /// attempt, unless the connection was refused) or the token provider.
    pub(crate) async fn fresh_token(&self) -> Result<Fresh, LoginFailure> {
        match self.inner.source() {
            Source::Fixed => Err(rejected(
                "this Memsource client has no credentials to obtain a token with",
            )),
            Source::Provider(provider) => match provider.access_token().await {
                Ok(provided) => Ok(Fresh {
                    token: provided.token.into_secret_string(),
                    expires_at: provided.expires_at,
                }),
                Err(err) => Err(rejected(&format!("the token provider failed: {err}"))),
            },
            Source::Password(login) => self.password_login(&login).await,
        }
    }

    async fn password_login(&self, login: &Login) -> Result<Fresh, LoginFailure> {
        let (path, body, operation) = if login.v1 {
            let body = serde_json::to_vec(&login.to_login_dto());
            ("/api2/v1/auth/login", body, "auth_login")
        } else {
            let body = serde_json::to_vec(&login.to_login_v3_dto());
            ("/api2/v3/auth/login", body, "auth_login_v3")
        };
        let body = body.map_err(|e| rejected(&format!("cannot encode the login: {e}")))?;
        let request = self
            .client
            .post(format!("{}{path}", self.baseurl))
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .header(reqwest::header::ACCEPT, "application/json")
            .header(
                reqwest::header::USER_AGENT,
                crate::hooks::DEFAULT_USER_AGENT,
            )
            .body(body)
            .build()
            .map_err(LoginFailure::Transport)?;
        let login = self
            .inner
            .engine
            .login(&self.client, request, operation, &MemsourceVendor, |body| {
                let result: types::LoginResponseV3Dto = serde_json::from_slice(body).ok()?;
                let expires_at = result
                    .expires
                    .as_ref()
                    .and_then(Timestamp::to_utc)
                    .map(SystemTime::from);
                Some(LoginAnswer {
                    fresh: Fresh {
                        token: result.token?.into_secret_string(),
                        expires_at,
                    },
                    extra: LoginInfo {
                        user: result.user,
                        expires: result.expires,
                    },
                })
            })
            .await?;
        *self
            .inner
            .last_login
            .write()
            .unwrap_or_else(|e| e.into_inner()) = Some(login.extra);
        Ok(login.fresh)
    }
}

fn rejected(message: &str) -> LoginFailure {
    LoginFailure::Rejected(Box::new(Buffered::synthetic(
        reqwest::StatusCode::UNAUTHORIZED,
        message,
    )))
}
