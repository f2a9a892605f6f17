//! Meta images of termbase entries, language blocks and terms (`…/entrymetas/…`,
//! `…/languagemetas/…`, `…/termmetas/…`).
//!
//! The meta field must be defined in the termbase with type *Image* and the path's scope
//! (entry, language or term), else `CustomMetaError`. Images go up as the raw request body
//! (any media type, not empty) and come back as `application/octet-stream`; reading a field
//! that holds no image is `EntryNotFound`. The forms without a language or a term id (which
//! the vendor documents without saying which block they mean) address the entry's first
//! language block and its first term.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::{MethodRouter, get};
use memoq_api::enums::{TbMetaScope, TbMetaType};

use super::call;
use super::tbs::{ImageSlot, Tb};
use super::wire::{self, Answer, Caller, RawBody, Refusal};
use crate::Shared;

/// Which block of the entry the path names.
enum Target {
    Entry,
    /// A language code as it came in the path, or none: the first block.
    Language(Option<String>),
    /// A term id as it came in the path, or none: the first term.
    Term(Option<String>),
}

impl Target {
    fn scope(&self) -> TbMetaScope {
        match self {
            Target::Entry => TbMetaScope::Entry,
            Target::Language(_) => TbMetaScope::Language,
            Target::Term(_) => TbMetaScope::Term,
        }
    }
}

/// The slot the path names, after checking the definition and the entry.
fn slot(tb: &Tb, entry: i32, target: Target, meta: &str) -> Result<ImageSlot, Refusal> {
    let fits = tb
        .definition(meta)
        .is_some_and(|d| d.meta_type == Some(TbMetaType::Image) && d.scope == Some(target.scope()));
    if !fits {
        return Err(Refusal::custom_meta(meta));
    }
    let stored = tb
        .entries
        .get(&entry)
        .ok_or_else(Refusal::entry_not_found)?;
    let meta = meta.to_lowercase();
    let languages = stored.languages.as_deref().unwrap_or_default();
    Ok(match target {
        Target::Entry => ImageSlot::Entry(entry, meta),
        Target::Language(language) => {
            let block = match language {
                Some(code) => {
                    let code = wire::language(&code)?;
                    languages
                        .iter()
                        .find(|l| l.language.as_str().eq_ignore_ascii_case(&code))
                }
                None => languages.first(),
            }
            .ok_or_else(Refusal::entry_not_found)?;
            ImageSlot::Language(entry, block.language.as_str().to_lowercase(), meta)
        }
        Target::Term(term) => {
            let mut terms = languages.iter().flat_map(|l| l.term_items.iter().flatten());
            let item = match term {
                Some(id) => {
                    let id = wire::int_id(&id)?;
                    terms.find(|t| t.id == Some(id))
                }
                None => terms.next(),
            }
            .ok_or_else(Refusal::entry_not_found)?;
            ImageSlot::Term(entry, item.id.unwrap_or_default(), meta)
        }
    })
}

fn read(
    shared: &Shared,
    caller: &Caller,
    tb: &str,
    entry: &str,
    target: Target,
    meta: &str,
) -> Answer {
    let (state, _, guid) = call(shared, caller, tb)?;
    let entry = wire::int_id(entry)?;
    let tb = state.tb(&guid)?;
    let slot = slot(tb, entry, target, meta)?;
    let image = tb.images.get(&slot).ok_or_else(|| {
        Refusal::new(
            axum::http::StatusCode::NOT_FOUND,
            "EntryNotFound",
            "No image is stored in this meta field.",
        )
    })?;
    Ok((
        [(header::CONTENT_TYPE, "application/octet-stream")],
        image.clone(),
    )
        .into_response())
}

fn write(
    shared: &Shared,
    caller: &Caller,
    tb: &str,
    entry: &str,
    target: Target,
    meta: &str,
    body: &[u8],
) -> Answer {
    let (mut state, _, guid) = call(shared, caller, tb)?;
    let entry = wire::int_id(entry)?;
    let now = state.stamps.next();
    let tb = state.tb_mut(&guid)?;
    tb.writable()?;
    let slot = slot(tb, entry, target, meta)?;
    if body.is_empty() {
        return Err(Refusal::invalid_argument("The image is empty."));
    }
    tb.images.insert(slot, body.to_vec());
    tb.last_modified = Some(now);
    Ok(wire::no_content())
}

/// The level of an entry an image route addresses.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Level {
    Entry,
    Language,
    Term,
}

impl Level {
    /// Splits a route's path: termbase GUID, entry id, the language code or term id when the
    /// route names the block, and the meta field's name.
    fn split(self, path: Vec<String>) -> Result<(String, String, Target, String), Refusal> {
        let mut parts = path.into_iter();
        let (Some(tb), Some(entry)) = (parts.next(), parts.next()) else {
            return Err(Refusal::invalid_request());
        };
        let mut rest: Vec<String> = parts.collect();
        let meta = rest.pop().ok_or_else(Refusal::invalid_request)?;
        let named = rest.pop();
        let target = match self {
            Level::Entry => Target::Entry,
            Level::Language => Target::Language(named),
            Level::Term => Target::Term(named),
        };
        Ok((tb, entry, target, meta))
    }
}

/// The image route of `level`: GET reads the image, POST stores the request body. Serves the
/// routes with and without a language code or term id alike.
pub(crate) fn route(level: Level) -> MethodRouter<Arc<Shared>> {
    get(
        move |State(shared): SharedState, caller: Caller, Path(path): MetaPath| async move {
            let (tb, entry, target, meta) = level.split(path)?;
            read(&shared, &caller, &tb, &entry, target, &meta)
        },
    )
    .post(
        move |State(shared): SharedState,
              caller: Caller,
              Path(path): MetaPath,
              RawBody(body): RawBody| async move {
            let (tb, entry, target, meta) = level.split(path)?;
            write(&shared, &caller, &tb, &entry, target, &meta, &body)
        },
    )
}

type SharedState = State<Arc<Shared>>;
type MetaPath = Path<Vec<String>>;
