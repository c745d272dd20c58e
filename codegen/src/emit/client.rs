//! A provider's client module, from its client model: the provider marker, the `Client`
//! and `ClientBuilder` wrappers over the hand-written runtime, the `Error` alias, the
//! rate-limit plans, the webhook parsers, and (from `methods.rs`) a method per operation.
//! Every name and reference was settled by the model, so nothing here can fail.
//!
//! Every function of the client module is `#[inline]`: a method names its concrete types
//! (`decode::<Message>`, the body's `Serialize`), so compiled in the SDK it would
//! monomorphize serde_json's decoder and encoder for every operation of every enabled
//! provider, used or not — two thirds of the SDK's build time (rustc `-Z time-passes`: 1.59
//! s for Ziik, 0.94 s of it code generation; 0.50 s with `#[inline]`). Inline, a method is
//! compiled in the crate that calls it, so users pay for the operations they use.

use proc_macro2::{Literal, TokenStream};
use quote::{ToTokens, quote};

use super::{doc_attrs, ident, methods, rust_type};
use crate::client_model::{Auth, ClientModel, HeaderSetting, Setting};
use crate::ir::{TypeRef, TypeSpace};

/// The client module's items.
pub fn client(model: &ClientModel, space: &TypeSpace) -> TokenStream {
    let display = &model.display_name;
    let default_base = match &model.base_url {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let bearer = model.auth == Auth::Bearer;
    let error_body = ty(space, &model.error_body);
    let user_agent = format!(" ({display})");
    let api_doc =
        format!(" Marker for the {display} API, which the runtime's client is built for.");
    let client_doc = client_docs(model);
    let error_doc = format!(
        " The error of a call to {display}: its `Status` case carries the provider's error body."
    );
    let methods = model
        .operations
        .iter()
        .map(|op| methods::operation(model, space, op));
    let builder = builder(model);
    let plans = plans(model);
    let webhooks = webhooks(model, space);
    quote! {
        #[doc = #api_doc]
        #[doc(hidden)]
        #[derive(Debug, Clone, Copy)]
        pub struct Api;

        impl msgen_runtime::__private::Provider for Api {
            const NAME: &'static str = #display;
            const DEFAULT_BASE_URL: Option<&'static str> = #default_base;
            const BEARER_AUTH: bool = #bearer;
            const USER_AGENT: &'static str =
                concat!("msgen-sdk/", env!("CARGO_PKG_VERSION"), #user_agent);
        }

        #client_doc
        #[derive(Debug, Clone)]
        pub struct Client {
            inner: msgen_runtime::__private::Client<Api>,
        }

        impl Client {
            /// Starts building a client; see [`ClientBuilder`] for the settings and their
            /// defaults.
            #[inline]
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: msgen_runtime::__private::ClientBuilder::new(),
                }
            }

            /// The base URL requests go to.
            #[inline]
            pub fn base_url(&self) -> &str {
                self.inner.base_url().as_str()
            }

            #(#methods)*
        }

        #builder

        #[doc = #error_doc]
        pub type Error = msgen_runtime::Error<#error_body>;

        #plans
        #webhooks
    }
}

/// The builder: one method per setting of the model, in its order. Every method of
/// `ClientBuilder` is a `Setting`, whose names the model claimed: a new one is a variant
/// there and an arm here.
fn builder(model: &ClientModel) -> TokenStream {
    let display = &model.display_name;
    let doc = format!(" Builds a [`Client`] for the {display} API.");
    let methods = model.settings.iter().map(|setting| match setting {
        Setting::Token => quote! {
            /// The API token, sent as `Authorization: Bearer <token>`: required. Never printed.
            #[inline]
            pub fn token(self, token: impl Into<msgen_runtime::Secret>) -> Self {
                ClientBuilder { inner: self.inner.token(token) }
            }
        },
        Setting::BaseUrl => {
            let docs = doc_attrs(&[base_url_doc(model)]);
            quote! {
                #docs
                #[inline]
                pub fn base_url(self, url: impl Into<String>) -> Self {
                    ClientBuilder { inner: self.inner.base_url(url) }
                }
            }
        }
        Setting::Shared => quote!(msgen_runtime::__private::client_builder_settings!();),
        Setting::Plan => quote! {
            /// Keeps the client within the plan's documented rate limit (opt-in).
            #[inline]
            pub fn plan(self, plan: Plan) -> Self {
                self.rate_limit(plan.rate_limit())
            }
        },
        Setting::Header(header) => header_setting(header),
        Setting::Build => quote! {
            /// Builds the client, checking the base URL, the token and the headers.
            #[inline]
            pub fn build(self) -> Result<Client, msgen_runtime::BuildError> {
                self.inner.build().map(|inner| Client { inner })
            }
        },
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[must_use = "a builder does nothing until `build` is called"]
        pub struct ClientBuilder {
            inner: msgen_runtime::__private::ClientBuilder<Api>,
        }

        impl ClientBuilder {
            #(#methods)*
        }
    }
}

fn base_url_doc(model: &ClientModel) -> String {
    let display = &model.display_name;
    match (&model.base_url, &model.base_url_example) {
        (Some(url), _) => format!("Where requests go (default `{url}`)."),
        (None, Some(example)) => format!(
            "Where requests go: required, since {display} has no public base URL (the docs show `{example}`)."
        ),
        (None, None) => {
            format!("Where requests go: required, since {display} has no public base URL.")
        }
    }
}

/// A builder method that sends its value in the setting's headers (`allowed_domain` →
/// `Origin` and `Referer`).
fn header_setting(setting: &HeaderSetting) -> TokenStream {
    let method = ident(&setting.method);
    let headers = &setting.headers;
    let sent = headers
        .iter()
        .map(|h| format!("`{h}`"))
        .collect::<Vec<_>>()
        .join(" and ");
    let docs = doc_attrs(&[
        setting.description.clone(),
        String::new(),
        format!("Sent as {sent} on every request."),
    ]);
    quote! {
        #docs
        #[inline]
        pub fn #method(self, value: impl Into<String>) -> Self {
            let value: String = value.into();
            self #(.default_header(#headers, value.clone()))*
        }
    }
}

/// A public parser per webhook payload, for the user's webhook endpoint.
fn webhooks(model: &ClientModel, space: &TypeSpace) -> TokenStream {
    let parsers = model.webhooks.iter().map(|webhook| {
        let payload_type = ty(space, &webhook.ty);
        let name = ident(&webhook.name);
        let docs = doc_attrs(&[
            webhook.summary.clone(),
            String::new(),
            "Parses the body of a webhook request. An event this SDK does not know yet still parses (into the catch-all variant, when the payload is an event union); a malformed body is an error naming the JSON path that failed.".to_string(),
        ]);
        quote! {
            #docs
            #[inline]
            pub fn #name(body: &[u8]) -> Result<#payload_type, msgen_runtime::DecodeFailure> {
                msgen_runtime::decode(body)
            }
        }
    });
    quote!(#(#parsers)*)
}

/// A type in the client module, which sits beside `types` (named types via `super::`).
pub(super) fn ty(space: &TypeSpace, ty: &TypeRef) -> TokenStream {
    let runtime = super::syntax::path([super::RUNTIME_CRATE], false);
    let prefix = super::syntax::path(["super"], false);
    rust_type(space, ty, &runtime, Some(&prefix)).into_token_stream()
}

fn client_docs(model: &ClientModel) -> TokenStream {
    let mut lines = vec![format!(
        "A client for the {} API: one method per operation.",
        model.display_name
    )];
    if let Some(example) = &model.example {
        lines.push(String::new());
        lines.push("```no_run".into());
        lines.push("# async fn example() -> Result<(), Box<dyn std::error::Error>> {".into());
        lines.extend(example.iter().cloned());
        lines.push("# Ok(())".into());
        lines.push("# }".into());
        lines.push("```".into());
    }
    doc_attrs(&lines)
}

/// The documented plans as an enum, each with its rate limit.
fn plans(model: &ClientModel) -> TokenStream {
    if model.plans.is_empty() {
        return TokenStream::new();
    }
    let names: Vec<_> = model.plans.iter().map(|p| ident(&p.variant)).collect();
    let docs = model
        .plans
        .iter()
        .map(|p| format!(" {}: {} {} per {}.", p.name, p.limit, p.unit, p.period));
    let rates = model.plans.iter().map(|p| {
        let (limit, seconds) = (
            Literal::u32_unsuffixed(p.limit),
            Literal::u64_unsuffixed(p.seconds),
        );
        quote!(msgen_runtime::RateLimit::new(#limit, std::time::Duration::from_secs(#seconds)))
    });
    let plan_doc = format!(
        " The {} plans and their documented rate limits.",
        model.display_name
    );
    quote! {
        #[doc = #plan_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Plan {
            #( #[doc = #docs] #names, )*
        }

        impl Plan {
            /// The plan's documented limit.
            #[inline]
            pub fn rate_limit(self) -> msgen_runtime::RateLimit {
                match self {
                    #( Plan::#names => #rates, )*
                }
            }
        }

    }
}
