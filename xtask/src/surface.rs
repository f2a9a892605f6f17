//! The public surface of a generated client, shaped after progenitor has written it:
//!
//! - every operation's `send()` returns the client crate's own `crate::Error` (progenitor's
//!   error type stays inside the crate, under `send_raw()`), so a user never meets it;
//! - `Client::new` / `Client::new_with_client` are crate-private: the hand-written builder is the
//!   one way in (it applies the HTTPS rule, redirects, retry policy and credentials);
//! - operations the spec marks `x-internal: true` (the logins, which only the session may call)
//!   are crate-private, with their builders.
//!
//! - the `api-version` header progenitor adds to every request (neither vendor reads it) is not
//!   built at all, instead of being built and then removed by a hook on every call.
//!
//! progenitor has no setting for any of this (its builder `send` returns
//! `progenitor_client::Error<E>`, and every operation is public), so it is done here, on the
//! syntax tree, before formatting.

use anyhow::{Context, Result, bail};
use syn::{Item, ItemImpl, ReturnType, Type, Visibility, parse_quote};

/// Operation ids the spec marks `x-internal: true`.
pub fn internal_operations(spec: &openapiv3::OpenAPI) -> Vec<String> {
    spec.operations()
        .filter(|(_, _, op)| {
            op.extensions
                .get("x-internal")
                .and_then(serde_json::Value::as_bool)
                .unwrap_or(false)
        })
        .filter_map(|(_, _, op)| op.operation_id.as_deref().map(snake_case))
        .collect()
}

/// progenitor's method name for an operation id (`authLoginV3` → `auth_login_v3`).
pub fn snake_case(operation_id: &str) -> String {
    let mut out = String::with_capacity(operation_id.len() + 4);
    for (i, c) in operation_id.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.extend(c.to_lowercase());
    }
    out
}

/// progenitor's builder type name for an operation id (`auth_login_v3` → `AuthLoginV3`).
pub fn builder_name(operation_id: &str) -> String {
    operation_id
        .split('_')
        .map(|part| {
            let mut chars = part.chars();
            chars.next().map_or_else(String::new, |first| {
                first.to_uppercase().chain(chars).collect()
            })
        })
        .collect()
}

/// Shapes the generated client file.
pub fn shape(file: &mut syn::File, internal: &[String]) -> Result<()> {
    let builders: Vec<String> = internal.iter().map(|op| builder_name(op)).collect();
    let mut sends = 0usize;
    let mut hidden_error = false;
    let mut constructors = 0usize;
    let mut hidden_ops = 0usize;
    for item in &mut file.items {
        match item {
            Item::Use(used) if matches!(used.vis, Visibility::Public(_)) => {
                hidden_error |= drop_error_reexport(used);
            }
            Item::Impl(block) if is_client_impl(block) => {
                for member in &mut block.items {
                    if let syn::ImplItem::Fn(f) = member {
                        let name = f.sig.ident.to_string();
                        if name == "new" || name == "new_with_client" {
                            f.vis = parse_quote!(pub(crate));
                            constructors += 1;
                        } else if internal.contains(&name) {
                            f.vis = parse_quote!(pub(crate));
                            hidden_ops += 1;
                        }
                    }
                }
            }
            Item::Mod(module) if module.ident == "builder" => {
                let Some((_, items)) = &mut module.content else {
                    bail!("the builder module has no body");
                };
                for item in items.iter_mut() {
                    match item {
                        Item::Struct(s) if builders.contains(&s.ident.to_string()) => {
                            s.vis = parse_quote!(pub(crate));
                        }
                        Item::Impl(block) if block.trait_.is_none() => {
                            sends += wrap_send(block)?;
                        }
                        _ => {}
                    }
                }
            }
            _ => {}
        }
    }
    if !hidden_error {
        bail!("progenitor's `pub use progenitor_client::{{.., Error, ..}}` was not found");
    }
    if constructors != 2 {
        bail!("expected Client::new and Client::new_with_client, found {constructors}");
    }
    if hidden_ops != internal.len() {
        bail!(
            "{} internal operations in the spec, {hidden_ops} found on Client",
            internal.len()
        );
    }
    if sends == 0 {
        bail!("no builder `send` found");
    }
    let mut paths = PathSegmentsInPlace::default();
    syn::visit_mut::VisitMut::visit_file_mut(&mut paths, file);
    if let Some(err) = paths.error {
        return Err(err);
    }
    if paths.replaced == 0 {
        bail!("no `encode_path(&value.to_string())` found to replace");
    }
    if paths.urls == 0 {
        bail!("no URL `format!(\"{{}}/…\", client.baseurl, …)` found to replace");
    }
    let mut decoder = DecodeWithoutHeaderCopy(0);
    syn::visit_mut::VisitMut::visit_file_mut(&mut decoder, file);
    if decoder.0 == 0 {
        bail!("no `ResponseValue::from_response` call found to replace");
    }
    // progenitor's error stays usable inside the crate (the builders build it).
    file.items.insert(
        1,
        parse_quote! {
            #[allow(unused_imports)]
            use progenitor_client::Error;
        },
    );
    Ok(())
}

/// Points `ResponseValue::from_response(..)` at `tms_runtime::wire::decode_response(..)`, which
/// moves the headers out of the answer instead of copying them; counts the calls replaced.
struct DecodeWithoutHeaderCopy(usize);

impl syn::visit_mut::VisitMut for DecodeWithoutHeaderCopy {
    fn visit_expr_call_mut(&mut self, call: &mut syn::ExprCall) {
        syn::visit_mut::visit_expr_call_mut(self, call);
        if let syn::Expr::Path(path) = call.func.as_mut() {
            let segments: Vec<String> = path
                .path
                .segments
                .iter()
                .map(|s| s.ident.to_string())
                .collect();
            if segments == ["ResponseValue", "from_response"] {
                path.path = parse_quote!(tms_runtime::wire::decode_response);
                self.0 += 1;
            }
        }
    }
}

/// Points every `encode_path(&value.to_string())` inside a `format!` (how progenitor builds an
/// operation's URL) at `tms_runtime::wire::PathSegment(&value)`, which percent-encodes the value
/// as it is formatted instead of building two strings first, and formats each URL into a string
/// sized for it; counts both.
#[derive(Default)]
struct PathSegmentsInPlace {
    replaced: usize,
    urls: usize,
    error: Option<anyhow::Error>,
}

impl syn::visit_mut::VisitMut for PathSegmentsInPlace {
    /// In every `format!`, `encode_path(&value.to_string())` becomes
    /// `tms_runtime::wire::PathSegment(&value)`; an operation's URL,
    /// `format!("{}/…", client.baseurl, …)`, becomes `tms_runtime::wire::url(format_args!(…))`,
    /// which starts with room for the whole URL.
    fn visit_expr_mut(&mut self, expr: &mut syn::Expr) {
        syn::visit_mut::visit_expr_mut(self, expr);
        let syn::Expr::Macro(call) = expr else {
            return;
        };
        if !call.mac.path.is_ident("format") {
            return;
        }
        let args = match call.mac.parse_body_with(
            syn::punctuated::Punctuated::<syn::Expr, syn::Token![,]>::parse_terminated,
        ) {
            Ok(args) => args,
            Err(err) => {
                self.error = Some(anyhow::anyhow!("a format! that does not parse: {err}"));
                return;
            }
        };
        let builds_url = args.iter().nth(1).is_some_and(|arg| {
            quote::ToTokens::to_token_stream(arg).to_string() == "client . baseurl"
        });
        let args: syn::punctuated::Punctuated<syn::Expr, syn::Token![,]> = args
            .into_iter()
            .map(|arg| match path_parameter(&arg) {
                Some(value) => {
                    self.replaced += 1;
                    parse_quote!(tms_runtime::wire::PathSegment(&#value))
                }
                None => arg,
            })
            .collect();
        if builds_url {
            *expr = parse_quote!(tms_runtime::wire::url(format_args!(#args)));
            self.urls += 1;
        } else {
            call.mac.tokens = quote::ToTokens::to_token_stream(&args);
        }
    }
}

/// `value` when `arg` is `encode_path(&value.to_string())`.
fn path_parameter(arg: &syn::Expr) -> Option<&syn::Expr> {
    let syn::Expr::Call(call) = arg else {
        return None;
    };
    let syn::Expr::Path(func) = call.func.as_ref() else {
        return None;
    };
    if !func.path.is_ident("encode_path") || call.args.len() != 1 {
        return None;
    }
    let syn::Expr::Reference(reference) = call.args.first()? else {
        return None;
    };
    let syn::Expr::MethodCall(method) = reference.expr.as_ref() else {
        return None;
    };
    (method.method == "to_string" && method.args.is_empty()).then_some(method.receiver.as_ref())
}

/// Removes `Error` from `pub use progenitor_client::{…}`; whether it was there.
fn drop_error_reexport(used: &mut syn::ItemUse) -> bool {
    let syn::UseTree::Path(path) = &mut used.tree else {
        return false;
    };
    if path.ident != "progenitor_client" {
        return false;
    }
    let syn::UseTree::Group(group) = path.tree.as_mut() else {
        return false;
    };
    let before = group.items.len();
    group.items = group
        .items
        .iter()
        .filter(|tree| !matches!(tree, syn::UseTree::Name(n) if n.ident == "Error"))
        .cloned()
        .collect();
    group.items.len() != before
}

fn is_client_impl(block: &ItemImpl) -> bool {
    block.trait_.is_none()
        && matches!(block.self_ty.as_ref(), Type::Path(p) if p.path.is_ident("Client"))
}

/// Renames a builder's `send` to a private `send_raw` and adds a `send` that returns
/// `crate::Error`. Returns how many it wrapped (0 or 1).
///
/// `send` boxes the request's state (request, retry loop, decoding: about 2 KB): the future a
/// caller holds, moves into a stream or spawns is then a pointer and the builder, and those
/// moves stop copying kilobytes per call.
fn wrap_send(block: &mut ItemImpl) -> Result<usize> {
    let mut wrapper = None;
    for member in &mut block.items {
        let syn::ImplItem::Fn(f) = member else {
            continue;
        };
        if f.sig.ident != "send" {
            continue;
        }
        let ReturnType::Type(_, output) = &f.sig.output else {
            bail!("a builder `send` without a return type");
        };
        let ok = ok_type(output).context("a builder `send` that does not return Result")?;
        drop_api_version(&mut f.block)?;
        f.sig.ident = parse_quote!(send_raw);
        f.vis = Visibility::Inherited;
        f.attrs.retain(|a| !a.path().is_ident("doc"));
        wrapper = Some(parse_quote! {
            /// Sends the request (through the session: login, retries, re-login) and decodes
            /// the answer.
            ///
            /// # Errors
            /// [`crate::Error`]: the vendor's error answer, a login that gave no token, a
            /// transport failure, an answer that does not decode.
            pub async fn send(self) -> ::std::result::Result<#ok, crate::Error> {
                Box::pin(self.send_raw()).await.map_err(crate::Error::from)
            }
        });
    }
    match wrapper {
        Some(wrapper) => {
            block.items.push(syn::ImplItem::Fn(wrapper));
            Ok(1)
        }
        None => Ok(0),
    }
}

/// Removes `header_map.append("api-version", …)` from a `send` body and sizes the map for
/// one header less.
fn drop_api_version(body: &mut syn::Block) -> Result<()> {
    let before = body.stmts.len();
    body.stmts.retain(|stmt| {
        let text = quote::ToTokens::to_token_stream(stmt).to_string();
        !(text.starts_with("header_map . append") && text.contains("\"api-version\""))
    });
    if body.stmts.len() + 1 != before {
        bail!("a builder `send` without exactly one api-version header");
    }
    for stmt in &mut body.stmts {
        let syn::Stmt::Local(local) = stmt else {
            continue;
        };
        let Some(init) = &mut local.init else {
            continue;
        };
        let syn::Expr::Call(call) = init.expr.as_mut() else {
            continue;
        };
        let is_with_capacity = matches!(call.func.as_ref(), syn::Expr::Path(p)
            if p.path.segments.last().is_some_and(|s| s.ident == "with_capacity"));
        if !is_with_capacity {
            continue;
        }
        if let Some(syn::Expr::Lit(syn::ExprLit {
            lit: syn::Lit::Int(n),
            ..
        })) = call.args.first_mut()
        {
            let size: usize = n.base10_parse()?;
            let fewer = size.saturating_sub(1);
            *n = syn::LitInt::new(&format!("{fewer}usize"), n.span());
        }
    }
    Ok(())
}

/// `T` of `Result<T, E>`.
fn ok_type(output: &Type) -> Option<Type> {
    let Type::Path(path) = output else {
        return None;
    };
    let last = path.path.segments.last()?;
    if last.ident != "Result" {
        return None;
    }
    let syn::PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        syn::GenericArgument::Type(ok) => Some(ok.clone()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builder_names_follow_progenitor() {
        assert_eq!(builder_name("auth_login"), "AuthLogin");
        assert_eq!(builder_name("auth_login_v3"), "AuthLoginV3");
        assert_eq!(snake_case("authLoginV3"), "auth_login_v3");
        assert_eq!(snake_case("tbEntryMetaGet"), "tb_entry_meta_get");
    }
}
