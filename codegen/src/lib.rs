//! msgen's code generator: curated provider schemas → a typed Rust SDK.
//!
//! The pipeline is load ([`documents`], [`load`], [`manifest_check`]) → manifest rules
//! ([`manifest_rules`], [`path_template`], fixture files) → resolve ([`resolve`]) → lower to
//! the type IR ([`lower`], [`operations`], [`ir`]) → analyze ([`analyze`]) → the client
//! model ([`client_model`]) and fixture validation ([`fixtures`]) → emit tokens ([`emit`],
//! [`module`], [`registry`]) → format ([`output`]); [`provider`] runs it for one provider.
//! Each stage reports every problem it finds ([`diag`], with [`hints`]) and the next stage
//! runs only when there was no error. See ARCHITECTURE.md.

#![deny(clippy::todo, clippy::unimplemented)]
#![cfg_attr(not(test), deny(clippy::unwrap_used, clippy::panic))]

pub mod analyze;
pub mod client_model;
pub mod diag;
pub mod documents;
pub mod emit;
pub mod fixtures;
pub mod hints;
pub mod ir;
pub mod json;
pub mod load;
pub mod lower;
pub mod manifest;
pub mod manifest_check;
pub mod manifest_rules;
pub mod module;
pub mod names;
pub mod operations;
pub mod output;
pub mod path_template;
pub mod provider;
pub mod refs;
pub mod registry;
pub mod resolve;
pub mod source;
pub mod standalone;

use std::path::Path;

use diag::{Diagnostics, Severity};
use documents::Documents;
use output::OutputFile;

/// What a successful run produced.
#[derive(Debug)]
pub struct Generation {
    /// Every file to write, in a fixed order.
    pub files: Vec<OutputFile>,
    /// Rendered warnings (empty when there were none).
    pub warnings: String,
    /// Number of warnings.
    pub warning_count: usize,
    /// The provider modules generated, for their registration in `generated/`.
    pub modules: Vec<ProviderModule>,
}

/// A provider module of the SDK and what its cargo feature must turn on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderModule {
    /// The module and feature name.
    pub name: String,
    /// The `msgen-sdk` features its feature enables: `client`, and `multipart` when an
    /// operation sends `multipart/form-data`.
    pub features: Vec<&'static str>,
}

impl ProviderModule {
    fn of(model: &provider::ProviderModel) -> ProviderModule {
        let mut features = vec!["client"];
        if model.client.uses_multipart() {
            features.push("multipart");
        }
        ProviderModule {
            name: model.manifest.name.clone(),
            features,
        }
    }
}

/// Why a run failed: every diagnostic, rendered, and the counts.
#[derive(Debug)]
pub struct Failure {
    /// All diagnostics, sorted and rendered, then a summary line.
    pub report: String,
    /// Number of errors.
    pub errors: usize,
    /// Number of warnings.
    pub warnings: usize,
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.report)
    }
}

impl std::error::Error for Failure {}

/// The provider folders under `schemas/` (those holding a `provider.json`), sorted.
pub fn provider_dirs(schemas: &Path) -> std::io::Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(schemas)? {
        let entry = entry?;
        if entry.path().join("provider.json").is_file() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    Ok(names)
}

/// Generates everything from the workspace at `root`: each provider's module, the payload
/// registry and the manifest meta-schema. With `only`, just that provider's module.
/// Nothing is written: the caller decides (so a failure can leave the tree untouched).
pub fn generate(root: &Path, only: Option<&str>) -> Result<Generation, Failure> {
    let schemas = root.join("schemas");
    let mut docs = Documents::new(schemas.clone(), "schemas/".into());
    let mut diags = Diagnostics::default();
    let names = match provider_dirs(&schemas) {
        Ok(names) => names,
        Err(e) => {
            diags.error(None, format!("cannot list `{}`: {e}", schemas.display()));
            return Err(render_failure(&docs, diags));
        }
    };
    if let Some(only) = only
        && !names.iter().any(|n| n == only)
    {
        diags.push(
            diag::Diagnostic::error(None, format!("no provider `{only}` under schemas/"))
                .with_help(format!("known providers: {}", names.join(", "))),
        );
        return Err(render_failure(&docs, diags));
    }
    let mut models = Vec::new();
    for name in &names {
        let mut provider_diags = Diagnostics::default();
        let model = provider::build(&mut docs, &schemas.join(name), &mut provider_diags);
        diags.extend(provider_diags);
        models.extend(model);
    }
    if diags.has_errors() {
        return Err(render_failure(&docs, diags));
    }
    let mut files = Vec::new();
    let mut modules = Vec::new();
    let mut emit = || -> Result<(), String> {
        for model in &models {
            if only.is_none_or(|only| only == model.manifest.name) {
                files.extend(module::files(model)?);
                modules.push(ProviderModule::of(model));
            }
        }
        if only.is_none() {
            files.push(registry::file(&models)?);
            files.push(OutputFile {
                path: "schemas/manifest.schema.json".into(),
                contents: manifest::meta_schema(),
            });
        }
        Ok(())
    };
    if let Err(message) = emit() {
        diags.error(None, format!("internal error: {message}"));
        return Err(render_failure(&docs, diags));
    }
    let (warnings, warning_count) = render(&docs, diags);
    Ok(Generation {
        files,
        warnings,
        warning_count,
        modules,
    })
}

/// Generates one provider folder on its own (any folder: the bad-input suite keeps its
/// providers under `tests/bad/`): its module files and warnings, or every diagnostic.
/// Files may only be read from `dir`'s parent, shown as `display_prefix` in diagnostics.
pub fn generate_provider(dir: &Path, display_prefix: &str) -> Result<Generation, Failure> {
    let parent = dir.parent().unwrap_or(dir).to_path_buf();
    let mut docs = Documents::new(parent, display_prefix.to_string());
    let mut diags = Diagnostics::default();
    let model = provider::build(&mut docs, dir, &mut diags);
    let Some(model) = model.filter(|_| !diags.has_errors()) else {
        return Err(render_failure(&docs, diags));
    };
    match module::files(&model) {
        Ok(files) => {
            let (warnings, warning_count) = render(&docs, diags);
            Ok(Generation {
                files,
                warnings,
                warning_count,
                modules: vec![ProviderModule::of(&model)],
            })
        }
        Err(message) => {
            diags.error(None, format!("internal error: {message}"));
            Err(render_failure(&docs, diags))
        }
    }
}

fn render(docs: &Documents, diags: Diagnostics) -> (String, usize) {
    let sorted = diags.into_sorted(&docs.sources);
    let text: String = sorted
        .iter()
        .map(|d| d.render(&docs.sources) + "\n")
        .collect();
    (text, sorted.len())
}

/// Renders every diagnostic, then a summary line.
pub(crate) fn render_failure(docs: &Documents, diags: Diagnostics) -> Failure {
    let sorted = diags.into_sorted(&docs.sources);
    let errors = sorted
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    let warnings = sorted.len() - errors;
    let mut report: String = sorted
        .iter()
        .map(|d| d.render(&docs.sources) + "\n")
        .collect();
    report.push_str(&format!("{errors} error(s), {warnings} warning(s)\n"));
    Failure {
        report,
        errors,
        warnings,
    }
}
