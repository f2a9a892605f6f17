//! Logging in and out: the memoQ session held by a [`Client`].
//!
//! A session with credentials logs in lazily on the first call, and again — once — when memoQ
//! answers `InvalidOrExpiredToken`; any number of concurrent calls share one login. See
//! [`tms_runtime::session::TokenCache`].

use tms_runtime::client::{LoginAnswer, build_request};
use tms_runtime::login::{Fresh, LoginError, LoginReason};
use tms_runtime::secret::Secret;

use crate::enums::LoginMode;
use crate::vendor::MemoqVendor;
use crate::{Client, Error, types};

/// The `Authorization` scheme memoQ expects: `Authorization: MQS-API <token>`.
pub(crate) const AUTH_SCHEME: &str = "MQS-API";

/// Session state shared by a [`Client`] and all its clones: the credentials, who logged in
/// last, the current token, the retry engine. `Debug` never shows a secret.
pub type Session = tms_runtime::client::Session<Credentials, LoginInfo>;

/// Who logs in, in one of the three ways memoQ supports.
///
/// ```
/// use memoq_api::Credentials;
///
/// let user = Credentials::memoq_user("admin", "secret");
/// assert_eq!(
///     format!("{user:?}"),
///     r#"MemoqUser { user_name: "admin", password: [REDACTED] }"#
/// );
/// ```
#[derive(Clone, Debug)]
#[non_exhaustive]
pub enum Credentials {
    /// A user created on memoQ server (`LoginMode` 0).
    MemoqUser {
        /// User name.
        user_name: String,
        /// Password.
        password: Secret,
    },
    /// A Windows user synchronised from AD or SAM, e.g. `mydomain\testuser` (`LoginMode` 1).
    WindowsUser {
        /// `DOMAIN\user`.
        user_name: String,
        /// Password.
        password: Secret,
    },
    /// Language Terminal single sign-on with a CAS service ticket issued for the service URL
    /// `http://memoqserver` (`LoginMode` 2).
    LanguageTerminal {
        /// The CAS service ticket.
        ticket: Secret,
    },
}

impl tms_runtime::client::LogsIn for Credentials {
    /// `memoq:<user>` or `windows:<DOMAIN\user>`; a Language Terminal ticket names no account,
    /// so its session is never shared.
    fn account(&self) -> Option<String> {
        match self {
            Self::MemoqUser { user_name, .. } => Some(format!("memoq:{user_name}")),
            Self::WindowsUser { user_name, .. } => Some(format!("windows:{user_name}")),
            Self::LanguageTerminal { .. } => None,
        }
    }
}

impl Credentials {
    /// A memoQ server user.
    pub fn memoq_user(user_name: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::MemoqUser {
            user_name: user_name.into(),
            password: password.into(),
        }
    }

    /// A Windows (AD/SAM) user.
    pub fn windows_user(user_name: impl Into<String>, password: impl Into<Secret>) -> Self {
        Self::WindowsUser {
            user_name: user_name.into(),
            password: password.into(),
        }
    }

    /// A Language Terminal user, by CAS service ticket.
    pub fn language_terminal(ticket: impl Into<Secret>) -> Self {
        Self::LanguageTerminal {
            ticket: ticket.into(),
        }
    }

    /// The login request body.
    pub fn to_login_param(&self) -> types::LoginParam {
        let (user_name, password, ltst, mode) = match self {
            Self::MemoqUser {
                user_name,
                password,
            } => (
                Some(user_name.clone()),
                Some(password.clone()),
                None,
                LoginMode::MemoQServerUser,
            ),
            Self::WindowsUser {
                user_name,
                password,
            } => (
                Some(user_name.clone()),
                Some(password.clone()),
                None,
                LoginMode::WindowsUser,
            ),
            Self::LanguageTerminal { ticket } => (
                None,
                None,
                Some(ticket.clone()),
                LoginMode::LanguageTerminal,
            ),
        };
        types::LoginParam {
            user_name,
            password,
            ltst,
            login_mode: mode,
        }
    }
}

/// Who memoQ says is logged in. The access token stays inside the client.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoginInfo {
    /// The user's name.
    pub name: Option<String>,
    /// The user's security id.
    pub sid: Option<String>,
}

impl Client {
    /// Logs in now with `credentials` and keeps them, so the session can log in again by itself
    /// when the token expires. This always sends a new login with these credentials: it never
    /// joins a login already running with older ones, nor returns an older failure. Calls made
    /// meanwhile wait for this login instead of starting their own.
    ///
    /// # Errors
    /// `Error::Login`: refused (with [`ErrorCode::AuthenticationFailed`](crate::ErrorCode) or
    /// `TooFrequentLogin` as its code), an answer without a token, or a transport failure.
    pub async fn login(&self, credentials: &Credentials) -> Result<LoginInfo, Error> {
        let info = tms_runtime::client::login_with(self, credentials.clone())
            .await
            .map_err(Error::from_login)?;
        Ok(info.unwrap_or_default())
    }

    /// The `auth/login` call the session makes through the engine (logging in is retried only
    /// when the connection was refused or the server answered 429 or 503), never following a
    /// redirect.
    pub(crate) async fn fresh_login(&self) -> Result<Fresh, LoginError> {
        let Some(credentials) = self.inner.credentials() else {
            return Err(LoginError::new(LoginReason::NoCredentials));
        };
        // The spec's own login operation builds the request; the engine sends it (no redirect,
        // the answer checked for a usable token).
        let request = build_request(self.auth_login().body(credentials.to_login_param()).send())
            .await
            .ok_or_else(|| {
                LoginError::new(LoginReason::NoCredentials)
                    .with_detail("the login request could not be built")
            })?;
        let login = self
            .inner
            .engine()
            .login(request, "auth_login", MemoqVendor, |answer| {
                let result: types::LoginResult = serde_json::from_slice(answer.body()).ok()?;
                Some(LoginAnswer {
                    fresh: Fresh {
                        token: result.access_token?.into_secret_string(),
                        lifetime: None,
                    },
                    extra: LoginInfo {
                        name: result.name,
                        sid: result.sid,
                    },
                })
            })
            .await?;
        self.inner.set_last_login(login.extra);
        Ok(login.fresh)
    }
}
