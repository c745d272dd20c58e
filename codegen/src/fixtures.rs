//! Fixtures: the docs' own example payloads, checked against the schemas they illustrate.
//!
//! A fixture that does not match its schema means the schema or the curation is wrong, so
//! `gen` reports it like any other input error: at the failing node of the fixture file,
//! naming the schema it was checked against. Loading (the file exists, is JSON, belongs to
//! a known payload) runs with the manifest checks; validation runs only after the schemas
//! lowered cleanly, because a broken schema would only repeat the lowering's errors less
//! precisely. Validation uses `jsonschema`, with `$ref`s served from the loaded documents.

use std::collections::HashMap;
use std::path::Path;

use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::Documents;
use crate::manifest::{ContentType, FixtureKind, Manifest};
use crate::source::FileId;

/// A fixture ready to validate.
#[derive(Debug, Clone)]
pub struct LoadedFixture {
    /// Index in the manifest's `fixtures`.
    pub index: usize,
    /// The fixture file.
    pub file: FileId,
    /// Pointer (in the manifest) of the schema it must match.
    pub schema: String,
}

/// At most this many mismatches are listed per fixture: past that, the schema is the problem.
const MAX_ERRORS_PER_FIXTURE: usize = 10;

/// Loads every fixture file and finds the schema each belongs to.
pub fn load(
    docs: &mut Documents,
    dir: &Path,
    manifest: &Manifest,
    manifest_file: FileId,
    diags: &mut Diagnostics,
) -> Vec<LoadedFixture> {
    let mut loaded = Vec::new();
    for (index, fixture) in manifest.fixtures.iter().enumerate() {
        let schema = match schema_pointer(manifest, &fixture.of, fixture.kind, fixture.status) {
            Ok(schema) => Some(schema),
            Err((field, message, help)) => {
                let at = format!("/fixtures/{index}/{field}");
                let mut diagnostic =
                    Diagnostic::error(Some(docs.location(manifest_file, &at)), message);
                if let Some(help) = help {
                    diagnostic = diagnostic.with_help(help);
                }
                diags.push(diagnostic);
                None
            }
        };
        let referrer = Some(docs.location(manifest_file, &format!("/fixtures/{index}/file")));
        let file = docs.load(&dir.join(&fixture.file), diags, referrer);
        if let (Some(file), Some(schema)) = (file, schema) {
            loaded.push(LoadedFixture {
                index,
                file,
                schema,
            });
        }
    }
    loaded
}

/// Where, in the manifest, the schema of a payload is; or which fixture field is wrong, why,
/// and a hint.
fn schema_pointer(
    manifest: &Manifest,
    of: &str,
    kind: FixtureKind,
    status: Option<u16>,
) -> Result<String, (&'static str, String, Option<String>)> {
    if kind == FixtureKind::Webhook {
        let ids: Vec<&str> = manifest.webhooks.iter().map(|w| w.id.as_str()).collect();
        return match ids.iter().position(|id| *id == of) {
            Some(j) => Ok(format!("/webhooks/{j}/schema")),
            None => Err(("of", format!("no webhook `{of}`"), did_you_mean(of, &ids))),
        };
    }
    let ids: Vec<&str> = manifest.operations.iter().map(|o| o.id.as_str()).collect();
    let Some(i) = ids.iter().position(|id| *id == of) else {
        return Err(("of", format!("no operation `{of}`"), did_you_mean(of, &ids)));
    };
    let op = &manifest.operations[i];
    if kind == FixtureKind::Request {
        let k = op.request_body.as_ref().and_then(|body| {
            body.content
                .iter()
                .position(|m| m.content_type == ContentType::Json)
        });
        return match k {
            Some(k) => Ok(format!("/operations/{i}/request_body/content/{k}/schema")),
            None => Err((
                "kind",
                format!("operation `{of}` has no JSON request body"),
                None,
            )),
        };
    }
    let success = kind == FixtureKind::Response;
    let candidates: Vec<(usize, u16)> = op
        .responses
        .iter()
        .enumerate()
        .filter(|(_, r)| (200..300).contains(&r.status) == success && r.schema.is_some())
        .map(|(k, r)| (k, r.status))
        .collect();
    let found = match status {
        Some(status) => candidates.iter().find(|(_, s)| *s == status),
        None => candidates.first(),
    };
    match found {
        Some((k, _)) => Ok(format!("/operations/{i}/responses/{k}/schema")),
        None => {
            let statuses: Vec<String> = candidates.iter().map(|(_, s)| s.to_string()).collect();
            let which = if success { "success" } else { "error" };
            Err((
                "status",
                format!(
                    "operation `{of}` has no {which} response with a body{}",
                    status
                        .map(|s| format!(" for status {s}"))
                        .unwrap_or_default()
                ),
                (!statuses.is_empty()).then(|| format!("its statuses: {}", statuses.join(", "))),
            ))
        }
    }
}

fn did_you_mean(wanted: &str, known: &[&str]) -> Option<String> {
    crate::hints::did_you_mean(wanted, known.iter().copied())
}

/// Serves `$ref`s from the documents already loaded, by path: nothing is read twice and
/// nothing outside the run is read at all.
struct Loaded(HashMap<String, Value>);

impl jsonschema::Retrieve for Loaded {
    fn retrieve(
        &self,
        uri: &jsonschema::Uri<String>,
    ) -> Result<Value, Box<dyn std::error::Error + Send + Sync>> {
        self.0
            .get(uri.path().as_str())
            .cloned()
            .ok_or_else(|| format!("`{}` was not loaded", uri.path()).into())
    }
}

/// Validates each fixture against its schema.
pub fn validate(
    docs: &Documents,
    manifest_file: FileId,
    fixtures: &[LoadedFixture],
    schema_files: &[FileId],
    diags: &mut Diagnostics,
) {
    if fixtures.is_empty() {
        return;
    }
    let manifest_path = docs.sources.file(manifest_file).path.display().to_string();
    let mut by_path = HashMap::new();
    for file in std::iter::once(&manifest_file).chain(schema_files) {
        if let Some(tree) = docs.tree(*file) {
            let path = docs.sources.file(*file).path.display().to_string();
            by_path.insert(path, tree.to_json());
        }
    }
    let manifest_display = docs.sources.file(manifest_file).display_path.clone();
    for fixture in fixtures {
        let Some(instance) = docs.tree(fixture.file).map(crate::json::Node::to_json) else {
            continue;
        };
        let schema_name = format!("{manifest_display}#{}", fixture.schema);
        let Some(schema) = docs
            .node(manifest_file, &fixture.schema)
            .map(crate::json::Node::to_json)
        else {
            continue;
        };
        // The schema's base is the manifest, so its relative `$ref`s resolve against the
        // manifest's folder exactly as the lowering resolves them.
        let validator = jsonschema::options()
            .with_base_uri(format!("file://{manifest_path}"))
            .with_retriever(Loaded(by_path.clone()))
            .should_validate_formats(true)
            .build(&schema);
        let validator = match validator {
            Ok(validator) => validator,
            Err(e) => {
                diags.push(Diagnostic::error(
                    Some(docs.location(manifest_file, &fixture.schema)),
                    format!(
                        "the schema of fixture {} cannot be used to validate it: {}",
                        fixture.index,
                        e.masked()
                    ),
                ));
                continue;
            }
        };
        for error in validator
            .iter_errors(&instance)
            .take(MAX_ERRORS_PER_FIXTURE)
        {
            let mut pointer = error.instance_path().as_str().to_string();
            while docs.node(fixture.file, &pointer).is_none() && !pointer.is_empty() {
                pointer.truncate(pointer.rfind('/').unwrap_or(0));
            }
            diags.push(
                Diagnostic::error(
                    Some(docs.location(fixture.file, &pointer)),
                    format!("fixture does not match its schema: {}", error.masked()),
                )
                .with_help(format!(
                    "checked against `{schema_name}` (keyword at `{}`)",
                    keyword_path(error.schema_path().as_str())
                )),
            );
        }
    }
}

/// The keyword's place in the schema, from the fixture's root schema (`$ref` hops kept, so
/// it reads as the path validation took).
fn keyword_path(schema_path: &str) -> String {
    format!("#{schema_path}")
}
