//! The `Client` methods of one operation, from the client model: a method per request
//! encoding, filling a `RequestSpec` (path segments, query pairs, body) and returning a
//! `Call` with the decoder of the success type, and for a paged list a stream that calls
//! the first of them page after page.

use proc_macro2::{Ident, Literal, TokenStream};
use quote::{ToTokens, format_ident, quote};

use super::client::ty;
use super::structs::field_type;
use super::{Ctx, EmitOptions, doc_attrs, ident};
use crate::client_model::{
    Arg, ArgType, Body, ClientModel, Encoding, Method, Operation, PageField, PathPiece, Presence,
    Sent, Stream, Success,
};
use crate::ir::{IntType, TypeKind, TypeSpace};

/// The SDK crate's name, for doc examples.
const SDK_CRATE: &str = "msgen_sdk";

/// The method(s) of one operation, and its stream.
pub(super) fn operation(model: &ClientModel, space: &TypeSpace, op: &Operation) -> TokenStream {
    let methods = op.methods.iter().map(|m| method(model, space, op, m));
    let stream = op.stream.as_ref().map(|s| stream(model, space, op, s));
    quote!(#(#methods)* #stream)
}

fn method(model: &ClientModel, space: &TypeSpace, op: &Operation, method: &Method) -> TokenStream {
    let error_body = ty(space, &model.error_body);
    let (success, decode) = success(space, op);
    let verb = format_ident!("{}", op.verb);
    let template = &op.template;
    let segments = path_segments(op);
    let mut args: Vec<TokenStream> = op.args.iter().map(|a| arg_decl(space, a)).collect();
    let mut setup = vec![quote! {
        let spec = msgen_runtime::__private::RequestSpec::new(
            msgen_runtime::__private::Method::#verb,
            #template,
            &[#(#segments),*],
        );
    }];
    if let Some(query) = &op.query {
        let query_type = ty(space, &crate::ir::TypeRef::Named(query.ty));
        let arg = ident(&query.arg);
        args.push(quote!(#arg: &#query_type));
        let pushes = query.fields.iter().map(|(name, wire)| {
            let name = ident(name);
            quote!(msgen_runtime::__private::push_query(&mut pairs, #wire, &#arg.#name);)
        });
        setup.push(quote! {
            let mut pairs = Vec::new();
            #(#pushes)*
            let spec = spec.query(pairs);
        });
    }
    let mut docs = method_docs(op);
    if let Some(Body {
        arg,
        ty: body,
        encoding,
    }) = &method.body
    {
        let body_type = ty(space, body);
        let arg = ident(arg);
        args.push(quote!(#arg: &#body_type));
        setup.push(match encoding {
            Encoding::Json => quote!(let spec = spec.json(#arg);),
            Encoding::Multipart { files: true } => {
                quote!(let spec = spec.multipart(#arg.to_form());)
            }
            Encoding::Multipart { files: false } => quote! {
                let spec = spec.multipart(msgen_runtime::__private::Form::new(#arg, Vec::new()));
            },
        });
        match encoding {
            Encoding::Json => {}
            Encoding::Multipart { files } => {
                docs.push(String::new());
                docs.push(if *files {
                    "Sends the body as `multipart/form-data`, with its files as file parts.".into()
                } else {
                    "Sends the body as `multipart/form-data`, each field as a text part.".into()
                });
            }
        }
    }
    let headers: Vec<(&str, Ident)> = op
        .args
        .iter()
        .filter_map(|a| match &a.sent {
            Sent::Header(wire) => Some((wire.as_str(), ident(&a.name))),
            Sent::Path => None,
        })
        .collect();
    let call = if headers.is_empty() {
        quote!(self.inner.call(spec, #decode))
    } else {
        // Header values take the query's text form (strings as they are, numbers as
        // digits); an absent optional header is not sent.
        let pushes = headers.iter().map(
            |(wire, arg)| quote!(msgen_runtime::__private::push_query(&mut headers, #wire, &#arg);),
        );
        quote! {
            let mut headers = Vec::new();
            #(#pushes)*
            let mut call = self.inner.call(spec, #decode);
            for (name, value) in headers {
                call = call.header(name, value);
            }
            call
        }
    };
    let docs = doc_attrs(&docs);
    let name = ident(&method.name);
    quote! {
        #docs
        #[inline]
        pub fn #name(&self, #(#args),*) -> msgen_runtime::Call<'_, #success, #error_body> {
            #(#setup)*
            #call
        }
    }
}

/// An argument in a signature: strings by reference, other values by value, optional
/// ones in an `Option`.
fn arg_decl(space: &TypeSpace, arg: &Arg) -> TokenStream {
    let name = ident(&arg.name);
    let ty = match &arg.ty {
        ArgType::Str => quote!(&str),
        ArgType::Value(value) => ty(space, value),
    };
    if arg.optional {
        quote!(#name: Option<#ty>)
    } else {
        quote!(#name: #ty)
    }
}

fn method_docs(op: &Operation) -> Vec<String> {
    let mut docs = vec![op.summary.clone()];
    if let Some(description) = &op.description {
        docs.push(String::new());
        docs.extend(description.lines().map(str::to_string));
    }
    docs.push(String::new());
    docs.push(format!("`{} {}`", op.verb, op.template));
    for arg in &op.args {
        match (&arg.sent, &arg.description) {
            (Sent::Path, Some(description)) => {
                docs.push(format!("- `{}`: {description}", arg.name));
            }
            (Sent::Path, None) => {}
            (Sent::Header(wire), description) => docs.push(format!(
                "- `{}`: sent as the `{wire}` header{}{}",
                arg.name,
                if arg.optional { " when given" } else { "" },
                description
                    .as_ref()
                    .map(|d| format!(". {d}"))
                    .unwrap_or_default()
            )),
        }
    }
    docs
}

/// The path's segments as `&str` expressions: literals, and placeholders filled from
/// arguments (the runtime percent-encodes each one when the call is made).
fn path_segments(op: &Operation) -> Vec<TokenStream> {
    op.segments
        .iter()
        .map(|pieces| {
            if let [PathPiece::Literal(text)] = pieces.as_slice() {
                return quote!(#text);
            }
            if let [PathPiece::Arg(i)] = pieces.as_slice()
                && let Some(arg) = op.args.get(*i)
            {
                let name = ident(&arg.name);
                // A `&str` already: no copy.
                return match arg.ty {
                    ArgType::Str => quote!(#name),
                    ArgType::Value(_) => quote!(&#name.to_string()),
                };
            }
            let mut format = String::new();
            let mut values = Vec::new();
            for piece in pieces {
                match piece {
                    PathPiece::Literal(text) => {
                        format.push_str(&text.replace('{', "{{").replace('}', "}}"));
                    }
                    PathPiece::Arg(i) => {
                        format.push_str("{}");
                        values.push(op.args.get(*i).map(|a| ident(&a.name)));
                    }
                }
            }
            quote!(&format!(#format, #(#values),*))
        })
        .collect()
}

/// The method's success type and the decoder that produces it (unwrapping an envelope).
fn success(space: &TypeSpace, op: &Operation) -> (TokenStream, TokenStream) {
    let empty = || {
        (
            quote!(serde_json::Value),
            quote!(|body| if body.is_empty() {
                Ok(serde_json::Value::Null)
            } else {
                msgen_runtime::decode(body)
            }),
        )
    };
    let plain = |body| {
        let body_type = ty(space, body);
        (
            body_type.clone(),
            quote!(msgen_runtime::decode::<#body_type>),
        )
    };
    match &op.success {
        Success::Empty => empty(),
        Success::Body(body) => plain(body),
        Success::Unwrap {
            envelope,
            holder,
            field,
        } => {
            let def = space.get(*holder);
            let TypeKind::Struct(s) = &def.kind else {
                // The model resolved the holder to a struct; nothing else reaches here.
                return plain(envelope);
            };
            let Some(field) = s.fields.get(*field) else {
                return plain(envelope);
            };
            let body_type = ty(space, envelope);
            let name = ident(&field.name);
            let options = EmitOptions::default();
            let ctx = Ctx::new(space, &options, def);
            let field_ty = qualify(field_type(&ctx, field).into_token_stream(), space);
            (
                field_ty,
                quote!(|body| msgen_runtime::decode::<#body_type>(body).map(|envelope| envelope.#name)),
            )
        }
    }
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

/// A `Stream` over every item of an offset-paginated list: the list method's arguments,
/// kept by the stream (owned) and handed to each page's call.
fn stream(model: &ClientModel, space: &TypeSpace, op: &Operation, stream: &Stream) -> TokenStream {
    // A model's stream always has its list method and its query (offset and limit were
    // resolved against the query's fields); nothing to emit otherwise.
    let (Some(list), Some(query)) = (op.methods.first(), &op.query) else {
        return TokenStream::new();
    };
    let query_type = ty(space, &crate::ir::TypeRef::Named(query.ty));
    let item_type = ty(space, &stream.item);
    let q = ident(&query.arg);
    let mut params: Vec<TokenStream> = op.args.iter().map(|a| arg_decl(space, a)).collect();
    params.push(quote!(#q: &#query_type));
    let mut owned = Vec::new();
    let mut per_page = Vec::new();
    let mut forward = Vec::new();
    for arg in &op.args {
        let name = ident(&arg.name);
        match (&arg.ty, arg.optional) {
            (ArgType::Str, false) => {
                owned.push(quote!(let #name = #name.to_owned();));
                forward.push(quote!(&#name));
            }
            (ArgType::Str, true) => {
                owned.push(quote!(let #name = #name.map(str::to_owned);));
                forward.push(quote!(#name.as_deref()));
            }
            (ArgType::Value(_), _) => forward.push(quote!(#name)),
        }
        if !arg.copy {
            per_page.push(quote!(let #name = #name.clone();));
        }
    }
    forward.push(quote!(&#q));
    if let Some(Body { arg, ty: body, .. }) = &list.body {
        let body_type = ty(space, body);
        let name = ident(arg);
        params.push(quote!(#name: &#body_type));
        owned.push(quote!(let #name = #name.clone();));
        per_page.push(quote!(let #name = #name.clone();));
        forward.push(quote!(&#name));
    }
    let start = read(&q, &stream.offset);
    let size = read(&q, &stream.limit);
    let set_offset = write(&q, &stream.offset, quote!(offset));
    let set_limit = write(&q, &stream.limit, quote!(limit));
    let items = page_items(&stream.items);
    let total = match &stream.total {
        Some(total) => page_total(total),
        None => quote!(None),
    };
    let default_limit = Literal::u64_unsuffixed(u64::from(stream.default_limit));
    let method = ident(&list.name);
    let name = ident(&stream.name);
    let docs = doc_attrs(&stream_docs(model, list, stream));
    quote! {
        #docs
        #[inline]
        pub fn #name(&self, #(#params),*) -> impl msgen_runtime::Stream<Item = Result<#item_type, Error>> + use<'_> {
            let start = #start.unwrap_or(0);
            let page_size = #size.unwrap_or(#default_limit);
            let #q = #q.clone();
            #(#owned)*
            msgen_runtime::__private::paginate(start, page_size, move |offset, limit| {
                let mut #q = #q.clone();
                #set_offset
                #set_limit
                #(#per_page)*
                async move {
                    let page = self.#method(#(#forward),*).await?;
                    Ok(msgen_runtime::__private::Page { items: #items, total: #total })
                }
            })
        }
    }
}

fn stream_docs(model: &ClientModel, list: &Method, stream: &Stream) -> Vec<String> {
    let (offset, limit) = (&stream.offset.wire, &stream.limit.wire);
    let default_limit = stream.default_limit;
    let mut lines = vec![
        format!("Every item of [`Client::{}`], page after page.", list.name),
        String::new(),
        format!(
            "Starts at the query's `{offset}` (default 0) and fetches `{limit}` items a page (default {default_limit})."
        ),
        format!(
            "Each page advances `{offset}` by that much; the stream stops after the last page{}, or after an error, which it yields.",
            stream
                .total
                .as_ref()
                .map(|t| format!(" (`{}` items in all)", t.wire))
                .unwrap_or_default()
        ),
    ];
    if let Some(query_name) = &stream.example_query {
        let module = &model.module;
        let name = &stream.name;
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
    lines
}

/// An integer field's value as `Option<u64>` (`None` when absent or out of range).
fn read(query: &Ident, field: &PageField) -> TokenStream {
    let name = ident(&field.field);
    let value = quote!(#query.#name);
    as_u64(field, value, quote!(v))
}

/// The field's value as `Option<u64>`, `var` naming the value in the closure.
fn as_u64(field: &PageField, value: TokenStream, var: TokenStream) -> TokenStream {
    let unsigned = field.int == Some(IntType::U64);
    match (field.presence, unsigned) {
        (Presence::Required, true) => quote!(Some(#value)),
        (Presence::Required, false) => quote!(u64::try_from(#value).ok()),
        (Presence::Optional, true) => value,
        (Presence::Optional, false) => quote!(#value.and_then(|#var| u64::try_from(#var).ok())),
        (Presence::OptionalNullable, true) => quote!(#value.flatten()),
        (Presence::OptionalNullable, false) => {
            quote!(#value.flatten().and_then(|#var| u64::try_from(#var).ok()))
        }
    }
}

/// Sets a query field to `value` (a `u64`), saturating at the field's integer type.
fn write(query: &Ident, field: &PageField, value: TokenStream) -> TokenStream {
    let name = ident(&field.field);
    let converted = match field.int {
        Some(IntType::U64) | None => value,
        Some(IntType::I64) => quote!(i64::try_from(#value).unwrap_or(i64::MAX)),
        Some(IntType::I32) => quote!(i32::try_from(#value).unwrap_or(i32::MAX)),
        Some(IntType::U32) => quote!(u32::try_from(#value).unwrap_or(u32::MAX)),
    };
    match field.presence {
        Presence::Required => quote!(#query.#name = #converted;),
        Presence::Optional => quote!(#query.#name = Some(#converted);),
        Presence::OptionalNullable => quote!(#query.#name = Some(Some(#converted));),
    }
}

fn page_items(field: &PageField) -> TokenStream {
    let name = ident(&field.field);
    match field.presence {
        Presence::Required => quote!(page.#name),
        Presence::Optional => quote!(page.#name.unwrap_or_default()),
        Presence::OptionalNullable => quote!(page.#name.flatten().unwrap_or_default()),
    }
}

fn page_total(field: &PageField) -> TokenStream {
    let name = ident(&field.field);
    as_u64(field, quote!(page.#name), quote!(t))
}
