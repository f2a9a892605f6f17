//! The `tms <vendor> api <operation> …` command lines: one clap subcommand per public operation,
//! generated into `crates/tms-cli/src/api/<vendor>.rs`.
//!
//! progenitor's own CLI generator (`Generator::cli`) does not fit the shaped client: its
//! `execute` matches `send()` against `progenitor_client::Error` (our `send` returns the crate's
//! own error), it leaves raw bodies out and answers binary responses with `todo!()`, it needs
//! `FromStr`/`ValueParserFactory` for every parameter type (not true of `Vec` or our newtypes),
//! it would call the crate-private logins, and it reports through callbacks instead of returning
//! the answer. So the commands are generated here, from two sources that cannot disagree with the
//! client: the spec (names, summaries, descriptions, which parameters are required) and the
//! shaped client itself (each builder setter's exact target type, each `send`'s answer type).
//! Every value is parsed into the setter's own type, so a type change in the spec changes the
//! command line with it.

mod model;

use anyhow::{Context, Result};
use openapiv3::OpenAPI;
use quote::{format_ident, quote};
use syn::{Type, parse_quote};

use crate::apis::Api;
use model::{Answer, Body, Operation};

/// The generated module for one API (without its header line).
pub fn generate(spec: &OpenAPI, client: &syn::File, api: &Api) -> Result<String> {
    let builders = model::builders(client)?;
    let ops = model::operations(spec, &builders, api)?;
    let client_crate = format_ident!("{}", api.client_crate);
    let command_fns = ops.iter().map(|op| command_fn(op, &client_crate));
    let run_fns = ops.iter().map(|op| run_fn(op, &client_crate));
    let command_names = ops.iter().map(|op| format_ident!("{}_command", op.method));
    let arms = ops.iter().map(|op| {
        let command = &op.command;
        let run = format_ident!("{}", op.method);
        quote! { Some((#command, matches)) => Box::pin(#run(client, matches)).await, }
    });
    let bin_name = api.cli_command;
    let about = format!(
        "Any operation of the {} API, generated from {}",
        api.vendor_name, api.spec
    );
    let tokens = quote! {
        use clap::{ArgMatches, Command};
        use serde_json::Value;

        use super::support;
        use crate::error::CliError;

        /// The subcommands, one per operation, built one at a time (hundreds of them in one
        /// array would sit on the stack at once).
        const OPERATIONS: &[fn() -> Command] = &[#(#command_names),*];

        /// The `api` command: one subcommand per operation of the spec.
        pub(super) fn command() -> Command {
            OPERATIONS.iter().fold(
                Command::new("api")
                    .bin_name(#bin_name)
                    .about(#about)
                    .subcommand_required(true),
                |command, operation| command.subcommand(operation()),
            )
        }

        /// Runs the operation `matches` names and returns its answer as JSON. Each operation's
        /// future is boxed, so this one stays small however many operations there are.
        pub(super) async fn run(client: &#client_crate::Client, matches: &ArgMatches) -> Result<Value, CliError> {
            match matches.subcommand() {
                #(#arms)*
                other => Err(support::unknown_operation(other.map(|(name, _)| name))),
            }
        }

        #(#command_fns)*
        #(#run_fns)*
    };
    let file: syn::File = syn::parse2(tokens).context("generated command line does not parse")?;
    Ok(prettyplease::unparse(&file))
}

fn command_fn(op: &Operation, client_crate: &syn::Ident) -> proc_macro2::TokenStream {
    let name = format_ident!("{}_command", op.method);
    let (command, about, long_about) = (&op.command, &op.about, &op.long_about);
    let args = op.flags.iter().map(|flag| {
        let ty = public_type(&flag.ty, client_crate);
        let (long, required, help) = (&flag.name, flag.required, &flag.help);
        let value_name = flag.name.to_uppercase().replace('-', "_");
        if flag.repeated {
            quote! { .arg(support::repeated::<#ty>(#long, #value_name, #required, #help)) }
        } else {
            quote! { .arg(support::value::<#ty>(#long, #value_name, #required, #help)) }
        }
    });
    let body = match &op.body {
        Body::None => quote!(),
        Body::Json { ty, required } => {
            let ty = public_type(ty, client_crate);
            let schema = type_name(&ty);
            let need = if *required { "required" } else { "optional" };
            let body_help = format!("The request body ({schema}) as JSON; {need}");
            let file_help =
                format!("The request body ({schema}) as JSON, read from a file (`-` for stdin)");
            quote! {
                .args(support::json_body_args::<#ty>(#body_help, #file_help))
                .group(support::json_body_group(#required))
            }
        }
        Body::File { required } => quote! { .arg(support::file_arg(#required)) },
    };
    let out = if matches!(op.answer, Answer::File) {
        quote! { .arg(support::out_arg()) }
    } else {
        quote!()
    };
    quote! {
        fn #name() -> Command {
            Command::new(#command)
                .about(#about)
                .long_about(#long_about)
                #(#args)*
                #body
                #out
        }
    }
}

fn run_fn(op: &Operation, client_crate: &syn::Ident) -> proc_macro2::TokenStream {
    let name = format_ident!("{}", op.method);
    let method = format_ident!("{}", op.method);
    let setters = op.flags.iter().map(|flag| {
        let ty = public_type(&flag.ty, client_crate);
        let (long, setter) = (&flag.name, format_ident!("{}", flag.setter));
        match (flag.repeated, flag.required) {
            (true, _) => quote! {
                if let Some(values) = support::many::<#ty>(matches, #long) {
                    request = request.#setter(values);
                }
            },
            (false, true) => quote! {
                request = request.#setter(support::required::<#ty>(matches, #long)?);
            },
            (false, false) => quote! {
                if let Some(value) = support::optional::<#ty>(matches, #long) {
                    request = request.#setter(value);
                }
            },
        }
    });
    let body = match &op.body {
        Body::None => quote!(),
        Body::Json { ty, .. } => {
            let ty = public_type(ty, client_crate);
            quote! {
                if let Some(body) = support::json_body::<#ty>(matches)? {
                    request = request.body(body);
                }
            }
        }
        Body::File { .. } => quote! {
            if let Some(bytes) = support::file_body(matches).await? {
                request = request.body(bytes);
            }
        },
    };
    let takes_input = !op.flags.is_empty() || !matches!(op.body, Body::None);
    let mutable = if takes_input { quote!(mut) } else { quote!() };
    let matches = if takes_input || matches!(op.answer, Answer::File) {
        format_ident!("matches")
    } else {
        format_ident!("_matches")
    };
    let finish = match op.answer {
        Answer::Empty => quote! {
            request.send().await?;
            Ok(Value::Null)
        },
        Answer::File => quote! {
            let answer = request.send().await?;
            support::download(answer.into_inner(), matches).await
        },
        Answer::Json => quote! {
            let answer = request.send().await?;
            support::json(answer.into_inner())
        },
    };
    quote! {
        async fn #name(client: &#client_crate::Client, #matches: &ArgMatches) -> Result<Value, CliError> {
            let #mutable request = client.#method();
            #(#setters)*
            #body
            #finish
        }
    }
}

/// The type as the command line names it: `crate::…` and `types::…` inside the client become
/// `<client_crate>::…`.
fn public_type(ty: &Type, client_crate: &syn::Ident) -> Type {
    struct Rewrite<'a>(&'a syn::Ident);
    impl syn::visit_mut::VisitMut for Rewrite<'_> {
        fn visit_type_path_mut(&mut self, ty: &mut syn::TypePath) {
            syn::visit_mut::visit_type_path_mut(self, ty);
            if ty.qself.is_some() || ty.path.leading_colon.is_some() {
                return;
            }
            let client_crate = self.0;
            match ty.path.segments.first().map(|s| s.ident.to_string()) {
                Some(first) if first == "crate" => {
                    let rest: Vec<_> = ty.path.segments.iter().skip(1).cloned().collect();
                    ty.path = parse_quote!(#client_crate::#(#rest)::*);
                }
                Some(first) if first == "types" => {
                    let all: Vec<_> = ty.path.segments.iter().cloned().collect();
                    ty.path = parse_quote!(#client_crate::#(#all)::*);
                }
                _ => {}
            }
        }
    }
    let mut ty = ty.clone();
    syn::visit_mut::VisitMut::visit_type_mut(&mut Rewrite(client_crate), &mut ty);
    ty
}

/// The last path segment of a type (`memoq_api::types::LookupSegmentRequest` →
/// `LookupSegmentRequest`).
fn type_name(ty: &Type) -> String {
    match ty {
        Type::Path(p) => p
            .path
            .segments
            .last()
            .map_or_else(String::new, |s| s.ident.to_string()),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_types_name_the_client_crate() {
        let client: syn::Ident = parse_quote!(memoq_api);
        let rewrite = |ty: Type| {
            let ty = public_type(&ty, &client);
            quote!(#ty).to_string()
        };
        assert_eq!(
            rewrite(parse_quote!(crate::ids::TmGuid)),
            "memoq_api :: ids :: TmGuid"
        );
        assert_eq!(
            rewrite(parse_quote!(types::LookupSegmentRequest)),
            "memoq_api :: types :: LookupSegmentRequest"
        );
        assert_eq!(
            rewrite(parse_quote!(::std::vec::Vec<crate::lang::MemoqCode>)),
            ":: std :: vec :: Vec < memoq_api :: lang :: MemoqCode >"
        );
        assert_eq!(rewrite(parse_quote!(i32)), "i32");
    }
}
