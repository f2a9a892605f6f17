//! `tms memoq …`: translation memories and termbases.

use clap::{Args, Subcommand, ValueEnum};
use memoq_api::segment::Segment;
use memoq_api::{Client, types};
use serde_json::json;

use crate::config::language;
use crate::error::CliError;
use crate::output::{self, Table, opt};

/// `tms memoq tm …`
#[derive(Debug, Subcommand)]
pub enum TmCommand {
    /// List translation memories, optionally for a language pair.
    List {
        /// Source language (BCP-47, memoQ or Memsource code).
        #[arg(long)]
        src: Option<String>,
        /// Target language.
        #[arg(long)]
        target: Option<String>,
    },
    /// Show one translation memory.
    Get {
        /// The TM's GUID.
        guid: String,
    },
    /// Look up plain-text segments (one batch call).
    Lookup {
        /// The TM's GUID.
        guid: String,
        /// Segments, as plain text.
        #[arg(required = true)]
        text: Vec<String>,
        /// Lowest match rate to show (0–100).
        #[arg(long, value_parser = clap::value_parser!(i32).range(0..=102))]
        threshold: Option<i32>,
    },
    /// Concordance search.
    Concordance {
        /// The TM's GUID.
        guid: String,
        /// Search expressions.
        #[arg(required = true)]
        expr: Vec<String>,
    },
    /// Add a translation unit.
    Add {
        /// The TM's GUID.
        guid: String,
        /// Source text (plain).
        #[arg(long)]
        source: String,
        /// Target text (plain).
        #[arg(long)]
        target: String,
    },
}

/// `tms memoq tb …`
#[derive(Debug, Subcommand)]
pub enum TbCommand {
    /// List termbases, optionally only those with all the given languages.
    List {
        /// A language the termbase must have (repeatable).
        #[arg(long = "lang")]
        langs: Vec<String>,
    },
    /// Look up the terms in plain-text segments.
    Lookup(TbLookupArgs),
    /// Search a termbase's entries.
    Search {
        /// The termbase's GUID.
        guid: String,
        /// The search expression.
        expr: String,
        /// The language searched in.
        #[arg(long)]
        target_lang: String,
        /// How the expression matches a term.
        #[arg(long, value_enum, default_value_t = Condition::BeginsWith)]
        condition: Condition,
    },
}

/// `tms memoq tb lookup …`
#[derive(Debug, Args)]
pub struct TbLookupArgs {
    /// The termbase's GUID.
    pub guid: String,
    /// The segments' language.
    #[arg(long)]
    pub source_lang: String,
    /// The language of the terms to show.
    #[arg(long)]
    pub target_lang: Option<String>,
    /// Segments, as plain text.
    #[arg(required = true)]
    pub text: Vec<String>,
}

/// How a TB search expression matches.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum Condition {
    /// The term begins with the expression.
    BeginsWith,
    /// The term contains it.
    Contains,
    /// The term ends with it.
    EndsWith,
    /// The term is it.
    Exact,
}

fn plain(wire: Option<&str>) -> String {
    wire.map(|w| Segment::parse(w).map_or_else(|_| w.to_owned(), |s| s.plain_text()))
        .unwrap_or_default()
}

fn memoq_code(code: &str) -> Result<memoq_api::lang::MemoqCode, CliError> {
    language(code).map(memoq_api::lang::MemoqCode::from)
}

/// Runs a `tm` command.
///
/// # Errors
/// The call's error or a bad argument.
pub async fn tm(client: &Client, command: TmCommand, json: bool) -> Result<(), CliError> {
    match command {
        TmCommand::List { src, target } => {
            let mut call = client.tm_list();
            if let Some(src) = src {
                call = call.src_lang(memoq_code(&src)?);
            }
            if let Some(target) = target {
                call = call.target_lang(memoq_code(&target)?);
            }
            let tms = call.send().await?.into_inner();
            if json {
                return output::json(&tms);
            }
            let mut table = Table::new(&["GUID", "NAME", "SOURCE", "TARGET", "ENTRIES"]);
            for tm in &tms {
                table.row(vec![
                    opt(tm.tm_guid.as_ref()),
                    opt(tm.friendly_name.as_ref()),
                    opt(tm.source_lang_code.as_ref()),
                    opt(tm.target_lang_code.as_ref()),
                    opt(tm.num_entries),
                ]);
            }
            table.print();
        }
        TmCommand::Get { guid } => {
            let tm = client.tm_get().tm_guid(guid).send().await?.into_inner();
            if json {
                return output::json(&tm);
            }
            output::fields(&[
                ("guid", opt(tm.tm_guid.as_ref())),
                ("name", opt(tm.friendly_name.as_ref())),
                ("source", opt(tm.source_lang_code.as_ref())),
                ("target", opt(tm.target_lang_code.as_ref())),
                ("entries", opt(tm.num_entries)),
                ("owner", opt(tm.tm_owner.as_ref())),
                ("client", opt(tm.client.as_ref())),
                ("domain", opt(tm.domain.as_ref())),
                ("project", opt(tm.project.as_ref())),
                ("subject", opt(tm.subject.as_ref())),
                ("last modified", opt(tm.last_modified.as_ref())),
            ]);
        }
        TmCommand::Lookup {
            guid,
            text,
            threshold,
        } => {
            let segments: Vec<Segment> = text.iter().map(|t| Segment::from_text(t)).collect();
            let options = threshold.map(|t| types::LookupSegmentOptions {
                match_threshold: Some(t),
                ..Default::default()
            });
            let hits = client.lookup(guid.as_str(), &segments, options).await?;
            if json {
                let results: Vec<_> = text
                    .iter()
                    .zip(&hits)
                    .map(|(segment, hits)| {
                        json!({
                            "segment": segment,
                            "hits": hits.iter().map(|h| json!({
                                "match_rate": h.match_rate,
                                "entry": h.entry,
                            })).collect::<Vec<_>>(),
                        })
                    })
                    .collect();
                return output::json(&results);
            }
            let mut table = Table::new(&["SEGMENT", "RATE", "SOURCE", "TARGET"]);
            for (segment, hits) in text.iter().zip(&hits) {
                if hits.is_empty() {
                    table.row(vec![segment.clone(), "-".into()]);
                }
                for hit in hits {
                    table.row(vec![
                        segment.clone(),
                        opt(hit.match_rate),
                        plain(hit.entry.source_segment.as_deref()),
                        plain(hit.entry.target_segment.as_deref()),
                    ]);
                }
            }
            table.print();
        }
        TmCommand::Concordance { guid, expr } => {
            let result = client
                .tm_concordance()
                .tm_guid(guid)
                .body(types::ConcordanceRequest {
                    search_expression: expr,
                    options: None,
                })
                .send()
                .await?
                .into_inner();
            if json {
                return output::json(&result);
            }
            let mut table = Table::new(&["SOURCE", "TARGET"]);
            for item in result.conc_result.iter().flatten() {
                let entry = item.tm_entry.clone().unwrap_or_default();
                table.row(vec![
                    plain(entry.source_segment.as_deref()),
                    plain(entry.target_segment.as_deref()),
                ]);
            }
            table.print();
        }
        TmCommand::Add {
            guid,
            source,
            target,
        } => {
            let entry = types::TmEntryModel {
                source_segment: Some(Segment::from_text(&source).to_wire()),
                target_segment: Some(Segment::from_text(&target).to_wire()),
                ..Default::default()
            };
            client
                .tm_entry_create()
                .tm_guid(guid.as_str())
                .body(entry)
                .send()
                .await?;
            if json {
                return output::json(&json!({ "tm": guid, "added": true }));
            }
            output::print(&format!("added to {guid}\n"));
        }
    }
    Ok(())
}

/// Whether a termbase language `have` satisfies the wanted memoQ code: the same code, or the
/// same language when the wanted one names no region (`eng` matches `eng-US`).
fn has_language(have: &str, wanted: &str) -> bool {
    let (have, wanted) = (have.to_ascii_lowercase(), wanted.to_ascii_lowercase());
    have == wanted || (!wanted.contains('-') && have.split('-').next() == Some(wanted.as_str()))
}

/// Runs a `tb` command.
///
/// # Errors
/// The call's error or a bad argument.
pub async fn tb(client: &Client, command: TbCommand, json: bool) -> Result<(), CliError> {
    match command {
        TbCommand::List { langs } => {
            let wanted = langs
                .iter()
                .map(|l| memoq_code(l))
                .collect::<Result<Vec<_>, _>>()?;
            let tbs: Vec<types::TbModel> = client
                .tb_list()
                .send()
                .await?
                .into_inner()
                .into_iter()
                .filter(|tb| {
                    let have = tb.languages.as_deref().unwrap_or_default();
                    wanted
                        .iter()
                        .all(|w| have.iter().any(|h| has_language(h.as_str(), w.as_str())))
                })
                .collect();
            if json {
                return output::json(&tbs);
            }
            let mut table = Table::new(&["GUID", "NAME", "LANGUAGES", "ENTRIES"]);
            for tb in &tbs {
                let langs = tb.languages.iter().flatten().map(|l| l.as_str());
                table.row(vec![
                    opt(tb.tb_guid.as_ref()),
                    opt(tb.friendly_name.as_ref()),
                    langs.collect::<Vec<_>>().join(","),
                    opt(tb.num_entries),
                ]);
            }
            table.print();
        }
        TbCommand::Lookup(args) => {
            let request = types::TbLookupRequest {
                segments: args
                    .text
                    .iter()
                    .map(|t| Segment::from_text(t).to_wire())
                    .collect(),
                source_language: memoq_code(&args.source_lang)?,
                target_language: args.target_lang.as_deref().map(memoq_code).transpose()?,
            };
            let answer = client
                .tb_lookup_terms()
                .tb_guid(args.guid)
                .body(request)
                .send()
                .await?
                .into_inner();
            if json {
                let results: Vec<_> = args
                    .text
                    .iter()
                    .zip(answer.results())
                    .map(|(segment, result)| {
                        json!({ "segment": segment, "hits": result.hits().collect::<Vec<_>>() })
                    })
                    .collect();
                return output::json(&results);
            }
            let mut table = Table::new(&["SEGMENT", "SOURCE TERM", "TARGET TERM", "RATE"]);
            for (segment, result) in args.text.iter().zip(answer.results()) {
                for hit in result.hits() {
                    table.row(vec![
                        segment.clone(),
                        opt(hit.source_term.as_ref()),
                        opt(hit.target_term.as_ref()),
                        opt(hit.match_rate),
                    ]);
                }
            }
            table.print();
        }
        TbCommand::Search {
            guid,
            expr,
            target_lang,
            condition,
        } => {
            use memoq_api::enums::SearchFilteringCondition as C;
            let condition = match condition {
                Condition::BeginsWith => C::BeginsWith,
                Condition::Contains => C::Contains,
                Condition::EndsWith => C::EndsWith,
                Condition::Exact => C::ExactMatch,
            };
            let entries = client
                .tb_search()
                .tb_guid(guid)
                .body(types::TbSearchRequest {
                    condition,
                    filtering_conditions: None,
                    limit: None,
                    search_expression: expr,
                    target_language: memoq_code(&target_lang)?,
                })
                .send()
                .await?
                .into_inner();
            if json {
                return output::json(&entries);
            }
            let mut table = Table::new(&["ID", "LANGUAGE", "TERMS"]);
            for entry in &entries {
                for lang in entry.languages.iter().flatten() {
                    let terms = lang.term_items.iter().flatten();
                    let terms: Vec<&str> = terms.filter_map(|t| t.text.as_deref()).collect();
                    table.row(vec![
                        opt(entry.id),
                        lang.language.to_string(),
                        terms.join("; "),
                    ]);
                }
            }
            table.print();
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::has_language;

    #[test]
    fn a_language_without_region_matches_its_regional_codes() {
        assert!(has_language("eng-US", "eng"));
        assert!(has_language("ger", "GER"));
        assert!(!has_language("eng", "eng-US"));
        assert!(!has_language("english", "eng"));
    }
}
