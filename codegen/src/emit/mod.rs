//! Emission: the type IR → Rust tokens. Pure functions of the IR; formatting and file
//! headers are `output`'s job.

mod client;
mod doc_wrap;
mod enums;
mod methods;
mod structs;
mod summary;
mod syntax;
mod unions;

pub use client::client;
pub use summary::summary;

use proc_macro2::{Ident, Span, TokenStream};
use quote::{ToTokens, format_ident, quote};

use crate::ir::{IntType, TypeDef, TypeKind, TypeRef, TypeSpace};

/// How emitted code reaches things outside the module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmitOptions {
    /// Path of the runtime crate generated code calls (`msgen_runtime`): its public types
    /// (`Number`, `Call`, …) by their public paths, the helpers for generated code through
    /// its `__private` module. Kept as text so options can be shared by the threads that
    /// emit in parallel (tokens are not `Sync`).
    pub runtime: String,
    /// Whether input structs get a `with_*` setter per optional field (besides `new` and
    /// public fields). On for provider SDKs, where request values are built by hand; off
    /// for standalone schemas, where they would be most of the output (every type is an
    /// input there) for little use.
    pub setters: bool,
}

impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            runtime: RUNTIME_CRATE.into(),
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

/// The runtime crate's name as generated code writes it.
pub const RUNTIME_CRATE: &str = "msgen_runtime";

impl EmitOptions {
    /// The runtime path. Built for every type, so it is assembled from identifiers rather
    /// than parsed; a path that is not plain `a::b::c` falls back to `msgen_runtime`.
    pub fn runtime_path(&self) -> syn::Path {
        runtime_path_of(&self.runtime)
    }
}

/// A runtime path given as text; `msgen_runtime` when it is not plain `a::b::c`.
fn runtime_path_of(text: &str) -> syn::Path {
    syntax::parse_path(text).unwrap_or_else(|| syntax::path([RUNTIME_CRATE], false))
}

/// The runtime's module of helpers for generated code (`msgen_runtime::__private`).
pub(crate) fn private_path(runtime: &syn::Path) -> syn::Path {
    syntax::join(runtime, "__private")
}

/// Every type of a space that a root reaches (input or output), in order: a `$defs` entry
/// only merged into others by `allOf`, or not referenced at all, would be public API with
/// no use. Standalone schemas mark every type used, so they keep all of theirs.
pub fn types(space: &TypeSpace, options: &EmitOptions) -> Result<TokenStream, String> {
    let items = space
        .types
        .iter()
        .filter(|def| def.usage.input || def.usage.output)
        .map(|def| type_def(space, def, options).map(Emitted::into_tokens))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(quote! { #(#items)* })
}

/// The tokens of each type (with its impls), in order.
pub fn type_items(space: &TypeSpace, options: &EmitOptions) -> Result<Vec<TokenStream>, String> {
    space
        .types
        .iter()
        .map(|def| type_def(space, def, options).map(Emitted::into_tokens))
        .collect()
}

/// The items of the type at `index` (with its impls), for emitting and formatting item by
/// item without a round trip through tokens for the parts built as `syn` nodes.
pub fn type_item(
    space: &TypeSpace,
    index: usize,
    options: &EmitOptions,
) -> Result<Vec<syn::Item>, String> {
    type_def(space, &space.types[index], options)?.into_items()
}

/// A type's code: items built directly as `syn` nodes (see `syntax`), then items written
/// with `quote!`, in that order.
pub(crate) struct Emitted {
    built: Vec<syn::Item>,
    quoted: TokenStream,
}

impl Emitted {
    fn quoted(quoted: TokenStream) -> Self {
        Emitted {
            built: Vec::new(),
            quoted,
        }
    }

    /// Everything as tokens (to be parsed back with the rest of a module).
    fn into_tokens(self) -> TokenStream {
        let Emitted { built, quoted } = self;
        quote! { #(#built)* #quoted }
    }

    /// Everything as items: only the quoted part is parsed.
    fn into_items(self) -> Result<Vec<syn::Item>, String> {
        let mut items = self.built;
        if !self.quoted.is_empty() {
            let file: syn::File = syn::parse2(self.quoted)
                .map_err(|e| format!("generated tokens do not parse as Rust: {e}"))?;
            items.extend(file.items);
        }
        Ok(items)
    }
}

fn type_def(space: &TypeSpace, def: &TypeDef, options: &EmitOptions) -> Result<Emitted, String> {
    let ctx = Ctx::new(space, options, def);
    Ok(match &def.kind {
        TypeKind::Struct(s) => structs::emit(&ctx, s)?,
        TypeKind::Enum(e) => enums::emit(&ctx, e),
        TypeKind::Tagged(t) => unions::tagged(&ctx, t),
        TypeKind::Untagged(u) => Emitted::quoted(unions::untagged(&ctx, u)),
        TypeKind::Alias(target) => {
            let docs = doc_attrs(&def.docs);
            let name = ident(&def.name);
            let target = ctx.ty(target);
            Emitted::quoted(quote! { #docs pub type #name = #target; })
        }
        // Lowering always fills pending types; an unfilled one is skipped rather than
        // emitted half-made (the lowering reported why).
        TypeKind::Pending => Emitted::quoted(TokenStream::new()),
    })
}

/// What emitters of one type need.
struct Ctx<'a> {
    space: &'a TypeSpace,
    def: &'a TypeDef,
    runtime: syn::Path,
    support: syn::Path,
    setters: bool,
    /// The struct's `rename_all` rule, when one saves attributes.
    rename_all: Option<crate::names::RenameRule>,
}

impl<'a> Ctx<'a> {
    fn new(space: &'a TypeSpace, options: &EmitOptions, def: &'a TypeDef) -> Self {
        let runtime = options.runtime_path();
        let rename_all = match &def.kind {
            TypeKind::Struct(s) => crate::names::RenameRule::best_for(
                s.fields
                    .iter()
                    .filter(|f| !f.flatten)
                    .map(|f| (f.name.as_str(), f.wire_name.as_str())),
            ),
            _ => None,
        };
        Ctx {
            rename_all,
            space,
            def,
            support: private_path(&runtime),
            runtime,
            setters: options.setters,
        }
    }

    fn ty(&self, ty: &TypeRef) -> syn::Type {
        rust_type(self.space, ty, &self.runtime, None)
    }

    fn name(&self) -> Ident {
        ident(&self.def.name)
    }

    /// The runtime's helpers for generated code (`msgen_runtime::__private`).
    fn support(&self) -> &syn::Path {
        &self.support
    }

    /// The runtime crate, for its public types.
    fn runtime(&self) -> &syn::Path {
        &self.runtime
    }
}

/// The Rust type for a reference. `prefix` qualifies named types (for code outside the
/// module, such as the payload registry). Built as a `syn` node (see `syntax`); it
/// interpolates into `quote!` like tokens.
pub fn rust_type(
    space: &TypeSpace,
    ty: &TypeRef,
    runtime: &syn::Path,
    prefix: Option<&syn::Path>,
) -> syn::Type {
    use syntax::{generic, path, plain, wrap};
    let inner = |t: &TypeRef| rust_type(space, t, runtime, prefix);
    match ty {
        TypeRef::Bool => plain(path(["bool"], false)),
        TypeRef::Int(IntType::I32) => plain(path(["i32"], false)),
        TypeRef::Int(IntType::I64) => plain(path(["i64"], false)),
        TypeRef::Int(IntType::U32) => plain(path(["u32"], false)),
        TypeRef::Int(IntType::U64) => plain(path(["u64"], false)),
        TypeRef::Float => plain(syntax::join(runtime, "Number")),
        TypeRef::String => plain(path(["String"], false)),
        TypeRef::DateTime => generic(
            path(["chrono", "DateTime"], false),
            vec![plain(path(["chrono", "Utc"], false))],
        ),
        TypeRef::Uuid => plain(path(["uuid", "Uuid"], false)),
        TypeRef::UnixTime => plain(syntax::join(runtime, "UnixTimestamp")),
        TypeRef::File => plain(syntax::join(runtime, "FilePart")),
        TypeRef::Json => plain(path(["serde_json", "Value"], false)),
        TypeRef::JsonObject => generic(
            path(["serde_json", "Map"], false),
            vec![
                plain(path(["String"], false)),
                plain(path(["serde_json", "Value"], false)),
            ],
        ),
        TypeRef::Named(id) => {
            let name = &space.get(*id).name;
            match prefix {
                Some(prefix) => plain(syntax::join(prefix, name)),
                None => plain(path([name.as_str()], false)),
            }
        }
        TypeRef::Array(item) => wrap("Vec", inner(item)),
        TypeRef::Map(value) => generic(
            path(["std", "collections", "BTreeMap"], false),
            vec![plain(path(["String"], false)), inner(value)],
        ),
        TypeRef::Nullable(value) => wrap("Option", inner(value)),
    }
}

/// A type as compact text (`Option<msgen_runtime::Number>`), for summaries and tools: the
/// runtime path is given as text (`msgen_runtime` when not plain).
pub fn type_text(space: &TypeSpace, ty: &TypeRef, runtime: &str) -> String {
    compact(&rust_type(space, ty, &runtime_path_of(runtime), None))
}

/// Syntax as text with no spaces (`Option<msgen_runtime::Number>`), for names in strings
/// and summaries.
pub(crate) fn compact(node: &impl ToTokens) -> String {
    node.to_token_stream().to_string().replace(' ', "")
}

/// Doc lines wrapped to the width generated docs keep (see `doc_wrap`).
pub fn wrap_doc_lines(lines: &[String]) -> Vec<String> {
    doc_wrap::wrap(lines).into_owned()
}

/// `#[doc = "…"]` attributes, one per line, so prettyplease prints `///` comments.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = doc_wrap::wrap(lines);
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
pub(crate) fn is_plain_ident(name: &str) -> bool {
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
