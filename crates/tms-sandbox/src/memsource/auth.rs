//! Login (v1, v3), `whoAmI`, logout, the token check every other operation starts with, and
//! the per-token request budget (429 with `Retry-After`).
//!
//! Tokens travel as `Authorization: ApiToken <token>` (or `Bearer <token>`); they live
//! `memsource_token_lifetime` on the tokio clock, and `expires` in the login answer is the wall
//! clock's now plus that lifetime.

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use axum::routing::{get, post};
use memsource_api::types;
use tokio::time::Instant;

use super::http::{JsonBody, Reply, json, no_content};
use super::{MemsourceState, authorized, lock};
use crate::{Shared, errors};

/// An open session.
pub(crate) struct Session {
    /// Index into `users`.
    pub(crate) user: usize,
    expires_at: Instant,
}

/// A token's share of the request budget: requests since the window opened.
pub(crate) struct Window {
    start: Instant,
    count: u32,
}

/// 401 `AuthUnauthorized`: a missing, unknown or expired token.
pub(crate) fn unauthorized() -> Response {
    errors::memsource(
        StatusCode::UNAUTHORIZED,
        "AuthUnauthorized",
        "The provided API token is not valid or has expired.",
    )
}

/// The token of an `Authorization: ApiToken …` or `Bearer …` header.
fn token_of(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = value.trim().split_once(' ')?;
    let known = scheme.eq_ignore_ascii_case("ApiToken") || scheme.eq_ignore_ascii_case("Bearer");
    (known && !token.trim().is_empty()).then(|| token.trim())
}

impl MemsourceState {
    /// The user behind the request's token (an index into `users`), after the token check and
    /// the request budget: 401 `AuthUnauthorized` for a missing, unknown or expired token, 429
    /// with `Retry-After` when the token spent its budget.
    pub(crate) fn authenticate(&mut self, headers: &HeaderMap) -> Result<usize, Response> {
        let token = token_of(headers).ok_or_else(unauthorized)?;
        let now = Instant::now();
        let session = self.sessions.get(token).ok_or_else(unauthorized)?;
        if now >= session.expires_at {
            self.sessions.remove(token);
            self.rate.remove(token);
            return Err(unauthorized());
        }
        let user = session.user;
        if let Some((limit, window)) = self.rate_limit {
            let entry = self.rate.entry(token.to_owned()).or_insert(Window {
                start: now,
                count: 0,
            });
            if now.duration_since(entry.start) >= window {
                *entry = Window {
                    start: now,
                    count: 0,
                };
            }
            entry.count = entry.count.saturating_add(1);
            if entry.count > limit {
                let left = (entry.start + window).saturating_duration_since(now);
                return Err(too_many(left));
            }
        }
        Ok(user)
    }

    /// Opens a session for the user at `user`; returns the token and its wall-clock expiry.
    fn open_session(&mut self, user: usize) -> (String, memsource_api::Timestamp) {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        let token: String = (0..40)
            .map(|_| char::from(ALPHABET[self.rng.usize(..ALPHABET.len())]))
            .collect();
        let lifetime = self.token_lifetime;
        let expires_at = Instant::now()
            .checked_add(lifetime)
            .unwrap_or_else(|| Instant::now() + Duration::from_secs(100 * 365 * 86_400));
        self.sessions
            .insert(token.clone(), Session { user, expires_at });
        let wall = chrono::TimeDelta::from_std(lifetime)
            .ok()
            .and_then(|delta| chrono::Utc::now().checked_add_signed(delta))
            .unwrap_or(chrono::DateTime::<chrono::Utc>::MAX_UTC);
        (token, memsource_api::Timestamp::from(wall))
    }

    /// The user with these credentials (and, for v3, this uid).
    fn check_credentials(
        &self,
        user_name: &str,
        password: &str,
        user_uid: Option<&str>,
    ) -> Result<usize, Response> {
        self.users
            .iter()
            .position(|u| {
                u.user_name == user_name
                    && constant_time_eq(u.password.as_bytes(), password.as_bytes())
                    && user_uid.is_none_or(|uid| uid == u.uid)
            })
            .ok_or_else(|| {
                errors::memsource(
                    StatusCode::UNAUTHORIZED,
                    "AuthInvalidCredentials",
                    "Incorrect or unrecognized credentials.",
                )
            })
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// 429 with `Retry-After` in whole seconds (at least 1).
fn too_many(left: Duration) -> Response {
    let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
    let mut response = errors::memsource(
        StatusCode::TOO_MANY_REQUESTS,
        "TooManyRequests",
        "Too many requests for this token; retry later.",
    );
    if let Ok(value) = HeaderValue::from_str(&secs.max(1).to_string()) {
        response.headers_mut().insert(header::RETRY_AFTER, value);
    }
    response
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/web/api2/v1/auth/login", post(login_v1))
        .route("/web/api2/v3/auth/login", post(login_v3))
        .route("/web/api2/v1/auth/whoAmI", get(who_am_i))
        .route("/web/api2/v1/auth/logout", post(logout))
}

async fn login_v1(
    State(shared): State<Arc<Shared>>,
    JsonBody(body): JsonBody<types::LoginDto>,
) -> Reply {
    let mut state = lock(&shared);
    let user = state.check_credentials(&body.user_name, body.password.expose(), None)?;
    let (token, expires) = state.open_session(user);
    json(
        StatusCode::OK,
        &types::LoginResponseDto {
            user: Some(state.users[user].reference()),
            token: Some(token.into()),
            expires: Some(expires),
            ..Default::default()
        },
    )
}

async fn login_v3(
    State(shared): State<Arc<Shared>>,
    JsonBody(body): JsonBody<types::LoginV3Dto>,
) -> Reply {
    let mut state = lock(&shared);
    let user = state.check_credentials(
        &body.user_name,
        body.password.expose(),
        body.user_uid.as_deref(),
    )?;
    let (token, expires) = state.open_session(user);
    json(
        StatusCode::OK,
        &types::LoginResponseV3Dto {
            user: Some(state.users[user].reference()),
            token: Some(token.into()),
            expires: Some(expires),
            ..Default::default()
        },
    )
}

async fn who_am_i(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Reply {
    let (state, user) = authorized(&shared, &headers)?;
    json(
        StatusCode::OK,
        &types::LoginUserDto {
            user: Some(state.users[user].reference()),
            organization: Some(types::OrganizationReference {
                name: Some("Sandbox organisation".to_owned()),
                ..Default::default()
            }),
            edition: Some(types::EditionDto {
                id: Some("4".to_owned()),
                name: Some("Ultimate".to_owned()),
                ..Default::default()
            }),
            features: Some(types::FeaturesDto::default()),
            csrf_token: None,
        },
    )
}

async fn logout(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Reply {
    let (mut state, _) = authorized(&shared, &headers)?;
    if let Some(token) = token_of(&headers) {
        state.sessions.remove(token);
        state.rate.remove(token);
    }
    no_content()
}
