//! Translation memory files: TMX import (asynchronous, read at once and applied when the
//! request finishes), export (asynchronous) and the download of a finished export.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use memsource_api::types;
use serde::Deserialize;

use super::async_requests::{Effect, parse_id};
use super::files::{self, Disposition};
use super::http::{JsonBody, RawBody, Reply, bad_request, binary, json, not_found, query};
use super::{authorized, tmx};
use crate::Shared;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ImportQuery {
    strict_lang_matching: Option<bool>,
    #[allow(dead_code)]
    strip_native_codes: Option<bool>,
}

pub(crate) async fn import(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    uri: Uri,
    RawBody(body): RawBody,
) -> Reply {
    let q: ImportQuery = query(&uri)?;
    let (mut state, user) = authorized(&shared, &headers)?;
    files::filename(&headers, Disposition::Rfc5987Only)?;
    let tm = state.tm_or_404(&uid)?;
    // Read now, applied when the request finishes; a broken file fails the request.
    let effect = match tmx::read(&body, tm, q.strict_lang_matching.unwrap_or(false)) {
        Ok(pairs) => Effect::InsertUnits {
            tm: uid.clone(),
            pairs,
        },
        Err(description) => Effect::Fail {
            code: "TmImportFailed".to_owned(),
            description,
        },
    };
    let id = state.start_async("IMPORT_TMX", user, None, None, effect);
    state.accepted_reply(id)
}

pub(crate) async fn export(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    JsonBody(body): JsonBody<types::ExportTmDto>,
) -> Reply {
    let (mut state, user) = authorized(&shared, &headers)?;
    let tm = state.tm_or_404(&uid)?;
    if let Some(lang) = body
        .export_target_langs
        .iter()
        .find(|l| !tm.target_langs.iter().any(|t| t.eq_ignore_ascii_case(l)))
    {
        return Err(bad_request(&format!(
            "exportTargetLangs: {:?} is not a target language of the TM.",
            lang.as_str()
        )));
    }
    let reference = serde_json::json!({ "uid": tm.uid, "id": tm.id, "name": tm.name });
    let langs: Vec<String> = body
        .export_target_langs
        .iter()
        .map(|l| l.to_string())
        .collect();
    let id = state.start_async(
        "EXPORT_TMX",
        user,
        None,
        body.callback_url,
        Effect::ExportTm {
            tm: uid.clone(),
            langs,
        },
    );
    if let Some(record) = state.requests.get_mut(&id) {
        record.subject = Some(uid);
    }
    super::callbacks::schedule(&shared, &state, id);
    json(
        StatusCode::OK,
        &types::AsyncExportTmResponseDto {
            async_request: state.request_dto(id).map(Box::new),
            async_export: Some(types::AsyncExportTmDto {
                export_target_langs: Some(body.export_target_langs),
                trans_memory: reference.as_object().cloned(),
            }),
        },
    )
}

#[derive(Deserialize)]
struct DownloadQuery {
    format: Option<String>,
}

pub(crate) async fn download_export(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(id): Path<String>,
    uri: Uri,
) -> Reply {
    let q: DownloadQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    if let Some(format) = q.format.filter(|f| !f.eq_ignore_ascii_case("TMX")) {
        return Err(bad_request(&format!(
            "format {format:?}: the sandbox exports TMX only."
        )));
    }
    let record = state
        .requests
        .get(&parse_id(&id)?)
        .filter(|r| r.action == "EXPORT_TMX")
        .ok_or_else(|| not_found("TM export", &id))?;
    if record.finished.is_none() {
        return Err(bad_request("The export has not finished yet."));
    }
    let name = record
        .subject
        .as_deref()
        .and_then(|uid| state.tms.iter().find(|t| t.uid == uid))
        .map_or_else(|| format!("export-{id}"), |t| t.name.clone());
    binary(
        "application/x-tmx+xml",
        &format!("{name}.tmx"),
        record.export.clone().unwrap_or_default(),
    )
}
