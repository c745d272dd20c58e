//! The client model: a provider's client module decided before any of it is emitted. It
//! is built from the manifest and the lowered types, after lowering succeeded, and it is
//! where the client's rules live: every name of the module claimed in its scope
//! (`names`), pagination resolved against the operation's parameters and payload
//! (`pagination`), authentication limited to what the runtime implements (`auth`), path
//! templates bound to arguments (`paths`). Every problem is a diagnostic at its manifest
//! node, all at once; emission (`emit/client.rs`) reads only the model and cannot fail.

mod auth;
mod model;
mod names;
mod operation;
mod pagination;
mod paths;
mod settings;

pub use model::*;

use crate::diag::Diagnostics;
use crate::documents::Documents;
use crate::ir::{TypeRef, TypeSpace};
use crate::manifest::{FixtureKind, Manifest};
use crate::names::field_name;
use crate::operations::Lowered;
use crate::path_template::PathTemplate;
use crate::source::FileId;

use names::{Claimant, Scope};

/// The items the client module defines beside the types (which lowering keeps clear of
/// them, so a schema type can be called anything else).
pub const MODULE_ITEMS: &[&str] = &["Api", "Client", "ClientBuilder", "Error", "Plan"];

/// `Client`'s own methods, beside one per operation.
const CLIENT_METHODS: &[&str] = &["builder", "base_url"];

/// What the model is built from.
pub struct Input<'a> {
    /// Every file of the run.
    pub docs: &'a Documents,
    /// The manifest's file, where diagnostics point.
    pub file: FileId,
    /// The manifest.
    pub manifest: &'a Manifest,
    /// The lowered types.
    pub space: &'a TypeSpace,
    /// The manifest's schemas, lowered.
    pub lowered: &'a Lowered,
    /// Each operation's path, parsed by the manifest rules.
    pub templates: &'a [PathTemplate],
}

/// Builds the client model; its errors are in `diags` (the model is then incomplete and
/// must not be emitted).
pub fn build(input: &Input<'_>, diags: &mut Diagnostics) -> ClientModel {
    let Input {
        docs,
        file,
        manifest,
        space,
        lowered,
        templates,
    } = *input;
    let auth = auth::auth(docs, file, manifest, diags);
    let settings = settings::settings(docs, file, manifest, auth, diags);
    let plans = settings::plans(docs, file, manifest, diags);
    let built: Vec<operation::Built> = manifest
        .operations
        .iter()
        .zip(&lowered.operations)
        .zip(templates)
        .enumerate()
        .map(|(index, ((op, lowered), template))| {
            let input = operation::Input {
                docs,
                file,
                space,
                index,
                op,
                lowered,
                template,
            };
            operation::build(&input, diags)
        })
        .collect();
    // Operations' own names first, then the derived ones: a clash is reported at the
    // pagination or body that derives the name, and names the operation holding it.
    let mut methods = Scope::new("methods of `Client`", CLIENT_METHODS);
    for built in &built {
        if let Some(method) = built.operation.methods.first() {
            methods.claim(&method.name, built.own.clone(), diags);
        }
    }
    let mut operations = Vec::new();
    for built in built {
        for (name, claimant) in built.derived {
            methods.claim(&name, claimant, diags);
        }
        operations.push(built.operation);
    }
    let mut items = Scope::new("items of the client module", MODULE_ITEMS);
    let mut webhooks = Vec::new();
    for (i, (webhook, ty)) in manifest.webhooks.iter().zip(&lowered.webhooks).enumerate() {
        let name = field_name(&format!("parse_{}", webhook.id));
        let claimant = Claimant {
            location: docs.location(file, &format!("/webhooks/{i}/id")),
            what: format!("the parser of webhook `{}`", webhook.id),
            fix: "rename one of the two webhooks".into(),
        };
        items.claim(&name, claimant, diags);
        webhooks.push(WebhookParser {
            name,
            summary: webhook.summary.clone(),
            ty: ty.clone(),
        });
    }
    ClientModel {
        display_name: manifest.display_name.clone(),
        module: manifest.name.clone(),
        base_url: manifest.base_url.default.clone(),
        base_url_example: manifest.base_url.example.clone(),
        auth,
        example: manifest.example.clone(),
        settings,
        plans,
        error_body: error_body(lowered),
        operations,
        webhooks,
    }
}

/// The one type every error response shares, else any JSON value.
fn error_body(lowered: &Lowered) -> TypeRef {
    let mut errors = lowered
        .payloads
        .iter()
        .filter(|p| p.kind == FixtureKind::Error)
        .map(|p| &p.ty);
    match errors.next() {
        Some(first) if errors.all(|other| other == first) => first.clone(),
        _ => TypeRef::Json,
    }
}
