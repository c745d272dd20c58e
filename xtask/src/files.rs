//! Comparing generated output with the tree, and handing the changes to the journal
//! (`journal.rs`), which writes them all or nothing, interruptions included.

use std::path::{Path, PathBuf};

use msgen_codegen::{Generation, ProviderModule};

/// What `gen` would change.
#[derive(Debug, Default)]
pub struct Plan {
    changes: Vec<Change>,
}

#[derive(Debug)]
struct Change {
    path: PathBuf,
    old: Option<String>,
    new: Option<String>,
}

/// Compares the generation with the tree. With `prune`, generated files that are no longer
/// produced (a removed provider) are planned for deletion.
pub fn plan(root: &Path, generation: &Generation, prune: bool) -> std::io::Result<Plan> {
    let mut plan = Plan::default();
    for file in &generation.files {
        let old = read_normalized(&root.join(&file.path))?;
        if old.as_deref() != Some(file.contents.as_str()) {
            plan.changes.push(Change {
                path: file.path.clone(),
                old,
                new: Some(file.contents.clone()),
            });
        }
    }
    if prune {
        for path in generated_files(&root.join("generated/src"))? {
            let relative = path.strip_prefix(root).unwrap_or(&path).to_path_buf();
            if !generation.files.iter().any(|f| f.path == relative) {
                let old = read_normalized(&path)?;
                plan.changes.push(Change {
                    path: relative,
                    old,
                    new: None,
                });
            }
        }
    }
    Ok(plan)
}

impl Plan {
    /// Whether everything is up to date.
    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    /// Number of files to change.
    pub fn len(&self) -> usize {
        self.changes.len()
    }

    /// A unified diff of every change.
    pub fn diff(&self) -> String {
        let mut out = String::new();
        for change in &self.changes {
            let path = change.path.display().to_string();
            let old = change.old.as_deref().unwrap_or("");
            let new = change.new.as_deref().unwrap_or("");
            let diff = similar::TextDiff::from_lines(old, new);
            out.push_str(
                &diff
                    .unified_diff()
                    .context_radius(3)
                    .header(&format!("a/{path}"), &format!("b/{path}"))
                    .to_string(),
            );
        }
        out
    }

    /// Writes every change, all or nothing, through the journal (see `journal.rs`).
    pub fn apply(&self, root: &Path) -> std::io::Result<()> {
        let changes: Vec<crate::journal::Change<'_>> = self
            .changes
            .iter()
            .map(|c| (c.path.clone(), c.new.as_deref()))
            .collect();
        crate::journal::commit(root, &changes)
    }
}

/// The file's text with CRLF normalized, or `None` when it does not exist.
fn read_normalized(path: &Path) -> std::io::Result<Option<String>> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text.replace("\r\n", "\n"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Files under `dir` that carry the `@generated` header.
fn generated_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(found);
    };
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            found.extend(generated_files(&path)?);
        } else if std::fs::read_to_string(&path).is_ok_and(|text| text.starts_with("// @generated"))
        {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// Checks that every provider module is registered by hand where cargo needs it: a feature
/// in `generated/Cargo.toml` that turns on what the module needs, and a `mod` line in
/// `generated/src/lib.rs`.
pub fn check_registration(root: &Path, generation: &Generation) -> Result<(), String> {
    let cargo = std::fs::read_to_string(root.join("generated/Cargo.toml"))
        .map_err(|e| format!("cannot read generated/Cargo.toml: {e}"))?;
    let lib = std::fs::read_to_string(root.join("generated/src/lib.rs"))
        .map_err(|e| format!("cannot read generated/src/lib.rs: {e}"))?;
    let missing = registration_problems(&cargo, &lib, &generation.modules);
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "provider modules are not registered as they need (these files are hand-written):\n  {}",
            missing.join("\n  ")
        ))
    }
}

/// What is missing from the SDK's `Cargo.toml` and `lib.rs` for `modules`, as the lines to
/// add or fix.
fn registration_problems(cargo: &str, lib: &str, modules: &[ProviderModule]) -> Vec<String> {
    let mut missing = Vec::new();
    for module in modules {
        let name = &module.name;
        let wanted = format!(
            "{name} = [{}]",
            module
                .features
                .iter()
                .map(|f| format!("\"{f}\""))
                .collect::<Vec<_>>()
                .join(", ")
        );
        let line = feature_value(cargo, name);
        match line {
            None => missing.push(format!(
                "add `{wanted}` to [features] in generated/Cargo.toml"
            )),
            Some(enabled) => {
                let lacking: Vec<&str> = module
                    .features
                    .iter()
                    .copied()
                    .filter(|f| !enabled.contains(&format!("\"{f}\"")))
                    .collect();
                if !lacking.is_empty() {
                    missing.push(format!(
                        "the feature `{name}` in generated/Cargo.toml needs {}: write `{wanted}`",
                        lacking.join(" and ")
                    ));
                }
            }
        }
        if !lib.contains(&format!("pub mod {name};")) {
            missing.push(format!("add `#[cfg(feature = \"{name}\")] #[rustfmt::skip] pub mod {name};` to generated/src/lib.rs"));
        }
    }
    missing
}

/// The value of the feature `name` (`["client"]`), also when its array spans lines.
fn feature_value(cargo: &str, name: &str) -> Option<String> {
    let mut lines = cargo.lines();
    let first = lines.by_ref().find_map(|l| {
        l.trim_start()
            .strip_prefix(name)
            .and_then(|rest| rest.trim_start().strip_prefix('='))
    })?;
    let mut value = first.to_string();
    for line in lines {
        if value.contains(']') {
            break;
        }
        value.push_str(line);
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn module(name: &str, features: &[&'static str]) -> ProviderModule {
        ProviderModule {
            name: name.into(),
            features: features.to_vec(),
        }
    }

    #[test]
    fn an_unregistered_module_gets_the_feature_line_it_needs() {
        let modules = [
            module("plain", &["client"]),
            module("uploads", &["client", "multipart"]),
        ];
        assert_eq!(
            registration_problems("[features]\n", "", &modules),
            [
                "add `plain = [\"client\"]` to [features] in generated/Cargo.toml",
                "add `#[cfg(feature = \"plain\")] #[rustfmt::skip] pub mod plain;` to generated/src/lib.rs",
                "add `uploads = [\"client\", \"multipart\"]` to [features] in generated/Cargo.toml",
                "add `#[cfg(feature = \"uploads\")] #[rustfmt::skip] pub mod uploads;` to generated/src/lib.rs",
            ]
        );
    }

    #[test]
    fn a_feature_array_may_span_lines() {
        let cargo = "[features]\nuploads = [\n    \"client\",\n    \"multipart\",\n]\n";
        let modules = [module("uploads", &["client", "multipart"])];
        assert!(registration_problems(cargo, "pub mod uploads;", &modules).is_empty());
    }

    #[test]
    fn a_feature_without_what_the_module_needs_is_reported() {
        let cargo = "[features]\nuploads = [\"client\"]\nplain = [\"client\"]\n";
        let lib = "pub mod uploads;\npub mod plain;\n";
        let modules = [
            module("uploads", &["client", "multipart"]),
            module("plain", &["client"]),
        ];
        assert_eq!(
            registration_problems(cargo, lib, &modules),
            [
                "the feature `uploads` in generated/Cargo.toml needs multipart: write `uploads = [\"client\", \"multipart\"]`"
            ]
        );
    }
}
