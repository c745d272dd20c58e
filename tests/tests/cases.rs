//! Focused type-generator cases: each `tests/cases/<name>.json` is one JSON Schema rule, and
//! its generated Rust is an insta snapshot, so a codegen change shows up as a reviewable diff.

mod common;

use std::path::PathBuf;

fn cases() -> Vec<PathBuf> {
    let dir = common::workspace().join("tests/cases");
    let mut cases: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".instances.json")
        })
        .collect();
    cases.sort();
    cases
}

#[test]
fn focused_cases_generate_as_snapshotted() {
    let cases = cases();
    assert!(
        cases.len() >= 25,
        "expected at least 25 focused cases, found {}",
        cases.len()
    );
    let options = msgen_codegen::emit::EmitOptions::default();
    for case in cases {
        let name = case
            .file_stem()
            .expect("stem")
            .to_string_lossy()
            .into_owned();
        let rust = match msgen_codegen::standalone::generate(&case, None, &options) {
            Ok(rust) => rust,
            Err(failure) => panic!("case {name} failed to generate:\n{failure}"),
        };
        insta::assert_snapshot!(name, rust);
    }
}
