//! Items and their parts: structs, enums, impls, functions, constants.

use proc_macro2::{Ident, TokenStream};
use syn::punctuated::Punctuated;

use super::{ident_pat, path, plain};
use crate::emit::ident;

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
            brace_token: super::brace(),
            named: fields.into_iter().collect::<Punctuated<_, _>>(),
        }),
        semi_token: None,
    }
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
        brace_token: super::brace(),
        fields: fields.into_iter().collect(),
        dot2_token: None,
        rest: None,
    });
    function(
        attrs,
        name,
        Default::default(),
        params,
        super::self_type(),
        body,
    )
}

/// `pub fn name<generics>(inputs) -> output { body }` with its attributes (see
/// [`for_trait`] for a trait impl's).
pub fn function(
    attrs: Vec<syn::Attribute>,
    name: &str,
    generics: syn::Generics,
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
            generics,
            paren_token: super::paren(),
            inputs: inputs.into_iter().collect(),
            variadic: None,
            output: syn::ReturnType::Type(Default::default(), Box::new(output)),
        },
        block: syn::Block {
            brace_token: super::brace(),
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

/// An enum variant: unit, or with one unnamed field of type `field`.
pub fn variant(attrs: Vec<syn::Attribute>, name: &str, field: Option<syn::Type>) -> syn::Variant {
    let fields = match field {
        None => syn::Fields::Unit,
        Some(ty) => syn::Fields::Unnamed(syn::FieldsUnnamed {
            paren_token: super::paren(),
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
        brace_token: super::brace(),
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
            delimiter: syn::MacroDelimiter::Paren(super::paren()),
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
        brace_token: super::brace(),
        items,
    }
}

/// `item` as a trait impl holds it: without `pub`.
pub fn for_trait(mut item: syn::ImplItem) -> syn::ImplItem {
    match &mut item {
        syn::ImplItem::Fn(function) => function.vis = syn::Visibility::Inherited,
        syn::ImplItem::Const(constant) => constant.vis = syn::Visibility::Inherited,
        _ => {}
    }
    item
}

/// `impl<generics> trait_ for name { items }`.
pub fn trait_impl(
    generics: syn::Generics,
    trait_: syn::Path,
    name: Ident,
    items: Vec<syn::ImplItem>,
) -> syn::ItemImpl {
    let mut item = inherent_impl(name, items);
    item.generics = generics;
    item.trait_ = Some((trait_, Default::default()));
    item
}

/// `<params…>`.
pub fn generics(params: Vec<syn::GenericParam>) -> syn::Generics {
    syn::Generics {
        lt_token: Some(Default::default()),
        params: params.into_iter().collect(),
        gt_token: Some(Default::default()),
        where_clause: None,
    }
}

/// A lifetime parameter such as `'de`.
pub fn lifetime_param(name: &str) -> syn::GenericParam {
    syn::GenericParam::Lifetime(syn::LifetimeParam {
        attrs: Vec::new(),
        lifetime: super::lifetime(name),
        colon_token: None,
        bounds: Punctuated::new(),
    })
}

/// A type parameter with one trait bound: `D: serde::Deserializer<'de>`.
pub fn type_param(name: &str, bound: syn::Path) -> syn::GenericParam {
    syn::GenericParam::Type(syn::TypeParam {
        attrs: Vec::new(),
        ident: ident(name),
        colon_token: Some(Default::default()),
        bounds: std::iter::once(super::trait_bound(bound)).collect(),
        default: None,
    })
}
