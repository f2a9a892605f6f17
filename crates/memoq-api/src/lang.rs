//! Language codes: the [`tms_lang`] table (memoQ ↔ BCP-47 ↔ Memsource), re-exported.
//!
//! ```
//! use memoq_api::lang;
//!
//! let german = lang::from_memsource("de_de")?;
//! assert_eq!(german.memoq(), "ger-DE");
//! # Ok::<(), lang::UnknownLanguage>(())
//! ```

pub use tms_lang::*;
