#![doc = include_str!("../README.md")]
#![warn(missing_docs)]

mod table;

use std::fmt;

use table::LANGUAGES;

/// One language of the table, with its code in each scheme.
///
/// `Language` is `Copy` and two values are equal when they are the same row of the table. It is what the clients
/// accept wherever a language goes: each client turns it into its own vendor's code.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language {
    memoq: &'static str,
    bcp47: &'static str,
    memsource: &'static str,
    name: &'static str,
}

impl Language {
    /// memoQ's code (`ger-DE`).
    pub fn memoq(&self) -> &'static str {
        self.memoq
    }

    /// The BCP-47 tag (`de-DE`).
    pub fn bcp47(&self) -> &'static str {
        self.bcp47
    }

    /// The Memsource code: the BCP-47 tag in lower case with `_` (`de_de`, `sr_cyrl`).
    pub fn memsource(&self) -> &'static str {
        self.memsource
    }

    /// memoQ's English name (`German (Germany)`).
    pub fn name(&self) -> &'static str {
        self.name
    }
}

impl fmt::Debug for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Language({})", self.bcp47)
    }
}

/// The BCP-47 tag.
impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.bcp47)
    }
}

/// Which naming scheme a code was looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Scheme {
    /// memoQ codes.
    Memoq,
    /// BCP-47 tags.
    Bcp47,
    /// Memsource codes.
    Memsource,
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Memoq => "memoQ language code",
            Self::Bcp47 => "BCP-47 language tag",
            Self::Memsource => "Memsource language code",
        })
    }
}

/// A code no table row has; names the closest known code.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct UnknownLanguage {
    /// The scheme looked in.
    pub scheme: Scheme,
    /// The code as given.
    pub code: String,
    /// The closest known code in that scheme, if any is reasonably close.
    pub closest: Option<String>,
}

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown {} {:?}", self.scheme, self.code)?;
        match &self.closest {
            Some(closest) => write!(f, " (closest known: {closest:?})"),
            None => Ok(()),
        }
    }
}

/// Every language in the table.
pub fn all() -> impl Iterator<Item = Language> {
    LANGUAGES
        .iter()
        .map(|&(memoq, bcp47, memsource, name)| Language {
            memoq,
            bcp47,
            memsource,
            name,
        })
}

fn find(
    scheme: Scheme,
    code: &str,
    key: impl Fn(&Language) -> &'static str,
) -> Result<Language, UnknownLanguage> {
    let wanted = normalise(code);
    if let Some(found) = all().find(|l| normalise(key(l)) == wanted) {
        return Ok(found);
    }
    Err(UnknownLanguage {
        scheme,
        code: code.to_owned(),
        closest: closest(&wanted, all().map(|l| key(&l).to_owned())),
    })
}

/// Case-insensitive, `_` and `-` alike.
fn normalise(code: &str) -> String {
    code.trim().to_ascii_lowercase().replace('_', "-")
}

/// The known code nearest to `wanted`: the same language without its region, or with a region
/// when only regional codes exist (`zho` → `zho-CN`), otherwise the smallest edit distance (at
/// most half the length).
fn closest(wanted: &str, known: impl Iterator<Item = String>) -> Option<String> {
    let known: Vec<String> = known.collect();
    let base = wanted.split_once('-').map_or(wanted, |(base, _)| base);
    if let Some(hit) = known
        .iter()
        .find(|k| normalise(k) == base && base != wanted)
    {
        return Some(hit.clone());
    }
    if let Some(hit) = known.iter().find(|k| {
        normalise(k)
            .split_once('-')
            .is_some_and(|(b, _)| b == wanted)
    }) {
        return Some(hit.clone());
    }
    known
        .into_iter()
        .map(|k| (edit_distance(wanted, &normalise(&k)), k))
        .filter(|(d, _)| *d <= wanted.chars().count().div_ceil(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(previous + 1);
        }
    }
    row[b.len()]
}

/// The language with memoQ code `code` (case-insensitive).
///
/// # Errors
/// [`UnknownLanguage`] naming the closest known memoQ code.
pub fn from_memoq(code: &str) -> Result<Language, UnknownLanguage> {
    find(Scheme::Memoq, code, Language::memoq)
}

/// The language with BCP-47 tag `tag` (case-insensitive; `_` accepted for `-`).
///
/// # Errors
/// [`UnknownLanguage`] naming the closest known tag.
pub fn from_bcp47(tag: &str) -> Result<Language, UnknownLanguage> {
    find(Scheme::Bcp47, tag, Language::bcp47)
}

/// The language with Memsource code `code` (`de_de`, `en_us`).
///
/// # Errors
/// [`UnknownLanguage`] naming the closest known Memsource code.
pub fn from_memsource(code: &str) -> Result<Language, UnknownLanguage> {
    find(Scheme::Memsource, code, Language::memsource)
}
