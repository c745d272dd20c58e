//! Pathological inputs, made at run time (a 10 MB file is not worth committing): each must
//! end in generated code or an error, never a stack overflow, a hang or a panic. Times are
//! printed (`--nocapture`), not asserted: the note in ARCHITECTURE.md records measurements.
//! `MSGEN_LONG=1` adds a 10 MB schema of 47,000 types (about 30 s in a debug build).

use std::path::PathBuf;
use std::time::Instant;

use msgen_codegen::standalone::{self, Standalone};

/// A fresh scratch folder for this test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("msgen-limits-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Generates `text` as a standalone schema on a thread with a 2 MiB stack (what test and
/// many worker threads get), printing how long it took.
fn run(name: &str, text: String) -> Result<Standalone, String> {
    let dir = scratch(name);
    let path = dir.join("schema.json");
    std::fs::write(&path, text).expect("write schema");
    let started = Instant::now();
    let result = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let options = standalone::Options {
                display_prefix: "limits/".into(),
                ..standalone::Options::default()
            };
            standalone::generate(&path, &options).map_err(|failure| failure.report)
        })
        .expect("thread starts")
        .join()
        .expect("generation does not panic or overflow its stack");
    eprintln!("{name}: {:?}", started.elapsed());
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn nested(levels: usize, wrap: impl Fn(&str) -> String) -> String {
    let mut schema = String::from(r#"{"type": "string"}"#);
    for _ in 0..levels {
        schema = wrap(&schema);
    }
    schema
}

#[test]
fn a_thousand_levels_of_json_nesting_is_an_error() {
    let text = format!(
        r#"{{"type": "object", "default": {}{}}}"#,
        "[".repeat(1000),
        "]".repeat(1000)
    );
    let report = run("deep_json", text).expect_err("too deep");
    assert!(report.contains("nesting depth"), "{report}");
}

#[test]
fn a_thousand_levels_of_schema_nesting_is_an_error() {
    let text = nested(1000, |inner| {
        format!(r#"{{"type": "object", "properties": {{"a": {inner}}}}}"#)
    });
    let report = run("deep_schema", text).expect_err("too deep");
    assert!(report.contains("nesting depth"), "{report}");
}

#[test]
fn the_deepest_schemas_the_parser_accepts_generate() {
    // Just under the parser's depth limit: lowering, emission and formatting recurse too.
    let arrays = nested(240, |inner| {
        format!(r#"{{"type": "array", "items": {inner}}}"#)
    });
    let generated = run("deep_arrays", arrays).expect("generates");
    assert!(generated.root_type.is_some_and(|t| t.starts_with("Vec")));
    let objects = nested(120, |inner| {
        format!(r#"{{"type": "object", "properties": {{"a": {inner}}}}}"#)
    });
    let generated = run("deep_objects", objects).expect("generates");
    assert!(generated.code.matches("pub struct").count() >= 120);
}

#[test]
fn a_thousand_bare_refs_in_a_chain_are_cut_short() {
    let mut defs: Vec<String> = (0..1000)
        .map(|i| format!(r##""T{i}": {{"$ref": "#/$defs/T{}"}}"##, i + 1))
        .collect();
    defs.push(r#""T1000": {"type": "string"}"#.into());
    let text = format!(
        r##"{{"$ref": "#/$defs/T0", "$defs": {{{}}}}}"##,
        defs.join(",")
    );
    let report = run("ref_chain", text).expect_err("chain too long");
    assert!(report.contains("`$ref` chain is longer than"), "{report}");
}

#[test]
fn a_thousand_types_referring_to_the_next_generate() {
    let mut defs: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                r##""T{i}": {{"type": "object", "properties": {{"next": {{"$ref": "#/$defs/T{}"}}, "items": {{"type": "array", "items": {{"$ref": "#/$defs/T0"}}}}}}}}"##,
                i + 1
            )
        })
        .collect();
    defs.push(r#""T1000": {"type": "string"}"#.into());
    let text = format!(
        r##"{{"$ref": "#/$defs/T0", "$defs": {{{}}}}}"##,
        defs.join(",")
    );
    let generated = run("type_chain", text).expect("generates");
    assert!(generated.code.contains("pub struct T999"));
}

#[test]
fn a_ten_megabyte_schema_generates_in_bounded_time() {
    // A schema pasted with a whole page of docs in one description: 10 MB of text.
    let description = "Texto copiado da documentação, linha após linha. ".repeat(210_000);
    let text = format!(
        r#"{{"title": "Dump", "type": "object", "description": "{description}", "properties": {{"id": {{"type": "string"}}}}}}"#
    );
    assert!(text.len() >= 10_000_000);
    let generated = run("huge_description", text).expect("generates");
    assert!(generated.code.contains("pub struct Dump"));
}

#[test]
fn files_over_the_size_limit_are_refused_before_reading() {
    let text = format!(r#"{{"description": "{}"}}"#, "x".repeat(17 * 1024 * 1024));
    let report = run("over_limit", text).expect_err("too large");
    assert!(report.contains("-byte limit"), "{report}");
}

#[test]
fn ten_megabytes_of_types_generate_in_bounded_time() {
    if std::env::var_os("MSGEN_LONG").is_none() {
        return;
    }
    let mut defs = Vec::new();
    let mut size = 0;
    let mut i = 0;
    while size < 10_000_000 {
        let def = format!(
            r##""T{i}": {{"type": "object", "description": "Generated type {i}, padded with some text.", "properties": {{"id": {{"type": "string"}}, "count": {{"type": "integer"}}, "next": {{"$ref": "#/$defs/T{}"}}}}}}"##,
            i + 1
        );
        size += def.len() + 1;
        defs.push(def);
        i += 1;
    }
    defs.push(format!(r#""T{i}": {{"type": "string"}}"#));
    let text = format!(r#"{{"$defs": {{{}}}}}"#, defs.join(","));
    let generated = run("huge_types", text).expect("generates");
    assert!(generated.code.contains(&format!("pub struct T{}", i - 1)));
}
