//! memoQ's integer enums.
//!
//! They travel as integers. Each type names the documented values and keeps any other value in
//! `Unknown`, so a server upgrade that adds, say, an engine type or an access level still decodes.
//! Decoding also accepts a numeral in a string (`"0"`), which the .NET server itself accepts.
//!
//! The types are generated from the spec (`openapi/memoq-resources.yaml`): each schema marked
//! `x-open-enum: true` becomes one, with a variant for each of its `x-enum-values`.

pub use crate::generated::enums::*;
