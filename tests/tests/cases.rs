//! Focused type-generator cases: each `tests/cases/<name>.json` is one JSON Schema rule.
//! Its generated Rust is an insta snapshot (a codegen change shows up as a reviewable diff),
//! all cases together must compile with `#![deny(warnings)]`, and every instance in
//! `<name>.instances.json` (plus the unknown-value instances a case lists under
//! `x-unknown-instances`) must decode into the root type and re-encode to equal JSON, while
//! every instance listed under `x-invalid-instances` must fail to decode. Instances whose
//! exact text matters (key order, repeated keys) are listed under `x-raw-instances` as
//! `{"json": "<text>", "decodes_as": <value>}` or `{"json": "<text>", "error": "<part of the
//! message>"}`. A case sets `x-keep-unknown-keys: true` to be generated as `cargo xtask
//! types` does.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use msgen_codegen::standalone::{self, Standalone};

struct Case {
    name: String,
    path: PathBuf,
    options: standalone::Options,
    generated: Standalone,
}

fn cases() -> Vec<Case> {
    let dir = common::workspace().join("tests/cases");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|e| e == "json")
                && !p.to_string_lossy().ends_with(".instances.json")
        })
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|path| {
            let name = path
                .file_stem()
                .expect("stem")
                .to_string_lossy()
                .into_owned();
            let schema = common::read_json(&path);
            let options = standalone::Options {
                root_pointer: schema
                    .get("x-root")
                    .and_then(|r| r.as_str())
                    .map(|r| format!("/$defs/{r}")),
                keep_unknown_keys: schema
                    .get("x-keep-unknown-keys")
                    .and_then(|k| k.as_bool())
                    .unwrap_or(false),
                ..standalone::Options::default()
            };
            let generated = standalone::generate(&path, &options)
                .unwrap_or_else(|failure| panic!("case {name} failed to generate:\n{failure}"));
            Case {
                name,
                path,
                options,
                generated,
            }
        })
        .collect()
}

#[test]
fn focused_cases_generate_as_snapshotted() {
    let cases = cases();
    assert!(
        cases.len() >= 25,
        "expected at least 25 focused cases, found {}",
        cases.len()
    );
    for case in cases {
        insta::assert_snapshot!(case.name, case.generated.code);
    }
}

/// `generate` prints struct definitions from `syn` nodes built directly, type by type; the
/// staged path (`emit` → `format`) turns them into tokens and parses them back with the rest
/// of the file. Both must print the same text: a built node must be exactly what the parser
/// makes of its tokens. (That the text itself is unchanged is what the snapshots pin.)
#[test]
fn built_nodes_print_like_parsed_tokens() {
    for case in cases() {
        let mut loaded = standalone::load(&case.path).expect("loads");
        let lowered = standalone::lower(&mut loaded, &case.options).expect("lowers");
        let staged = standalone::emit(&lowered, &case.options)
            .and_then(standalone::format)
            .unwrap_or_else(|e| panic!("case {} does not format: {e}", case.name));
        assert_eq!(
            staged, case.generated.code,
            "case {}: built and parsed output differ",
            case.name
        );
    }
}

/// The instances a case must round-trip, as JSON text.
fn instances(case: &Case) -> Vec<String> {
    let mut out = Vec::new();
    let file = case.path.with_extension("instances.json");
    if file.is_file() {
        let values = common::read_json(&file);
        out.extend(
            values
                .as_array()
                .expect("instances are an array")
                .iter()
                .map(|v| v.to_string()),
        );
    }
    let schema = common::read_json(&case.path);
    if let Some(unknown) = schema.get("x-unknown-instances").and_then(|u| u.as_array()) {
        out.extend(unknown.iter().map(|v| v.to_string()));
    }
    out
}

/// The instances a case must reject, as JSON text.
fn invalid_instances(case: &Case) -> Vec<String> {
    let schema = common::read_json(&case.path);
    schema
        .get("x-invalid-instances")
        .and_then(|u| u.as_array())
        .map(|values| values.iter().map(|v| v.to_string()).collect())
        .unwrap_or_default()
}

/// The exact-text instances of a case: (text, re-encoded JSON it must decode as or "",
/// part of the error it must fail with or "").
fn raw_instances(case: &Case) -> Vec<(String, String, String)> {
    let schema = common::read_json(&case.path);
    let field = |raw: &serde_json::Value, key: &str| match raw.get(key) {
        Some(serde_json::Value::String(text)) if key != "decodes_as" => text.clone(),
        Some(value) => value.to_string(),
        None => String::new(),
    };
    schema
        .get("x-raw-instances")
        .and_then(|u| u.as_array())
        .map(|raws| {
            raws.iter()
                .map(|raw| {
                    (
                        field(raw, "json"),
                        field(raw, "decodes_as"),
                        field(raw, "error"),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const RUNNER: &str = r#"
use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w))),
        (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(v, w)| same(v, w)),
        (Value::String(x), Value::String(y)) if x != y => {
            // The one normalization allowed: another spelling of the same instant.
            match (chrono::DateTime::parse_from_rfc3339(x), chrono::DateTime::parse_from_rfc3339(y)) {
                (Ok(p), Ok(q)) => p == q,
                _ => false,
            }
        }
        _ => a == b,
    }
}

fn check<T: DeserializeOwned + Serialize>(case: &str, instances: &[&str], failures: &mut Vec<String>, passed: &mut usize) {
    for (i, text) in instances.iter().enumerate() {
        let original: Value = serde_json::from_str(text).expect("instance is JSON");
        match serde_json::from_str::<T>(text) {
            Err(e) => failures.push(format!("{case}[{i}]: does not decode: {e}")),
            Ok(decoded) => match serde_json::to_value(&decoded) {
                Ok(again) if same(&original, &again) => *passed += 1,
                Ok(again) => failures.push(format!("{case}[{i}]: {original} re-encoded as {again}")),
                Err(e) => failures.push(format!("{case}[{i}]: does not encode: {e}")),
            },
        }
    }
}

fn check_raw<T: DeserializeOwned + Serialize>(case: &str, raws: &[(&str, &str, &str)], failures: &mut Vec<String>, passed: &mut usize) {
    for (text, expected, error) in raws {
        match (serde_json::from_str::<T>(text), error.is_empty()) {
            (Ok(decoded), true) => {
                let expected: Value = serde_json::from_str(expected).expect("decodes_as is JSON");
                match serde_json::to_value(&decoded) {
                    Ok(again) if same(&expected, &again) => *passed += 1,
                    Ok(again) => failures.push(format!("{case}: {text} decoded as {again}, not {expected}")),
                    Err(e) => failures.push(format!("{case}: {text} does not encode: {e}")),
                }
            }
            (Ok(_), false) => failures.push(format!("{case}: {text} decodes, expected an error with `{error}`")),
            (Err(e), false) if e.to_string().contains(error) => *passed += 1,
            (Err(e), _) => failures.push(format!("{case}: {text} fails with `{e}`")),
        }
    }
}

fn reject<T: DeserializeOwned>(case: &str, instances: &[&str], failures: &mut Vec<String>, passed: &mut usize) {
    for (i, text) in instances.iter().enumerate() {
        match serde_json::from_str::<T>(text) {
            Ok(_) => failures.push(format!("{case}: invalid instance [{i}] {text} decodes")),
            Err(_) => *passed += 1,
        }
    }
}
"#;

/// Writes every case into one scratch crate plus a runner that round-trips the instances.
fn write_scratch(dir: &Path, cases: &[Case]) {
    let mut main = String::from("#![deny(warnings)]\nuse msgen_cases_scratch as cases;\n");
    main.push_str(RUNNER);
    main.push_str("fn main() {\n    let (mut failures, mut passed) = (Vec::new(), 0);\n");
    for case in cases {
        let instances = instances(case);
        let invalid = invalid_instances(case);
        let raw = raw_instances(case);
        if let (Some(root_type), false) = (
            &case.generated.root_type,
            instances.is_empty() && invalid.is_empty() && raw.is_empty(),
        ) {
            let root_type = root_type.replace("crate :: support", "cases :: support");
            let root_type = if root_type.contains("::")
                || !root_type.chars().next().is_some_and(char::is_uppercase)
                || root_type.contains('<')
            {
                qualify(&root_type, &case.name)
            } else {
                format!("cases::{}::{root_type}", case.name)
            };
            let _ = writeln!(
                main,
                "    check::<{root_type}>({:?}, &{instances:?}, &mut failures, &mut passed);",
                case.name
            );
            if !invalid.is_empty() {
                let _ = writeln!(
                    main,
                    "    reject::<{root_type}>({:?}, &{invalid:?}, &mut failures, &mut passed);",
                    case.name
                );
            }
            if !raw.is_empty() {
                let _ = writeln!(
                    main,
                    "    check_raw::<{root_type}>({:?}, &{raw:?}, &mut failures, &mut passed);",
                    case.name
                );
            }
        }
    }
    main.push_str("    for f in &failures { println!(\"{f}\"); }\n    println!(\"{passed} passed, {} failed\", failures.len());\n    if !failures.is_empty() { std::process::exit(1); }\n}\n");
    let modules: Vec<(String, String)> = cases
        .iter()
        .map(|c| (c.name.clone(), c.generated.code.clone()))
        .collect();
    common::scratch::write(dir, "msgen-cases-scratch", &modules, &main);
}

/// Qualifies the case's own type names inside a root type expression (`Vec < Item >` →
/// `Vec<cases::x::Item>`); std, serde_json and support paths stay as they are.
fn qualify(ty: &str, case: &str) -> String {
    let mut out = String::new();
    let tokens: Vec<&str> = ty.split(' ').collect();
    for (i, token) in tokens.iter().enumerate() {
        let after_path = i > 0 && tokens[i - 1] == "::";
        let is_type = token.chars().next().is_some_and(char::is_uppercase)
            && !["Vec", "Option", "String", "Box"].contains(token)
            && !after_path
            && tokens.get(i + 1) != Some(&"::");
        if is_type {
            let _ = write!(out, "cases::{case}::{token}");
        } else {
            out.push_str(token);
        }
    }
    out
}

#[test]
fn focused_cases_compile_warning_free_and_round_trip_their_instances() {
    let cases = cases();
    let root = common::workspace();
    let scratch = root.join("target/msgen-scratch/cases");
    write_scratch(&scratch, &cases);
    let output = common::scratch::run(&scratch);
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "scratch crate failed:\n{stdout}\n{stderr}"
    );
    let summary = stdout.lines().last().unwrap_or_default();
    let passed: usize = summary
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        passed >= 100,
        "expected the cases' instances to round-trip, got: {summary}"
    );
}
