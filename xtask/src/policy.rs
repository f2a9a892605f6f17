//! Per-operation policy declared in the spec and generated into the client: `x-idempotent`
//! (required on every operation: may it be sent twice?), `x-transfer` (the answer is a file, read
//! under the transfer timeout) and `x-empty-success` (a success may come without a body, read as
//! JSON `null`); `security: []` makes an operation anonymous (sent without a token). Adding an operation is a spec-only change; forgetting `x-idempotent` fails the
//! generation.

use anyhow::{Result, bail};
use quote::quote;

/// One operation's declared policy.
struct Declared {
    method: String,
    idempotent: bool,
    transfer: bool,
    empty_success: bool,
    anonymous: bool,
}

fn flag(op: &openapiv3::Operation, name: &str) -> Result<Option<bool>> {
    match op.extensions.get(name) {
        None => Ok(None),
        Some(serde_json::Value::Bool(b)) => Ok(Some(*b)),
        Some(other) => bail!(
            "{}: {name} must be true or false, not {other}",
            op.operation_id.as_deref().unwrap_or("?")
        ),
    }
}

fn declared(spec: &openapiv3::OpenAPI) -> Result<Vec<Declared>> {
    let mut out = Vec::new();
    let mut missing = Vec::new();
    for (path, method, op) in spec.operations() {
        let Some(id) = op.operation_id.as_deref() else {
            bail!("{method} {path} has no operationId");
        };
        let Some(idempotent) = flag(op, "x-idempotent")? else {
            missing.push(format!("{id} ({} {path})", method.to_uppercase()));
            continue;
        };
        out.push(Declared {
            method: crate::surface::snake_case(id),
            idempotent,
            transfer: flag(op, "x-transfer")?.unwrap_or(false),
            empty_success: flag(op, "x-empty-success")?.unwrap_or(false),
            // `security: []`: sent without a token (the logins).
            anonymous: op.security.as_ref().is_some_and(Vec::is_empty),
        });
    }
    if !missing.is_empty() {
        bail!(
            "every operation must declare x-idempotent: true or false; missing on {}",
            missing.join(", ")
        );
    }
    out.sort_by(|a, b| a.method.cmp(&b.method));
    Ok(out)
}

/// How the runtime drives the client: the `ClientHooks` impl (every request goes through the
/// runtime's request path with the operation's declared policy) and the `SessionClient` impl
/// (its session state, its vendor policy, how it obtains a token). The same for every vendor
/// but for three names, so they are generated.
pub fn glue(api: &crate::apis::Api) -> Result<Vec<syn::Item>> {
    let inner: syn::Type = syn::parse_str(api.inner_type)?;
    let vendor: syn::Type = syn::parse_str(api.vendor)?;
    let token_source: syn::Ident = syn::parse_str(api.token_source)?;
    let hooks = quote! {
        impl ClientHooks<#inner> for Client {
            // The runtime's future as it is, without an `async fn` layer that would hold a
            // second copy of it.
            fn exec(
                &self,
                request: reqwest::Request,
                info: &OperationInfo,
            ) -> impl ::std::future::Future<Output = reqwest::Result<reqwest::Response>> {
                let operation = info.operation_id;
                tms_runtime::client::exec(self, request, operation, policy::of(operation))
            }
        }
    };
    let session_client = quote! {
        impl tms_runtime::client::SessionClient for Client {
            type State = #inner;
            type Vendor = #vendor;
            const VENDOR: #vendor = #vendor;

            fn fresh_token(self) -> tms_runtime::client::LoginFuture {
                Box::pin(async move { self.#token_source().await })
            }
        }
    };
    let logout: syn::Ident = syn::parse_str(api.logout)?;
    let session = quote! {
        impl Client {
            /// Ends the session on the server and forgets its token; the credentials stay, so a
            /// later call logs in again. Without a valid token it does nothing — it never logs in
            /// just to log out —, so calling it twice is harmless. Only the token it ended is
            /// forgotten: a token another call obtained meanwhile stays.
            ///
            /// # Errors
            /// Whatever the logout call fails with; the token is forgotten in any case.
            pub async fn logout(&self) -> Result<(), crate::Error> {
                tms_runtime::client::logout(self, || self.#logout().send()).await
            }

            /// Whether this client holds a token.
            pub fn is_logged_in(&self) -> bool {
                self.inner.is_logged_in()
            }

            /// The current session token and its end, to resume the session in another client
            /// later (`ClientBuilder::resume`); `None` without a valid token.
            pub fn saved_token(&self) -> Option<tms_runtime::session::SavedToken> {
                self.inner.cache().saved()
            }
        }
    };
    // The builder's options are the same for every vendor; its credential setters and
    // `build` are the vendor's own (in its `client_builder` module).
    let builder = quote! {
        impl Client {
            /// A builder for a client: credentials, retry policy, TLS settings.
            pub fn builder(base_url: impl Into<String>) -> crate::ClientBuilder {
                crate::ClientBuilder::new(base_url)
            }
        }

        impl crate::ClientBuilder {
            /// The retry policy (attempts, backoff, timeouts, budget).
            pub fn retry(mut self, retry: tms_runtime::retry::RetryPolicy) -> Self {
                self.options.retry = retry;
                self
            }

            /// How long tokens and failed logins are cached.
            pub fn session_cache(mut self, cache: tms_runtime::session::CacheConfig) -> Self {
                self.options.cache = cache;
                self
            }

            /// Trust this root certificate (PEM) too, e.g. an on-premises server's own CA.
            pub fn root_certificate_pem(mut self, pem: impl Into<Vec<u8>>) -> Self {
                self.options.transport.root_certificates_pem.push(pem.into());
                self
            }

            /// Allow `http://` to a host that is not loopback (credentials then cross the
            /// network in clear text).
            pub fn allow_insecure_http(mut self) -> Self {
                self.options.transport.allow_insecure_http = true;
                self
            }

            /// The clock and sleeper (tests pass a virtual one).
            pub fn clock(mut self, clock: tms_runtime::clock::SharedClock) -> Self {
                self.options.clock = clock;
                self
            }

            /// Make the backoff jitter reproducible.
            pub fn jitter_seed(mut self, seed: u64) -> Self {
                self.options.jitter_seed = Some(seed);
                self
            }

            /// Start with a token saved from an earlier session (`Client::saved_token`), as if
            /// a login had just produced it: no login until it ends or the server rejects it,
            /// then the usual single re-login. An expired one is ignored.
            pub fn resume(mut self, saved: tms_runtime::session::SavedToken) -> Self {
                self.options.resume = Some(saved);
                self
            }

            /// Share the session with every client and process using the same `store` for the
            /// same server and user: one login for all of them (a Redis store is in the
            /// `tms-redis` crate). Clients with a ready token or a token provider keep theirs.
            pub fn shared_session(
                mut self,
                store: std::sync::Arc<dyn tms_runtime::fleet::SessionStore>,
            ) -> Self {
                self.options.fleet.vendor = <#vendor as tms_runtime::vendor::Vendor>::NAME;
                self.options.fleet.session = Some(store);
                self
            }

            /// Pace every attempt by a rate budget kept in `store`, shared by every client and
            /// process using it for the same server and user; a `Retry-After` from the server
            /// pauses all of them.
            pub fn shared_rate_limit(
                mut self,
                store: std::sync::Arc<dyn tms_runtime::fleet::RateLimitStore>,
                limits: tms_runtime::fleet::RateLimits,
            ) -> Self {
                self.options.fleet.vendor = <#vendor as tms_runtime::vendor::Vendor>::NAME;
                self.options.fleet.rate_limit = Some((store, limits));
                self
            }
        }
    };
    let builder: syn::File = syn::parse2(builder)?;
    let mut items = vec![
        syn::parse2(hooks)?,
        syn::parse2(session_client)?,
        syn::parse2(session)?,
    ];
    items.extend(builder.items);
    Ok(items)
}

/// The `policy` module appended to the generated client.
pub fn module(spec: &openapiv3::OpenAPI) -> Result<syn::Item> {
    let ops = declared(spec)?;
    let arms = ops.iter().map(|d| {
        let name = &d.method;
        let idempotency = if d.idempotent {
            quote!(Safe)
        } else {
            quote!(Unsafe)
        };
        let (transfer, empty_success, anonymous) = (d.transfer, d.empty_success, d.anonymous);
        quote! {
            #name => OperationPolicy {
                idempotency: #idempotency,
                transfer: #transfer,
                empty_success: #empty_success,
                anonymous: #anonymous,
            },
        }
    });
    let names = ops.iter().map(|d| &d.method);
    let tokens = quote! {
        /// What the spec declares about each operation (`x-idempotent`, `x-transfer`,
        /// `x-empty-success`), read by the request path.
        pub mod policy {
            use tms_runtime::engine::Idempotency::{Safe, Unsafe};
            use tms_runtime::engine::OperationPolicy;

            /// Every operation of the client, by method name.
            pub const OPERATIONS: &[&str] = &[#(#names),*];

            /// The declared policy of `operation`; an unknown one is never retried.
            pub fn of(operation: &str) -> OperationPolicy {
                match operation {
                    #(#arms)*
                    _ => OperationPolicy::UNKNOWN,
                }
            }
        }
    };
    Ok(syn::parse2(tokens)?)
}
