//! Open enums declared in the spec and generated into the client: a schema marked
//! `x-open-enum: true` lists its known values under `x-enum-values` and becomes a
//! `tms_runtime::open_int_enum!` (`type: integer`) or `open_str_enum!` (`type: string`) in the
//! generated `enums` module, which replaces the schema wherever it is used. Adding an enum or a
//! value is a spec-only change.
//!
//! A value is a plain string (Memsource: the wire value) or a map with `value` (the wire value),
//! `name` (the vendor's name; required for integers, defaults to the value for strings), an
//! optional `description` and an optional `rust-name`.
//!
//! Naming rule: the Rust variant is the upper camel case of the name, the spelling typify gives
//! type names (`heck`): `_` separates words, a run of capitals is one word (`NGTM` → `Ngtm`,
//! `COMPLETED_BY_LINGUIST` → `CompletedByLinguist`, `QA_V3` → `QaV3`), names already in camel case
//! keep their spelling (`MemoQServerUser`). `rust-name` overrides the rule where it cannot give
//! the name: a value named `Unknown` would clash with the arm that keeps unknown values.
//!
//! A variant's doc is its wire value, then `: description` when the spec gives one.

use std::collections::BTreeSet;

use anyhow::{Context, Result, bail, ensure};
use heck::ToUpperCamelCase;
use openapiv3::{ReferenceOr, SchemaKind, Type};
use proc_macro2::TokenStream;
use progenitor::{GenerationSettings, TypeImpl};
use quote::{format_ident, quote};

/// Where the client crates re-export the generated enums; generated types name them by this path.
const PUBLIC_PATH: &str = "crate::enums";

enum Wire {
    Int(i32),
    Str(String),
}

struct Value {
    wire: Wire,
    variant: String,
    description: Option<String>,
}

struct OpenEnum {
    /// The schema name in the spec (`TMEngineType`).
    schema: String,
    /// typify's spelling of the schema name, also the Rust type's name (`TmEngineType`).
    rust: String,
    integer: bool,
    description: Option<String>,
    values: Vec<Value>,
}

fn text<'a>(value: &'a serde_json::Value, key: &str, schema: &str) -> Result<Option<&'a str>> {
    match value.get(key) {
        None => Ok(None),
        Some(serde_json::Value::String(s)) => Ok(Some(s)),
        Some(other) => {
            bail!("{schema}: {key} of an x-enum-values entry must be a string, not {other}")
        }
    }
}

fn value(entry: &serde_json::Value, integer: bool, schema: &str) -> Result<Value> {
    let (wire, name, description, rust_name) = match entry {
        serde_json::Value::String(s) if !integer => (Wire::Str(s.clone()), s.clone(), None, None),
        serde_json::Value::Object(_) => {
            let wire = match (integer, entry.get("value")) {
                (true, Some(serde_json::Value::Number(n))) => Wire::Int(
                    n.as_i64()
                        .and_then(|n| i32::try_from(n).ok())
                        .with_context(|| format!("{schema}: {n} is not a 32-bit integer"))?,
                ),
                (false, Some(serde_json::Value::String(s))) => Wire::Str(s.clone()),
                (_, other) => bail!(
                    "{schema}: value must be {}, not {other:?}",
                    if integer { "an integer" } else { "a string" }
                ),
            };
            let name = match (text(entry, "name", schema)?, &wire) {
                (Some(name), _) => name.to_owned(),
                (None, Wire::Str(s)) => s.clone(),
                (None, Wire::Int(n)) => bail!("{schema}: integer value {n} has no name"),
            };
            (
                wire,
                name,
                text(entry, "description", schema)?,
                text(entry, "rust-name", schema)?,
            )
        }
        other => bail!(
            "{schema}: an x-enum-values entry must be {}, not {other}",
            if integer {
                "a {value, name} map"
            } else {
                "a string or a {value} map"
            }
        ),
    };
    let variant = match rust_name {
        Some(explicit) => explicit.to_owned(),
        None => name.to_upper_camel_case(),
    };
    ensure!(
        syn::parse_str::<syn::Ident>(&variant).is_ok(),
        "{schema}: {name} gives {variant:?}, which is not a Rust identifier; set rust-name"
    );
    ensure!(
        variant != "Unknown",
        "{schema}: {name} would clash with the Unknown arm; set rust-name"
    );
    Ok(Value {
        wire,
        variant,
        description: description.map(|d| d.trim().to_owned()),
    })
}

fn flag(schema: &openapiv3::Schema, name: &str, key: &str) -> Result<bool> {
    match schema.schema_data.extensions.get(key) {
        None => Ok(false),
        Some(serde_json::Value::Bool(b)) => Ok(*b),
        Some(other) => bail!("{name}: {key} must be true or false, not {other}"),
    }
}

/// Every schema marked `x-open-enum: true`, in spec order.
fn declared(spec: &openapiv3::OpenAPI) -> Result<Vec<OpenEnum>> {
    let mut out = Vec::new();
    let Some(components) = &spec.components else {
        return Ok(out);
    };
    for (name, schema) in &components.schemas {
        let ReferenceOr::Item(schema) = schema else {
            continue;
        };
        let values = schema.schema_data.extensions.get("x-enum-values");
        if !flag(schema, name, "x-open-enum")? {
            ensure!(
                values.is_none(),
                "{name} lists x-enum-values but is not marked x-open-enum: true"
            );
            continue;
        }
        let integer = match &schema.schema_kind {
            SchemaKind::Type(Type::Integer(int)) => {
                ensure!(
                    int.enumeration.is_empty(),
                    "{name}: an open enum has no closed `enum:` list"
                );
                true
            }
            SchemaKind::Type(Type::String(string)) => {
                ensure!(
                    string.enumeration.is_empty(),
                    "{name}: an open enum has no closed `enum:` list"
                );
                false
            }
            _ => bail!("{name}: an open enum must be `type: integer` or `type: string`"),
        };
        let Some(serde_json::Value::Array(entries)) = values else {
            bail!("{name}: x-open-enum needs a non-empty x-enum-values list");
        };
        ensure!(
            !entries.is_empty(),
            "{name}: x-open-enum needs a non-empty x-enum-values list"
        );
        let values = entries
            .iter()
            .map(|entry| value(entry, integer, name))
            .collect::<Result<Vec<_>>>()?;
        let mut variants = BTreeSet::new();
        let mut wires = BTreeSet::new();
        for v in &values {
            ensure!(
                variants.insert(v.variant.as_str()),
                "{name}: two values are named {}",
                v.variant
            );
            let wire = match &v.wire {
                Wire::Int(n) => n.to_string(),
                Wire::Str(s) => s.clone(),
            };
            ensure!(wires.insert(wire.clone()), "{name}: {wire} is listed twice");
        }
        out.push(OpenEnum {
            schema: name.clone(),
            rust: name.to_upper_camel_case(),
            integer,
            description: schema.schema_data.description.clone(),
            values,
        });
    }
    Ok(out)
}

/// `///` lines for a doc text.
fn doc(text: &str) -> TokenStream {
    let lines = text.trim().lines().map(|line| {
        let line = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        quote!(#[doc = #line])
    });
    quote!(#(#lines)*)
}

fn invocation(e: &OpenEnum) -> TokenStream {
    let name = format_ident!("{}", e.rust);
    let type_doc = doc(e.description.as_deref().unwrap_or(&e.schema));
    let variants = e.values.iter().map(|v| {
        let variant = format_ident!("{}", v.variant);
        let (wire, shown) = match &v.wire {
            Wire::Int(n) => {
                let n_lit = proc_macro2::Literal::i32_unsuffixed(*n);
                (quote!(#n_lit), n.to_string())
            }
            Wire::Str(s) => (quote!(#s), format!("`{s}`")),
        };
        let text = match &v.description {
            Some(d) => format!("{shown}: {d}"),
            None => format!("{shown}."),
        };
        let variant_doc = doc(&text);
        quote! {
            #variant_doc
            #variant = #wire,
        }
    });
    let mac = if e.integer {
        quote!(open_int_enum)
    } else {
        quote!(open_str_enum)
    };
    quote! {
        tms_runtime::#mac! {
            #type_doc
            #name {
                #(#variants)*
            }
        }
    }
}

/// Replaces each open enum's schema by its generated type, named by its public path.
pub fn replace(settings: &mut GenerationSettings, spec: &openapiv3::OpenAPI) -> Result<()> {
    for e in declared(spec)? {
        let path = format!("{PUBLIC_PATH}::{}", e.rust);
        settings.with_replacement(&e.rust, path, std::iter::empty::<TypeImpl>());
    }
    Ok(())
}

/// The `enums` module appended to the generated client; the crate re-exports it as
/// [`PUBLIC_PATH`].
pub fn module(spec: &openapiv3::OpenAPI) -> Result<syn::Item> {
    let enums = declared(spec)?;
    let invocations = enums.iter().map(invocation);
    let arms = enums.iter().map(|e| {
        let schema = &e.schema;
        let name = format_ident!("{}", e.rust);
        let known = if e.integer {
            quote!(|v: &#name| v.name().is_some())
        } else {
            quote!(#name::is_known)
        };
        quote!(#schema => Some(round_trip::<#name>(wire, #known)),)
    });
    let tokens = quote! {
        /// The open enums the spec declares (`x-open-enum`): named variants for the values it
        /// lists in `x-enum-values`, and an `Unknown` arm that keeps any other value.
        pub mod enums {
            #(#invocations)*

            /// Decodes `wire` as the open enum of spec schema `schema` and encodes it again:
            /// whether it decoded to a named variant, and what it encodes to. `None` when the spec
            /// declares no such open enum. For the test that every listed value has a variant.
            #[doc(hidden)]
            pub fn __round_trip(
                schema: &str,
                wire: ::serde_json::Value,
            ) -> Option<Result<(bool, ::serde_json::Value), ::serde_json::Error>> {
                fn round_trip<T>(
                    wire: ::serde_json::Value,
                    known: fn(&T) -> bool,
                ) -> Result<(bool, ::serde_json::Value), ::serde_json::Error>
                where
                    T: ::serde::de::DeserializeOwned + ::serde::Serialize,
                {
                    let decoded: T = ::serde_json::from_value(wire)?;
                    Ok((known(&decoded), ::serde_json::to_value(&decoded)?))
                }
                match schema {
                    #(#arms)*
                    _ => None,
                }
            }
        }
    };
    syn::parse2(tokens).context("generated enums module does not parse")
}
