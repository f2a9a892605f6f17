//! Analyses: create (v2, one asynchronous request per analysis), get (v3), list by project
//! (v3, paged), download (CSV or JSON). The word counts are made in `analysis_counts`.

use std::sync::Arc;

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::routing::{get, post};
use memsource_api::enums::AnalyseType;
use memsource_api::{Timestamp, types};
use serde::Deserialize;

use super::analysis_counts::{Counts, Part};
use super::async_requests::Effect;
use super::checks::not_empty;
use super::http::{JsonBody, Reply, bad_request, binary, json, not_found, query};
use super::job_files::not_imported;
use super::paging::paged_reply;
use super::{MemsourceState, authorized, now};
use crate::Shared;

/// An analysis.
pub(crate) struct Analysis {
    uid: String,
    id: String,
    inner_id: i64,
    name: String,
    kind: String,
    pub(crate) project_uid: String,
    created_by: usize,
    date_created: Timestamp,
    pub(crate) request: u64,
    parts: Vec<Part>,
}

impl MemsourceState {
    pub(crate) fn analysis_dto(&self, analysis: &Analysis) -> types::AnalyseV3Dto {
        let finished = self.request_finished(analysis.request);
        let parts = analysis
            .parts
            .iter()
            .map(|part| {
                let total = part.all.words;
                let matches = |m100: Counts, m0: Counts| types::MatchCountsDto {
                    match100: Some(m100.dto(total)),
                    match0: Some(m0.dto(total)),
                    ..Default::default()
                };
                let data = types::DataDto {
                    available: Some(true),
                    estimate: Some(false),
                    all: Some(part.all.dto(total)),
                    repetitions: Some(part.repetitions.dto(total)),
                    trans_memory_matches: Some(matches(part.match100, part.match0)),
                    ..Default::default()
                };
                types::AnalyseLanguagePartV3Dto {
                    data: finished.then(|| data.clone()),
                    discounted_data: finished.then_some(data),
                    id: Some(part.id.clone()),
                    jobs: Some(part.jobs.iter().map(job_reference).collect()),
                    source_lang: Some(part.source_lang.as_str().into()),
                    target_lang: Some(part.target_lang.as_str().into()),
                    ..Default::default()
                }
            })
            .collect();
        types::AnalyseV3Dto {
            analyse_language_parts: Some(parts),
            created_by: self.users.get(analysis.created_by).map(|u| u.reference()),
            date_created: Some(analysis.date_created.clone()),
            id: Some(analysis.id.clone()),
            import_status: Some(import_status(finished)),
            inner_id: Some(analysis.inner_id),
            name: Some(analysis.name.clone()),
            outdated: Some(false),
            project: self.project(&analysis.project_uid).map(|p| p.reference()),
            type_: Some(AnalyseType::from(analysis.kind.as_str())),
            uid: Some(analysis.uid.as_str().into()),
            ..Default::default()
        }
    }

    fn analysis_reference(&self, analysis: &Analysis) -> types::AnalyseReference {
        let finished = self.request_finished(analysis.request);
        types::AnalyseReference {
            analyse_language_parts: Some(
                analysis
                    .parts
                    .iter()
                    .map(|p| types::AnalyseLanguagePartReference {
                        id: Some(p.id.clone()),
                        jobs: Some(p.jobs.iter().map(job_reference).collect()),
                        source_lang: Some(p.source_lang.as_str().into()),
                        target_lang: Some(p.target_lang.as_str().into()),
                    })
                    .collect(),
            ),
            created_by: self.users.get(analysis.created_by).map(|u| u.reference()),
            date_created: Some(analysis.date_created.clone()),
            id: Some(analysis.id.clone()),
            import_status: Some(import_status(finished)),
            inner_id: Some(analysis.inner_id.to_string()),
            name: Some(analysis.name.clone()),
            outdated: Some(false),
            type_: Some(AnalyseType::from(analysis.kind.as_str())),
            uid: Some(analysis.uid.as_str().into()),
            ..Default::default()
        }
    }

    /// Every analysis, oldest first, as `analyses/{uid}` (v3) answers it.
    pub fn analyses(&self) -> Vec<types::AnalyseV3Dto> {
        self.analyses.iter().map(|a| self.analysis_dto(a)).collect()
    }
}

fn job_reference(
    (uid, filename, inner_id): &(String, String, String),
) -> types::AnalyseJobReference {
    types::AnalyseJobReference {
        filename: Some(filename.clone()),
        inner_id: Some(inner_id.clone()),
        uid: Some(uid.as_str().into()),
    }
}

fn import_status(finished: bool) -> types::ImportStatusDto {
    types::ImportStatusDto {
        error_message: None,
        status: Some(if finished { "OK" } else { "RUNNING" }.to_owned()),
    }
}

pub(crate) fn router() -> Router<Arc<Shared>> {
    Router::new()
        .route("/web/api2/v2/analyses", post(create))
        .route("/web/api2/v3/analyses/{analyse_uid}", get(get_one))
        .route(
            "/web/api2/v3/projects/{project_uid}/analyses",
            get(list_by_project),
        )
        .route(
            "/web/api2/v1/analyses/{analyse_uid}/download",
            get(download),
        )
}

async fn create(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<types::CreateAnalyseAsyncV2Dto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    not_empty("jobs", &body.jobs)?;
    let kind = body
        .type_
        .as_ref()
        .map_or("PreAnalyse", |t| t.as_str())
        .to_owned();
    let action = match kind.as_str() {
        "PreAnalyse" => "PRE_ANALYSE",
        "PostAnalyse" => "POST_ANALYSE",
        "Compare" => "COMPARE_ANALYSE",
        other => return Err(bad_request(&format!("type {other:?} cannot be created."))),
    };
    // Group the jobs by project, in the order they were named.
    let mut projects: Vec<(String, Vec<String>)> = Vec::new();
    for reference in &body.jobs {
        let uid = reference.uid.as_deref().unwrap_or_default();
        let job = state
            .jobs
            .iter()
            .find(|j| j.uid == uid)
            .ok_or_else(|| not_found("Job", uid))?;
        if !job.imported {
            return Err(not_imported(uid));
        }
        let project = job.project_uid.clone();
        match projects.iter_mut().find(|(p, _)| *p == project) {
            Some((_, uids)) => uids.push(uid.to_owned()),
            None => projects.push((project, vec![uid.to_owned()])),
        }
    }
    let mut answers = Vec::new();
    for (project_uid, uids) in projects {
        let parts = state.count(&project_uid, &uids);
        let request = state.start_async(
            action,
            user,
            Some(project_uid.clone()),
            body.callback_url.clone(),
            Effect::Nothing,
        );
        let uid = state.uid();
        let number = state.number();
        let analysis = Analysis {
            uid,
            id: number.to_string(),
            inner_id: i64::try_from(state.analyses.len() + 1).unwrap_or(i64::MAX),
            name: body
                .name
                .clone()
                .unwrap_or_else(|| format!("Analysis #{number}")),
            kind: kind.clone(),
            project_uid,
            created_by: user,
            date_created: now(),
            request,
            parts,
        };
        let reference = serde_json::to_value(state.analysis_reference(&analysis)).ok();
        state.analyses.push(analysis);
        answers.push(types::AsyncAnalyseResponseV2Dto {
            async_request: state.request_dto(request).map(Box::new),
            analyse: reference.and_then(|v| v.as_object().cloned()),
        });
        super::callbacks::schedule(&shared, &state, request);
    }
    json(
        StatusCode::OK,
        &types::AsyncAnalyseListResponseV2Dto {
            async_requests: Some(answers),
        },
    )
}

fn find<'a>(
    state: &'a MemsourceState,
    uid: &str,
) -> Result<&'a Analysis, axum::response::Response> {
    state
        .analyses
        .iter()
        .find(|a| a.uid == uid || a.id == uid)
        .ok_or_else(|| not_found("Analysis", uid))
}

async fn get_one(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
) -> Reply {
    let (state, _) = authorized(&shared, &headers)?;
    let analysis = find(&state, &uid)?;
    json(StatusCode::OK, &state.analysis_dto(analysis))
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ListQuery {
    name: Option<String>,
    uid: Option<String>,
    page_number: Option<i32>,
    page_size: Option<i32>,
}

async fn list_by_project(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(project_uid): Path<String>,
    uri: Uri,
) -> Reply {
    let q: ListQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    state.project_or_404(&project_uid)?;
    let items = state
        .analyses
        .iter()
        .filter(|a| a.project_uid == project_uid)
        .filter(|a| q.name.as_deref().is_none_or(|n| a.name.contains(n)))
        .filter(|a| q.uid.as_deref().is_none_or(|u| a.uid == u))
        .map(|a| state.analysis_reference(a))
        .collect();
    paged_reply(items, q.page_number, q.page_size)
}

#[derive(Deserialize)]
struct DownloadQuery {
    format: Option<String>,
}

async fn download(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    uri: Uri,
) -> Reply {
    let q: DownloadQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    let format = q
        .format
        .ok_or_else(|| bad_request("format: must not be null"))?
        .to_uppercase();
    let analysis = find(&state, &uid)?;
    if !state.request_finished(analysis.request) {
        return Err(bad_request("The analysis has not finished yet."));
    }
    match format.as_str() {
        "JSON" => {
            let body = serde_json::to_vec_pretty(&state.analysis_dto(analysis))
                .map_err(|e| bad_request(&e.to_string()))?;
            binary(
                "application/json",
                &format!("analysis-{}.json", analysis.id),
                body,
            )
        }
        "CSV" | "LOG" => {
            let mut csv =
                String::from("target;segments;words;characters;repetitions;match100;match0\n");
            for p in &analysis.parts {
                csv.push_str(&format!(
                    "{};{};{};{};{};{};{}\n",
                    p.target_lang,
                    p.all.segments,
                    p.all.words,
                    p.all.characters,
                    p.repetitions.words,
                    p.match100.words,
                    p.match0.words
                ));
            }
            binary(
                "text/csv",
                &format!("analysis-{}.csv", analysis.id),
                csv.into_bytes(),
            )
        }
        other => Err(bad_request(&format!(
            "format {other:?}: the sandbox writes CSV, LOG or JSON."
        ))),
    }
}
