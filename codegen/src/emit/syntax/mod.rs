//! `syn` nodes built directly, for the parts of the output that are pure data: types,
//! paths, attributes, struct and enum definitions, constructors and simple matches.
//!
//! Everything `quote!` produces has to be parsed back by `syn` before prettyplease can
//! print it, and on large schemas that round trip (token trees built, copied into a parse
//! buffer, parsed, dropped) cost more than everything else. A type or an attribute is just
//! a tree of names, so it is built as the `syn` node prettyplease prints. Each builder makes
//! what the parser would make of the same code, as far as printing goes: the snapshots and
//! `built_nodes_print_like_parsed_tokens` (tests/tests/cases.rs) hold it to that.

mod exprs;
mod items;

use proc_macro2::{Span, TokenStream};

pub use exprs::*;
pub use items::*;

use super::ident;

thread_local! {
    /// One of each delimiter token, copied wherever one is needed. Making one
    /// (`Default::default()`) builds and drops a token stream inside proc-macro2 to get its
    /// span, and they are all the same call-site token; proc-macro2 values cannot cross
    /// threads, hence one set per thread.
    static DELIMITERS: (syn::token::Brace, syn::token::Paren, syn::token::Bracket) =
        Default::default();
}

/// `{}`.
pub fn brace() -> syn::token::Brace {
    DELIMITERS.with(|d| d.0)
}

/// `()`.
pub fn paren() -> syn::token::Paren {
    DELIMITERS.with(|d| d.1)
}

/// `[]`.
pub fn bracket() -> syn::token::Bracket {
    DELIMITERS.with(|d| d.2)
}

/// A path from identifiers, with a leading `::` when `leading` is set.
pub fn path<'a>(segments: impl IntoIterator<Item = &'a str>, leading: bool) -> syn::Path {
    syn::Path {
        leading_colon: leading.then(Default::default),
        segments: segments
            .into_iter()
            .map(|s| syn::PathSegment::from(ident(s)))
            .collect(),
    }
}

/// `a::b::c` parsed by splitting on `::`; `None` unless every segment is a plain identifier.
pub fn parse_path(text: &str) -> Option<syn::Path> {
    let (leading, rest) = match text.strip_prefix("::") {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let segments: Vec<&str> = rest.split("::").collect();
    segments
        .iter()
        .all(|s| super::is_plain_ident(s))
        .then(|| path(segments, leading))
}

/// `path` with `segment` appended.
pub fn join(base: &syn::Path, segment: &str) -> syn::Path {
    let mut path = base.clone();
    path.segments.push(syn::PathSegment::from(ident(segment)));
    path
}

/// A named type with generic arguments on its last segment: `path<args…>`.
pub fn generic(path: syn::Path, args: Vec<syn::Type>) -> syn::Type {
    syn::Type::Path(syn::TypePath {
        attrs: Vec::new(),
        qself: None,
        path: with_args(path, args),
    })
}

/// `path` with generic arguments on its last segment (none when `args` is empty).
fn with_args(mut path: syn::Path, args: Vec<syn::Type>) -> syn::Path {
    if !args.is_empty()
        && let Some(last) = path.segments.last_mut()
    {
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: args.into_iter().map(syn::GenericArgument::Type).collect(),
            gt_token: Default::default(),
        });
    }
    path
}

/// A type named by a path with no generic arguments.
pub fn plain(path: syn::Path) -> syn::Type {
    generic(path, Vec::new())
}

/// `name<arg>` for a single-segment name such as `Option` or `Vec`.
pub fn wrap(name: &str, arg: syn::Type) -> syn::Type {
    generic(path([name], false), vec![arg])
}

/// `impl Into<ty>`.
pub fn impl_into(ty: syn::Type) -> syn::Type {
    syn::Type::ImplTrait(syn::TypeImplTrait {
        attrs: Vec::new(),
        impl_token: Default::default(),
        bounds: std::iter::once(trait_bound(with_args(path(["Into"], false), vec![ty]))).collect(),
    })
}

/// A bound on a trait: the `Trait` in `T: Trait` or `impl Trait`.
fn trait_bound(path: syn::Path) -> syn::TypeParamBound {
    syn::TypeParamBound::Trait(syn::TraitBound {
        paren_token: None,
        lifetimes: None,
        modifiers: Default::default(),
        maybe: None,
        path,
    })
}

/// `path` with a lifetime argument on its last segment: `serde::Deserialize<'de>`.
pub fn with_lifetime(mut path: syn::Path, name: &str) -> syn::Path {
    if let Some(last) = path.segments.last_mut() {
        last.arguments = syn::PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: std::iter::once(syn::GenericArgument::Lifetime(lifetime(name))).collect(),
            gt_token: Default::default(),
        });
    }
    path
}

/// A lifetime such as `'de` (written with its quote).
pub fn lifetime(name: &str) -> syn::Lifetime {
    syn::Lifetime::new(name, Span::call_site())
}

/// `&'lifetime elem` (`&elem` without a lifetime).
pub fn reference_type(lifetime: Option<&str>, elem: syn::Type) -> syn::Type {
    syn::Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: lifetime.map(self::lifetime),
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `Self`, as a type.
pub fn self_type() -> syn::Type {
    plain(path(["Self"], false))
}

/// `&str`.
pub fn str_ref() -> syn::Type {
    reference_type(None, plain(path(["str"], false)))
}

/// `&'static str`.
pub fn static_str() -> syn::Type {
    reference_type(Some("'static"), plain(path(["str"], false)))
}

/// The type and value of a list of strings: `&'static [&'static str]` and `&["a", "b"]`.
pub fn static_str_list<'a>(values: impl IntoIterator<Item = &'a str>) -> (syn::Type, syn::Expr) {
    (
        reference_type(Some("'static"), slice_type(static_str())),
        array_ref(values.into_iter().map(str_expr).collect()),
    )
}

/// `[elem]`.
pub fn slice_type(elem: syn::Type) -> syn::Type {
    syn::Type::Slice(syn::TypeSlice {
        attrs: Vec::new(),
        bracket_token: bracket(),
        elem: Box::new(elem),
    })
}

/// `#[doc = "…"]` attributes, one per line, with the leading space that makes prettyplease
/// print `/// line`.
pub fn doc_attributes(lines: &[String]) -> Vec<syn::Attribute> {
    super::doc_wrap::wrap(lines)
        .iter()
        .map(|line| {
            attribute(syn::Meta::NameValue(syn::MetaNameValue {
                path: path(["doc"], false),
                eq_token: Default::default(),
                value: exprs::doc_lit(line),
            }))
        })
        .collect()
}

/// `#[name(tokens)]`. Attribute arguments stay tokens in `syn` too, so nothing is parsed.
pub fn list_attribute(name: &str, tokens: TokenStream) -> syn::Attribute {
    attribute(syn::Meta::List(syn::MetaList {
        path: path([name], false),
        delimiter: syn::MacroDelimiter::Paren(paren()),
        tokens,
    }))
}

/// `#[name]`.
pub fn path_attribute(name: &str) -> syn::Attribute {
    attribute(syn::Meta::Path(path([name], false)))
}

fn attribute(meta: syn::Meta) -> syn::Attribute {
    syn::Attribute {
        pound_token: Default::default(),
        style: syn::AttrStyle::Outer,
        bracket_token: bracket(),
        meta,
    }
}
