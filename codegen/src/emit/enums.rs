//! Open string enums: one variant per known value plus a catch-all that keeps any other
//! value verbatim, so decoding never fails on a value the provider added and re-encoding
//! gives back exactly what was received. The conversion and serde impls, the same for
//! every enum, come from `support::string_enum_traits!` rather than being printed per enum.
//!
//! Everything here is built as `syn` nodes (see `syntax`): a string enum is data, and
//! large schemas have thousands of them.

use quote::quote;

use super::{Ctx, Emitted, ident, syntax};
use crate::ir::StringEnum;

pub(super) fn emit(ctx: &Ctx<'_>, def: &StringEnum) -> Emitted {
    let catch_all = def.catch_all.as_str();
    let mut variants: Vec<syn::Variant> = def
        .variants
        .iter()
        .map(|v| {
            let docs = syntax::doc_attributes(&[format!("`{}`", v.value)]);
            syntax::variant(docs, &v.name, None)
        })
        .collect();
    variants.push(syntax::variant(
        syntax::doc_attributes(&["A value this SDK does not know yet, kept as received.".into()]),
        catch_all,
        Some(syntax::plain(syntax::path(["String"], false))),
    ));
    let mut attrs = syntax::doc_attributes(&ctx.def.docs);
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Debug, Clone, PartialEq, Eq, Hash),
    ));
    attrs.push(syntax::path_attribute("non_exhaustive"));
    let item = syntax::enum_item(attrs, ctx.name(), variants);

    let (list_type, list) = syntax::static_str_list(def.variants.iter().map(|v| v.value.as_str()));
    let known_list = syntax::constant(
        syntax::doc_attributes(&["Every value this SDK knows, in schema order.".into()]),
        "KNOWN",
        list_type,
        list,
    );
    let mut as_str_arms: Vec<_> = def
        .variants
        .iter()
        .map(|v| {
            (
                syntax::path_pat(["Self", v.name.as_str()]),
                syntax::str_expr(&v.value),
            )
        })
        .collect();
    as_str_arms.push((
        syntax::tuple_pat(catch_all, "value"),
        syntax::path_expr(["value"]),
    ));
    let as_str = syntax::function(
        syntax::doc_attributes(&["The value as sent on the wire.".into()]),
        "as_str",
        Default::default(),
        vec![syntax::self_ref()],
        syntax::str_ref(),
        syntax::match_expr(syntax::path_expr(["self"]), as_str_arms),
    );
    let mut known_arms: Vec<_> = def
        .variants
        .iter()
        .map(|v| {
            let variant = syntax::path_expr(["Self", v.name.as_str()]);
            (
                syntax::str_pat(&v.value),
                syntax::call(["Some"], vec![variant]),
            )
        })
        .collect();
    known_arms.push((syntax::wild_pat(), syntax::path_expr(["None"])));
    let known = syntax::function(
        syntax::doc_attributes(&["The known variant for a wire value, if there is one.".into()]),
        "known",
        Default::default(),
        vec![syntax::param(ident("value"), syntax::str_ref())],
        syntax::wrap("Option", syntax::self_type()),
        syntax::match_expr(syntax::path_expr(["value"]), known_arms),
    );
    let inherent = syntax::inherent_impl(ctx.name(), vec![known_list, as_str, known]);

    let name = ctx.name();
    let catch_all = ident(catch_all);
    let traits = syntax::macro_item(
        syntax::join(ctx.support(), "string_enum_traits"),
        quote!(#name, #catch_all),
    );
    Emitted {
        built: vec![syn::Item::Enum(item), syn::Item::Impl(inherent), traits],
        quoted: Default::default(),
    }
}
