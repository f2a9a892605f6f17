//! The memoQ side of the sandbox: the Resources API under `/memoqserverhttpapi/v1/…`.
//!
//! All 30 operations of `openapi/memoq-resources.yaml` are served, reading and answering the
//! `memoq_api::types` the client uses. A fresh sandbox holds:
//!
//! * users: the memoQ user [`MEMOQ_USER`](crate::MEMOQ_USER) / [`MEMOQ_PASSWORD`](crate::MEMOQ_PASSWORD)
//!   (`LoginMode` 0), the Windows user [`WINDOWS_USER`] / [`WINDOWS_PASSWORD`] (1) and the
//!   Language Terminal ticket [`LT_TICKET`] (2);
//! * TMs: [`TM_EN_DE`] "Sandbox EN-DE" (eng → ger, 13 entries, reverse lookup allowed; entry 9 is
//!   a second "Print the document." stored with context), [`TM_EN_FR`] "Sandbox EN-FR"
//!   (eng → fre, 4 entries) and [`TM_DE_EN`] "Sandbox DE-EN (read-only)" (ger → eng, read-only
//!   access: writes get `Unauthorized`); TM custom metas `Reviewed` and `Origin`;
//! * the termbase [`TB_TERMS`] "Sandbox Terms" (eng, ger, fre; 10 entries such as
//!   document/Dokument/document and printer/Drucker/imprimante), with image meta fields
//!   `Illustration` (entry), `Flag` (language) and `Icon` (term), and custom metas `Status`
//!   (entry) and `Register` (term).
//!
//! Sessions expire after [`SandboxConfig::memoq_token_idle`](crate::SandboxConfig) without use
//! (`InvalidOrExpiredToken`); a login within `memoq_relogin_gap` of the same user's logout is
//! `TooFrequentLogin`; at most `memoq_licenses` sessions are open (`NoLicenseAvailable`). The
//! match rate of lookups is documented in the `match_rate` module: word- and character-level
//! edit distance, 101/102 for context matches.

mod auth;
mod concordance;
mod lookup;
mod match_rate;
mod meta;
mod search;
mod seed;
mod tbs;
mod terms;
mod tms;
mod wire;

use std::sync::{Arc, MutexGuard};

use axum::Router;
use axum::routing::{get, post};
use memoq_api::enums::LoginMode;
use memoq_api::types::{TbEntryModel, TbModel, TmEntryModel, TmModel};

use crate::{SandboxConfig, Shared};
use meta::Level;
use tbs::{ImageSlot, Tb};
use tms::Tm;
use wire::{Caller, Refusal};

/// The seeded Windows user (`LoginMode` 1).
pub const WINDOWS_USER: &str = "SANDBOX\\winuser";
/// The seeded Windows user's password.
pub const WINDOWS_PASSWORD: &str = "win-password";
/// The seeded Language Terminal ticket (`LoginMode` 2).
pub const LT_TICKET: &str = "sandbox-lt-ticket";
/// The name a Language Terminal login answers with.
pub const LT_USER: &str = "lt-user";
/// GUID of the TM "Sandbox EN-DE" (eng → ger).
pub const TM_EN_DE: &str = "5ab0c0de-0000-4000-8000-000000000001";
/// GUID of the TM "Sandbox EN-FR" (eng → fre; no reverse lookup).
pub const TM_EN_FR: &str = "5ab0c0de-0000-4000-8000-000000000002";
/// GUID of the TM "Sandbox DE-EN (read-only)" (ger → eng; the user may only read it).
pub const TM_DE_EN: &str = "5ab0c0de-0000-4000-8000-000000000003";
/// GUID of the termbase "Sandbox Terms" (eng, ger, fre).
pub const TB_TERMS: &str = "5ab0c0de-0000-4000-8000-0000000000b1";

/// Where an image of a termbase entry is stored, for [`MemoqState::tb_image`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageLevel<'a> {
    /// The entry itself.
    Entry,
    /// The language block with this code.
    Language(&'a str),
    /// The term with this id.
    Term(i32),
}

/// Everything the memoQ side holds: users, sessions, TMs and termbases.
///
/// Tests reach it through [`Sandbox::memoq`](crate::Sandbox::memoq) to inspect or arrange
/// state. Its `Debug` shows no password, ticket or token.
#[derive(Debug)]
pub struct MemoqState {
    auth: auth::Auth,
    tms: Vec<Tm>,
    tbs: Vec<Tb>,
    stamps: wire::Stamps,
}

impl MemoqState {
    pub(crate) fn seeded(config: &SandboxConfig) -> MemoqState {
        let mut stamps = wire::Stamps::default();
        MemoqState {
            auth: auth::Auth::new(config),
            tms: seed::tms(&mut stamps),
            tbs: seed::tbs(&mut stamps),
            stamps,
        }
    }

    /// Ends every open session: the next call with any current token is refused as expired
    /// (`InvalidOrExpiredToken`), and the licences are free again.
    pub fn expire_all_tokens(&mut self) {
        self.auth.expire_all();
    }

    /// How many sessions are open (logged in, not logged out, not idle for too long).
    pub fn open_sessions(&self) -> usize {
        self.auth.open_sessions()
    }

    /// How many logins succeeded since the sandbox started.
    pub fn logins(&self) -> u64 {
        self.auth.logins()
    }

    /// Changes the size of the licence pool (open sessions are kept).
    pub fn set_licenses(&mut self, licenses: usize) {
        self.auth.set_licenses(licenses);
    }

    /// Adds a memoQ server user (`LoginMode` 0), or changes the password of one.
    pub fn add_memoq_user(&mut self, name: &str, password: &str) {
        self.auth
            .add_user(LoginMode::MemoQServerUser, name, password);
    }

    /// The TMs, as `GET /tms` lists them.
    pub fn tms(&self) -> Vec<TmModel> {
        self.tms.iter().map(Tm::model).collect()
    }

    /// The entries of a TM in key order; `None` for an unknown GUID.
    pub fn tm_entries(&self, tm_guid: &str) -> Option<Vec<TmEntryModel>> {
        let tm = self.find_tm(tm_guid)?;
        Some(tm.entries.values().cloned().collect())
    }

    /// One TM entry by key.
    pub fn tm_entry(&self, tm_guid: &str, key: i32) -> Option<TmEntryModel> {
        let tm = self.find_tm(tm_guid)?;
        tm.entries.get(&key).cloned()
    }

    /// Adds an entry to a TM as it is, with fresh `Created`/`Modified` stamps when it has
    /// none; returns its key (`None` for an unknown GUID).
    pub fn insert_tm_entry(&mut self, tm_guid: &str, mut entry: TmEntryModel) -> Option<i32> {
        let guid = wire::guid(tm_guid).ok()?;
        let now = self.stamps.next();
        let tm = self.tm_mut(&guid).ok()?;
        entry.created.get_or_insert_with(|| now.clone());
        entry.modified.get_or_insert(now);
        Some(tm.insert(entry))
    }

    /// Marks a TM entry as changed by somebody else: a new `Modified`, so an update that
    /// echoes the old one gets `OptimisticConcurrencyError`. Returns the new value.
    pub fn touch_tm_entry(&mut self, tm_guid: &str, key: i32) -> Option<memoq_api::Timestamp> {
        let guid = wire::guid(tm_guid).ok()?;
        let now = self.stamps.next();
        let tm = self.tm_mut(&guid).ok()?;
        let entry = tm.entries.get_mut(&key)?;
        entry.modified = Some(now.clone());
        entry.modifier = Some("somebody-else".into());
        Some(now)
    }

    /// The termbases, as `GET /tbs` lists them.
    pub fn tbs(&self) -> Vec<TbModel> {
        self.tbs.iter().map(Tb::model).collect()
    }

    /// The entries of a termbase in id order; `None` for an unknown GUID.
    pub fn tb_entries(&self, tb_guid: &str) -> Option<Vec<TbEntryModel>> {
        let tb = self.find_tb(tb_guid)?;
        Some(tb.entries.values().cloned().collect())
    }

    /// The image stored in meta field `meta` of a termbase entry, at `level`.
    pub fn tb_image(
        &self,
        tb_guid: &str,
        entry: i32,
        level: ImageLevel<'_>,
        meta: &str,
    ) -> Option<Vec<u8>> {
        let tb = self.find_tb(tb_guid)?;
        let meta = meta.to_lowercase();
        let slot = match level {
            ImageLevel::Entry => ImageSlot::Entry(entry, meta),
            ImageLevel::Language(code) => ImageSlot::Language(entry, code.to_lowercase(), meta),
            ImageLevel::Term(term) => ImageSlot::Term(entry, term, meta),
        };
        tb.images.get(&slot).cloned()
    }

    /// Makes a termbase read-only (writes get `TBReadOnlyError`) or writable again; `false` for
    /// an unknown GUID.
    pub fn set_tb_read_only(&mut self, tb_guid: &str, read_only: bool) -> bool {
        self.tb_flag(tb_guid, |tb| tb.read_only = read_only)
    }

    /// Opens a termbase for exclusive use (writes get `TBExclusionError`) or releases it;
    /// `false` for an unknown GUID.
    pub fn set_tb_exclusive(&mut self, tb_guid: &str, exclusive: bool) -> bool {
        self.tb_flag(tb_guid, |tb| tb.exclusive = exclusive)
    }

    fn tb_flag(&mut self, tb_guid: &str, set: impl FnOnce(&mut Tb)) -> bool {
        let Ok(guid) = wire::guid(tb_guid) else {
            return false;
        };
        match self.tb_mut(&guid) {
            Ok(tb) => {
                set(tb);
                true
            }
            Err(_) => false,
        }
    }

    /// The TM a GUID as a test writes it names (the inspection methods' lookup).
    fn find_tm(&self, raw_guid: &str) -> Option<&Tm> {
        self.tm(&wire::guid(raw_guid).ok()?).ok()
    }

    /// The termbase a GUID as a test writes it names (the inspection methods' lookup).
    fn find_tb(&self, raw_guid: &str) -> Option<&Tb> {
        self.tb(&wire::guid(raw_guid).ok()?).ok()
    }

    pub(crate) fn tm(&self, guid: &str) -> Result<&Tm, Refusal> {
        self.tms
            .iter()
            .find(|tm| tm.guid == guid)
            .ok_or_else(Refusal::resource_not_found)
    }

    pub(crate) fn tm_mut(&mut self, guid: &str) -> Result<&mut Tm, Refusal> {
        self.tms
            .iter_mut()
            .find(|tm| tm.guid == guid)
            .ok_or_else(Refusal::resource_not_found)
    }

    pub(crate) fn tb(&self, guid: &str) -> Result<&Tb, Refusal> {
        self.tbs
            .iter()
            .find(|tb| tb.guid == guid)
            .ok_or_else(Refusal::resource_not_found)
    }

    pub(crate) fn tb_mut(&mut self, guid: &str) -> Result<&mut Tb, Refusal> {
        self.tbs
            .iter_mut()
            .find(|tb| tb.guid == guid)
            .ok_or_else(Refusal::resource_not_found)
    }
}

/// Starts a request on one TM or termbase with the checks memoQ makes first, in its order:
/// `caller`'s token, then the GUID in the path. Answers the locked state, the caller's user
/// name and the GUID, normalised.
pub(crate) fn call<'a>(
    shared: &'a Shared,
    caller: &Caller,
    raw_guid: &str,
) -> Result<(MutexGuard<'a, MemoqState>, String, String), Refusal> {
    let mut state = shared.memoq();
    let user = state.auth.authenticate(caller)?;
    let guid = wire::guid(raw_guid)?;
    Ok((state, user, guid))
}

/// What this API answers a request whose token it does not know (the fault layer's expired token).
pub(crate) fn expired_token() -> axum::response::Response {
    axum::response::IntoResponse::into_response(wire::Refusal::expired_token())
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    const V1: &str = "/memoqserverhttpapi/v1";
    let tb_entry = "/tbs/{tbGuid}/entries/{entryId}";
    let routes: Vec<(String, axum::routing::MethodRouter<Arc<Shared>>)> = vec![
        ("/auth/login".into(), post(auth::login)),
        ("/auth/logout".into(), post(auth::logout)),
        ("/tms".into(), get(tms::list)),
        ("/tms/{tmGuid}".into(), get(tms::get)),
        (
            "/tms/{tmGuid}/custommetascheme".into(),
            get(tms::custom_meta_scheme),
        ),
        (
            "/tms/{tmGuid}/concordance".into(),
            post(concordance::concordance),
        ),
        (
            "/tms/{tmGuid}/lookupsegments".into(),
            post(lookup::lookup_segments),
        ),
        (
            "/tms/{tmGuid}/entries/create".into(),
            post(tms::entry_create),
        ),
        (
            "/tms/{tmGuid}/entries/{entryId}".into(),
            get(tms::entry_get),
        ),
        (
            "/tms/{tmGuid}/entries/{entryId}/update".into(),
            post(tms::entry_update),
        ),
        (
            "/tms/{tmGuid}/entries/{entryId}/delete".into(),
            post(tms::entry_delete),
        ),
        ("/tbs".into(), get(tbs::list)),
        ("/tbs/{tbGuid}".into(), get(tbs::get)),
        (
            "/tbs/{tbGuid}/metadefinitions".into(),
            get(tbs::meta_definitions),
        ),
        (
            "/tbs/{tbGuid}/lookupterms".into(),
            post(terms::lookup_terms),
        ),
        ("/tbs/{tbGuid}/search".into(), post(search::search)),
        (
            "/tbs/{tbGuid}/entries/create".into(),
            post(tbs::entry_create),
        ),
        (tb_entry.into(), get(tbs::entry_get)),
        (format!("{tb_entry}/update"), post(tbs::entry_update)),
        (format!("{tb_entry}/delete"), post(tbs::entry_delete)),
        (
            format!("{tb_entry}/entrymetas/{{metaname}}"),
            meta::route(Level::Entry),
        ),
        (
            format!("{tb_entry}/languagemetas/{{metaname}}"),
            meta::route(Level::Language),
        ),
        (
            format!("{tb_entry}/languagemetas/{{language}}/{{metaname}}"),
            meta::route(Level::Language),
        ),
        (
            format!("{tb_entry}/termmetas/{{metaname}}"),
            meta::route(Level::Term),
        ),
        (
            format!("{tb_entry}/termmetas/{{termId}}/{{metaname}}"),
            meta::route(Level::Term),
        ),
    ];
    routes
        .into_iter()
        .fold(Router::new(), |router, (path, route)| {
            router.route(&format!("{V1}{path}"), route)
        })
}
