//! The Memsource side of the sandbox: the 61 operations of `openapi/memsource.yaml` under
//! `/web/api2/…`, answered with `memsource_api::types` so the sandbox and the client agree.
//!
//! Seeded data (see [`MemsourceState::seeded`]): the user `pm` / `pm-password`
//! ([`MEMSOURCE_USER`](crate::MEMSOURCE_USER), [`MEMSOURCE_PASSWORD`](crate::MEMSOURCE_PASSWORD),
//! role `ADMIN`) and a linguist `linguist` / `linguist-password`; the project
//! [`SEED_PROJECT`] (en → de, fr); the translation memory [`SEED_TM`] (en → de, three units);
//! the term base [`SEED_TB`] (en, de, two concepts); the project template [`SEED_TEMPLATE`].
//!
//! Asynchronous work finishes `async_delay` after it started: it is settled lazily, whenever a
//! request (or a callback delivery) looks at the state, by the paused-clock-friendly tokio clock.

// Handlers answer `Result<Response, Response>`: the error is the vendor's ready HTTP answer,
// built once per refused request and sent as it is, so boxing it would buy nothing.
#![allow(clippy::result_large_err)]

mod analyses;
mod analysis_counts;
mod async_requests;
mod auth;
mod callbacks;
mod checks;
mod files;
mod http;
mod job_create;
mod job_files;
mod jobs;
mod paging;
mod projects;
mod tb_export;
mod tb_terms;
mod templates;
mod termbases;
mod text;
mod tm_files;
mod tm_search;
mod tms;
mod tmx;
mod users;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, MutexGuard};
use std::time::Duration;

use axum::Router;
use axum::http::HeaderMap;
use axum::response::Response;
use memsource_api::types;

use crate::{SandboxConfig, Shared};

pub use callbacks::CallbackAttempt;

/// The name of the seeded project (en → de, fr).
pub const SEED_PROJECT: &str = "Sandbox project";
/// The name of the seeded translation memory (en → de).
pub const SEED_TM: &str = "Sandbox TM";
/// The name of the seeded term base (en, de).
pub const SEED_TB: &str = "Sandbox TB";
/// The name of the seeded project template (en → de).
pub const SEED_TEMPLATE: &str = "Sandbox template";

/// Everything the Memsource side holds: users, sessions and resources.
///
/// Tests reach it through [`Sandbox::memsource`](crate::Sandbox::memsource); the inspection
/// methods answer with the client's own types. Asynchronous work that came due is applied when
/// the API next looks at the state, or by [`MemsourceState::settle`].
pub struct MemsourceState {
    pub(crate) token_lifetime: Duration,
    pub(crate) async_delay: Duration,
    pub(crate) rate_limit: Option<(u32, Duration)>,
    pub(crate) users: Vec<users::User>,
    pub(crate) sessions: HashMap<String, auth::Session>,
    pub(crate) rate: HashMap<String, auth::Window>,
    pub(crate) projects: Vec<projects::Project>,
    pub(crate) templates: Vec<templates::Template>,
    pub(crate) jobs: Vec<jobs::Job>,
    pub(crate) files: HashMap<String, files::StoredFile>,
    pub(crate) requests: BTreeMap<u64, async_requests::AsyncRecord>,
    pub(crate) analyses: Vec<analyses::Analysis>,
    pub(crate) tms: Vec<tms::Tm>,
    pub(crate) tbs: Vec<termbases::Tb>,
    pub(crate) callbacks: Vec<CallbackAttempt>,
    /// How many callback attempts were made, for tests to wait on.
    pub(crate) callback_count: tokio::sync::watch::Sender<usize>,
    next_number: u64,
    rng: fastrand::Rng,
}

impl std::fmt::Debug for MemsourceState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Tokens and passwords stay out of it.
        f.debug_struct("MemsourceState")
            .field("users", &self.users.len())
            .field("sessions", &self.sessions.len())
            .field("projects", &self.projects.len())
            .field("jobs", &self.jobs.len())
            .field("async_requests", &self.requests.len())
            .field("translation_memories", &self.tms.len())
            .field("term_bases", &self.tbs.len())
            .finish_non_exhaustive()
    }
}

impl MemsourceState {
    /// The seeded state: users, a project, a translation memory, a term base and a template.
    pub(crate) fn seeded(config: &SandboxConfig) -> MemsourceState {
        let mut state = MemsourceState {
            token_lifetime: config.memsource_token_lifetime,
            async_delay: config.async_delay,
            rate_limit: config.memsource_rate_limit,
            users: Vec::new(),
            sessions: HashMap::new(),
            rate: HashMap::new(),
            projects: Vec::new(),
            templates: Vec::new(),
            jobs: Vec::new(),
            files: HashMap::new(),
            requests: BTreeMap::new(),
            analyses: Vec::new(),
            tms: Vec::new(),
            tbs: Vec::new(),
            callbacks: Vec::new(),
            callback_count: tokio::sync::watch::Sender::new(0),
            next_number: 1000,
            rng: fastrand::Rng::with_seed(config.seed ^ 0x6d73),
        };
        users::seed(&mut state);
        projects::seed(&mut state);
        templates::seed(&mut state);
        tms::seed(&mut state);
        termbases::seed(&mut state);
        state
    }

    /// Ends every open session: the next call with any current token is refused as expired.
    pub fn expire_all_tokens(&mut self) {
        self.sessions.clear();
        self.rate.clear();
    }

    /// Applies the asynchronous work that came due by now (the API does this on every call).
    pub fn settle(&mut self) {
        self.settle_at(tokio::time::Instant::now());
    }

    /// How many sessions (tokens) are open.
    pub fn open_sessions(&self) -> usize {
        self.sessions.len()
    }

    /// A fresh numeric id (internal ids, async request ids, term ids).
    pub(crate) fn number(&mut self) -> u64 {
        self.next_number += 1;
        self.next_number
    }

    /// A fresh uid in the vendor's style: 22 letters and digits.
    pub(crate) fn uid(&mut self) -> String {
        const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        (0..22)
            .map(|_| char::from(ALPHABET[self.rng.usize(..ALPHABET.len())]))
            .collect()
    }

    /// The seeded project manager, owner of what the seed creates.
    pub(crate) fn seed_owner(&self) -> types::UserReference {
        self.users
            .first()
            .map(users::User::reference)
            .unwrap_or_default()
    }
}

/// The Memsource state, with the asynchronous work that came due applied.
pub(crate) fn lock(shared: &Shared) -> MutexGuard<'_, MemsourceState> {
    let mut state = shared.memsource();
    state.settle();
    state
}

/// The state for a request, after its token was checked (and the rate limit applied), with
/// the index of the calling user into `users`; every handler but the logins starts here.
pub(crate) fn authorized<'a>(
    shared: &'a Shared,
    headers: &HeaderMap,
) -> Result<(MutexGuard<'a, MemsourceState>, usize), Response> {
    let mut state = lock(shared);
    let user = state.authenticate(headers)?;
    Ok((state, user))
}

/// Now, as the vendor writes it.
pub(crate) fn now() -> memsource_api::Timestamp {
    memsource_api::Timestamp::from(chrono::Utc::now())
}

/// What this API answers a request whose token it does not know (the fault layer's expired token).
pub(crate) fn expired_token() -> axum::response::Response {
    auth::unauthorized()
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .merge(auth::router())
        .merge(async_requests::router())
        .merge(projects::router())
        .merge(templates::router())
        .merge(jobs::router())
        .merge(analyses::router())
        .merge(tms::router())
        .merge(termbases::router())
        .merge(users::router())
}
