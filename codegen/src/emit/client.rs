//! A provider's client module: the provider marker, `Client`/`ClientBuilder`/`Error`
//! aliases over the hand-written runtime, builder settings for required headers, rate-limit
//! plans, and one method per operation (plus a stream for paginated lists).

use proc_macro2::TokenStream;
use quote::{ToTokens, format_ident, quote};

use super::structs::field_type;
use super::{Ctx, EmitOptions, doc_attrs, ident, rust_type};
use crate::ir::{Field, IntType, TypeKind, TypeRef, TypeSpace};
use crate::manifest::{AuthScheme, HttpMethod, RatePeriod};
use crate::names::{field_name, variant_name};
use crate::operations::{OperationModel, PathParam};
use crate::provider::ProviderModel;

/// The client module's items.
pub fn client(model: &ProviderModel) -> Result<TokenStream, String> {
    let manifest = &model.manifest;
    let display = &manifest.display_name;
    let default_base = match &manifest.base_url.default {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let bearer = manifest
        .auth
        .iter()
        .any(|a| matches!(a, AuthScheme::Bearer { .. }));
    let error_body = ty(&model.space, &model.error_body());
    let user_agent = format!(" ({display})");
    let api_doc =
        format!(" Marker for the {display} API, which the runtime's client is built for.");
    let client_doc = client_docs(model);
    let error_doc = format!(
        " The error of a call to {display}: its `Status` case carries the provider's error body."
    );
    let builder = builder(model);
    let plans = plans(model);
    let mut methods = Vec::new();
    for op in &model.operations {
        methods.push(operation(model, op)?);
    }
    let webhooks = webhooks(model);
    Ok(quote! {
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
            pub fn builder() -> ClientBuilder {
                ClientBuilder {
                    inner: msgen_runtime::__private::ClientBuilder::new(),
                }
            }

            /// The base URL requests go to.
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
    })
}

/// The builder: the runtime's settings with this provider's defaults in their docs, the
/// manifest's header settings and plans, and `build`.
fn builder(model: &ProviderModel) -> TokenStream {
    let manifest = &model.manifest;
    let display = &manifest.display_name;
    let doc = format!(" Builds a [`Client`] for the {display} API.");
    let base_url_doc = doc_attrs(&[
        match (&manifest.base_url.default, &manifest.base_url.example) {
            (Some(url), _) => format!("Where requests go (default `{url}`)."),
            (None, Some(example)) => format!(
                "Where requests go: required, since {display} has no public base URL (the docs show `{example}`)."
            ),
            (None, None) => {
                format!("Where requests go: required, since {display} has no public base URL.")
            }
        },
    ]);
    let bearer = manifest
        .auth
        .iter()
        .any(|a| matches!(a, AuthScheme::Bearer { .. }));
    let token = bearer.then(|| {
        quote! {
            /// The API token, sent as `Authorization: Bearer <token>`: required. Never printed.
            pub fn token(self, token: impl Into<msgen_runtime::Secret>) -> Self {
                ClientBuilder { inner: self.inner.token(token) }
            }
        }
    });
    let settings = header_settings(model);
    let plan = (!manifest.rate_limits.is_empty()).then(|| {
        quote! {
            /// Keeps the client within the plan's documented rate limit (opt-in).
            pub fn plan(self, plan: Plan) -> Self {
                self.rate_limit(plan.rate_limit())
            }
        }
    });
    quote! {
        #[doc = #doc]
        #[derive(Debug)]
        #[must_use = "a builder does nothing until `build` is called"]
        pub struct ClientBuilder {
            inner: msgen_runtime::__private::ClientBuilder<Api>,
        }

        impl ClientBuilder {
            #token

            #base_url_doc
            pub fn base_url(self, url: impl Into<String>) -> Self {
                ClientBuilder { inner: self.inner.base_url(url) }
            }

            msgen_runtime::__private::client_builder_settings!();

            #plan
            #settings

            /// Builds the client, checking the base URL, the token and the headers.
            pub fn build(self) -> Result<Client, msgen_runtime::BuildError> {
                self.inner.build().map(|inner| Client { inner })
            }
        }
    }
}

/// A public parser per webhook payload, for the user's webhook endpoint.
fn webhooks(model: &ProviderModel) -> TokenStream {
    let parsers = model.manifest.webhooks.iter().filter_map(|webhook| {
        let payload = model.payloads.iter().find(|p| p.kind == crate::manifest::FixtureKind::Webhook && p.of == webhook.id)?;
        let payload_type = ty(&model.space, &payload.ty);
        let name = format_ident!("parse_{}", webhook.id);
        let docs = doc_attrs(&[
            webhook.summary.clone(),
            String::new(),
            "Parses the body of a webhook request. An event this SDK does not know yet still parses (into the catch-all variant, when the payload is an event union); a malformed body is an error naming the JSON path that failed.".to_string(),
        ]);
        Some(quote! {
            #docs
            pub fn #name(body: &[u8]) -> Result<#payload_type, msgen_runtime::DecodeFailure> {
                msgen_runtime::decode(body)
            }
        })
    });
    quote!(#(#parsers)*)
}

/// A type in the client module, which sits beside `types` (named types via `super::`).
fn ty(space: &TypeSpace, ty: &TypeRef) -> TokenStream {
    let runtime = super::syntax::path([super::RUNTIME_CRATE], false);
    let prefix = super::syntax::path(["super"], false);
    rust_type(space, ty, &runtime, Some(&prefix)).into_token_stream()
}

fn client_docs(model: &ProviderModel) -> TokenStream {
    let manifest = &model.manifest;
    let mut lines = vec![format!(
        "A client for the {} API: one method per operation.",
        manifest.display_name
    )];
    if let Some(example) = &manifest.example {
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

/// A builder method per header setting (`allowed_domain` → `Origin` and `Referer`).
fn header_settings(model: &ProviderModel) -> TokenStream {
    let mut settings: Vec<(&str, Vec<&str>, &str)> = Vec::new();
    for header in &model.manifest.headers {
        match settings
            .iter_mut()
            .find(|(name, ..)| *name == header.setting)
        {
            Some((_, headers, _)) => headers.push(&header.name),
            None => settings.push((&header.setting, vec![&header.name], &header.description)),
        }
    }
    if settings.is_empty() {
        return TokenStream::new();
    }
    let methods = settings.iter().map(|(setting, headers, description)| {
        let method = format_ident!("{}", field_name(setting));
        let sent = headers
            .iter()
            .map(|h| format!("`{h}`"))
            .collect::<Vec<_>>()
            .join(" and ");
        let docs = doc_attrs(&[
            description.to_string(),
            String::new(),
            format!("Sent as {sent} on every request."),
        ]);
        quote! {
            #docs
            pub fn #method(self, value: impl Into<String>) -> Self {
                let value: String = value.into();
                self #(.default_header(#headers, value.clone()))*
            }
        }
    });
    quote!(#(#methods)*)
}

/// The documented plans as an enum, each with its rate limit.
fn plans(model: &ProviderModel) -> TokenStream {
    let limits = &model.manifest.rate_limits;
    if limits.is_empty() {
        return TokenStream::new();
    }
    let names: Vec<_> = limits
        .iter()
        .map(|l| ident(&variant_name(&l.plan)))
        .collect();
    let docs = limits.iter().map(|l| {
        let unit = l.unit.as_deref().unwrap_or("requests");
        format!(
            " {}: {} {unit} per {}.",
            l.plan,
            l.limit,
            period_name(l.per)
        )
    });
    let rates = limits.iter().map(|l| {
        let limit = l.limit;
        let seconds = match l.per {
            RatePeriod::Second => 1,
            RatePeriod::Minute => 60,
            RatePeriod::Hour => 3600,
            RatePeriod::Day => 86_400,
        };
        let (limit, seconds) = (
            proc_macro2::Literal::u32_unsuffixed(limit),
            proc_macro2::Literal::u64_unsuffixed(seconds),
        );
        quote!(msgen_runtime::RateLimit::new(#limit, std::time::Duration::from_secs(#seconds)))
    });
    let display = &model.manifest.display_name;
    let plan_doc = format!(" The {display} plans and their documented rate limits.");
    quote! {
        #[doc = #plan_doc]
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Plan {
            #( #[doc = #docs] #names, )*
        }

        impl Plan {
            /// The plan's documented limit.
            pub fn rate_limit(self) -> msgen_runtime::RateLimit {
                match self {
                    #( Plan::#names => #rates, )*
                }
            }
        }

    }
}

fn period_name(period: RatePeriod) -> &'static str {
    match period {
        RatePeriod::Second => "second",
        RatePeriod::Minute => "minute",
        RatePeriod::Hour => "hour",
        RatePeriod::Day => "day",
    }
}

/// The method(s) of one operation.
fn operation(model: &ProviderModel, op: &OperationModel) -> Result<TokenStream, String> {
    let space = &model.space;
    let error_body = ty(space, &model.error_body());
    let (success, decode) = success(model, op)?;
    let method_const = method_tokens(op.method);
    let template = &op.path;
    let segments = path_segments(op)?;
    let mut args = Vec::new();
    for param in &op.path_params {
        let arg = ident(&param.arg);
        args.push(match &param.ty {
            TypeRef::String => quote!(#arg: &str),
            other => {
                let t = ty(space, other);
                quote!(#arg: #t)
            }
        });
    }
    let mut setup = vec![quote! {
        let spec = msgen_runtime::__private::RequestSpec::new(
            msgen_runtime::__private::Method::#method_const,
            #template,
            &[#(#segments),*],
        );
    }];
    if let Some(query) = op.query {
        let query_type = ty(space, &TypeRef::Named(query));
        args.push(quote!(query: &#query_type));
        let TypeKind::Struct(s) = &space.get(query).kind else {
            return Err(format!("{}: query is not a struct", op.id));
        };
        let pushes = s.fields.iter().map(|f| {
            let name = ident(&f.name);
            let wire = &f.wire_name;
            quote!(msgen_runtime::__private::push_query(&mut pairs, #wire, &query.#name);)
        });
        setup.push(quote! {
            let mut pairs = Vec::new();
            #(#pushes)*
            let spec = spec.query(pairs);
        });
    }
    let docs = method_docs(op, &op.path_params);
    let method_name = ident(&op.id);
    let mut out = Vec::new();
    let call_type = quote!(msgen_runtime::Call<'_, #success, #error_body>);
    let body_variants: Vec<(Option<&TypeRef>, bool)> = match (&op.json_body, &op.multipart_body) {
        (None, None) => vec![(None, false)],
        (Some(json), None) => vec![(Some(json), false)],
        (None, Some(form)) => vec![(Some(form), true)],
        (Some(json), Some(form)) => vec![(Some(json), false), (Some(form), true)],
    };
    let has_json = op.json_body.is_some();
    for (body, multipart) in body_variants {
        let name = if multipart && has_json {
            format_ident!("{}_multipart", method_name)
        } else {
            method_name.clone()
        };
        let mut args = args.clone();
        let mut setup = setup.clone();
        let mut docs = docs.clone();
        if let Some(body) = body {
            let body_type = ty(space, body);
            args.push(quote!(body: &#body_type));
            if multipart {
                docs.push(String::new());
                docs.push(
                    "Sends the body as `multipart/form-data`, with its files as file parts.".into(),
                );
                setup.push(quote!(let spec = spec.multipart(body.to_form());));
            } else {
                setup.push(quote!(let spec = spec.json(body);));
            }
        }
        let docs = doc_attrs(&docs);
        out.push(quote! {
            #docs
            pub fn #name(&self, #(#args),*) -> #call_type {
                #(#setup)*
                self.inner.call(spec, #decode)
            }
        });
    }
    if let Some(pagination) = &op.pagination {
        out.push(stream(model, op, pagination)?);
    }
    Ok(quote!(#(#out)*))
}

fn method_docs(op: &OperationModel, params: &[PathParam]) -> Vec<String> {
    let mut docs = vec![op.summary.clone()];
    if let Some(description) = &op.description {
        docs.push(String::new());
        docs.extend(description.lines().map(str::to_string));
    }
    docs.push(String::new());
    docs.push(format!("`{} {}`", op.method.as_str(), op.path));
    for param in params {
        if let Some(description) = &param.description {
            docs.push(format!("- `{}`: {description}", param.arg));
        }
    }
    docs
}

fn method_tokens(method: HttpMethod) -> TokenStream {
    match method {
        HttpMethod::Get => quote!(GET),
        HttpMethod::Post => quote!(POST),
        HttpMethod::Put => quote!(PUT),
        HttpMethod::Patch => quote!(PATCH),
        HttpMethod::Delete => quote!(DELETE),
    }
}

/// The path's segments as `&str` expressions: literals, and placeholders filled from
/// arguments (the runtime percent-encodes each one when the call is made).
fn path_segments(op: &OperationModel) -> Result<Vec<TokenStream>, String> {
    let mut out = Vec::new();
    for segment in op.path.split('/').filter(|s| !s.is_empty()) {
        if !segment.contains('{') {
            out.push(quote!(#segment));
            continue;
        }
        let mut format = String::new();
        let mut values = Vec::new();
        let mut strings = Vec::new();
        let mut rest = segment;
        while let Some(open) = rest.find('{') {
            format.push_str(&rest[..open].replace('{', "{{").replace('}', "}}"));
            let close = rest[open..]
                .find('}')
                .ok_or_else(|| format!("bad path `{}`", op.path))?
                + open;
            let name = &rest[open + 1..close];
            let param = op
                .path_params
                .iter()
                .find(|p| p.name == name)
                .ok_or_else(|| format!("`{name}` has no path parameter"))?;
            let arg = ident(&param.arg);
            format.push_str("{}");
            values.push(quote!(#arg));
            strings.push(matches!(param.ty, TypeRef::String));
            rest = &rest[close + 1..];
        }
        format.push_str(&rest.replace('{', "{{").replace('}', "}}"));
        if format == "{}" && strings == [true] {
            // Already a `&str`: no copy.
            out.push(quote!(#(#values)*));
        } else if format == "{}" {
            out.push(quote!(&#(#values)*.to_string()));
        } else {
            out.push(quote!(&format!(#format, #(#values),*)));
        }
    }
    Ok(out)
}

/// The method's success type and the decoder that produces it (unwrapping an envelope).
fn success(
    model: &ProviderModel,
    op: &OperationModel,
) -> Result<(TokenStream, TokenStream), String> {
    let space = &model.space;
    let Some(body) = &op.success else {
        return Ok((
            quote!(serde_json::Value),
            quote!(|body| if body.is_empty() {
                Ok(serde_json::Value::Null)
            } else {
                msgen_runtime::decode(body)
            }),
        ));
    };
    let body_type = ty(space, body);
    let Some(unwrap) = &op.unwrap else {
        return Ok((
            body_type.clone(),
            quote!(msgen_runtime::decode::<#body_type>),
        ));
    };
    let field = struct_field(space, body, unwrap).ok_or_else(|| {
        format!(
            "`{}` unwraps `{unwrap}`, which its success body lacks",
            op.id
        )
    })?;
    let name = ident(&field.name);
    let options = EmitOptions::default();
    let TypeRef::Named(id) = body else {
        return Err(format!("`{}`: the success body is not a struct", op.id));
    };
    let ctx = Ctx::new(space, &options, space.get(*id));
    let field_ty = qualify(field_type(&ctx, field).into_token_stream(), space);
    Ok((
        field_ty,
        quote!(|body| msgen_runtime::decode::<#body_type>(body).map(|envelope| envelope.#name)),
    ))
}

/// Re-qualifies a field type emitted for `types.rs` for use in the client module.
fn qualify(tokens: TokenStream, space: &TypeSpace) -> TokenStream {
    let names: Vec<&str> = space.types.iter().map(|t| t.name.as_str()).collect();
    tokens
        .into_iter()
        .map(|tree| match &tree {
            proc_macro2::TokenTree::Ident(i) if names.contains(&i.to_string().as_str()) => {
                quote!(super::#i)
            }
            proc_macro2::TokenTree::Group(g) => {
                let inner = qualify(g.stream(), space);
                let mut group = proc_macro2::Group::new(g.delimiter(), inner);
                group.set_span(g.span());
                quote!(#group)
            }
            _ => quote!(#tree),
        })
        .collect()
}

/// Whether a struct has a required field (then it has no `new()` without arguments).
fn has_required_field(space: &TypeSpace, id: crate::ir::TypeId) -> bool {
    matches!(&space.get(id).kind, TypeKind::Struct(s) if s.fields.iter().any(|f| f.required))
}

/// The SDK crate's name, for doc examples.
const SDK_CRATE: &str = "msgen_sdk";

fn struct_field<'a>(space: &'a TypeSpace, ty: &TypeRef, wire: &str) -> Option<&'a Field> {
    let TypeRef::Named(id) = ty else { return None };
    match &space.get(*id).kind {
        TypeKind::Struct(s) => s.fields.iter().find(|f| f.wire_name == wire),
        TypeKind::Alias(target) => struct_field(space, target, wire),
        _ => None,
    }
}

/// A `Stream` over every item of an offset-paginated list.
fn stream(
    model: &ProviderModel,
    op: &OperationModel,
    pagination: &crate::manifest::Pagination,
) -> Result<TokenStream, String> {
    let space = &model.space;
    let error = |what: &str| format!("`{}` pagination: {what}", op.id);
    let query = op
        .query
        .ok_or_else(|| error("the operation has no query parameters"))?;
    let offset = struct_field(space, &TypeRef::Named(query), &pagination.offset)
        .ok_or_else(|| error("unknown offset parameter"))?;
    let limit = struct_field(space, &TypeRef::Named(query), &pagination.limit)
        .ok_or_else(|| error("unknown limit parameter"))?;
    let success = op
        .success
        .as_ref()
        .ok_or_else(|| error("no success body"))?;
    let items = struct_field(space, success, &pagination.items)
        .ok_or_else(|| error("unknown items property"))?;
    let TypeRef::Array(item) = &items.ty else {
        return Err(error("the items property is not an array"));
    };
    let item_type = ty(space, item);
    let int = |field: &Field| match field.ty {
        TypeRef::Int(kind) => Ok(kind),
        _ => Err(error(&format!("`{}` must be an integer", field.wire_name))),
    };
    let (offset_kind, limit_kind) = (int(offset)?, int(limit)?);
    let (offset_name, limit_name, items_name) =
        (ident(&offset.name), ident(&limit.name), ident(&items.name));
    let read = |field: &Field, name: &proc_macro2::Ident| {
        if field.required {
            quote!(u64::try_from(query.#name).ok())
        } else {
            quote!(query.#name.and_then(|v| u64::try_from(v).ok()))
        }
    };
    let write = |field: &Field, kind: IntType, name: &proc_macro2::Ident, value: TokenStream| {
        let converted = match kind {
            IntType::U64 => value,
            IntType::I64 => quote!(i64::try_from(#value).unwrap_or(i64::MAX)),
            IntType::I32 => quote!(i32::try_from(#value).unwrap_or(i32::MAX)),
            IntType::U32 => quote!(u32::try_from(#value).unwrap_or(u32::MAX)),
        };
        if field.required {
            quote!(query.#name = #converted;)
        } else {
            quote!(query.#name = Some(#converted);)
        }
    };
    let start = read(offset, &offset_name);
    let size = read(limit, &limit_name);
    let set_offset = write(offset, offset_kind, &offset_name, quote!(offset));
    let set_limit = write(limit, limit_kind, &limit_name, quote!(limit));
    let items_expr = if items.required {
        quote!(page.#items_name)
    } else {
        quote!(page.#items_name.unwrap_or_default())
    };
    let total_expr = match pagination
        .total
        .as_deref()
        .and_then(|t| struct_field(space, success, t))
    {
        Some(total) => {
            let name = ident(&total.name);
            if total.required {
                quote!(u64::try_from(page.#name).ok())
            } else {
                quote!(page.#name.and_then(|t| u64::try_from(t).ok()))
            }
        }
        None => quote!(None),
    };
    let default_limit = pagination.default_limit;
    let default_limit_literal = proc_macro2::Literal::u64_unsuffixed(u64::from(default_limit));
    let query_type = ty(space, &TypeRef::Named(query));
    let method = ident(&op.id);
    let name = format_ident!("{}_stream", op.id);
    let mut lines = vec![
        format!("Every item of [`Client::{}`], page after page.", op.id),
        String::new(),
        format!(
            "Starts at the query's `{}` (default 0) and fetches `{}` items a page (default {default_limit}).",
            pagination.offset, pagination.limit,
        ),
        format!(
            "Each page advances `{}` by that much; the stream stops after the last page{}, or after an error, which it yields.",
            pagination.offset,
            pagination
                .total
                .as_deref()
                .map(|t| format!(" (`{t}` items in all)"))
                .unwrap_or_default()
        ),
    ];
    if !has_required_field(space, query) {
        let module = &model.manifest.name;
        let query_name = &space.get(query).name;
        lines.extend([
            String::new(),
            "```no_run".to_string(),
            format!("use {SDK_CRATE}::prelude::*;"),
            format!("use {SDK_CRATE}::{module}::{{Client, {query_name}}};"),
            String::new(),
            format!(
                "# async fn example(client: &Client) -> Result<(), {SDK_CRATE}::{module}::Error> {{"
            ),
            format!("let query = {query_name}::new();"),
            format!("let mut items = std::pin::pin!(client.{name}(&query));"),
            "while let Some(item) = items.next().await {".to_string(),
            "    println!(\"{:?}\", item?);".to_string(),
            "}".to_string(),
            "# Ok(())".to_string(),
            "# }".to_string(),
            "```".to_string(),
        ]);
    }
    let docs = doc_attrs(&lines);
    Ok(quote! {
        #docs
        pub fn #name(&self, query: &#query_type) -> impl msgen_runtime::Stream<Item = Result<#item_type, Error>> + use<'_> {
            let start = #start.unwrap_or(0);
            let page_size = #size.unwrap_or(#default_limit_literal);
            let query = query.clone();
            msgen_runtime::__private::paginate(start, page_size, move |offset, limit| {
                let mut query = query.clone();
                #set_offset
                #set_limit
                async move {
                    let page = self.#method(&query).await?;
                    Ok(msgen_runtime::__private::Page { items: #items_expr, total: #total_expr })
                }
            })
        }
    })
}
