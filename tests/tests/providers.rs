//! Focused provider cases: each `tests/providers/<case>/` is a small provider folder for one
//! client rule the four real providers do not exercise (a paged list under a path, a
//! multipart body without files, awkward names). Its generated client is an insta snapshot,
//! and every case's module is type-checked in one scratch crate against `msgen-runtime`
//! with the features the SDK gives providers (`client`, `multipart`), under
//! `#![deny(warnings)]`: `gen` accepting a manifest must mean an SDK that compiles.

mod common;

use std::fmt::Write as _;
use std::path::PathBuf;

struct Case {
    name: String,
    /// `(path under src/, code)` of the module's generated files.
    files: Vec<(String, String)>,
}

fn cases() -> Vec<Case> {
    let root = common::workspace().join("tests/providers");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/providers exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.join("provider.json").is_file())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let name = dir
                .file_name()
                .expect("a name")
                .to_string_lossy()
                .into_owned();
            let generation = msgen_codegen::generate_provider(&dir, "tests/providers/")
                .unwrap_or_else(|failure| panic!("{name} does not generate:\n{failure}"));
            assert_eq!(
                generation.warning_count, 0,
                "{name}:\n{}",
                generation.warnings
            );
            let prefix = format!("generated/src/{name}/");
            let files = generation
                .files
                .into_iter()
                .map(|file| {
                    let path = file.path.to_string_lossy().into_owned();
                    let relative = path.strip_prefix(&prefix).unwrap_or(&path).to_string();
                    (format!("{name}/{relative}"), file.contents)
                })
                .collect();
            Case { name, files }
        })
        .collect()
}

#[test]
fn provider_cases_generate_clients_as_snapshotted() {
    let cases = cases();
    assert!(cases.len() >= 3, "expected the focused provider cases");
    for case in &cases {
        let client = case
            .files
            .iter()
            .find(|(path, _)| path.ends_with("/client.rs"))
            .map(|(_, code)| code.as_str())
            .unwrap_or_else(|| panic!("{} has no client.rs", case.name));
        insta::assert_snapshot!(format!("provider_{}", case.name), client);
    }
}

#[test]
fn provider_cases_compile_warning_free() {
    let cases = cases();
    let mut lib = String::from("#![deny(warnings)]\n");
    let mut files = Vec::new();
    for case in cases {
        let _ = writeln!(lib, "pub mod {};", case.name);
        files.extend(case.files);
    }
    files.push(("lib.rs".into(), lib));
    let dir = common::workspace().join("target/msgen-scratch/providers");
    common::scratch::write_library(
        &dir,
        "msgen-providers-scratch",
        &["client", "multipart"],
        &files,
    );
    let output = common::scratch::check(&dir);
    assert!(
        output.status.success(),
        "the generated provider modules do not compile:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The client model claims the names of the builder methods `client_builder_settings!`
/// expands to, so that no header setting can take one: the two lists must agree.
#[test]
fn shared_builder_settings_are_the_runtime_macros_methods() {
    let path = common::workspace().join("runtime/src/builder_settings.rs");
    let text = std::fs::read_to_string(&path).expect("the runtime's builder settings");
    let defined: Vec<&str> = text
        .lines()
        .filter_map(|line| line.trim_start().strip_prefix("pub fn "))
        .filter_map(|rest| rest.split(['(', '<']).next())
        .collect();
    assert_eq!(defined, msgen_codegen::client_model::SHARED_SETTINGS);
}
