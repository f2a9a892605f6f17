//! The resources a fresh sandbox holds.

use std::collections::{BTreeMap, HashMap};

use memoq_api::enums::{
    ResourceAccessLevel, TbMetaScope, TbMetaType, TermCaseSense, TermPartialMatch,
};
use memoq_api::segment::Segment;
use memoq_api::types::{
    TbCustomMetaItem, TbEntryModel, TbLanguageItem, TbMetaDefinition, TbTermItem, TmEntryModel,
};

use super::tbs::Tb;
use super::tms::{CustomMetaField, Tm};
use super::wire::Stamps;

/// Source, target, and the optional context (preceding, following, context ID) of a seed entry.
type Unit = (
    &'static str,
    &'static str,
    Option<(&'static str, &'static str, &'static str)>,
);

const EN_DE: &[Unit] = &[
    ("Print the document.", "Drucken Sie das Dokument.", None),
    (
        "Save the document before printing.",
        "Speichern Sie das Dokument vor dem Drucken.",
        None,
    ),
    ("Open the document.", "Öffnen Sie das Dokument.", None),
    ("Close the document.", "Schließen Sie das Dokument.", None),
    (
        "Print the document twice.",
        "Drucken Sie das Dokument zweimal.",
        None,
    ),
    (
        "The printer is out of paper.",
        "Der Drucker hat kein Papier mehr.",
        None,
    ),
    ("Select the printer.", "Wählen Sie den Drucker aus.", None),
    (
        "R&D documents are confidential.",
        "F&E-Dokumente sind vertraulich.",
        None,
    ),
    ("Page 1 of 10", "Seite 1 von 10", None),
    (
        "Print the document.",
        "Dokument drucken.",
        Some(("Open the document.", "Close the document.", "menu.print")),
    ),
    (
        "Remove the paper from the printer.",
        "Nehmen Sie das Papier aus dem Drucker.",
        None,
    ),
    (
        "The document has been saved.",
        "Das Dokument wurde gespeichert.",
        None,
    ),
    (
        "Turn off the printer.",
        "Schalten Sie den Drucker aus.",
        None,
    ),
];

const EN_FR: &[Unit] = &[
    ("Print the document.", "Imprimez le document.", None),
    ("Open the document.", "Ouvrez le document.", None),
    ("Select the printer.", "Sélectionnez l'imprimante.", None),
    (
        "The document has been saved.",
        "Le document a été enregistré.",
        None,
    ),
];

const DE_EN: &[Unit] = &[
    ("Drucken Sie das Dokument.", "Print the document.", None),
    ("Der Drucker ist bereit.", "The printer is ready.", None),
];

fn entry(unit: &Unit, stamps: &mut Stamps) -> TmEntryModel {
    let wire = |text: &str| Segment::from_text(text).to_wire();
    let now = stamps.next();
    let (preceding, following, context_id) = match unit.2 {
        Some((p, f, id)) => (Some(wire(p)), Some(wire(f)), Some(id.to_owned())),
        None => (None, None, None),
    };
    TmEntryModel {
        source_segment: Some(wire(unit.0)),
        target_segment: Some(wire(unit.1)),
        preceding_segment: preceding,
        following_segment: following,
        context_id,
        client: Some("Sandbox Client".into()),
        domain: Some("Printing".into()),
        project: Some(String::new()),
        subject: Some(String::new()),
        document: Some("manual.docx".into()),
        created: Some(now.clone()),
        creator: Some(crate::MEMOQ_USER.into()),
        modified: Some(now),
        modifier: Some(crate::MEMOQ_USER.into()),
        custom_metas: Some(Vec::new()),
        key: None,
    }
}

#[allow(clippy::too_many_arguments)]
fn tm(
    guid: &str,
    name: &str,
    source: &str,
    target: &str,
    access: ResourceAccessLevel,
    reverse_lookup: bool,
    units: &[Unit],
    stamps: &mut Stamps,
) -> Tm {
    let mut tm = Tm {
        guid: guid.into(),
        name: name.into(),
        source: source.into(),
        target: target.into(),
        access,
        reverse_lookup,
        client: "Sandbox Client".into(),
        domain: "Printing".into(),
        subject: String::new(),
        project: String::new(),
        custom_metas: vec![
            CustomMetaField {
                name: "Reviewed".into(),
                kind: "Boolean",
            },
            CustomMetaField {
                name: "Origin".into(),
                kind: "String",
            },
        ],
        entries: BTreeMap::new(),
        next_key: 0,
        last_modified: None,
        last_used: None,
    };
    for unit in units {
        let entry = entry(unit, stamps);
        tm.insert(entry);
    }
    tm.last_modified = Some(stamps.next());
    tm
}

/// The seeded translation memories.
pub(crate) fn tms(stamps: &mut Stamps) -> Vec<Tm> {
    vec![
        tm(
            super::TM_EN_DE,
            "Sandbox EN-DE",
            "eng",
            "ger",
            ResourceAccessLevel::ReadWrite,
            true,
            EN_DE,
            stamps,
        ),
        tm(
            super::TM_EN_FR,
            "Sandbox EN-FR",
            "eng",
            "fre",
            ResourceAccessLevel::ReadWrite,
            false,
            EN_FR,
            stamps,
        ),
        tm(
            super::TM_DE_EN,
            "Sandbox DE-EN (read-only)",
            "ger",
            "eng",
            ResourceAccessLevel::ReadOnly,
            false,
            DE_EN,
            stamps,
        ),
    ]
}

fn definition(
    id: i32,
    name: &str,
    meta_type: TbMetaType,
    scope: TbMetaScope,
    built_in: bool,
) -> TbMetaDefinition {
    TbMetaDefinition {
        built_in: Some(built_in),
        default_value: None,
        description: Some(format!("{name} ({scope} level)")),
        id: Some(id),
        meta_type: Some(meta_type),
        name: Some(name.into()),
        read_only: Some(false),
        required: Some(false),
        scope: Some(scope),
        unique: Some(false),
    }
}

fn definitions() -> Vec<TbMetaDefinition> {
    use TbMetaScope::{Entry, Language, Term};
    use TbMetaType::{Image, String as Text, ValueSet};
    vec![
        definition(1, "Client", Text, Entry, true),
        definition(2, "Domain", Text, Entry, true),
        definition(3, "Project", Text, Entry, true),
        definition(4, "Subject", Text, Entry, true),
        definition(5, "Note", Text, Entry, true),
        definition(6, "Definition", Text, Language, true),
        definition(7, "Example", Text, Term, true),
        definition(8, "Illustration", Image, Entry, false),
        definition(9, "Flag", Image, Language, false),
        definition(10, "Icon", Image, Term, false),
        definition(11, "Status", ValueSet, Entry, false),
        definition(12, "Register", Text, Term, false),
    ]
}

/// Per language (eng, ger, fre): the terms; a term starting with `!` is forbidden.
type Concept = (&'static str, [&'static [&'static str]; 3]);

const TERMS: &[Concept] = &[
    ("Documents", [&["document"], &["Dokument"], &["document"]]),
    ("Printing", [&["printer"], &["Drucker"], &["imprimante"]]),
    ("Printing", [&["print"], &["drucken"], &["imprimer"]]),
    ("Printing", [&["paper"], &["Papier"], &["papier"]]),
    ("Documents", [&["save"], &["speichern"], &["enregistrer"]]),
    ("Documents", [&["page"], &["Seite"], &["page"]]),
    ("Company", [&["R&D"], &["F&E"], &["R&D"]]),
    ("Software", [&["click"], &["klicken"], &["cliquer"]]),
    (
        "Printing",
        [&["printout", "!hard copy"], &["Ausdruck"], &["impression"]],
    ),
    (
        "Documents",
        [
            &["user guide"],
            &["Benutzerhandbuch"],
            &["guide de l'utilisateur"],
        ],
    ),
];

/// The seeded termbase.
pub(crate) fn tbs(stamps: &mut Stamps) -> Vec<Tb> {
    let mut tb = Tb {
        guid: super::TB_TERMS.into(),
        name: "Sandbox Terms".into(),
        languages: vec!["eng".into(), "ger".into(), "fre".into()],
        access: ResourceAccessLevel::ReadWrite,
        client: "Sandbox Client".into(),
        domain: "Printing".into(),
        project: String::new(),
        subject: String::new(),
        meta_definitions: definitions(),
        entries: BTreeMap::new(),
        next_entry: 0,
        next_item: 0,
        images: HashMap::new(),
        read_only: false,
        exclusive: false,
        last_modified: None,
        last_used: None,
    };
    for (domain, languages) in TERMS {
        let now = stamps.next();
        let blocks = ["eng", "ger", "fre"]
            .iter()
            .zip(languages)
            .map(|(code, terms)| TbLanguageItem {
                id: None,
                language: (*code).into(),
                definition: None,
                needs_moderation: Some(false),
                custom_metas: None,
                term_items: Some(
                    terms
                        .iter()
                        .map(|text| {
                            let forbidden = text.starts_with('!');
                            TbTermItem {
                                text: Some(text.trim_start_matches('!').into()),
                                is_forbidden: Some(forbidden),
                                case_sense: Some(if *code == "ger" {
                                    TermCaseSense::Near
                                } else {
                                    TermCaseSense::Insensitive
                                }),
                                partial_match: Some(TermPartialMatch::Any),
                                ..Default::default()
                            }
                        })
                        .collect(),
                ),
            })
            .collect();
        let request = TbEntryModel {
            domain: Some((*domain).into()),
            client: Some("Sandbox Client".into()),
            custom_metas: Some(vec![TbCustomMetaItem {
                name: "Status".into(),
                value: Some("Approved".into()),
            }]),
            languages: Some(blocks),
            ..Default::default()
        };
        // The seed is written to pass the checks; an entry that does not is left out.
        if let Ok(mut entry) = tb.prepare(request, None) {
            tb.next_entry += 1;
            entry.id = Some(tb.next_entry);
            entry.created = Some(now.clone());
            entry.creator = Some(crate::MEMOQ_USER.into());
            entry.modified = Some(now);
            entry.modifier = Some(crate::MEMOQ_USER.into());
            tb.entries.insert(tb.next_entry, entry);
        }
    }
    tb.last_modified = Some(stamps.next());
    vec![tb]
}
