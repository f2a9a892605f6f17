//! The language table: every memoQ code maps both ways through BCP-47 and Memsource, the three
//! columns are unique, the tags are well-formed, and unknown codes name the closest known one.

use std::collections::HashSet;

use tms_lang::{self as lang, Scheme};

#[test]
fn every_code_round_trips_through_all_three_schemes() {
    let languages: Vec<_> = lang::all().collect();
    assert_eq!(languages.len(), 262, "the memoQ list has 262 codes");
    for language in &languages {
        assert_eq!(lang::from_memoq(language.memoq()), Ok(*language));
        assert_eq!(
            lang::from_memoq(&language.memoq().to_uppercase()),
            Ok(*language)
        );
        assert_eq!(
            lang::from_bcp47(language.bcp47()),
            Ok(*language),
            "{}",
            language.bcp47()
        );
        assert_eq!(lang::from_memsource(language.memsource()), Ok(*language));
    }
}

#[test]
fn the_columns_are_unique() {
    for (column, values) in [
        (
            "memoQ",
            lang::all()
                .map(|l| l.memoq().to_ascii_lowercase())
                .collect::<Vec<_>>(),
        ),
        (
            "BCP-47",
            lang::all()
                .map(|l| l.bcp47().to_ascii_lowercase())
                .collect(),
        ),
        (
            "Memsource",
            lang::all().map(|l| l.memsource().to_owned()).collect(),
        ),
    ] {
        let unique: HashSet<_> = values.iter().collect();
        assert_eq!(unique.len(), values.len(), "duplicate {column} code");
    }
}

#[test]
fn the_tags_are_well_formed_bcp47() {
    for language in lang::all() {
        let mut subtags = language.bcp47().split('-');
        let primary = subtags.next().unwrap_or_default();
        assert!(
            (2..=3).contains(&primary.len()) && primary.chars().all(|c| c.is_ascii_lowercase()),
            "{}: primary language subtag {primary:?}",
            language.bcp47()
        );
        for subtag in subtags {
            let script = subtag.len() == 4
                && subtag.starts_with(|c: char| c.is_ascii_uppercase())
                && subtag[1..].chars().all(|c| c.is_ascii_lowercase());
            let region = (subtag.len() == 2 && subtag.chars().all(|c| c.is_ascii_uppercase()))
                || (subtag.len() == 3 && subtag.chars().all(|c| c.is_ascii_digit()));
            let variant =
                (5..=8).contains(&subtag.len()) && subtag.chars().all(|c| c.is_ascii_lowercase());
            assert!(
                script || region || variant,
                "{}: subtag {subtag:?}",
                language.bcp47()
            );
        }
        // memoQ's own region suffix survives (or maps to its M.49 area).
        if let Some((_, region)) = language.memoq().split_once('-') {
            let expected = match region {
                "02" => "002",
                "M9" => "419",
                "CB" => "029",
                other => other,
            };
            assert!(language.bcp47().ends_with(expected), "{language:?}");
        }
    }
}

#[test]
fn the_quirks() {
    let cases = [
        ("ger", "de", "de"),
        ("ger-DE", "de-DE", "de_de"),
        ("fre-02", "fr-002", "fr_002"),
        ("spa-M9", "es-419", "es_419"),
        ("eng-CB", "en-029", "en_029"),
        ("eng-US", "en-US", "en_us"),
        ("zho-CN", "zh-CN", "zh_cn"),
        ("zho-TW", "zh-TW", "zh_tw"),
        ("scc", "sr-Cyrl", "sr_cyrl"),
        ("scr", "sr-Latn", "sr_latn"),
        ("aze", "az-Latn", "az_latn"),
        ("nnb", "nb", "nb"),
        ("dut-BE", "nl-BE", "nl_be"),
        ("cze", "cs", "cs"),
        ("gre", "el", "el"),
        ("wel", "cy", "cy"),
        ("qqq", "tlh", "tlh"),
        ("alb-XK", "sq-XK", "sq_xk"),
    ];
    for (memoq, bcp47, memsource) in cases {
        let language = lang::from_memoq(memoq).expect(memoq);
        assert_eq!((language.bcp47(), language.memsource()), (bcp47, memsource));
        assert_eq!(
            lang::from_memsource(memsource).map(|l| l.memoq()),
            Ok(memoq)
        );
    }
}

#[test]
fn unknown_codes_name_the_closest_known_one() {
    let cases = [
        (Scheme::Memoq, "ger-XX", Some("ger")),
        (Scheme::Memoq, "germ", Some("ger")),
        (Scheme::Memoq, "zho", Some("zho-HK")),
        (Scheme::Bcp47, "de_CH_x", Some("de")),
        (Scheme::Memsource, "en_uk", Some("en")),
        (Scheme::Memsource, "dee", Some("de")),
        (Scheme::Memoq, "xxxxxxxxxxxx", None),
    ];
    for (scheme, code, closest) in cases {
        let err = match scheme {
            Scheme::Memoq => lang::from_memoq(code),
            Scheme::Bcp47 => lang::from_bcp47(code),
            Scheme::Memsource => lang::from_memsource(code),
        }
        .expect_err(code);
        assert_eq!(err.scheme, scheme);
        assert_eq!(err.closest.as_deref(), closest, "{code}: {err}");
        assert!(err.to_string().contains(code));
    }
}

#[test]
fn the_memsource_code_is_the_bcp47_tag_in_lower_case_with_underscores() {
    for language in lang::all() {
        assert_eq!(
            language.memsource(),
            language.bcp47().to_ascii_lowercase().replace('-', "_")
        );
    }
}

#[test]
fn a_language_shows_its_bcp47_tag() {
    let language = lang::from_memoq("spa-M9").expect("known");
    assert_eq!(language.to_string(), "es-419");
    assert_eq!(format!("{language:?}"), "Language(es-419)");
    assert_eq!(language.name(), "Spanish (Latin America)");
}
