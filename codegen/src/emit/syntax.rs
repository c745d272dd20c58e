//! `syn` nodes built directly, for the parts of the output that are pure data: types,
//! paths, attributes, struct and enum definitions, constructors and simple matches.
//!
//! Everything `quote!` produces has to be parsed back by `syn` before prettyplease can
//! print it, and on large schemas that round trip (token trees built, copied into a parse
//! buffer, parsed, dropped) cost more than everything else. A type or an attribute is just
//! a tree of names, so it is built as the `syn` node prettyplease prints. Each builder makes
//! what the parser would make of the same code, as far as printing goes: the snapshots and
//! `built_nodes_print_like_parsed_tokens` (tests/tests/cases.rs) hold it to that.

use proc_macro2::{Ident, Span, TokenStream};
use syn::punctuated::Punctuated;

use super::ident;

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

/// `#[doc = "…"]` attributes, one per line, with the leading space that makes prettyplease
/// print `/// line`.
pub fn doc_attributes(lines: &[String]) -> Vec<syn::Attribute> {
    lines
        .iter()
        .map(|line| {
            let text = if line.is_empty() {
                String::new()
            } else {
                format!(" {line}")
            };
            attribute(syn::Meta::NameValue(syn::MetaNameValue {
                path: path(["doc"], false),
                eq_token: Default::default(),
                value: str_expr(&text),
            }))
        })
        .collect()
}

/// `#[name(tokens)]`. Attribute arguments stay tokens in `syn` too, so nothing is parsed.
pub fn list_attribute(name: &str, tokens: TokenStream) -> syn::Attribute {
    attribute(syn::Meta::List(syn::MetaList {
        path: path([name], false),
        delimiter: syn::MacroDelimiter::Paren(Default::default()),
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
        bracket_token: Default::default(),
        meta,
    }
}

/// `pub name: ty` with its attributes.
pub fn field(attrs: Vec<syn::Attribute>, name: Ident, ty: syn::Type) -> syn::Field {
    syn::Field {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        ident: Some(name),
        colon_token: Some(Default::default()),
        ty,
        default: None,
    }
}

/// `pub struct name { fields }` with its attributes.
pub fn struct_item(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    fields: Vec<syn::Field>,
) -> syn::ItemStruct {
    syn::ItemStruct {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        struct_token: Default::default(),
        ident: name,
        generics: Default::default(),
        fields: syn::Fields::Named(syn::FieldsNamed {
            brace_token: Default::default(),
            named: fields.into_iter().collect::<Punctuated<_, _>>(),
        }),
        semi_token: None,
    }
}

/// A path expression: `None`, `Default::default`, a parameter name.
pub fn path_expr<'a>(segments: impl IntoIterator<Item = &'a str>) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(segments, false),
    })
}

/// `func(args…)` where `func` is a path such as `Box::new`.
pub fn call<'a>(func: impl IntoIterator<Item = &'a str>, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(path_expr(func)),
        paren_token: Default::default(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.method()`.
pub fn method_call(receiver: syn::Expr, method: &str) -> syn::Expr {
    syn::Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: Punctuated::new(),
    })
}

/// `impl Into<ty>`.
pub fn impl_into(ty: syn::Type) -> syn::Type {
    syn::Type::ImplTrait(syn::TypeImplTrait {
        attrs: Vec::new(),
        impl_token: Default::default(),
        bounds: std::iter::once(syn::TypeParamBound::Trait(syn::TraitBound {
            paren_token: None,
            lifetimes: None,
            modifiers: Default::default(),
            maybe: None,
            path: with_args(path(["Into"], false), vec![ty]),
        }))
        .collect(),
    })
}

/// A parameter `name: ty`.
pub fn param(name: Ident, ty: syn::Type) -> syn::FnArg {
    syn::FnArg::Typed(syn::PatType {
        attrs: Vec::new(),
        pat: Box::new(ident_pat(name)),
        colon_token: Default::default(),
        ty: Box::new(ty),
    })
}

/// A field initializer `name: expr`, or the shorthand `name` when `expr` is `None`.
pub fn field_value(name: Ident, expr: Option<syn::Expr>) -> syn::FieldValue {
    let (colon_token, expr) = match expr {
        Some(expr) => (Some(Default::default()), expr),
        None => (None, path_expr([name.to_string().as_str()])),
    };
    syn::FieldValue {
        attrs: Vec::new(),
        member: syn::Member::Named(name),
        colon_token,
        expr,
    }
}

/// `pub fn name(params) -> Self { Self { fields } }` with its attributes.
pub fn constructor(
    attrs: Vec<syn::Attribute>,
    name: &str,
    params: Vec<syn::FnArg>,
    fields: Vec<syn::FieldValue>,
) -> syn::ImplItem {
    let body = syn::Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(["Self"], false),
        brace_token: Default::default(),
        fields: fields.into_iter().collect(),
        dot2_token: None,
        rest: None,
    });
    function(attrs, name, params, plain(path(["Self"], false)), body)
}

/// `pub fn name(inputs) -> output { body }` with its attributes.
pub fn function(
    attrs: Vec<syn::Attribute>,
    name: &str,
    inputs: Vec<syn::FnArg>,
    output: syn::Type,
    body: syn::Expr,
) -> syn::ImplItem {
    syn::ImplItem::Fn(syn::ImplItemFn {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        sig: syn::Signature {
            constness: None,
            asyncness: None,
            safety: Default::default(),
            abi: None,
            fn_token: Default::default(),
            ident: ident(name),
            generics: Default::default(),
            paren_token: Default::default(),
            inputs: inputs.into_iter().collect(),
            variadic: None,
            output: syn::ReturnType::Type(Default::default(), Box::new(output)),
        },
        block: syn::Block {
            brace_token: Default::default(),
            stmts: vec![syn::Stmt::Expr(body, None)],
        },
    })
}

/// The `&self` receiver.
pub fn self_ref() -> syn::FnArg {
    syn::FnArg::Receiver(syn::Receiver {
        attrs: Vec::new(),
        mutability: None,
        self_token: Default::default(),
        kind: syn::ReceiverKind::Reference(Default::default(), None, None),
    })
}

/// `&'lifetime elem` (`&elem` without a lifetime).
pub fn reference_type(lifetime: Option<&str>, elem: syn::Type) -> syn::Type {
    syn::Type::Reference(syn::TypeReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        lifetime: lifetime.map(|l| syn::Lifetime::new(l, Span::call_site())),
        mutability: None,
        elem: Box::new(elem),
    })
}

/// `[elem]`.
pub fn slice_type(elem: syn::Type) -> syn::Type {
    syn::Type::Slice(syn::TypeSlice {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elem: Box::new(elem),
    })
}

/// `pub const name: ty = expr;` with its attributes.
pub fn constant(
    attrs: Vec<syn::Attribute>,
    name: &str,
    ty: syn::Type,
    expr: syn::Expr,
) -> syn::ImplItem {
    syn::ImplItem::Const(syn::ImplItemConst {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        modifiers: Default::default(),
        const_token: Default::default(),
        ident: ident(name),
        generics: Default::default(),
        colon_token: Default::default(),
        ty,
        eq_token: Default::default(),
        expr,
        semi_token: Default::default(),
    })
}

/// A string literal expression.
pub fn str_expr(value: &str) -> syn::Expr {
    syn::Expr::Lit(str_lit(value))
}

/// A string literal, as expressions and patterns hold it.
fn str_lit(value: &str) -> syn::ExprLit {
    syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(syn::LitStr::new(value, Span::call_site())),
    }
}

/// `&[elems…]`.
pub fn array_ref(elems: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Reference(syn::ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: None,
        expr: Box::new(syn::Expr::Array(syn::ExprArray {
            attrs: Vec::new(),
            bracket_token: Default::default(),
            elems: elems.into_iter().collect(),
        })),
    })
}

/// `match scrutinee { pat => body, … }`.
pub fn match_expr(scrutinee: syn::Expr, arms: Vec<(syn::Pat, syn::Expr)>) -> syn::Expr {
    syn::Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(scrutinee),
        brace_token: Default::default(),
        arms: arms
            .into_iter()
            .map(|(pat, body)| syn::Arm {
                attrs: Vec::new(),
                pat,
                fat_arrow_token: Default::default(),
                body: Box::new(body),
                comma: Some(Default::default()),
            })
            .collect(),
    })
}

/// A path pattern: `Self::Variant`.
pub fn path_pat<'a>(segments: impl IntoIterator<Item = &'a str>) -> syn::Pat {
    syn::Pat::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path: path(segments, false),
    })
}

/// A string literal pattern.
pub fn str_pat(value: &str) -> syn::Pat {
    syn::Pat::Lit(str_lit(value))
}

/// A binding pattern: `name`.
fn ident_pat(name: Ident) -> syn::Pat {
    syn::Pat::Ident(syn::PatIdent {
        attrs: Vec::new(),
        by_ref: None,
        mutability: None,
        ident: name,
        subpat: None,
    })
}

/// `_`.
pub fn wild_pat() -> syn::Pat {
    syn::Pat::Wild(syn::PatWild {
        attrs: Vec::new(),
        underscore_token: Default::default(),
    })
}

/// `Self::Variant(binding)`.
pub fn tuple_pat(variant: &str, binding: &str) -> syn::Pat {
    syn::Pat::TupleStruct(syn::PatTupleStruct {
        attrs: Vec::new(),
        qself: None,
        path: path(["Self", variant], false),
        paren_token: Default::default(),
        elems: std::iter::once(ident_pat(ident(binding))).collect(),
    })
}

/// An enum variant: unit, or with one unnamed field of type `field`.
pub fn variant(attrs: Vec<syn::Attribute>, name: &str, field: Option<syn::Type>) -> syn::Variant {
    let fields = match field {
        None => syn::Fields::Unit,
        Some(ty) => syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: Default::default(),
            unnamed: std::iter::once(syn::Field {
                attrs: Vec::new(),
                vis: syn::Visibility::Inherited,
                modifiers: Default::default(),
                ident: None,
                colon_token: None,
                ty,
                default: None,
            })
            .collect(),
        }),
    };
    syn::Variant {
        attrs,
        ident: ident(name),
        fields,
        discriminant: None,
    }
}

/// `pub enum name { variants }` with its attributes.
pub fn enum_item(
    attrs: Vec<syn::Attribute>,
    name: Ident,
    variants: Vec<syn::Variant>,
) -> syn::ItemEnum {
    syn::ItemEnum {
        attrs,
        vis: syn::Visibility::Public(Default::default()),
        enum_token: Default::default(),
        ident: name,
        generics: Default::default(),
        brace_token: Default::default(),
        variants: variants.into_iter().collect(),
    }
}

/// `path!(tokens);` as an item.
pub fn macro_item(path: syn::Path, tokens: TokenStream) -> syn::Item {
    syn::Item::Macro(syn::ItemMacro {
        attrs: Vec::new(),
        ident: None,
        mac: syn::Macro {
            path,
            bang_token: Default::default(),
            delimiter: syn::MacroDelimiter::Paren(Default::default()),
            tokens,
        },
        semi_token: Some(Default::default()),
    })
}

/// `impl name { items }`.
pub fn inherent_impl(name: Ident, items: Vec<syn::ImplItem>) -> syn::ItemImpl {
    syn::ItemImpl {
        attrs: Vec::new(),
        modifiers: Default::default(),
        unsafety: None,
        impl_token: Default::default(),
        generics: Default::default(),
        trait_: None,
        self_ty: Box::new(plain(syn::Path::from(name))),
        brace_token: Default::default(),
        items,
    }
}
