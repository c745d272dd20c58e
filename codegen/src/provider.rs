//! One provider, from folder to model, stage by stage (ARCHITECTURE.md numbers them):
//! load and check the manifest, resolve `$ref`s, lower every schema it names, mark usage
//! and box cycles, then build the client model and validate the fixtures.

use std::path::Path;

use crate::analyze;
use crate::client_model::{self, ClientModel};
use crate::diag::Diagnostics;
use crate::documents::Documents;
use crate::fixtures::{self, LoadedFixture};
use crate::ir::{TypeRef, TypeSpace};
use crate::load::{self, LoadedProvider};
use crate::lower::Lowerer;
use crate::manifest::{FixtureKind, Manifest};
use crate::manifest_rules;
use crate::operations::{self, Payload};
use crate::path_template::PathTemplate;
use crate::source::FileId;

/// A provider ready for emission.
#[derive(Debug)]
pub struct ProviderModel {
    /// The manifest.
    pub manifest: Manifest,
    /// The manifest's file.
    pub manifest_file: FileId,
    /// Every type of the provider's module.
    pub space: TypeSpace,
    /// Request, response, error and webhook payloads, in manifest order.
    pub payloads: Vec<Payload>,
    /// The client module.
    pub client: ClientModel,
}

/// A provider read and checked, ready to resolve and lower.
#[derive(Debug)]
pub struct Loaded {
    /// The manifest and the schema files it reaches.
    pub provider: LoadedProvider,
    /// The fixture files, loaded and matched with their schemas.
    pub fixtures: Vec<LoadedFixture>,
    /// Each operation's path, parsed.
    pub templates: Vec<PathTemplate>,
}

/// Loads and lowers the provider in `dir`.
pub fn build(docs: &mut Documents, dir: &Path, diags: &mut Diagnostics) -> Option<ProviderModel> {
    let loaded = load(docs, dir, diags)?;
    resolve(docs, &loaded, diags);
    if diags.has_errors() {
        return None;
    }
    lower(docs, loaded, diags)
}

/// Stages 1 and 2: reads the manifest (checked against its meta-schema) and every schema
/// file its `$ref`s reach; checks the manifest's own rules and loads the fixture files.
pub fn load(docs: &mut Documents, dir: &Path, diags: &mut Diagnostics) -> Option<Loaded> {
    let loaded = load::load_provider(docs, dir, diags)?;
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let templates =
        manifest_rules::check(docs, loaded.manifest_file, &loaded.manifest, &folder, diags);
    let fixtures = fixtures::load(docs, dir, &loaded.manifest, loaded.manifest_file, diags);
    // Every template parsed when there was no error.
    let templates = templates.into_iter().collect::<Option<Vec<_>>>();
    match templates {
        Some(templates) if !diags.has_errors() => Some(Loaded {
            provider: loaded,
            fixtures,
            templates,
        }),
        _ => None,
    }
}

/// Stage 3: resolves every `$ref` of the provider's files.
pub fn resolve(docs: &Documents, loaded: &Loaded, diags: &mut Diagnostics) {
    let mut files = vec![loaded.provider.manifest_file];
    files.extend(&loaded.provider.schema_files);
    crate::resolve::check_all(docs, &files, diags);
}

/// Stages 4 to 7: lowers every schema the provider names, marks usage and boxes cycles;
/// then, on sound types, builds the client model and validates the fixtures. Those two
/// need only the types, not each other, so their errors are reported together.
pub fn lower(docs: &Documents, loaded: Loaded, diags: &mut Diagnostics) -> Option<ProviderModel> {
    let Loaded {
        provider: loaded,
        fixtures,
        templates,
    } = loaded;
    let manifest = loaded.manifest;
    let file = loaded.manifest_file;
    let mut lowerer = Lowerer::new(docs, diags);
    lowerer.reserve_names(client_model::MODULE_ITEMS);
    lowerer.declare_file(file);
    for schema_file in &loaded.schema_files {
        lowerer.declare_file(*schema_file);
    }
    lowerer.define_declared();
    let lowered = operations::lower(&mut lowerer, &manifest, file, &templates);
    lowerer.define_declared();
    let mut space = lowerer.finish();
    let outputs: Vec<TypeRef> = lowered
        .payloads
        .iter()
        .filter(|p| p.kind != FixtureKind::Request)
        .map(|p| p.ty.clone())
        .collect();
    analyze::mark_usage(&mut space, &lowered.inputs, false);
    analyze::mark_usage(&mut space, &outputs, true);
    analyze::box_cycles(&mut space);
    if diags.has_errors() {
        return None;
    }
    let input = client_model::Input {
        docs,
        file,
        manifest: &manifest,
        space: &space,
        lowered: &lowered,
        templates: &templates,
    };
    let client = client_model::build(&input, diags);
    fixtures::validate(docs, file, &fixtures, &loaded.schema_files, diags);
    if diags.has_errors() {
        return None;
    }
    Some(ProviderModel {
        manifest,
        manifest_file: file,
        space,
        payloads: lowered.payloads,
        client,
    })
}
