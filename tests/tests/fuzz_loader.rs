//! A fuzz target for the loader, resolver and lowering that runs on the stable toolchain:
//! `proptest` mutates the committed corpus (`tests/fuzz/corpus/*.json`) byte by byte and
//! token by token (flips, cuts, duplicated ranges, inserted JSON and Schema fragments such
//! as `{"$ref": "#"}` or `[`), and each mutant goes through the whole standalone pipeline on
//! a test thread's small stack. It must end in code or diagnostics, never in a panic, a
//! stack overflow or a hang.
//!
//! Every corpus file is also replayed as is. `MSGEN_FUZZ_CASES` sets the number of mutants
//! (default 300, the smoke run in `cargo test`; run 20,000 or more when changing the
//! loader). An input that fails is printed, shrunk; add it to the corpus when fixed.

mod common;

use std::path::{Path, PathBuf};

use msgen_codegen::standalone;
use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

/// Fragments worth inserting: structure, keywords, references, hostile values.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "null",
    "true",
    "0",
    "-1e999",
    "1e400",
    r##"{"$ref": "#"}"##,
    r##""$ref": "#/$defs/A""##,
    r##"{"$ref": "#/$defs"}"##,
    r##""$ref": "other.json#/x""##,
    r##""$ref": "../../x.json""##,
    r#""type": ["string", "null"]"#,
    r#""type": "object""#,
    r##""allOf": [{"$ref": "#"}]"##,
    r#""oneOf": []"#,
    r#""enum": [1, "a", null]"#,
    r#""required": ["x", 1]"#,
    r#""properties": {"": {}, "type": true}"#,
    r#""additionalProperties": false"#,
    r#""items": [{}, {}]"#,
    r##""$defs": {"A": {"$ref": "#/$defs/A"}}"##,
    r##""$id": "#a""##,
    r#""$anchor": "a""#,
    r#""format": "date-time""#,
    r#""default": {"a": [1, 2]}"#,
    "\u{feff}",
    "é",
    "\\u0000",
];

#[derive(Debug, Clone)]
enum Mutation {
    Flip(usize, u8),
    Cut(usize, usize),
    Duplicate(usize, usize),
    Insert(usize, &'static str),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Flip(at, b)),
        (any::<usize>(), 0usize..64).prop_map(|(at, n)| Mutation::Cut(at, n)),
        (any::<usize>(), 0usize..256).prop_map(|(at, n)| Mutation::Duplicate(at, n)),
        (any::<usize>(), proptest::sample::select(FRAGMENTS))
            .prop_map(|(at, f)| Mutation::Insert(at, f)),
    ]
}

fn apply(seed: &[u8], mutations: &[Mutation]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for m in mutations {
        let len = bytes.len().max(1);
        match *m {
            Mutation::Flip(at, b) => {
                if let Some(byte) = bytes.get_mut(at % len) {
                    *byte ^= b;
                }
            }
            Mutation::Cut(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    bytes.drain(at..end);
                }
            }
            Mutation::Duplicate(at, n) => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                if at < end {
                    let copy = bytes[at..end].to_vec();
                    bytes.splice(end..end, copy);
                }
            }
            Mutation::Insert(at, fragment) => {
                let at = (at % len).min(bytes.len());
                bytes.splice(at..at, fragment.bytes());
            }
        }
    }
    bytes
}

fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = common::workspace().join("tests/fuzz/corpus");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/fuzz/corpus exists")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("readable"))
        })
        .collect()
}

/// Runs the pipeline on `bytes`; generation may fail, but only with diagnostics.
fn run(dir: &Path, bytes: &[u8]) -> Result<(), TestCaseError> {
    let path = dir.join("schema.json");
    std::fs::write(&path, bytes).expect("write");
    let options = standalone::Options {
        keep_unknown_keys: true,
        ..standalone::Options::default()
    };
    match standalone::generate(&path, &options) {
        Ok(_) => Ok(()),
        Err(failure) => {
            prop_assert!(failure.errors > 0, "a failure without an error:\n{failure}");
            Ok(())
        }
    }
}

#[test]
fn the_corpus_and_its_mutants_never_panic() {
    let corpus = corpus();
    assert!(corpus.len() >= 10, "the corpus has {} files", corpus.len());
    let dir = std::env::temp_dir().join(format!("msgen-fuzz-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    for (name, bytes) in &corpus {
        run(&dir, bytes).unwrap_or_else(|e| panic!("corpus file {name}: {e}"));
    }
    let cases = std::env::var("MSGEN_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(300);
    let config = Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &[3; 32]));
    let strategy = (0..corpus.len(), proptest::collection::vec(mutation(), 1..6));
    let result = runner.run(&strategy, |(seed, mutations)| {
        run(&dir, &apply(&corpus[seed].1, &mutations))
    });
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        panic!("{e}");
    }
}
