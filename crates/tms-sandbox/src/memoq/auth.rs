//! Users, the three login modes, sessions that expire when idle, `TooFrequentLogin` and the
//! licence pool.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use memoq_api::enums::LoginMode;
use memoq_api::types::{LoginParam, LoginResult};
use tokio::time::Instant;

use super::wire::{self, Answer, Caller, RawBody, Refusal};
use crate::{SandboxConfig, Shared};

/// A user who may log in.
struct User {
    /// The name memoQ answers with (`LoginResult.Name`).
    name: String,
    mode: LoginMode,
    /// The password, or the Language Terminal ticket.
    secret: String,
    sid: String,
}

/// An open session.
struct Open {
    /// The user's name, lower-cased: the key of `last_logout`.
    user: String,
    last_used: Instant,
}

/// Who may log in and who is logged in. Its `Debug` shows no password, ticket or token.
pub(crate) struct Auth {
    users: Vec<User>,
    open: HashMap<String, Open>,
    last_logout: HashMap<String, Instant>,
    logins: u64,
    idle: Duration,
    relogin_gap: Duration,
    licenses: usize,
    tokens: fastrand::Rng,
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Auth")
            .field("users", &self.users.len())
            .field("open_sessions", &self.open.len())
            .field("logins", &self.logins)
            .field("licenses", &self.licenses)
            .finish_non_exhaustive()
    }
}

impl Auth {
    pub(crate) fn new(config: &SandboxConfig) -> Auth {
        let mut auth = Auth {
            users: Vec::new(),
            open: HashMap::new(),
            last_logout: HashMap::new(),
            logins: 0,
            idle: config.memoq_token_idle,
            relogin_gap: config.memoq_relogin_gap,
            licenses: config.memoq_licenses,
            tokens: fastrand::Rng::new(),
        };
        auth.add_user(
            LoginMode::MemoQServerUser,
            crate::MEMOQ_USER,
            crate::MEMOQ_PASSWORD,
        );
        auth.add_user(
            LoginMode::WindowsUser,
            super::WINDOWS_USER,
            super::WINDOWS_PASSWORD,
        );
        auth.add_user(
            LoginMode::LanguageTerminal,
            super::LT_USER,
            super::LT_TICKET,
        );
        auth
    }

    pub(crate) fn add_user(&mut self, mode: LoginMode, name: &str, secret: &str) {
        let n = self.users.len() + 1;
        self.users
            .retain(|u| !(u.mode == mode && u.name.eq_ignore_ascii_case(name)));
        self.users.push(User {
            name: name.to_owned(),
            mode,
            secret: secret.to_owned(),
            sid: format!("00000000-0000-0000-0001-{n:012}"),
        });
    }

    pub(crate) fn set_licenses(&mut self, licenses: usize) {
        self.licenses = licenses;
    }

    /// Logs a user in: credentials, then the gap after a logout, then a free licence.
    fn login(&mut self, param: &LoginParam) -> Result<LoginResult, Refusal> {
        let failed = || {
            Refusal::new(
                StatusCode::UNAUTHORIZED,
                "AuthenticationFailed",
                "User could not be authenticated.",
            )
        };
        let user = match param.login_mode {
            LoginMode::MemoQServerUser | LoginMode::WindowsUser => {
                let name = param.user_name.as_deref().unwrap_or_default();
                let password = param.password.as_ref().map(|p| p.expose());
                self.users.iter().find(|u| {
                    u.mode == param.login_mode
                        && u.name.eq_ignore_ascii_case(name)
                        && Some(u.secret.as_str()) == password
                })
            }
            LoginMode::LanguageTerminal => {
                let ticket = param.ltst.as_ref().map(|t| t.expose());
                self.users.iter().find(|u| {
                    u.mode == LoginMode::LanguageTerminal && Some(u.secret.as_str()) == ticket
                })
            }
            LoginMode::Unknown(_) => None,
        }
        .ok_or_else(failed)?;
        let (name, sid, key) = (
            user.name.clone(),
            user.sid.clone(),
            user.name.to_lowercase(),
        );
        let now = Instant::now();
        if let Some(logout) = self.last_logout.get(&key)
            && now.saturating_duration_since(*logout) < self.relogin_gap
        {
            return Err(Refusal::new(
                StatusCode::UNAUTHORIZED,
                "TooFrequentLogin",
                "Too frequent login after logout.",
            ));
        }
        self.purge_idle(now);
        if self.open.len() >= self.licenses {
            return Err(Refusal::new(
                StatusCode::UNAUTHORIZED,
                "NoLicenseAvailable",
                "Could not request license.",
            ));
        }
        let token = self.new_token();
        self.open.insert(
            token.clone(),
            Open {
                user: key,
                last_used: now,
            },
        );
        self.logins += 1;
        tracing::debug!(user = %name, "memoQ login");
        Ok(LoginResult {
            access_token: Some(token.into()),
            name: Some(name),
            sid: Some(sid),
        })
    }

    fn new_token(&mut self) -> String {
        let mut hex = String::with_capacity(32);
        for _ in 0..32 {
            let digit = self.tokens.u8(0..16);
            hex.push(char::from_digit(u32::from(digit), 16).unwrap_or('0'));
        }
        format!(
            "{}-{}-{}-{}-{}",
            &hex[0..8],
            &hex[8..12],
            &hex[12..16],
            &hex[16..20],
            &hex[20..32]
        )
    }

    fn purge_idle(&mut self, now: Instant) {
        let idle = self.idle;
        self.open
            .retain(|_, open| now.saturating_duration_since(open.last_used) <= idle);
    }

    /// Checks the caller's token and marks the session used; returns the user's name.
    pub(crate) fn authenticate(&mut self, caller: &Caller) -> Result<String, Refusal> {
        let expired = Refusal::expired_token;
        let token = caller.token.as_deref().ok_or_else(expired)?;
        let now = Instant::now();
        let Some(open) = self.open.get_mut(token) else {
            return Err(expired());
        };
        if now.saturating_duration_since(open.last_used) > self.idle {
            self.open.remove(token);
            return Err(expired());
        }
        open.last_used = now;
        let key = open.user.clone();
        Ok(self
            .users
            .iter()
            .find(|u| u.name.to_lowercase() == key)
            .map_or(key, |u| u.name.clone()))
    }

    fn logout(&mut self, caller: &Caller) -> Result<(), Refusal> {
        self.authenticate(caller)?;
        if let Some(token) = caller.token.as_deref()
            && let Some(open) = self.open.remove(token)
        {
            self.last_logout.insert(open.user, Instant::now());
        }
        Ok(())
    }

    pub(crate) fn expire_all(&mut self) {
        self.open.clear();
    }

    pub(crate) fn open_sessions(&self) -> usize {
        let now = Instant::now();
        self.open
            .values()
            .filter(|open| now.saturating_duration_since(open.last_used) <= self.idle)
            .count()
    }

    pub(crate) fn logins(&self) -> u64 {
        self.logins
    }
}

/// The login body as the server binds it: property names case-insensitive (`username` as in
/// the vendor's examples, `UserName` as the client sends), `LoginMode` a number or a numeral.
fn login_param(body: &[u8]) -> Result<LoginParam, Refusal> {
    let value: serde_json::Value = wire::json(body)?;
    let serde_json::Value::Object(fields) = value else {
        return Err(Refusal::invalid_argument(
            "The login parameters are not valid.",
        ));
    };
    let canonical = |name: &str| {
        ["UserName", "Password", "LoginMode", "LTST"]
            .into_iter()
            .find(|known| known.eq_ignore_ascii_case(name))
            .map_or_else(|| name.to_owned(), str::to_owned)
    };
    let fields: serde_json::Map<String, serde_json::Value> = fields
        .into_iter()
        .map(|(name, value)| (canonical(&name), value))
        .collect();
    serde_json::from_value(serde_json::Value::Object(fields))
        .map_err(|_| Refusal::invalid_argument("The login parameters are not valid."))
}

pub(crate) async fn login(State(shared): State<Arc<Shared>>, RawBody(body): RawBody) -> Answer {
    let param = login_param(&body)?;
    let result = shared.memoq().auth.login(&param)?;
    Ok(wire::ok_json(&result))
}

pub(crate) async fn logout(State(shared): State<Arc<Shared>>, caller: Caller) -> Answer {
    shared.memoq().auth.logout(&caller)?;
    Ok(wire::no_content())
}
