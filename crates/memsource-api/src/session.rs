//! Authentication: the Memsource session held by a [`Client`].
//!
//! Four ways in: a user name and password (login v3, or v1), a ready login token, a ready OAuth
//! access token, or a [`TokenProvider`] that hands out OAuth/JWT bearer tokens. Login tokens are
//! reused until shortly before the `expires` the server gave and renewed then, or at once when a
//! call answers 401 `AuthUnauthorized`; concurrent calls share one login.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use tms_runtime::client::{LoginAnswer, build_request};
use tms_runtime::clock::SharedClock;
use tms_runtime::engine::Engine;
use tms_runtime::login::{Fresh, LoginError, LoginReason, server_date, token_lifetime};
use tms_runtime::secret::Secret;
use tms_runtime::session::CacheConfig;
use tms_runtime::time::Timestamp;

use crate::pending::PendingCap;
use crate::vendor::MemsourceVendor;
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

/// Where the session's tokens come from when it needs one. A session without a source uses
/// only a token installed by the builder (`api_token`, `bearer_token`).
#[derive(Clone, Debug)]
pub enum TokenSource {
    /// Log in with user name and password.
    Password(Login),
    /// Ask the provider.
    Provider(Arc<dyn TokenProvider>),
}

impl tms_runtime::client::LogsIn for TokenSource {
    /// The user name (and the account's uid, when given) of a password login; a token
    /// provider's session is never shared.
    fn account(&self) -> Option<String> {
        match self {
            Self::Password(login) => Some(match &login.user_uid {
                Some(uid) => format!("{}/{uid}", login.user_name),
                None => login.user_name.clone(),
            }),
            Self::Provider(_) => None,
        }
    }
}

/// Session state shared by a [`Client`] and all its clones: where tokens come from, who logged
/// in last, the current token, the retry engine, and the pending-request cap the flows share.
/// `Debug` never shows a secret.
pub type Session = tms_runtime::client::Session<TokenSource, LoginInfo, PendingCap>;

/// A new session with no token source yet (the builder makes one).
pub(crate) fn new_session(engine: Engine, clock: SharedClock, cache: CacheConfig) -> Session {
    Session::new(
        AuthScheme::ApiToken.as_str(),
        None,
        engine,
        clock,
        cache,
        PendingCap::default(),
    )
}

/// Log in with `login` whenever a token is needed.
pub(crate) fn use_login(session: &Session, login: Login) {
    session.cache().set_scheme(AuthScheme::ApiToken.as_str());
    session.set_credentials(Some(TokenSource::Password(login)));
}

/// Ask `provider` for bearer tokens whenever one is needed.
pub(crate) fn use_token_provider(session: &Session, provider: Arc<dyn TokenProvider>) {
    session.cache().clear();
    session.cache().set_scheme(AuthScheme::Bearer.as_str());
    session.set_credentials(Some(TokenSource::Provider(provider)));
}

/// Uses a token obtained elsewhere (never renewed here).
pub(crate) fn install(
    session: &Session,
    scheme: AuthScheme,
    token: Secret,
) -> Result<(), LoginError> {
    session
        .cache()
        .install(scheme.as_str(), token.into_secret_string(), None)
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
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LoginInfo {
    /// The user.
    pub user: Option<types::UserReference>,
    /// When the token expires (24 h after login).
    pub expires: Option<Timestamp>,
}

impl Client {
    /// Logs in now with `login` and keeps it, so the session renews its token by itself. This
    /// always sends a new login with these credentials: it never joins a login already running
    /// with older ones, nor returns an older failure. Calls made meanwhile wait for this login
    /// instead of starting their own.
    ///
    /// # Errors
    /// `Error::Login`: refused (`AuthInvalidCredentials` as its code), an answer without a
    /// token, or a transport failure.
    pub async fn login(&self, login: &Login) -> Result<LoginInfo, Error> {
        self.inner.cache().set_scheme(AuthScheme::ApiToken.as_str());
        let info = tms_runtime::client::login_with(self, TokenSource::Password(login.clone()))
            .await
            .map_err(Error::from_login)?;
        Ok(info.unwrap_or_default())
    }

    /// Obtains a token from the session's source: a login call through the engine (sent again
    /// only when the connection was refused or the server answered 429 or 503) or the token
    /// provider (bounded by the per-attempt timeout).
    pub(crate) async fn obtain_token(&self) -> Result<Fresh, LoginError> {
        match self.inner.credentials() {
            None => Err(LoginError::new(LoginReason::NoCredentials)),
            Some(TokenSource::Provider(provider)) => {
                let call = provider.access_token();
                let provided = match self.inner.engine().policy().attempt_timeout {
                    Some(limit) => tokio::time::timeout(limit, call).await.map_err(|_| {
                        LoginError::new(LoginReason::ProviderFailed)
                            .with_detail(format!("no token within {:.1} s", limit.as_secs_f64()))
                    })?,
                    None => call.await,
                }
                .map_err(|err| LoginError::caused_by(LoginReason::ProviderFailed, err))?;
                let now = self.inner.engine().clock().system_now();
                Ok(Fresh {
                    token: provided.token.into_secret_string(),
                    lifetime: provided
                        .expires_at
                        .and_then(|expires| token_lifetime(expires, None, now)),
                })
            }
            Some(TokenSource::Password(login)) => self.password_login(&login).await,
        }
    }

    async fn password_login(&self, login: &Login) -> Result<Fresh, LoginError> {
        // The spec's own login operation (v1 or v3) builds the request; the engine sends it
        // (no redirect, the answer checked for a usable token).
        let (request, operation) = if login.v1 {
            let send = self.auth_login().body(login.to_login_dto()).send();
            (build_request(send).await, "auth_login")
        } else {
            let send = self.auth_login_v3().body(login.to_login_v3_dto()).send();
            (build_request(send).await, "auth_login_v3")
        };
        let request = request.ok_or_else(|| {
            LoginError::new(LoginReason::NoCredentials)
                .with_detail("the login request could not be built")
        })?;
        let local_now = self.inner.engine().clock().system_now();
        let login = self
            .inner
            .engine()
            .login(request, operation, MemsourceVendor, |answer| {
                let result: types::LoginResponseV3Dto =
                    serde_json::from_slice(answer.body()).ok()?;
                // The lifetime is `expires` read against the server's own clock (`Date`), so
                // a skewed local clock neither throws the token away nor keeps it too long.
                let server_date = server_date(answer.headers());
                let lifetime = result
                    .expires
                    .as_ref()
                    .and_then(Timestamp::to_utc)
                    .map(SystemTime::from)
                    .and_then(|expires| token_lifetime(expires, server_date, local_now));
                Some(LoginAnswer {
                    fresh: Fresh {
                        token: result.token?.into_secret_string(),
                        lifetime,
                    },
                    extra: LoginInfo {
                        user: result.user,
                        expires: result.expires,
                    },
                })
            })
            .await?;
        self.inner.set_last_login(login.extra);
        Ok(login.fresh)
    }
}
