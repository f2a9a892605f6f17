//! Language codes: the [`tms_lang`] table (memoQ ↔ BCP-47 ↔ Memsource), re-exported, and
//! [`MemoqCode`], the type of every language parameter and field of this client.
//!
//! A [`Language`] goes wherever memoQ wants a language, in memoQ's spelling; a plain code
//! still works, and a code the table does not know is sent and kept as it is:
//!
//! ```
//! use memoq_api::lang::{self, MemoqCode};
//!
//! let german = lang::from_memsource("de_de")?;
//! assert_eq!(MemoqCode::from(german), "ger-DE");
//! assert_eq!(MemoqCode::from("ger-DE").language(), Ok(german));
//! assert!(MemoqCode::from("xyz-QQ").language().is_err());
//! # Ok::<(), lang::UnknownLanguage>(())
//! ```

pub use tms_lang::*;

use crate::ids::string_newtype;

string_newtype! {
    /// A memoQ language code (`eng`, `ger-DE`, `spa-M9`), as sent and received: built from a
    /// [`Language`] (`Language::memoq`) or from the code itself. It decodes from any string,
    /// so a code missing from the table never fails an answer; [`MemoqCode::language`] looks
    /// it up.
    MemoqCode
}

impl MemoqCode {
    /// The language of the table with this code (case-insensitive).
    ///
    /// # Errors
    /// [`UnknownLanguage`] naming the closest known memoQ code.
    pub fn language(&self) -> Result<Language, UnknownLanguage> {
        from_memoq(self.as_str())
    }
}

impl From<Language> for MemoqCode {
    fn from(language: Language) -> Self {
        Self::from(language.memoq())
    }
}

impl From<&Language> for MemoqCode {
    fn from(language: &Language) -> Self {
        Self::from(language.memoq())
    }
}
