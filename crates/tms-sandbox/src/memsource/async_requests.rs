//! Asynchronous requests: every long operation starts one; it finishes `async_delay` after it
//! started (on the tokio clock), when its effect is applied (jobs imported, TMX units stored,
//! an export built). Until then `asyncResponse` is null.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::get;
use memsource_api::enums::AsyncRequestAction;
use memsource_api::{Timestamp, types};
use serde::Deserialize;
use tokio::time::Instant;

use super::http::{Reply, json, not_found, query};
use super::paging::paged_reply;
use super::{MemsourceState, authorized, now, tmx};
use crate::Shared;

/// The organisation's cap on pending requests, as `async/status` reports it.
pub(crate) const PENDING_LIMIT: i32 = 200;

/// What a request does to the state when it finishes.
pub(crate) enum Effect {
    /// Nothing beyond finishing.
    Nothing,
    /// These jobs become imported.
    ImportJobs(Vec<String>),
    /// These (source, target language, target) units go into the translation memory `tm`
    /// (a TMX import).
    InsertUnits { tm: String, pairs: Vec<tmx::Pair> },
    /// The TMX of translation memory `tm` (these target languages, all when empty) is built.
    ExportTm { tm: String, langs: Vec<String> },
    /// The work fails with this code and description.
    Fail { code: String, description: String },
}

/// How a request ended.
pub(crate) struct Finished {
    date: Timestamp,
    error: Option<(String, String)>,
    accepted: Option<i32>,
}

/// One asynchronous request.
pub(crate) struct AsyncRecord {
    pub(crate) id: u64,
    pub(crate) action: &'static str,
    /// Index into `users`.
    pub(crate) created_by: usize,
    pub(crate) date_created: Timestamp,
    pub(crate) due: Instant,
    pub(crate) project: Option<String>,
    pub(crate) parent: Option<u64>,
    pub(crate) callback_url: Option<String>,
    effect: Option<Effect>,
    pub(crate) finished: Option<Finished>,
    /// The file an export built, for its download.
    pub(crate) export: Option<Vec<u8>>,
    /// What the request works on (the job of a target export), when a later call checks it.
    pub(crate) subject: Option<String>,
    /// What the callback carries besides the request (`analyse`, `jobParts`, …).
    pub(crate) callback_extra: serde_json::Map<String, serde_json::Value>,
}

impl MemsourceState {
    /// Starts an asynchronous request that finishes after `async_delay`.
    pub(crate) fn start_async(
        &mut self,
        action: &'static str,
        created_by: usize,
        project: Option<String>,
        callback_url: Option<String>,
        effect: Effect,
    ) -> u64 {
        let id = self.number() * 1000 + 7;
        let due = Instant::now() + self.async_delay;
        self.requests.insert(
            id,
            AsyncRecord {
                id,
                action,
                created_by,
                date_created: now(),
                due,
                project,
                parent: None,
                callback_url,
                effect: Some(effect),
                finished: None,
                export: None,
                subject: None,
                callback_extra: serde_json::Map::new(),
            },
        );
        id
    }

    /// Finishes every request due by `at`, in the order they started, applying its effect.
    pub(crate) fn settle_at(&mut self, at: Instant) {
        let due: Vec<u64> = self
            .requests
            .values()
            .filter(|r| r.finished.is_none() && r.due <= at)
            .map(|r| r.id)
            .collect();
        for id in due {
            let effect = self
                .requests
                .get_mut(&id)
                .and_then(|r| r.effect.take())
                .unwrap_or(Effect::Nothing);
            let mut error = None;
            let mut accepted = None;
            let mut export = None;
            match effect {
                Effect::Nothing => {}
                Effect::ImportJobs(uids) => {
                    for job in self.jobs.iter_mut().filter(|j| uids.contains(&j.uid)) {
                        job.imported = true;
                    }
                }
                Effect::InsertUnits { tm, pairs } => match self.tm_mut(&tm) {
                    Some(memory) => {
                        accepted = Some(i32::try_from(pairs.len()).unwrap_or(i32::MAX));
                        for (source, lang, target) in &pairs {
                            memory.push_unit(source, lang, target);
                        }
                    }
                    None => {
                        error = Some((
                            "ResourceNotFound".to_owned(),
                            "The translation memory was deleted.".to_owned(),
                        ))
                    }
                },
                Effect::ExportTm { tm, langs } => match self.tm_mut(&tm) {
                    Some(memory) => export = Some(super::tmx::write(memory, &langs)),
                    None => {
                        error = Some((
                            "ResourceNotFound".to_owned(),
                            "The translation memory was deleted.".to_owned(),
                        ))
                    }
                },
                Effect::Fail { code, description } => error = Some((code, description)),
            }
            if let Some(record) = self.requests.get_mut(&id) {
                if export.is_some() {
                    record.export = export;
                }
                record.finished = Some(Finished {
                    date: now(),
                    error,
                    accepted,
                });
            }
        }
    }

    /// The request as `async/{id}` answers it.
    pub(crate) fn request_dto(&self, id: u64) -> Option<types::AsyncRequestDto> {
        let record = self.requests.get(&id)?;
        Some(types::AsyncRequestDto {
            action: Some(AsyncRequestAction::from(record.action)),
            async_response: record.finished.as_ref().map(|f| types::AsyncResponseDto {
                accepted_segments_count: f.accepted,
                date_created: Some(f.date.clone()),
                error_code: f.error.as_ref().map(|(code, _)| code.clone()),
                error_desc: f.error.as_ref().map(|(_, desc)| desc.clone()),
                error_details: Some(Vec::new()),
                warnings: Some(Vec::new()),
            }),
            created_by: self.users.get(record.created_by).map(|u| u.reference()),
            date_created: Some(record.date_created.clone()),
            id: Some(id.into()),
            parent: record
                .parent
                .and_then(|parent| self.request_dto(parent))
                .map(Box::new),
            project: record
                .project
                .as_deref()
                .and_then(|uid| self.project(uid))
                .map(|p| p.reference()),
        })
    }

    /// 202 with request `id`, as the v2 asynchronous operations answer.
    pub(crate) fn accepted_reply(&self, id: u64) -> Reply {
        json(
            StatusCode::ACCEPTED,
            &types::AsyncRequestWrapperV2Dto {
                async_request: self.request_dto(id).map(Box::new),
            },
        )
    }

    /// Whether request `id` has finished (an unknown one has not).
    pub(crate) fn request_finished(&self, id: u64) -> bool {
        self.requests.get(&id).is_some_and(|r| r.finished.is_some())
    }

    /// The short reference a job create answer carries.
    pub(crate) fn request_reference(&self, id: u64) -> types::AsyncRequestReference {
        let record = self.requests.get(&id);
        types::AsyncRequestReference {
            action: record.map(|r| AsyncRequestAction::from(r.action)),
            date_created: record.map(|r| r.date_created.clone()),
            id: Some(id.into()),
        }
    }

    /// Every asynchronous request so far, oldest first, as `async/{id}` answers it.
    pub fn async_requests(&self) -> Vec<types::AsyncRequestDto> {
        self.requests
            .keys()
            .filter_map(|id| self.request_dto(*id))
            .collect()
    }

    fn pending_count(&self) -> usize {
        self.requests
            .values()
            .filter(|r| r.finished.is_none())
            .count()
    }
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/web/api2/v1/async", get(list_pending))
        .route("/web/api2/v1/async/status", get(status))
        .route("/web/api2/v1/async/{async_request_id}", get(get_one))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct PendingQuery {
    all: Option<bool>,
    page_number: Option<i32>,
    page_size: Option<i32>,
}

async fn list_pending(State(shared): State<Arc<Shared>>, headers: HeaderMap, uri: Uri) -> Reply {
    let q: PendingQuery = query(&uri)?;
    let (state, user) = authorized(&shared, &headers)?;
    if q.all == Some(true) && state.users[user].role != "ADMIN" {
        return Err(crate::errors::memsource(
            StatusCode::FORBIDDEN,
            "AuthAccessDenied",
            "Only an ADMIN may list the organisation's requests.",
        ));
    }
    let pending = state
        .requests
        .values()
        .filter(|r| r.finished.is_none() && (q.all == Some(true) || r.created_by == user))
        .map(|r| r.id)
        .collect::<Vec<_>>()
        .into_iter()
        .filter_map(|id| state.request_dto(id))
        .collect();
    paged_reply(pending, q.page_number, q.page_size)
}

async fn status(State(shared): State<Arc<Shared>>, headers: HeaderMap) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    json(
        StatusCode::OK,
        &types::AsyncRequestStatusDto {
            concurrent_requests: Some(types::ConcurrentRequestsDto {
                count: Some(i32::try_from(state.pending_count()).unwrap_or(i32::MAX)),
                limit: Some(PENDING_LIMIT),
            }),
        },
    )
}

/// The numeric id of a path segment, or 404.
pub(crate) fn parse_id(id: &str) -> Result<u64, axum::response::Response> {
    id.parse()
        .map_err(|_| not_found("Asynchronous request", id))
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let dto = state
        .request_dto(parse_id(&id)?)
        .ok_or_else(|| not_found("Asynchronous request", &id))?;
    json(StatusCode::OK, &dto)
}
