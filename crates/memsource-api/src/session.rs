//! Logging in and out: the Memsource session held by a [`Client`].

use std::fmt;
use std::sync::{Arc, RwLock};

use tms_runtime::secret::Secret;
use tms_runtime::time::Timestamp;
use tms_runtime::token::TokenSlot;

use crate::{Client, Error, types};

/// How the token travels: `Authorization: ApiToken <token>` for login tokens, `Authorization:
/// Bearer <token>` for OAuth 2.0 access tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthScheme {
    /// A login token from `auth/login` (valid 24 h).
    ApiToken,
    /// An OAuth 2.0 access token.
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

/// Session state shared by a [`Client`] and all its clones: the current token and how to send
/// it. `Debug` shows only whether a token is held.
#[derive(Clone)]
pub struct Session {
    pub(crate) token: TokenSlot,
    scheme: Arc<RwLock<AuthScheme>>,
    expires: Arc<RwLock<Option<Timestamp>>>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            token: TokenSlot::default(),
            scheme: Arc::new(RwLock::new(AuthScheme::ApiToken)),
            expires: Arc::new(RwLock::new(None)),
        }
    }
}

impl Session {
    /// A session with a login token obtained elsewhere (sent as `ApiToken`).
    pub fn with_api_token(token: impl Into<Secret>) -> Self {
        let session = Self::default();
        session.set(AuthScheme::ApiToken, token.into(), None);
        session
    }

    /// A session with an OAuth 2.0 access token (sent as `Bearer`).
    pub fn with_bearer_token(token: impl Into<Secret>) -> Self {
        let session = Self::default();
        session.set(AuthScheme::Bearer, token.into(), None);
        session
    }

    /// When the current login token expires, as the server said at login.
    pub fn expires(&self) -> Option<Timestamp> {
        self.expires
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub(crate) fn scheme(&self) -> AuthScheme {
        *self.scheme.read().unwrap_or_else(|e| e.into_inner())
    }

    fn set(&self, scheme: AuthScheme, token: Secret, expires: Option<Timestamp>) {
        *self.scheme.write().unwrap_or_else(|e| e.into_inner()) = scheme;
        *self.expires.write().unwrap_or_else(|e| e.into_inner()) = expires;
        self.token.set(token.into_secret_string());
    }

    fn clear(&self) {
        self.token.take();
        *self.expires.write().unwrap_or_else(|e| e.into_inner()) = None;
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("scheme", &self.scheme())
            .field("token", &self.token)
            .field("expires", &self.expires())
            .finish()
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
///     r#"Login { user_name: "pm", password: [REDACTED], user_uid: Some("Xy12"), code: Some([REDACTED]) }"#
/// );
/// ```
#[derive(Clone, Debug)]
pub struct Login {
    user_name: String,
    password: Secret,
    user_uid: Option<String>,
    code: Option<Secret>,
}

impl Login {
    /// Log in as `user_name` with `password`.
    pub fn new(user_name: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self {
            user_name: user_name.into(),
            password: password.into(),
            user_uid: None,
            code: None,
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

    /// The `auth/login` v3 request body.
    pub fn to_login_v3_dto(&self) -> types::LoginV3Dto {
        types::LoginV3Dto {
            user_name: self.user_name.clone(),
            password: self.password.clone(),
            user_uid: self.user_uid.clone(),
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
    /// Logs in (v3: multi-organisation users and 2FA) and keeps the token for every later call of
    /// this client and its clones, sent as `Authorization: ApiToken <token>`.
    ///
    /// # Errors
    /// `Error::Api` with `AuthInvalidCredentials` when Memsource refuses; `Error::Decode` when the
    /// answer carries no token.
    pub async fn login(&self, login: &Login) -> Result<LoginInfo, Error> {
        let answer = self
            .auth_login_v3()
            .body(login.to_login_v3_dto())
            .send()
            .await?
            .into_inner();
        let token = answer.token.ok_or_else(|| Error::Decode {
            body: bytes::Bytes::new(),
            source: serde::de::Error::missing_field("token"),
        })?;
        self.inner
            .set(AuthScheme::ApiToken, token, answer.expires.clone());
        Ok(LoginInfo {
            user: answer.user,
            expires: answer.expires,
        })
    }

    /// Invalidates the token on the server and forgets it. Calling it without a session, or
    /// twice, does nothing.
    ///
    /// # Errors
    /// Whatever the logout call fails with; the token is forgotten in any case.
    pub async fn logout(&self) -> Result<(), Error> {
        if !self.inner.token.is_set() {
            return Ok(());
        }
        let result = self.auth_logout().send().await;
        self.inner.clear();
        result.map(|_| ()).map_err(Error::from)
    }

    /// Whether this client holds a token.
    pub fn is_logged_in(&self) -> bool {
        self.inner.token.is_set()
    }
}
