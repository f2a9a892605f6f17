//! Logging in and out: the memoQ session held by a [`Client`].

use std::fmt;

use tms_runtime::token::TokenSlot;

use crate::enums::LoginMode;
use crate::{Client, Error, types};
use tms_runtime::secret::Secret;

/// The `Authorization` scheme memoQ expects: `Authorization: MQS-API <token>`.
pub(crate) const AUTH_SCHEME: &str = "MQS-API";

/// Session state shared by a [`Client`] and all its clones: the current access token.
///
/// `Debug` shows only whether a token is held.
#[derive(Clone, Default)]
pub struct Session {
    pub(crate) token: TokenSlot,
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("token", &self.token)
            .finish()
    }
}

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
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoginInfo {
    /// The user's name.
    pub name: Option<String>,
    /// The user's security id.
    pub sid: Option<String>,
}

impl Client {
    /// Logs in and keeps the access token for every later call of this client and its clones.
    ///
    /// # Errors
    /// `Error::Api` with [`ErrorCode::AuthenticationFailed`](crate::ErrorCode) or
    /// `TooFrequentLogin` when memoQ refuses; `Error::Decode` when the answer carries no token.
    pub async fn login(&self, credentials: &Credentials) -> Result<LoginInfo, Error> {
        let result = self
            .auth_login()
            .body(credentials.to_login_param())
            .send()
            .await?
            .into_inner();
        let token = result.access_token.ok_or_else(|| Error::Decode {
            body: bytes::Bytes::new(),
            source: serde::de::Error::missing_field("AccessToken"),
        })?;
        self.inner.token.set(token.into_secret_string());
        Ok(LoginInfo {
            name: result.name,
            sid: result.sid,
        })
    }

    /// Ends the session on the server and forgets the token. Calling it without a session, or
    /// twice, does nothing.
    ///
    /// # Errors
    /// Whatever the logout call fails with; the token is forgotten in any case.
    pub async fn logout(&self) -> Result<(), Error> {
        if !self.inner.token.is_set() {
            return Ok(());
        }
        let result = self.auth_logout().send().await;
        self.inner.token.take();
        result.map(|_| ()).map_err(Error::from)
    }

    /// Whether this client holds an access token.
    pub fn is_logged_in(&self) -> bool {
        self.inner.token.is_set()
    }
}
