//! Unions. Tagged ones serialize with serde's derive (internally or adjacently tagged) and
//! deserialize through `support::internal`/`support::adjacent`, which find the tag and then
//! stream the payload into its variant (buffering only what came before the tag); on output
//! types an unknown tag lands in a catch-all variant that keeps the whole value. Untagged
//! ones decode by JSON kind when the variants' kinds differ, else try each variant in order
//! and, when none fits, say what each attempt found.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, Emitted, doc_attrs, ident, syntax};
use crate::ir::{TaggedUnion, TaggedVariant, TypeKind, TypeRef, TypeSpace, UntaggedUnion};

/// The enum definition and its decoder's impls, built as `syn` nodes.
pub(super) fn tagged(ctx: &Ctx<'_>, def: &TaggedUnion) -> Emitted {
    let tag = &def.tag;
    let open = ctx.def.usage.output;
    let rule = crate::names::RenameRule::best_for_variants(
        def.variants
            .iter()
            .map(|v| (v.name.as_str(), v.tag_value.as_str())),
    );
    let mut variants = Vec::new();
    for variant in &def.variants {
        let value = &variant.tag_value;
        let spelled = match rule {
            Some(rule) => rule.apply_to_variant(&variant.name) == *value,
            None => variant.name == *value,
        };
        // The tag is worth a doc line only where the variant's name does not say it.
        let mut docs = Vec::new();
        if !spelled {
            docs.push(format!("`{value}`"));
            if !variant.docs.is_empty() {
                docs.push(String::new());
            }
        }
        docs.extend(variant.docs.iter().cloned());
        let mut attrs = syntax::doc_attributes(&docs);
        if !spelled {
            attrs.push(syntax::list_attribute("serde", quote!(rename = #value)));
        }
        let payload = variant.payload.as_ref().map(|payload| {
            let ty = ctx.ty(payload);
            if variant.boxed {
                syntax::wrap("Box", ty)
            } else {
                ty
            }
        });
        variants.push(syntax::variant(attrs, &variant.name, payload));
    }
    if open {
        let mut attrs = syntax::doc_attributes(&[
            "A variant this SDK does not know yet, kept as received (tag included).".into(),
        ]);
        attrs.push(syntax::list_attribute("serde", quote!(untagged)));
        let value = syntax::plain(syntax::path(["serde_json", "Value"], false));
        variants.push(syntax::variant(attrs, &def.catch_all, Some(value)));
    }
    let mut attrs = syntax::doc_attributes(&ctx.def.docs);
    attrs.push(syntax::list_attribute(
        "derive",
        quote!(Debug, Clone, PartialEq, serde::Serialize),
    ));
    let rename_all = rule.map(|rule| {
        let rule = rule.serde_name();
        quote!(, rename_all = #rule)
    });
    attrs.push(match &def.content {
        Some(content) => {
            syntax::list_attribute("serde", quote!(tag = #tag, content = #content #rename_all))
        }
        None => syntax::list_attribute("serde", quote!(tag = #tag #rename_all)),
    });
    if open {
        attrs.push(syntax::path_attribute("non_exhaustive"));
    }
    let mut built = vec![syn::Item::Enum(syntax::enum_item(
        attrs,
        ctx.name(),
        variants,
    ))];
    built.extend(streamed(ctx, def, open));
    Emitted {
        built,
        quoted: TokenStream::new(),
    }
}

/// `Deserialize` for a tagged union, streamed by `support::adjacent` or `support::internal`:
/// the generated part only maps a tag to its variant's decoder and names the catch-all.
/// Built as `syn` nodes like the enum: every union repeats this shape, and quoting and
/// parsing it back was most of what unions cost to generate.
fn streamed(ctx: &Ctx<'_>, def: &TaggedUnion, open: bool) -> Vec<syn::Item> {
    let support = ctx.support();
    let constant = |name: &str, ty: syn::Type, value: syn::Expr| {
        syntax::for_trait(syntax::constant(Vec::new(), name, ty, value))
    };
    let deserializer =
        || syntax::with_lifetime(syntax::path(["serde", "Deserializer"], false), "'de");
    // `<'de, D: serde::Deserializer<'de>>` or `<D: …>`, and `Result<Self, D::Error>`.
    let decoder_generics = |with_lifetime: bool| {
        let mut params = Vec::new();
        if with_lifetime {
            params.push(syntax::lifetime_param("'de"));
        }
        params.push(syntax::type_param("D", deserializer()));
        syntax::generics(params)
    };
    let result = || {
        syntax::generic(
            syntax::path(["Result"], false),
            vec![
                syntax::self_type(),
                syntax::plain(syntax::path(["D", "Error"], false)),
            ],
        )
    };

    let (list_type, list) =
        syntax::static_str_list(def.variants.iter().map(|v| v.tag_value.as_str()));
    let mut union_items = vec![
        constant("TAG", syntax::static_str(), syntax::str_expr(&def.tag)),
        constant("KNOWN", list_type, list),
    ];
    if open {
        union_items.push(constant(
            "CATCH_ALL",
            syntax::wrap(
                "Option",
                syntax::generic(syntax::join(support, "CatchAll"), vec![syntax::self_type()]),
            ),
            syntax::call(["Some"], vec![syntax::path_expr(["Self", &def.catch_all])]),
        ));
    }
    let mut arms: Vec<(syn::Pat, syn::Expr)> = def
        .variants
        .iter()
        .map(|variant| (syntax::str_pat(&variant.tag_value), decode_arm(variant)))
        .collect();
    arms.push((
        syntax::wild_pat(),
        syntax::call(
            ["Err"],
            vec![syntax::call(
                ["serde", "de", "Error", "unknown_variant"],
                vec![
                    syntax::path_expr(["tag"]),
                    syntax::path_expr(["Self", "KNOWN"]),
                ],
            )],
        ),
    ));
    union_items.push(syntax::for_trait(syntax::function(
        Vec::new(),
        "decode",
        decoder_generics(true),
        vec![
            syntax::param(ident("tag"), syntax::str_ref()),
            syntax::param(ident("payload"), syntax::plain(syntax::path(["D"], false))),
        ],
        result(),
        syntax::match_expr(syntax::path_expr(["tag"]), arms),
    )));

    let name = ctx.name();
    let mut items = vec![syn::Item::Impl(syntax::trait_impl(
        Default::default(),
        syntax::join(support, "TaggedUnion"),
        name.clone(),
        union_items,
    ))];
    // An adjacently tagged union also names its payload key.
    let function = match &def.content {
        Some(content) => {
            items.push(syn::Item::Impl(syntax::trait_impl(
                Default::default(),
                syntax::join(support, "Adjacent"),
                name.clone(),
                vec![constant(
                    "CONTENT",
                    syntax::static_str(),
                    syntax::str_expr(content),
                )],
            )));
            "adjacent"
        }
        None => "internal",
    };
    items.push(syn::Item::Impl(syntax::trait_impl(
        syntax::generics(vec![syntax::lifetime_param("'de")]),
        syntax::with_lifetime(syntax::path(["serde", "Deserialize"], false), "'de"),
        name,
        vec![syntax::for_trait(syntax::function(
            Vec::new(),
            "deserialize",
            decoder_generics(false),
            vec![syntax::param(
                ident("deserializer"),
                syntax::plain(syntax::path(["D"], false)),
            )],
            result(),
            syntax::call_path(
                syntax::join(support, function),
                vec![syntax::path_expr(["deserializer"])],
            ),
        ))],
    )));
    items
}

/// What a known tag's arm does with `payload`: decode the variant's payload and wrap it, or,
/// for a variant without one, skip whatever is there.
fn decode_arm(variant: &TaggedVariant) -> syn::Expr {
    let payload = || vec![syntax::path_expr(["payload"])];
    let name = variant.name.as_str();
    let (decoded, wrap) = match (&variant.payload, variant.boxed) {
        (Some(_), false) => (
            syntax::call(["serde", "Deserialize", "deserialize"], payload()),
            syntax::path_expr(["Self", name]),
        ),
        (Some(_), true) => (
            syntax::call(["serde", "Deserialize", "deserialize"], payload()),
            syntax::closure(
                syntax::ident_pat(ident("value")),
                syntax::call(
                    ["Self", name],
                    vec![syntax::call(
                        ["Box", "new"],
                        vec![syntax::path_expr(["value"])],
                    )],
                ),
            ),
        ),
        (None, _) => (
            syntax::qualified_call(
                syntax::plain(syntax::path(["serde", "de", "IgnoredAny"], false)),
                syntax::path(["serde", "Deserialize"], false),
                "deserialize",
                payload(),
            ),
            syntax::closure(syntax::wild_pat(), syntax::path_expr(["Self", name])),
        ),
    };
    syntax::method_call(decoded, "map", vec![wrap])
}

pub(super) fn untagged(ctx: &Ctx<'_>, def: &UntaggedUnion) -> TokenStream {
    let name = ctx.name();
    let docs = doc_attrs(&ctx.def.docs);
    let mut variants = Vec::new();
    for variant in &def.variants {
        let variant_name = ident(&variant.name);
        let ty = ctx.ty(&variant.ty);
        let ty = if variant.boxed {
            quote!(Box<#ty>)
        } else {
            quote!(#ty)
        };
        let doc = format!(" The `{}` form.", variant.name);
        variants.push(quote!(#[doc = #doc] #variant_name(#ty),));
    }
    let deserialize = match by_kind(ctx, def) {
        Some(by_kind) => by_kind,
        None => by_attempts(ctx, def),
    };
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }

        #deserialize
    }
}

/// The JSON kinds a value of a type can arrive as, when that is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Bool,
    Integer,
    Number,
    String,
    Array,
    Object,
}

fn kinds(space: &TypeSpace, ty: &TypeRef, depth: usize) -> Option<Vec<Kind>> {
    Some(match ty {
        TypeRef::Bool => vec![Kind::Bool],
        TypeRef::Int(_) | TypeRef::UnixTime => vec![Kind::Integer],
        TypeRef::Float => vec![Kind::Integer, Kind::Number],
        TypeRef::String | TypeRef::DateTime | TypeRef::Uuid => vec![Kind::String],
        TypeRef::Array(_) => vec![Kind::Array],
        TypeRef::Map(_) | TypeRef::JsonObject => vec![Kind::Object],
        TypeRef::Json | TypeRef::File | TypeRef::Nullable(_) => return None,
        TypeRef::Named(id) => match &space.get(*id).kind {
            TypeKind::Struct(_) | TypeKind::Tagged(_) => vec![Kind::Object],
            TypeKind::Enum(_) => vec![Kind::String],
            TypeKind::Alias(target) if depth < 16 => return kinds(space, target, depth + 1),
            _ => return None,
        },
    })
}

/// `Deserialize` by JSON kind, when every variant takes kinds no other variant takes: one
/// look at the input, no buffering, no trial decoding.
fn by_kind(ctx: &Ctx<'_>, def: &UntaggedUnion) -> Option<TokenStream> {
    let mut claimed: Vec<(Kind, usize)> = Vec::new();
    for (i, variant) in def.variants.iter().enumerate() {
        for kind in kinds(ctx.space, &variant.ty, 0)? {
            if claimed.iter().any(|(k, _)| *k == kind) {
                return None;
            }
            claimed.push((kind, i));
        }
    }
    let name = ctx.name();
    let support = ctx.support();
    let wrap = |i: usize| {
        let variant = &def.variants[i];
        let variant_name = ident(&variant.name);
        if variant.boxed {
            quote!(|value| Self::#variant_name(Box::new(value)))
        } else {
            quote!(Self::#variant_name)
        }
    };
    let mut expecting = Vec::new();
    let mut methods = Vec::new();
    for (kind, i) in &claimed {
        let build = wrap(*i);
        let label = &def.variants[*i].name;
        match kind {
            Kind::Bool => {
                expecting.push(format!("a boolean (`{label}`)"));
                methods.push(quote! {
                    fn from_bool<E: serde::de::Error>(value: bool) -> Result<Self, E> {
                        serde::Deserialize::deserialize(serde::de::IntoDeserializer::<E>::into_deserializer(value)).map(#build)
                    }
                });
            }
            Kind::Integer | Kind::Number => {
                if *kind == Kind::Integer {
                    expecting.push(format!("an integer (`{label}`)"));
                    methods.push(quote! {
                        fn from_i64<E: serde::de::Error>(value: i64) -> Result<Self, E> {
                            serde::Deserialize::deserialize(serde::de::IntoDeserializer::<E>::into_deserializer(value)).map(#build)
                        }
                        fn from_u64<E: serde::de::Error>(value: u64) -> Result<Self, E> {
                            serde::Deserialize::deserialize(serde::de::IntoDeserializer::<E>::into_deserializer(value)).map(#build)
                        }
                    });
                } else {
                    expecting.push(format!("a number (`{label}`)"));
                    methods.push(quote! {
                        fn from_f64<E: serde::de::Error>(value: f64) -> Result<Self, E> {
                            serde::Deserialize::deserialize(serde::de::IntoDeserializer::<E>::into_deserializer(value)).map(#build)
                        }
                    });
                }
            }
            Kind::String => {
                expecting.push(format!("a string (`{label}`)"));
                methods.push(quote! {
                    fn from_str<E: serde::de::Error>(value: &str) -> Result<Self, E> {
                        serde::Deserialize::deserialize(serde::de::value::StrDeserializer::<E>::new(value)).map(#build)
                    }
                    fn from_string<E: serde::de::Error>(value: String) -> Result<Self, E> {
                        serde::Deserialize::deserialize(serde::de::value::StringDeserializer::<E>::new(value)).map(#build)
                    }
                });
            }
            Kind::Array => {
                expecting.push(format!("an array (`{label}`)"));
                methods.push(quote! {
                    fn from_seq<'de, A: serde::de::SeqAccess<'de>>(seq: A) -> Result<Self, A::Error> {
                        serde::Deserialize::deserialize(serde::de::value::SeqAccessDeserializer::new(seq)).map(#build)
                    }
                });
            }
            Kind::Object => {
                expecting.push(format!("an object (`{label}`)"));
                methods.push(quote! {
                    fn from_map<'de, A: serde::de::MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                        serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map)).map(#build)
                    }
                });
            }
        }
    }
    let expecting = expecting.join(" or ");
    Some(quote! {
        impl #support::ByKind for #name {
            const EXPECTING: &'static str = #expecting;
            #(#methods)*
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #support::by_kind(deserializer)
            }
        }
    })
}

/// `Deserialize` by trying each variant in order on a buffered value; the error lists what
/// each attempt found.
fn by_attempts(ctx: &Ctx<'_>, def: &UntaggedUnion) -> TokenStream {
    let name = ctx.name();
    let support = ctx.support();
    let type_name = &ctx.def.name;
    let attempts = def.variants.iter().map(|variant| {
        let variant_name = ident(&variant.name);
        let label = &variant.name;
        quote! {
            if let Some(value) = attempts.attempt(&value, #label) {
                return Ok(Self::#variant_name(value));
            }
        }
    });
    quote! {
        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let value = <serde_json::Value as serde::Deserialize>::deserialize(deserializer)?;
                let mut attempts = #support::Attempts::new(#type_name);
                #(#attempts)*
                Err(attempts.into_error())
            }
        }
    }
}
