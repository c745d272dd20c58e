//! Emission: the type IR → Rust tokens. Pure functions of the IR; formatting and file
//! headers are `output`'s job.

mod client;
mod enums;
mod structs;
mod summary;
mod unions;

pub use client::client;
pub use summary::summary;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ir::{IntType, TypeDef, TypeKind, TypeRef, TypeSpace};

/// How emitted code reaches things outside the module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// Path of the support module generated code calls (`crate::support`). Kept as text so
    /// options can be shared by the threads that emit in parallel (tokens are not `Sync`).
    pub support: String,
    /// Whether input structs get a `with_*` setter per optional field (besides `new` and
    /// public fields). On for provider SDKs, where request values are built by hand; off
    /// for standalone schemas, where they would be most of the output (every type is an
    /// input there) for little use.
    pub setters: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            support: "crate::support".into(),
            setters: true,
        }
    }
}

impl EmitOptions {
    /// Options for a standalone schema: no setters.
    pub fn standalone() -> Self {
        EmitOptions {
            setters: false,
            ..EmitOptions::default()
        }
    }
}

impl EmitOptions {
    /// The support path as tokens.
    ///
    /// Built for every type, so it is assembled from identifiers rather than parsed; a path
    /// that is not plain `a::b::c` falls back to `crate::support`.
    pub fn support_tokens(&self) -> TokenStream {
        let (leading, path) = match self.support.strip_prefix("::") {
            Some(rest) => (true, rest),
            None => (false, self.support.as_str()),
        };
        let segments: Vec<&str> = path.split("::").collect();
        if !segments.iter().all(|s| is_plain_ident(s)) {
            return quote!(crate::support);
        }
        let segments = segments.iter().map(|s| ident(s));
        if leading {
            quote!(#(:: #segments)*)
        } else {
            quote!(#(#segments)::*)
        }
    }
}

/// Every type of a space, in order.
pub fn types(space: &TypeSpace, options: &EmitOptions) -> TokenStream {
    let items = type_items(space, options);
    quote! { #(#items)* }
}

/// The tokens of each type (with its impls), in order.
pub fn type_items(space: &TypeSpace, options: &EmitOptions) -> Vec<TokenStream> {
    space
        .types
        .iter()
        .map(|def| type_def(space, def, options))
        .collect()
}

/// The tokens of the type at `index` (with its impls), for emitting item by item.
pub fn type_item(space: &TypeSpace, index: usize, options: &EmitOptions) -> TokenStream {
    type_def(space, &space.types[index], options)
}

fn type_def(space: &TypeSpace, def: &TypeDef, options: &EmitOptions) -> TokenStream {
    let ctx = Ctx::new(space, options, def);
    match &def.kind {
        TypeKind::Struct(s) => structs::emit(&ctx, s),
        TypeKind::Enum(e) => enums::emit(&ctx, e),
        TypeKind::Tagged(t) => unions::tagged(&ctx, t),
        TypeKind::Untagged(u) => unions::untagged(&ctx, u),
        TypeKind::Alias(target) => {
            let docs = doc_attrs(&def.docs);
            let name = ident(&def.name);
            let target = ctx.ty(target);
            quote! { #docs pub type #name = #target; }
        }
        // Lowering always fills pending types; an unfilled one is skipped rather than
        // emitted half-made (the lowering reported why).
        TypeKind::Pending => TokenStream::new(),
    }
}

/// What emitters of one type need.
struct Ctx<'a> {
    space: &'a TypeSpace,
    def: &'a TypeDef,
    support: TokenStream,
    setters: bool,
}

impl<'a> Ctx<'a> {
    fn new(space: &'a TypeSpace, options: &EmitOptions, def: &'a TypeDef) -> Self {
        Ctx {
            space,
            def,
            support: options.support_tokens(),
            setters: options.setters,
        }
    }

    fn ty(&self, ty: &TypeRef) -> TokenStream {
        rust_type(self.space, ty, &self.support, None)
    }

    fn name(&self) -> Ident {
        ident(&self.def.name)
    }

    fn support(&self) -> &TokenStream {
        &self.support
    }
}

/// The Rust type for a reference. `prefix` qualifies named types (for code outside the
/// module, such as the payload registry).
pub fn rust_type(
    space: &TypeSpace,
    ty: &TypeRef,
    support: &TokenStream,
    prefix: Option<&TokenStream>,
) -> TokenStream {
    let inner = |t: &TypeRef| rust_type(space, t, support, prefix);
    match ty {
        TypeRef::Bool => quote!(bool),
        TypeRef::Int(IntType::I32) => quote!(i32),
        TypeRef::Int(IntType::I64) => quote!(i64),
        TypeRef::Int(IntType::U32) => quote!(u32),
        TypeRef::Int(IntType::U64) => quote!(u64),
        TypeRef::Float => quote!(#support::Number),
        TypeRef::String => quote!(String),
        TypeRef::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        TypeRef::Uuid => quote!(uuid::Uuid),
        TypeRef::UnixTime => quote!(#support::UnixTimestamp),
        TypeRef::File => {
            let runtime = runtime_path(support);
            quote!(#runtime::FilePart)
        }
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::JsonObject => quote!(serde_json::Map<String, serde_json::Value>),
        TypeRef::Named(id) => {
            let name = ident(&space.get(*id).name);
            match prefix {
                Some(prefix) => quote!(#prefix::#name),
                None => quote!(#name),
            }
        }
        TypeRef::Array(item) => {
            let item = inner(item);
            quote!(Vec<#item>)
        }
        TypeRef::Map(value) => {
            let value = inner(value);
            quote!(std::collections::BTreeMap<String, #value>)
        }
        TypeRef::Nullable(value) => {
            let value = inner(value);
            quote!(Option<#value>)
        }
    }
}

/// The runtime module beside a support module path (`crate::support` → `crate::runtime`).
pub fn runtime_path(support: &TokenStream) -> TokenStream {
    let text = support.to_string().replace(' ', "");
    let parent = text.strip_suffix("::support").unwrap_or("crate");
    match syn::parse_str::<syn::Path>(&format!("{parent}::runtime")) {
        Ok(path) => quote!(#path),
        Err(_) => quote!(crate::runtime),
    }
}

/// `#[doc = "…"]` attributes, one per line, so prettyplease prints `///` comments.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    quote! { #(#[doc = #lines])* }
}

/// An identifier. `names` only produces valid ones; anything else is prefixed rather than
/// allowed to panic inside `proc_macro2`.
pub fn ident(name: &str) -> Ident {
    if is_plain_ident(name) {
        Ident::new(name, Span::call_site())
    } else {
        format_ident!("x_{}", name.len())
    }
}

/// Whether `name` is an ASCII identifier (letters, digits, `_`; not a lone `_`).
fn is_plain_ident(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
        && name != "_"
}

/// A snake_case method name built from parts.
fn method(prefix: &str, field: &str) -> Ident {
    format_ident!(
        "{}_{}",
        prefix,
        field.trim_start_matches('_').trim_end_matches('_')
    )
}
