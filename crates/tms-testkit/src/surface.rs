//! The operation surface of a generated client, read from its source with `syn`, and the
//! operations and open enums its OpenAPI spec documents.

use std::collections::BTreeMap;
use std::fmt::Write;

use quote::ToTokens;

/// Token text without the spaces `quote` puts between every token.
fn tidy(tokens: impl ToTokens) -> String {
    let text = tokens.to_token_stream().to_string();
    let text = text.replace(":: ", "::").replace(" ::", "::");
    let text = text
        .replace("< ", "<")
        .replace(" <", "<")
        .replace(" >", ">");
    text.replace(" ,", ",").replace("& ", "&")
}

fn doc_of(attrs: &[syn::Attribute]) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value()),
                _ => None,
            },
            _ => None,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[derive(Default)]
struct Operation {
    /// `pub`, or `pub(crate)` for an operation only the crate may call.
    public: bool,
    request: String,
    fields: Vec<(String, String)>,
    send: String,
}

/// One line per operation (`name: METHOD /path`), then each builder field with its type and the
/// type `send()` returns, read from progenitor's generated client source.
pub struct Surface {
    /// The text to snapshot.
    pub text: String,
    /// `METHOD /path` of every operation the client has.
    pub requests: Vec<String>,
}

/// Reads the operation surface of a generated client.
///
/// # Panics
/// When the source does not parse or lacks progenitor's `builder` module.
pub fn operation_surface(generated: &str) -> Surface {
    let file = syn::parse_file(generated).expect("generated code parses");
    // Client method name → (builder type name, "METHOD /path").
    let mut ops: BTreeMap<String, Operation> = BTreeMap::new();
    let mut builders: BTreeMap<String, String> = BTreeMap::new();
    let mut builder_mod = None;
    // Client functions that are not operations (constructors), with their visibility.
    let mut others: BTreeMap<String, bool> = BTreeMap::new();
    // Whether progenitor's error type is re-exported to users.
    let mut error_reexported = false;
    for item in &file.items {
        match item {
            syn::Item::Impl(imp) if tidy(&imp.self_ty) == "Client" && imp.trait_.is_none() => {
                for it in &imp.items {
                    let syn::ImplItem::Fn(f) = it else { continue };
                    let doc = doc_of(&f.attrs);
                    let public = matches!(f.vis, syn::Visibility::Public(_));
                    let Some(line) = doc.lines().find(|l| l.starts_with("Sends a `")) else {
                        others.insert(f.sig.ident.to_string(), public);
                        continue;
                    };
                    let request = line
                        .trim_start_matches("Sends a `")
                        .replace("` request to `", " ")
                        .trim_end_matches('`')
                        .to_owned();
                    let syn::ReturnType::Type(_, ty) = &f.sig.output else {
                        continue;
                    };
                    let builder = tidy(ty)
                        .trim_start_matches("builder::")
                        .trim_end_matches("<'_>")
                        .to_owned();
                    builders.insert(builder, f.sig.ident.to_string());
                    let op = ops.entry(f.sig.ident.to_string()).or_default();
                    op.request = request;
                    op.public = public;
                }
            }
            syn::Item::Mod(m) if m.ident == "builder" => builder_mod = Some(m),
            syn::Item::Use(u) if matches!(u.vis, syn::Visibility::Public(_)) => {
                let text = tidy(&u.tree);
                error_reexported |= text.starts_with("progenitor_client::")
                    && text.split(['{', '}', ',', ' ']).any(|name| name == "Error");
            }
            _ => {}
        }
    }
    let (_, items) = builder_mod
        .and_then(|m| m.content.as_ref())
        .expect("generated code has a builder module");
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                let Some(op) = builders.get(&s.ident.to_string()) else {
                    continue;
                };
                let entry = ops
                    .get_mut(op)
                    .expect("every builder belongs to an operation");
                for field in &s.fields {
                    let name = field
                        .ident
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default();
                    if name != "client" {
                        entry.fields.push((name, tidy(&field.ty)));
                    }
                }
            }
            syn::Item::Impl(imp) => {
                let name = tidy(&imp.self_ty);
                let name = name.trim_end_matches("<'a>");
                let Some(op) = builders.get(name) else {
                    continue;
                };
                for it in &imp.items {
                    if let syn::ImplItem::Fn(f) = it
                        && f.sig.ident == "send"
                        && let syn::ReturnType::Type(_, ty) = &f.sig.output
                    {
                        ops.get_mut(op).expect("known operation").send = tidy(ty);
                    }
                }
            }
            _ => {}
        }
    }

    let mut out = String::new();
    let shown = |public: bool| if public { "pub" } else { "crate-private" };
    writeln!(
        out,
        "progenitor_client::Error re-exported: {error_reexported}"
    )
    .unwrap();
    for (name, public) in &others {
        writeln!(out, "Client::{name}: {}", shown(*public)).unwrap();
    }
    for (name, op) in &ops {
        let marker = if op.public { "" } else { " (crate-private)" };
        writeln!(out, "{name}{marker}: {}", op.request).unwrap();
        for (field, ty) in &op.fields {
            writeln!(out, "    {field}: {ty}").unwrap();
        }
        writeln!(out, "    send() -> {}", op.send).unwrap();
    }
    let mut requests: Vec<String> = ops.values().map(|o| o.request.clone()).collect();
    requests.sort();
    Surface {
        text: out,
        requests,
    }
}

/// `METHOD /path` of every operation in an OpenAPI spec, sorted; each must have an operationId.
///
/// # Panics
/// When the spec does not parse or an operation has no operationId.
pub fn spec_operations(spec: &str) -> Vec<String> {
    let spec: serde_yaml::Value = serde_yaml::from_str(spec).expect("spec parses");
    let mut spec_ops = Vec::new();
    for (path, item) in spec["paths"].as_mapping().expect("paths") {
        for (method, op) in item.as_mapping().expect("path item") {
            let method = method.as_str().unwrap_or_default();
            if ["get", "post", "put", "patch", "delete"].contains(&method) {
                spec_ops.push(format!(
                    "{} {}",
                    method.to_uppercase(),
                    path.as_str().unwrap_or_default()
                ));
                assert!(
                    op["operationId"].is_string(),
                    "{method} {path:?} has no operationId"
                );
            }
        }
    }
    spec_ops.sort();
    spec_ops
}

/// Operations of an OpenAPI spec (`METHOD /path`) that do not declare `x-idempotent` as a
/// boolean.
///
/// # Panics
/// When the spec does not parse.
pub fn undeclared_idempotency(spec: &str) -> Vec<String> {
    let spec: serde_yaml::Value = serde_yaml::from_str(spec).expect("spec parses");
    let mut missing = Vec::new();
    for (path, item) in spec["paths"].as_mapping().expect("paths") {
        for (method, op) in item.as_mapping().expect("path item") {
            let method = method.as_str().unwrap_or_default();
            if ["get", "post", "put", "patch", "delete"].contains(&method)
                && !op["x-idempotent"].is_bool()
            {
                missing.push(format!(
                    "{} {}",
                    method.to_uppercase(),
                    path.as_str().unwrap_or_default()
                ));
            }
        }
    }
    missing
}

/// Every schema of an OpenAPI spec marked `x-open-enum: true`, in spec order, with the wire
/// values its `x-enum-values` lists (a plain value, or the `value` of a map) as JSON.
///
/// # Panics
/// When the spec does not parse or an open enum lists no values.
pub fn open_enum_values(spec: &str) -> Vec<(String, Vec<serde_json::Value>)> {
    let spec: serde_yaml::Value = serde_yaml::from_str(spec).expect("spec parses");
    let schemas = spec["components"]["schemas"]
        .as_mapping()
        .expect("components.schemas");
    let mut out = Vec::new();
    for (name, schema) in schemas {
        if schema["x-open-enum"].as_bool() != Some(true) {
            continue;
        }
        let name = name.as_str().expect("schema name").to_owned();
        let values: Vec<serde_json::Value> = schema["x-enum-values"]
            .as_sequence()
            .unwrap_or_else(|| panic!("{name} has no x-enum-values"))
            .iter()
            .map(|v| {
                let wire = if v.is_mapping() { &v["value"] } else { v };
                serde_json::to_value(wire).expect("a JSON value")
            })
            .collect();
        assert!(!values.is_empty(), "{name} lists no values");
        out.push((name, values));
    }
    out
}
