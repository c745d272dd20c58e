//! The payload registry for tools and tests outside the SDK (`tests/src/payloads.rs`): every
//! request, response, error and webhook type of every provider, addressable by name.

use quote::{format_ident, quote};

use crate::emit::{compact, rust_type};
use crate::output::{self, OutputFile};
use crate::provider::ProviderModel;

/// The registry file for all providers.
pub fn file(models: &[ProviderModel]) -> Result<OutputFile, String> {
    let mut entries = Vec::new();
    for model in models {
        let provider = &model.manifest.name;
        let module = format_ident!("{}", provider);
        let prefix: syn::Path = syn::parse_quote!(msgen_sdk::#module);
        let support: syn::Path = syn::parse_quote!(msgen_sdk::runtime);
        for payload in &model.payloads {
            let ty = rust_type(&model.space, &payload.ty, &support, Some(&prefix));
            let of = &payload.of;
            let kind = payload.kind.as_str();
            let status = match payload.status {
                Some(status) => quote!(Some(#status)),
                None => quote!(None),
            };
            let type_name = compact(&ty);
            entries.push(quote! {
                Payload {
                    provider: #provider,
                    of: #of,
                    kind: #kind,
                    status: #status,
                    type_name: #type_name,
                    round_trip: round_trip::<#ty>,
                },
            });
        }
    }
    let tokens = quote! {
        //! Every payload type of every provider, for `msgen-decode` and the fixture tests.
        use crate::registry::{Payload, round_trip};

        /// All payloads, by provider in name order, then in manifest order.
        pub static PAYLOADS: &[Payload] = &[#(#entries)*];
    };
    output::rust_file("tests/src/payloads.rs", "schemas/*/provider.json", tokens)
}
