//! The TBX export of a term base: one `termEntry` per concept, one `langSet` per term.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use serde::Deserialize;

use super::authorized;
use super::http::{Reply, bad_request, binary, query};
use crate::Shared;

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct ExportQuery {
    format: Option<String>,
    term_status: Option<String>,
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

pub(crate) async fn export(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Path(uid): Path<String>,
    uri: Uri,
) -> Reply {
    let q: ExportQuery = query(&uri)?;
    let (state, _) = authorized(&shared, &headers)?;
    if let Some(format) = q.format.filter(|f| !f.eq_ignore_ascii_case("Tbx")) {
        return Err(bad_request(&format!(
            "format {format:?}: the sandbox exports Tbx only."
        )));
    }
    let tb = state.tb_or_404(&uid)?;
    let mut concepts: Vec<&str> = Vec::new();
    for term in &tb.terms {
        if let Some(concept) = term.concept_id.as_deref()
            && !concepts.contains(&concept)
        {
            concepts.push(concept);
        }
    }
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX\" xml:lang=\"en\">\n  <martifHeader><fileDesc><sourceDesc><p>tms-sandbox</p></sourceDesc></fileDesc></martifHeader>\n  <text><body>\n",
    );
    for concept in concepts {
        out.push_str(&format!("    <termEntry id=\"{}\">\n", escape(concept)));
        for term in tb.terms.iter().filter(|t| {
            t.concept_id.as_deref() == Some(concept)
                && q.term_status.as_deref().is_none_or(|s| {
                    t.status
                        .as_deref()
                        .is_some_and(|x| x.eq_ignore_ascii_case(s))
                })
        }) {
            out.push_str(&format!(
                "      <langSet xml:lang=\"{}\"><tig><term id=\"{}\">{}</term></tig></langSet>\n",
                escape(term.lang.as_deref().unwrap_or_default()),
                escape(term.id.as_deref().unwrap_or_default()),
                escape(term.text.as_deref().unwrap_or_default())
            ));
        }
        out.push_str("    </termEntry>\n");
    }
    out.push_str("  </body></text>\n</martif>\n");
    binary(
        "application/x-tbx+xml",
        &format!("{}.tbx", tb.name),
        out.into_bytes(),
    )
}
