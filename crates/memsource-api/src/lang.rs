//! Language codes: the [`tms_lang`] table (memoQ ↔ BCP-47 ↔ Memsource), re-exported, and
//! [`MemsourceCode`], the type of every language parameter and field of this client.
//!
//! A [`Language`] goes wherever Memsource wants a language, in Memsource's spelling; a plain
//! code still works, and a code the table does not know is sent and kept as it is:
//!
//! ```
//! use memsource_api::lang::{self, MemsourceCode};
//!
//! let german = lang::from_memoq("ger-DE")?;
//! assert_eq!(MemsourceCode::from(german), "de_de");
//! assert_eq!(MemsourceCode::from("de_de").language(), Ok(german));
//! assert!(MemsourceCode::from("xx_yy").language().is_err());
//! # Ok::<(), lang::UnknownLanguage>(())
//! ```

pub use tms_lang::*;

use crate::ids::string_newtype;

string_newtype! {
    /// A Memsource language code (`en`, `de_de`, `sr_latn`), as sent and received: built from a
    /// [`Language`] (`Language::memsource`) or from the code itself. It decodes from any
    /// string, so a code missing from the table never fails an answer;
    /// [`MemsourceCode::language`] looks it up.
    MemsourceCode
}

impl MemsourceCode {
    /// The language of the table with this code (case-insensitive).
    ///
    /// # Errors
    /// [`UnknownLanguage`] naming the closest known Memsource code.
    pub fn language(&self) -> Result<Language, UnknownLanguage> {
        from_memsource(self.as_str())
    }
}

impl From<Language> for MemsourceCode {
    fn from(language: Language) -> Self {
        Self::from(language.memsource())
    }
}

impl From<&Language> for MemsourceCode {
    fn from(language: &Language) -> Self {
        Self::from(language.memsource())
    }
}

impl<'de> serde::Deserialize<'de> for MemsourceCode {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Self::from)
    }
}
