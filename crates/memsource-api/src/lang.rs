//! Language codes: the [`tms_lang`] table (memoQ ↔ BCP-47 ↔ Memsource), re-exported.
//!
//! ```
//! use memsource_api::lang;
//!
//! let german = lang::from_memoq("ger-DE")?;
//! assert_eq!(german.memsource(), "de_de");
//! # Ok::<(), lang::UnknownLanguage>(())
//! ```

pub use tms_lang::*;
