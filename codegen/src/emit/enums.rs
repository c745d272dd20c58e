//! Open string enums: one variant per known value plus a catch-all that keeps any other
//! value verbatim, so decoding never fails on a value the provider added and re-encoding
//! gives back exactly what was received. The conversion and serde impls, the same for
//! every enum, come from `support::string_enum_traits!` rather than being printed per enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::{Ctx, doc_attrs, ident};
use crate::ir::StringEnum;

pub(super) fn emit(ctx: &Ctx<'_>, def: &StringEnum) -> TokenStream {
    let name = ctx.name();
    let docs = doc_attrs(&ctx.def.docs);
    let catch_all = ident(&def.catch_all);
    let variants: Vec<_> = def.variants.iter().map(|v| ident(&v.name)).collect();
    let values: Vec<&str> = def.variants.iter().map(|v| v.value.as_str()).collect();
    let variant_docs = values.iter().map(|v| format!(" `{v}`"));
    let support = ctx.support();
    quote! {
        #docs
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            /// A value this SDK does not know yet, kept as received.
            #catch_all(String),
        }

        impl #name {
            /// Every value this SDK knows, in schema order.
            pub const KNOWN: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #values, )*
                    Self::#catch_all(value) => value,
                }
            }

            /// The known variant for a wire value, if there is one.
            pub fn known(value: &str) -> Option<Self> {
                match value {
                    #( #values => Some(Self::#variants), )*
                    _ => None,
                }
            }
        }

        #support::string_enum_traits!(#name, #catch_all);
    }
}
