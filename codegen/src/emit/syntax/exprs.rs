//! Expressions and patterns.

use super::path;
use crate::emit::ident;
use proc_macro2::{Ident, Span};

/// A path expression: `None`, `Default::default`, a parameter name.
pub fn path_expr<'a>(segments: impl IntoIterator<Item = &'a str>) -> syn::Expr {
    expr_of(path(segments, false))
}

/// A built path as an expression.
fn expr_of(path: syn::Path) -> syn::Expr {
    syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// `func(args…)` where `func` is a path such as `Box::new`.
pub fn call<'a>(func: impl IntoIterator<Item = &'a str>, args: Vec<syn::Expr>) -> syn::Expr {
    call_path(path(func, false), args)
}

/// `func(args…)` where `func` is a built path such as `support::internal`.
pub fn call_path(func: syn::Path, args: Vec<syn::Expr>) -> syn::Expr {
    call_expr(expr_of(func), args)
}

/// `<ty as Trait>::function(args…)`.
pub fn qualified_call(
    ty: syn::Type,
    trait_: syn::Path,
    function: &str,
    args: Vec<syn::Expr>,
) -> syn::Expr {
    let position = trait_.segments.len();
    let func = syn::Expr::Path(syn::ExprPath {
        attrs: Vec::new(),
        qself: Some(syn::QSelf {
            lt_token: Default::default(),
            ty: Box::new(ty),
            position,
            as_token: Some(Default::default()),
            gt_token: Default::default(),
        }),
        path: super::join(&trait_, function),
    });
    call_expr(func, args)
}

fn call_expr(func: syn::Expr, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::Call(syn::ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: super::paren(),
        args: args.into_iter().collect(),
    })
}

/// `receiver.method(args…)`.
pub fn method_call(receiver: syn::Expr, method: &str, args: Vec<syn::Expr>) -> syn::Expr {
    syn::Expr::MethodCall(syn::ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: super::paren(),
        args: args.into_iter().collect(),
    })
}

/// `|input| body`.
pub fn closure(input: syn::Pat, body: syn::Expr) -> syn::Expr {
    syn::Expr::Closure(syn::ExprClosure {
        attrs: Vec::new(),
        lifetimes: None,
        modifiers: Default::default(),
        constness: None,
        asyncness: None,
        capture: None,
        inputs_begin: Default::default(),
        inputs: std::iter::once(input).collect(),
        inputs_end: Default::default(),
        output: syn::ReturnType::Default,
        body: Box::new(body),
    })
}

/// A string literal expression.
pub fn str_expr(value: &str) -> syn::Expr {
    syn::Expr::Lit(str_lit(value))
}

/// A string literal, as expressions and patterns hold it.
fn str_lit(value: &str) -> syn::ExprLit {
    let plain = value
        .bytes()
        .all(|b| (b' '..=b'~').contains(&b) && b != b'"' && b != b'\\');
    let lit = plain
        .then(|| format!("\"{value}\""))
        .and_then(lexed)
        .unwrap_or_else(|| syn::LitStr::new(value, Span::call_site()));
    expr_lit(lit)
}

/// The literal of a doc comment line: the line after a space (what makes prettyplease print
/// `/// line`), or nothing for an empty line. prettyplease prints a one-line doc by its
/// value, not by its token, so it can be a raw string, which needs no escaping when made
/// nor unescaping when read back. A doc starting with `/` or `*` would be printed as an
/// attribute, token and all; a leading space rules that out, and an empty line has no
/// characters to escape.
pub(super) fn doc_lit(line: &str) -> syn::Expr {
    let raw = !line.contains('"') && !line.contains(char::is_control);
    let source = match (raw, line.is_empty()) {
        (true, true) => Some("r\"\"".to_string()),
        (true, false) => Some(format!("r\" {line}\"")),
        (false, _) => None,
    };
    let lit = source.and_then(lexed).unwrap_or_else(|| {
        let text = if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        };
        syn::LitStr::new(&text, Span::call_site())
    });
    syn::Expr::Lit(expr_lit(lit))
}

/// A string literal token read from its source text. `LitStr::new` escapes its value char by
/// char through `char::escape_debug`, which on large schemas' docs cost more than printing
/// them; text that needs no escaping goes to the lexer as written instead, which makes the
/// same token for a fraction of the work. `None` if the text does not lex as one string.
fn lexed(source: String) -> Option<syn::LitStr> {
    match syn::Lit::new(source.parse::<proc_macro2::Literal>().ok()?) {
        syn::Lit::Str(lit) => Some(lit),
        _ => None,
    }
}

fn expr_lit(lit: syn::LitStr) -> syn::ExprLit {
    syn::ExprLit {
        attrs: Vec::new(),
        lit: syn::Lit::Str(lit),
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
            bracket_token: super::bracket(),
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
        brace_token: super::brace(),
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
pub fn ident_pat(name: Ident) -> syn::Pat {
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
        paren_token: super::paren(),
        elems: std::iter::once(ident_pat(ident(binding))).collect(),
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
