//! Property tests on random valid schemas (`random/mod.rs`):
//!
//! - generation succeeds and never panics, and is deterministic: twice the same input, or
//!   the same schema with its keywords in another order (`$defs` first or last), gives
//!   byte-identical code;
//! - the code of a few hundred random schemas, batched into one scratch crate, compiles
//!   with `#![deny(warnings)]`, and a random instance of each round-trips.
//!
//! `MSGEN_PROPTEST_CASES` sets the number of cases (default 256; the long mode runs 10,000).

mod common;
mod random;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use msgen_codegen::standalone;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use random::{Model, Order, Rng};

fn cases() -> u32 {
    std::env::var("MSGEN_PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(256)
}

/// A scratch folder per test thread and process.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("msgen-prop-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn generate(dir: &Path, text: &str) -> Result<standalone::Standalone, String> {
    let path = dir.join("schema.json");
    std::fs::write(&path, text).expect("write schema");
    let options = standalone::Options {
        root_name: Some("Root".into()),
        ..standalone::Options::default()
    };
    standalone::generate(&path, &options).map_err(|failure| failure.report)
}

#[test]
fn random_schemas_generate_deterministically_whatever_their_keyword_order() {
    let dir = scratch("determinism");
    let config = Config {
        cases: cases(),
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[7; 32]));
    let result = runner.run(&(random::model(), 0usize..8), |(model, rotation)| {
        let text = random::document(&model, Order::AsWritten);
        let first = generate(&dir, &text);
        let first = match first {
            Ok(first) => first,
            Err(report) => {
                prop_assert!(false, "a valid schema failed:\n{text}\n{report}");
                unreachable!()
            }
        };
        let again = generate(&dir, &text).expect("generated once");
        prop_assert_eq!(&first.code, &again.code, "generating twice differs");
        for order in [Order::Reversed, Order::Rotated(rotation)] {
            let reordered = random::document(&model, order);
            let other = generate(&dir, &reordered)
                .unwrap_or_else(|report| panic!("reordered schema failed:\n{report}"));
            prop_assert_eq!(
                &first.code,
                &other.code,
                "keyword order changed the output:\n{}\n---\n{}",
                text,
                reordered
            );
        }
        Ok(())
    });
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The models of the compile check: a fixed seed, so a failure reproduces.
fn compile_models(n: u32) -> Vec<Model> {
    let mut runner = TestRunner::new_with_rng(
        Config::default(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &[11; 32]),
    );
    let strategy = random::model();
    (0..n)
        .map(|_| strategy.new_tree(&mut runner).expect("a model").current())
        .collect()
}

const RUNNER: &str = r#"
fn check<T: serde::de::DeserializeOwned + serde::Serialize>(name: &str, text: &str, failures: &mut Vec<String>) {
    let original: serde_json::Value = serde_json::from_str(text).expect("instance is JSON");
    match serde_json::from_str::<T>(text) {
        Err(e) => failures.push(format!("{name}: {text} does not decode: {e}")),
        Ok(decoded) => match serde_json::to_value(&decoded) {
            Ok(again) if again == original => {}
            Ok(again) => failures.push(format!("{name}: {original} re-encoded as {again}")),
            Err(e) => failures.push(format!("{name}: does not encode: {e}")),
        },
    }
}
"#;

#[test]
fn random_schemas_compile_warning_free_and_round_trip_an_instance() {
    let n = (cases() / 2).clamp(50, 400);
    let models = compile_models(n);
    let dir = scratch("compile");
    let root = common::workspace();
    let crate_dir = root.join("target/msgen-scratch/random");
    let mut modules = Vec::new();
    let mut main = format!(
        "#![deny(warnings)]\nuse msgen_random_scratch as m;\n{RUNNER}\nfn main() {{\n    let mut failures = Vec::new();\n"
    );
    let mut instances = 0;
    for (i, model) in models.iter().enumerate() {
        let text = random::document(model, Order::AsWritten);
        let generated = generate(&dir, &text)
            .unwrap_or_else(|report| panic!("schema {i} failed:\n{text}\n{report}"));
        modules.push((format!("s{i}"), generated.code));
        if let Some(instance) = random::instance(model, &mut Rng::new(i as u64 + 1)) {
            instances += 1;
            // An object with no properties is a JSON map, not a struct named `Root`.
            let root_type = match generated.root_type.as_deref() {
                Some(ty) if ty.contains("::") => ty.to_string(),
                _ => format!("m::s{i}::Root"),
            };
            let _ = writeln!(
                main,
                "    check::<{root_type}>(\"s{i}\", {:?}, &mut failures);",
                instance.to_string()
            );
        }
    }
    main.push_str("    for f in &failures { println!(\"{f}\"); }\n    println!(\"{} failed\", failures.len());\n    if !failures.is_empty() { std::process::exit(1); }\n}\n");
    common::scratch::write(&crate_dir, "msgen-random-scratch", &modules, &main);
    let output = common::scratch::run(&crate_dir);
    let _ = std::fs::remove_dir_all(&dir);
    assert!(
        output.status.success(),
        "random schemas failed to compile or round-trip:\n{}\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        instances * 2 >= models.len(),
        "too few instances: {instances}"
    );
}
