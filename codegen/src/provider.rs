//! One provider, from folder to model: load, check the manifest, lower every schema it
//! names, then mark usage and box cycles.

use std::collections::BTreeSet;
use std::path::Path;

use crate::analyze;
use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::Documents;
use crate::fixtures;
use crate::fixtures::LoadedFixture;
use crate::ir::{TypeRef, TypeSpace};
use crate::load::{self, LoadedProvider};
use crate::lower::Lowerer;
use crate::manifest::{FixtureKind, Manifest, ParameterLocation};
use crate::names::type_name;
use crate::operations::{self, OperationModel};
use crate::resolve::SchemaPtr;
use crate::source::FileId;

/// A payload type the provider sends or receives.
#[derive(Debug, Clone)]
pub struct Payload {
    /// Operation or webhook id.
    pub of: String,
    /// Which payload.
    pub kind: FixtureKind,
    /// Status code, for responses and errors.
    pub status: Option<u16>,
    /// The type.
    pub ty: TypeRef,
}

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
    /// The operations, ready for the client.
    pub operations: Vec<OperationModel>,
}

/// Names the client module defines beside the types.
pub const CLIENT_NAMES: &[&str] = &["Api", "Client", "ClientBuilder", "Error", "Plan"];

impl ProviderModel {
    /// The provider's error body type: the one type every error response shares, else any
    /// JSON value.
    pub fn error_body(&self) -> TypeRef {
        let mut errors = self
            .payloads
            .iter()
            .filter(|p| p.kind == FixtureKind::Error)
            .map(|p| &p.ty);
        match errors.next() {
            Some(first) if errors.all(|other| other == first) => first.clone(),
            _ => TypeRef::Json,
        }
    }
}

/// A provider read and checked, ready to resolve and lower.
#[derive(Debug)]
pub struct Loaded {
    /// The manifest and the schema files it reaches.
    pub provider: LoadedProvider,
    /// The fixture files, loaded and matched with their schemas.
    pub fixtures: Vec<LoadedFixture>,
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

/// Stage 1: reads the manifest and every schema file its `$ref`s reach, and checks the
/// manifest's own rules.
pub fn load(docs: &mut Documents, dir: &Path, diags: &mut Diagnostics) -> Option<Loaded> {
    let loaded = load::load_provider(docs, dir, diags)?;
    let folder = dir
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    check_manifest(docs, loaded.manifest_file, &loaded.manifest, &folder, diags);
    let fixtures = fixtures::load(docs, dir, &loaded.manifest, loaded.manifest_file, diags);
    if diags.has_errors() {
        return None;
    }
    Some(Loaded {
        provider: loaded,
        fixtures,
    })
}

/// Stage 2: resolves every `$ref` of the provider's files.
pub fn resolve(docs: &Documents, loaded: &Loaded, diags: &mut Diagnostics) {
    let mut files = vec![loaded.provider.manifest_file];
    files.extend(&loaded.provider.schema_files);
    crate::resolve::check_all(docs, &files, diags);
}

/// Stage 3: lowers every schema the provider names and builds its model.
pub fn lower(docs: &Documents, loaded: Loaded, diags: &mut Diagnostics) -> Option<ProviderModel> {
    let Loaded {
        provider: loaded,
        fixtures,
    } = loaded;
    let manifest = loaded.manifest;
    let file = loaded.manifest_file;
    let mut lowerer = Lowerer::new(docs, diags);
    lowerer.reserve_names(CLIENT_NAMES);
    lowerer.declare_file(file);
    for schema_file in &loaded.schema_files {
        lowerer.declare_file(*schema_file);
    }
    lowerer.define_declared();

    let at = |pointer: String| SchemaPtr::new(file, pointer);
    let mut payloads = Vec::new();
    let mut inputs = Vec::new();
    let operations =
        match operations::lower(&mut lowerer, &manifest, file, &mut payloads, &mut inputs) {
            Ok(operations) => operations,
            Err(diagnostic) => {
                diags.push(diagnostic);
                return None;
            }
        };
    for (i, webhook) in manifest.webhooks.iter().enumerate() {
        let shape = lowerer.root(
            &at(format!("/webhooks/{i}/schema")),
            &format!("{}Webhook", type_name(&webhook.id)),
        );
        payloads.push(Payload {
            of: webhook.id.clone(),
            kind: FixtureKind::Webhook,
            status: None,
            ty: shape.ty,
        });
    }
    lowerer.define_declared();
    let mut space = lowerer.finish();
    let outputs: Vec<TypeRef> = payloads
        .iter()
        .filter(|p| p.kind != FixtureKind::Request)
        .map(|p| p.ty.clone())
        .collect();
    analyze::mark_usage(&mut space, &inputs, false);
    analyze::mark_usage(&mut space, &outputs, true);
    analyze::box_cycles(&mut space);
    if diags.has_errors() {
        return None;
    }
    // Stage 4: the docs' examples against the schemas, now known to be sound.
    fixtures::validate(docs, file, &fixtures, &loaded.schema_files, diags);
    if diags.has_errors() {
        return None;
    }
    Some(ProviderModel {
        manifest,
        manifest_file: file,
        space,
        payloads,
        operations,
    })
}

/// Checks what serde cannot: names, unique ids, and path templates against path parameters.
fn check_manifest(
    docs: &Documents,
    file: FileId,
    manifest: &Manifest,
    folder: &str,
    diags: &mut Diagnostics,
) {
    let here = |pointer: String| Some(docs.location(file, &pointer));
    if manifest.name != folder {
        diags.push(
            Diagnostic::error(
                here("/name".into()),
                format!(
                    "manifest name `{}` differs from its folder `{folder}`",
                    manifest.name
                ),
            )
            .with_help(
                "the name is the module and feature name; rename the folder or the manifest",
            ),
        );
    }
    let mut ids = BTreeSet::new();
    for (i, op) in manifest.operations.iter().enumerate() {
        check_id(
            &op.id,
            &format!("/operations/{i}/id"),
            &mut ids,
            docs,
            file,
            diags,
        );
        let placeholders = path_placeholders(&op.path);
        match &placeholders {
            Err(message) => diags.error(here(format!("/operations/{i}/path")), message.clone()),
            Ok(names) => {
                for name in names {
                    if !op
                        .parameters
                        .iter()
                        .any(|p| p.location == ParameterLocation::Path && p.name == *name)
                    {
                        diags.push(Diagnostic::error(here(format!("/operations/{i}/path")), format!("path placeholder `{{{name}}}` has no path parameter"))
                            .with_help(format!("add {{\"name\": \"{name}\", \"in\": \"path\", \"required\": true, \"schema\": {{\"type\": \"string\"}}}} to `parameters`")));
                    }
                }
                for (j, param) in op.parameters.iter().enumerate() {
                    if param.location == ParameterLocation::Path && !names.contains(&param.name) {
                        diags.error(
                            here(format!("/operations/{i}/parameters/{j}/name")),
                            format!(
                                "path parameter `{}` does not appear in `{}`",
                                param.name, op.path
                            ),
                        );
                    }
                }
            }
        }
        if op.responses.iter().all(|r| !(200..300).contains(&r.status)) {
            diags.error(
                here(format!("/operations/{i}/responses")),
                format!("operation `{}` has no success (2xx) response", op.id),
            );
        }
    }
    for (i, webhook) in manifest.webhooks.iter().enumerate() {
        check_id(
            &webhook.id,
            &format!("/webhooks/{i}/id"),
            &mut ids,
            docs,
            file,
            diags,
        );
    }
}

fn check_id(
    id: &str,
    pointer: &str,
    ids: &mut BTreeSet<String>,
    docs: &Documents,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let location = Some(docs.location(file, pointer));
    let snake = !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !snake {
        diags.push(
            Diagnostic::error(location.clone(), format!("id `{id}` is not snake_case")).with_help(
                format!(
                    "ids become method names: try `{}`",
                    crate::names::field_name(id)
                ),
            ),
        );
    }
    if !ids.insert(id.to_string()) {
        diags.error(
            location,
            format!("duplicate operation or webhook id `{id}`"),
        );
    }
}

/// The `{name}` placeholders of a path template.
pub fn path_placeholders(path: &str) -> Result<Vec<String>, String> {
    if !path.starts_with('/') {
        return Err(format!("path `{path}` must start with `/`"));
    }
    let mut names = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find(['{', '}']) {
        if rest[open..].starts_with('}') {
            return Err(format!("unmatched `}}` in path `{path}`"));
        }
        let after = &rest[open + 1..];
        let close = after
            .find('}')
            .ok_or_else(|| format!("unclosed `{{` in path `{path}`"))?;
        let name = &after[..close];
        if name.is_empty() || name.contains('{') {
            return Err(format!("bad placeholder in path `{path}`"));
        }
        names.push(name.to_string());
        rest = &after[close + 1..];
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::path_placeholders;

    #[test]
    fn placeholders() {
        assert_eq!(path_placeholders("/chats/{id}/messages").unwrap(), ["id"]);
        assert_eq!(path_placeholders("/a/{x}/{y}").unwrap(), ["x", "y"]);
        assert!(path_placeholders("/a/{x").is_err());
        assert!(path_placeholders("/a/x}").is_err());
        assert!(path_placeholders("a/{x}").is_err());
        assert!(path_placeholders("/a/{}").is_err());
    }
}
