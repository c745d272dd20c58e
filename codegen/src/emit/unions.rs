//! Unions. Tagged ones serialize with serde's derive (internally or adjacently tagged) and
//! deserialize by reading the tag first, so a known tag with a bad payload is an error that
//! names the variant, and (on output types) an unknown tag lands in a catch-all variant that
//! keeps the whole value. Untagged ones try each variant in order and, when none fits, say
//! what each attempt found.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident};
use crate::ir::{TaggedUnion, UntaggedUnion};

pub(super) fn tagged(ctx: &Ctx<'_>, def: &TaggedUnion) -> TokenStream {
    let name = ctx.name();
    let docs = doc_attrs(&ctx.def.docs);
    let support = ctx.support();
    let tag = &def.tag;
    let open = ctx.def.usage.output;
    let serde_repr = match &def.content {
        Some(content) => quote!(#[serde(tag = #tag, content = #content)]),
        None => quote!(#[serde(tag = #tag)]),
    };
    let content = match &def.content {
        Some(content) => quote!(Some(#content)),
        None => quote!(None),
    };
    let mut variants = Vec::new();
    let mut arms = Vec::new();
    for variant in &def.variants {
        let variant_name = ident(&variant.name);
        let value = &variant.tag_value;
        let mut variant_docs = vec![format!("`{value}`")];
        if !variant.docs.is_empty() {
            variant_docs.push(String::new());
            variant_docs.extend(variant.docs.iter().cloned());
        }
        let variant_docs = doc_attrs(&variant_docs);
        match &variant.payload {
            Some(payload) => {
                let ty = ctx.ty(payload);
                let ty = if variant.boxed { quote!(Box<#ty>) } else { ty };
                variants.push(quote!(#variant_docs #[serde(rename = #value)] #variant_name(#ty),));
                arms.push(quote!(#value => tagged.payload().map(Self::#variant_name),));
            }
            None => {
                variants.push(quote!(#variant_docs #[serde(rename = #value)] #variant_name,));
                arms.push(quote!(#value => Ok(Self::#variant_name),));
            }
        }
    }
    let values: Vec<&str> = def.variants.iter().map(|v| v.tag_value.as_str()).collect();
    let (catch_all, fallback) = if open {
        let catch_all = ident(&def.catch_all);
        (
            quote! {
                /// A variant this SDK does not know yet, kept as received (tag included).
                #[serde(untagged)]
                #catch_all(serde_json::Value),
            },
            quote!(_ => Ok(Self::#catch_all(tagged.into_value())),),
        )
    } else {
        (
            TokenStream::new(),
            quote!(_ => Err(tagged.unknown_tag(&[#(#values),*])),),
        )
    };
    let non_exhaustive = open.then(|| quote!(#[non_exhaustive]));
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #serde_repr
        #non_exhaustive
        pub enum #name {
            #(#variants)*
            #catch_all
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let tagged = #support::Tagged::deserialize(deserializer, #tag, #content)?;
                match tagged.tag() {
                    #(#arms)*
                    #fallback
                }
            }
        }
    }
}

pub(super) fn untagged(ctx: &Ctx<'_>, def: &UntaggedUnion) -> TokenStream {
    let name = ctx.name();
    let docs = doc_attrs(&ctx.def.docs);
    let support = ctx.support();
    let type_name = &ctx.def.name;
    let mut variants = Vec::new();
    let mut attempts = Vec::new();
    for variant in &def.variants {
        let variant_name = ident(&variant.name);
        let ty = ctx.ty(&variant.ty);
        let ty = if variant.boxed { quote!(Box<#ty>) } else { ty };
        let label = &variant.name;
        let doc = format!(" The `{label}` form.");
        variants.push(quote!(#[doc = #doc] #variant_name(#ty),));
        attempts.push(quote! {
            if let Some(value) = attempts.attempt(&value, #label) {
                return Ok(Self::#variant_name(value));
            }
        });
    }
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        pub enum #name {
            #(#variants)*
        }

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
