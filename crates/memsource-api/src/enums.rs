//! Memsource's growing string enums, as open enums: named variants for the documented values,
//! `Unknown(String)` for anything a newer server sends.
//!
//! The types are generated from the spec (`openapi/memsource.yaml`): each schema marked
//! `x-open-enum: true` becomes one, with a variant for each of its `x-enum-values`.

pub use crate::generated::enums::*;
