//! The bad-input suite: every folder `tests/bad/<category>/<case>/` is a small provider
//! (`provider.json` and its files) or a standalone `schema.json` that a person editing
//! `schemas/` could get wrong. Its rendered diagnostics (plain text, fixed width, paths
//! relative to the workspace) are an insta snapshot, so a change in what `gen` says about
//! bad input is reviewed like a change in generated code. Cases that are accepted (awkward
//! names) snapshot the generated Rust too. The pathological inputs (a 10 MB file, 1,000
//! levels of nesting) are made at run time in `limits.rs`, not committed.

mod common;

use std::path::{Path, PathBuf};

use msgen_codegen::standalone;

/// Categories whose cases are accepted: their snapshot shows what was generated.
const ACCEPTED: &[&str] = &["names"];

fn cases() -> Vec<(String, String, PathBuf)> {
    let root = common::workspace().join("tests/bad");
    let mut out = Vec::new();
    for category in sorted_dirs(&root) {
        let name = file_name(&category);
        for case in sorted_dirs(&category) {
            out.push((name.clone(), file_name(&case), case));
        }
    }
    out
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()))
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .expect("a name")
        .to_string_lossy()
        .into_owned()
}

/// What `gen` (or `xtask types`) says about a case, and whether it said anything at all.
fn render(category: &str, case: &str, dir: &Path) -> (String, bool) {
    if dir.join("provider.json").is_file() {
        let prefix = format!("tests/bad/{category}/");
        return match msgen_codegen::generate_provider(dir, &prefix) {
            Ok(generation) => accepted(generation.warnings, generation.warning_count, None),
            Err(failure) => (failure.report, true),
        };
    }
    let options = standalone::Options {
        display_prefix: format!("tests/bad/{category}/{case}/"),
        ..standalone::Options::default()
    };
    match standalone::generate(&dir.join("schema.json"), &options) {
        Ok(module) => {
            let code = ACCEPTED.contains(&category).then_some(module.code);
            accepted(module.warnings, module.warning_count, code)
        }
        Err(failure) => (failure.report, true),
    }
}

fn accepted(warnings: String, count: usize, code: Option<String>) -> (String, bool) {
    let mut text = format!("{warnings}generated with {count} warning(s)\n");
    if let Some(code) = code {
        text.push_str("\n--- generated ---\n");
        text.push_str(&code);
    }
    (text, count > 0)
}

#[test]
fn bad_inputs_render_as_snapshotted() {
    let cases = cases();
    assert!(
        cases.len() >= 30,
        "expected at least 30 bad-input cases, found {}",
        cases.len()
    );
    let mut silent = Vec::new();
    for (category, case, dir) in &cases {
        let (text, said_something) = render(category, case, dir);
        if !said_something && !ACCEPTED.contains(&category.as_str()) {
            silent.push(format!("{category}/{case}"));
        }
        insta::assert_snapshot!(format!("bad__{category}__{case}"), text);
    }
    assert!(
        silent.is_empty(),
        "bad inputs that produced no diagnostic: {silent:?}"
    );
}

#[test]
fn every_bad_input_is_reported_the_same_twice() {
    // Sorting, not discovery order, decides the report: a second run is byte-identical.
    for (category, case, dir) in cases() {
        assert_eq!(
            render(&category, &case, &dir),
            render(&category, &case, &dir),
            "{category}/{case}"
        );
    }
}
