//! What the command line is generated from: the spec's operations and parameters, matched with
//! the shaped client's builders (each setter's exact type, each `send`'s answer type).

use std::collections::BTreeMap;

use anyhow::{Context, Result, bail};
use heck::{ToKebabCase, ToSnakeCase};
use openapiv3::{OpenAPI, Parameter, ReferenceOr};
use syn::{Item, Type};

use crate::apis::Api;

/// A builder's setters (name → the type its `TryInto` bound names) and the answer type of its
/// `send`.
pub struct Builder {
    pub setters: BTreeMap<String, Type>,
    pub answer: Type,
}

/// How a parameter is given on the command line.
pub struct Flag {
    /// `--name`, the kebab-case setter name.
    pub name: String,
    pub setter: String,
    pub ty: Type,
    pub required: bool,
    pub repeated: bool,
    pub help: String,
}

pub enum Body {
    None,
    Json { ty: Box<Type>, required: bool },
    File { required: bool },
}

pub struct Operation {
    pub command: String,
    pub method: String,
    pub about: String,
    pub long_about: String,
    pub flags: Vec<Flag>,
    pub body: Body,
    pub answer: Answer,
}

/// What a successful call answers with.
pub enum Answer {
    /// Nothing: the command answers JSON `null`.
    Empty,
    /// A file (`ByteStream`): written to `--out`.
    File,
    /// A decoded JSON type.
    Json,
}

/// The operations the command line offers, in spec order: every operation but the logins
/// (`x-internal`, only the session calls them) and the logout (`tms <vendor> logout` also
/// forgets the cached token).
pub fn operations(
    spec: &OpenAPI,
    builders: &BTreeMap<String, Builder>,
    api: &Api,
) -> Result<Vec<Operation>> {
    let mut out = Vec::new();
    for (path, item) in &spec.paths.paths {
        let ReferenceOr::Item(item) = item else {
            bail!("{path}: path item references are not supported");
        };
        for (verb, op) in item.iter() {
            let id = op
                .operation_id
                .as_deref()
                .with_context(|| format!("{verb} {path} has no operationId"))?;
            let method = crate::surface::snake_case(id);
            let internal = op
                .extensions
                .get("x-internal")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false);
            if internal || method == api.logout {
                continue;
            }
            let builder_name = crate::surface::builder_name(&method);
            let builder = builders
                .get(&builder_name)
                .with_context(|| format!("{id}: no builder {builder_name} in the client"))?;
            let op = operation(spec, path, verb, op, &method, builder)
                .with_context(|| format!("operation {id}"))?;
            out.push(op);
        }
    }
    Ok(out)
}

fn operation(
    spec: &OpenAPI,
    path: &str,
    verb: &str,
    op: &openapiv3::Operation,
    method: &str,
    builder: &Builder,
) -> Result<Operation> {
    let item = match spec.paths.paths.get(path) {
        Some(ReferenceOr::Item(item)) => item,
        _ => bail!("{path} vanished"),
    };
    let mut setters = builder.setters.clone();
    let mut flags = Vec::new();
    for param in item.parameters.iter().chain(&op.parameters) {
        let param = resolve_parameter(spec, param)?;
        let data = param.parameter_data_ref();
        let mut setter = data.name.replace('\'', "").to_snake_case();
        // progenitor appends `_` to a name that is a Rust keyword (`type` -> `type_`); the
        // flag keeps the plain name.
        let escaped = format!("{setter}_");
        if !setters.contains_key(&setter) && setters.contains_key(&escaped) {
            setter = escaped;
        }
        let ty = setters
            .remove(&setter)
            .with_context(|| format!("parameter {} has no setter {setter}", data.name))?;
        let name = setter.trim_end_matches('_').to_kebab_case();
        if ["body", "body-file", "file", "out", "help"].contains(&name.as_str()) {
            bail!("parameter {} clashes with the flag --{name}", data.name);
        }
        let (ty, repeated) = match vec_item(&ty) {
            Some(item) => (item, true),
            None => (ty, false),
        };
        let required = match param {
            Parameter::Path { .. } => true,
            _ => data.required,
        };
        flags.push(Flag {
            name,
            setter,
            ty,
            required,
            repeated,
            help: one_line(data.description.as_deref().unwrap_or("")),
        });
    }
    let body = match &op.request_body {
        None => Body::None,
        Some(body) => {
            let body = resolve_body(spec, body)?;
            let ty = setters
                .remove("body")
                .context("a request body but no `body` setter")?;
            if is_path(&ty, &["reqwest", "Body"]) {
                Body::File {
                    required: body.required,
                }
            } else {
                Body::Json {
                    ty: Box::new(ty),
                    required: body.required,
                }
            }
        }
    };
    if !setters.is_empty() {
        bail!(
            "setters without a spec parameter: {}",
            setters.keys().cloned().collect::<Vec<_>>().join(", ")
        );
    }
    let answer = match &builder.answer {
        Type::Tuple(unit) if unit.elems.is_empty() => Answer::Empty,
        Type::Path(p) if p.path.is_ident("ByteStream") => Answer::File,
        _ => Answer::Json,
    };
    let about = op.summary.clone().unwrap_or_else(|| method.to_kebab_case());
    let mut long_about = format!("{about}\n\n{} {path}", verb.to_uppercase());
    if let Some(description) = op.description.as_deref().map(str::trim)
        && !description.is_empty()
    {
        long_about = format!("{long_about}\n\n{description}");
    }
    Ok(Operation {
        command: method.to_kebab_case(),
        method: method.to_owned(),
        about: one_line(&about),
        long_about,
        flags,
        body,
        answer,
    })
}

fn resolve_parameter<'a>(
    spec: &'a OpenAPI,
    param: &'a ReferenceOr<Parameter>,
) -> Result<&'a Parameter> {
    match param {
        ReferenceOr::Item(param) => Ok(param),
        ReferenceOr::Reference { reference } => {
            let name = reference
                .strip_prefix("#/components/parameters/")
                .with_context(|| format!("unsupported parameter reference {reference}"))?;
            match spec
                .components
                .as_ref()
                .and_then(|c| c.parameters.get(name))
            {
                Some(ReferenceOr::Item(param)) => Ok(param),
                _ => bail!("{reference} is not a parameter"),
            }
        }
    }
}

fn resolve_body<'a>(
    spec: &'a OpenAPI,
    body: &'a ReferenceOr<openapiv3::RequestBody>,
) -> Result<&'a openapiv3::RequestBody> {
    match body {
        ReferenceOr::Item(body) => Ok(body),
        ReferenceOr::Reference { reference } => {
            let name = reference
                .strip_prefix("#/components/requestBodies/")
                .with_context(|| format!("unsupported body reference {reference}"))?;
            match spec
                .components
                .as_ref()
                .and_then(|c| c.request_bodies.get(name))
            {
                Some(ReferenceOr::Item(body)) => Ok(body),
                _ => bail!("{reference} is not a request body"),
            }
        }
    }
}

/// Every builder of the shaped client, by struct name.
pub fn builders(client: &syn::File) -> Result<BTreeMap<String, Builder>> {
    let items = client
        .items
        .iter()
        .find_map(|item| match item {
            Item::Mod(m) if m.ident == "builder" => m.content.as_ref().map(|(_, items)| items),
            _ => None,
        })
        .context("the client has no `builder` module")?;
    let mut out = BTreeMap::new();
    for item in items {
        let Item::Impl(block) = item else { continue };
        if block.trait_.is_some() {
            continue;
        }
        let Type::Path(self_ty) = block.self_ty.as_ref() else {
            continue;
        };
        let Some(name) = self_ty.path.segments.last().map(|s| s.ident.to_string()) else {
            continue;
        };
        let mut setters = BTreeMap::new();
        let mut answer = None;
        for member in &block.items {
            let syn::ImplItem::Fn(f) = member else {
                continue;
            };
            if !matches!(f.vis, syn::Visibility::Public(_)) {
                continue;
            }
            let fn_name = f.sig.ident.to_string();
            if fn_name == "send" {
                answer = Some(send_answer(&f.sig).with_context(|| format!("{name}::send"))?);
            } else if let Some(target) = setter_target(&f.sig) {
                setters.insert(fn_name, target);
            }
        }
        if let Some(answer) = answer {
            out.insert(name, Builder { setters, answer });
        }
    }
    if out.is_empty() {
        bail!("no builders with a `send` found");
    }
    Ok(out)
}

/// `T` of a setter's `where V: std::convert::TryInto<T>` bound.
fn setter_target(sig: &syn::Signature) -> Option<Type> {
    let param = sig.generics.type_params().next()?;
    let clause = sig.generics.where_clause.as_ref()?;
    clause.predicates.iter().find_map(|predicate| {
        let syn::WherePredicate::Type(predicate) = predicate else {
            return None;
        };
        let Type::Path(bounded) = &predicate.bounded_ty else {
            return None;
        };
        if !bounded.path.is_ident(&param.ident) {
            return None;
        }
        predicate.bounds.iter().find_map(|bound| {
            let syn::TypeParamBound::Trait(bound) = bound else {
                return None;
            };
            let last = bound.path.segments.last()?;
            if last.ident != "TryInto" {
                return None;
            }
            first_type_arg(&last.arguments)
        })
    })
}

/// `X` of `send(self) -> Result<ResponseValue<X>, crate::Error>`.
fn send_answer(sig: &syn::Signature) -> Result<Type> {
    let syn::ReturnType::Type(_, output) = &sig.output else {
        bail!("no return type");
    };
    let Type::Path(result) = output.as_ref() else {
        bail!("not a Result");
    };
    let ok = result
        .path
        .segments
        .last()
        .and_then(|s| first_type_arg(&s.arguments))
        .context("not a Result<_, _>")?;
    let Type::Path(value) = &ok else {
        bail!("not a ResponseValue");
    };
    value
        .path
        .segments
        .last()
        .filter(|s| s.ident == "ResponseValue")
        .and_then(|s| first_type_arg(&s.arguments))
        .context("not a ResponseValue<_>")
}

fn first_type_arg(arguments: &syn::PathArguments) -> Option<Type> {
    let syn::PathArguments::AngleBracketed(args) = arguments else {
        return None;
    };
    args.args.iter().find_map(|arg| match arg {
        syn::GenericArgument::Type(ty) => Some(ty.clone()),
        _ => None,
    })
}

/// `X` of `::std::vec::Vec<X>`.
fn vec_item(ty: &Type) -> Option<Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Vec" {
        return None;
    }
    first_type_arg(&last.arguments)
}

fn is_path(ty: &Type, segments: &[&str]) -> bool {
    let Type::Path(path) = ty else { return false };
    path.path
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .eq(segments.iter().map(|s| (*s).to_owned()))
}

/// Text on one line, runs of white space collapsed.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;
    use syn::parse_quote;

    #[test]
    fn setter_targets_come_from_the_try_into_bound() {
        let f: syn::ImplItemFn = parse_quote! {
            pub fn src_lang<V>(mut self, value: V) -> Self
            where
                V: std::convert::TryInto<crate::lang::MemoqCode>,
            {
                self
            }
        };
        let target = setter_target(&f.sig).expect("a setter");
        assert_eq!(quote!(#target).to_string(), "crate :: lang :: MemoqCode");
        let f: syn::ImplItemFn = parse_quote! {
            pub fn body_map<F>(mut self, f: F) -> Self where F: std::ops::FnOnce(u8) -> u8 { self }
        };
        assert!(setter_target(&f.sig).is_none());
    }
}
