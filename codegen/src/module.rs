//! A provider's module files: `mod.rs` (docs from the manifest, constants) and `types.rs`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::client_model::Auth;
use crate::emit::{self, EmitOptions};
use crate::manifest::{Manifest, RatePeriod};
use crate::output::{self, OutputFile};
use crate::provider::ProviderModel;

/// The files of one provider's module.
pub fn files(model: &ProviderModel) -> Result<Vec<OutputFile>, String> {
    let source = format!("schemas/{}/", model.manifest.name);
    tokens(model)?
        .into_iter()
        .map(|(path, tokens)| output::rust_file(path, &source, tokens))
        .collect()
}

/// The tokens of each of a provider's files, by path (emission without formatting).
pub fn tokens(model: &ProviderModel) -> Result<Vec<(String, TokenStream)>, String> {
    let manifest = &model.manifest;
    let name = &manifest.name;
    let docs = crate::emit::wrap_doc_lines(&module_docs(manifest, model.client.auth));
    let docs = docs.iter().map(|line| {
        if line.is_empty() {
            String::new()
        } else {
            format!(" {line}")
        }
    });
    let base_url = manifest.base_url.default.as_ref().map(|url| {
        quote! {
            /// The base URL requests go to unless the client is given another.
            pub const BASE_URL: &str = #url;
        }
    });
    let mod_rs = quote! {
        #(#![doc = #docs])*

        mod client;
        mod types;

        pub use client::*;
        pub use types::*;

        #base_url
    };
    let types = emit::types(&model.space, &EmitOptions::default())?;
    let types_doc = format!(" Types of the {} API.", manifest.display_name);
    // Fields and variants the schema does not describe get no doc line: one repeating the
    // name would say nothing.
    let types_rs = quote! {
        #![doc = #types_doc]
        #![allow(missing_docs)]
        #types
    };
    let client = emit::client(&model.client, &model.space);
    let client_doc = format!(" The {} client.", manifest.display_name);
    let client_rs = quote! {
        #![doc = #client_doc]
        #client
    };
    Ok(vec![
        (format!("generated/src/{name}/mod.rs"), mod_rs),
        (format!("generated/src/{name}/client.rs"), client_rs),
        (format!("generated/src/{name}/types.rs"), types_rs),
    ])
}

/// Module rustdoc: what the provider is, where its docs are, how it authenticates, its
/// base URL and its rate limits.
fn module_docs(manifest: &Manifest, auth: Auth) -> Vec<String> {
    let mut lines = vec![manifest.display_name.clone(), String::new()];
    if let Some(description) = &manifest.description {
        lines.extend(description.lines().map(str::to_string));
        lines.push(String::new());
    }
    lines.push(format!("Curated from <{}>.", manifest.docs_url));
    match (&manifest.base_url.default, &manifest.base_url.example) {
        (Some(url), _) => lines.push(format!("Base URL: `{url}`.")),
        (None, Some(example)) => lines.push(format!("The provider has no public base URL: the client must be given one (the docs show `{example}`)."
        )),
        (None, None) => lines.push("The provider has no public base URL: the client must be given one.".into()),
    }
    // What the client sends (the model refused any other kind), not what the manifest lists.
    match auth {
        Auth::Bearer => lines.push("Authentication: `Authorization: Bearer <token>`.".into()),
        Auth::None => {}
    }
    if !manifest.rate_limits.is_empty() {
        lines.push(String::new());
        lines.push("Rate limits:".into());
        for limit in &manifest.rate_limits {
            let per = match limit.per {
                RatePeriod::Second => "second",
                RatePeriod::Minute => "minute",
                RatePeriod::Hour => "hour",
                RatePeriod::Day => "day",
            };
            let unit = limit.unit.as_deref().unwrap_or("requests");
            lines.push(format!(
                "- {}: {} {unit} per {per}",
                limit.plan, limit.limit
            ));
        }
    }
    lines
}
