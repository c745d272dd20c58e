//! `CORPUS.md` (deterministic: no timings, no absolute paths) and the floor file that CI
//! checks the totals against.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Compile, Generation, InstanceResult, Schema};

/// The totals over the corpus.
#[derive(Debug, Default, Clone, Copy)]
pub struct Totals {
    pub schemas: usize,
    pub generated: usize,
    pub panics: usize,
    pub compiled: usize,
    pub warning_free: usize,
    pub valid: usize,
    pub valid_decoded: usize,
    pub round_trip: usize,
    pub invalid: usize,
    pub invalid_rejected: usize,
}

/// The totals the floor file holds, with their keys.
const FLOOR_KEYS: &[&str] = &[
    "generated",
    "compiled",
    "warning_free",
    "valid_decoded",
    "round_trip",
    "invalid_rejected",
];

impl Totals {
    pub fn of(schemas: &[Schema]) -> Totals {
        let mut t = Totals {
            schemas: schemas.len(),
            ..Totals::default()
        };
        for schema in schemas {
            match &schema.generation {
                Generation::Ok { .. } => t.generated += 1,
                Generation::Panicked(_) => t.panics += 1,
                Generation::Failed(_) => {}
            }
            if let Compile::Ok { warnings, .. } = &schema.compile {
                t.compiled += 1;
                t.warning_free += usize::from(*warnings == 0);
            }
            t.valid += schema.valid.len();
            t.invalid += schema.invalid.len();
            let counts = Counts::of(schema);
            t.valid_decoded += counts.decoded;
            t.round_trip += counts.equal;
            t.invalid_rejected += counts.rejected;
        }
        t
    }

    fn get(&self, key: &str) -> usize {
        match key {
            "generated" => self.generated,
            "compiled" => self.compiled,
            "warning_free" => self.warning_free,
            "valid_decoded" => self.valid_decoded,
            "round_trip" => self.round_trip,
            "invalid_rejected" => self.invalid_rejected,
            _ => 0,
        }
    }

    pub fn summary(&self) -> String {
        format!(
            "{}/{} schemas generate ({} panics), {} compile ({} warning-free); valid instances: {}/{} decode, {}/{} round-trip; invalid instances: {}/{} rejected",
            self.generated,
            self.schemas,
            self.panics,
            self.compiled,
            self.warning_free,
            self.valid_decoded,
            self.valid,
            self.round_trip,
            self.valid,
            self.invalid_rejected,
            self.invalid,
        )
    }

    /// The floor file for these totals.
    pub fn floor_file(&self) -> String {
        let mut out = String::from(
            "# Floor of `cargo xtask corpus` on corpus/schemastore: CI fails when a total\n\
             # drops below its floor (and on any generator panic). Raise it as results improve:\n\
             # `cargo xtask corpus <folder> --write-floor`.\n",
        );
        for key in FLOOR_KEYS {
            let _ = writeln!(out, "{key} = {}", self.get(key));
        }
        out
    }

    /// Compares with a floor file; the regressions, when there are any.
    pub fn check_floor(&self, floor: &str) -> Result<(), Vec<String>> {
        let mut regressions = Vec::new();
        if self.panics > 0 {
            regressions.push(format!(
                "the generator panicked on {} schema(s)",
                self.panics
            ));
        }
        for line in floor.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some((key, value)) = line.split_once('=') else {
                regressions.push(format!("unreadable floor line `{line}`"));
                continue;
            };
            let key = key.trim();
            let Ok(value) = value.trim().parse::<usize>() else {
                regressions.push(format!("unreadable floor value in `{line}`"));
                continue;
            };
            if !FLOOR_KEYS.contains(&key) {
                regressions.push(format!("unknown floor key `{key}`"));
            } else if self.get(key) < value {
                regressions.push(format!("{key}: {} < floor {value}", self.get(key)));
            }
        }
        if regressions.is_empty() {
            Ok(())
        } else {
            Err(regressions)
        }
    }
}

/// Per-schema instance counts.
struct Counts {
    decoded: usize,
    equal: usize,
    rejected: usize,
}

impl Counts {
    fn of(schema: &Schema) -> Counts {
        let valid = || schema.results.iter().filter(|r| r.valid);
        Counts {
            decoded: valid()
                .filter(|r| matches!(r.outcome.as_str(), "equal" | "differs" | "encode"))
                .count(),
            equal: valid().filter(|r| r.outcome == "equal").count(),
            rejected: schema
                .results
                .iter()
                .filter(|r| !r.valid && r.outcome == "decode")
                .count(),
        }
    }
}

fn cell(text: &str) -> String {
    let text = text.replace('|', "\\|").replace('\n', " ");
    if text.chars().count() > 140 {
        format!("{}…", text.chars().take(140).collect::<String>())
    } else {
        text
    }
}

/// Why a valid instance failed, as a group name.
fn cause(result: &InstanceResult) -> String {
    let detail = result.detail.as_str();
    match result.outcome.as_str() {
        "decode" => {
            let kinds = [
                "unknown field",
                "missing field",
                "invalid type",
                "invalid value",
                "invalid length",
                "unknown variant",
                "no variant",
                "input contains invalid characters",
                "premature end of input",
            ];
            let kind = kinds
                .iter()
                .find(|k| detail.contains(*k))
                .map_or("other", |k| *k);
            format!("decode: {kind}")
        }
        "differs" => {
            let kind = detail.split(" at ").next().unwrap_or(detail);
            format!("re-encode: {kind}")
        }
        other => other.to_string(),
    }
}

/// The first failure of a schema, for its table row.
fn first_failure(schema: &Schema) -> String {
    match (&schema.generation, &schema.compile) {
        (Generation::Failed(e), _) => return format!("generate: {e}"),
        (Generation::Panicked(e), _) => return format!("generator panicked: {e}"),
        (
            Generation::Ok {
                root_type: None, ..
            },
            _,
        ) => return "no root type".into(),
        (_, Compile::Failed(e)) => return format!("compile: {e}"),
        (
            _,
            Compile::Ok {
                first_warning: Some(w),
                ..
            },
        ) => return format!("warning: {w}"),
        _ => {}
    }
    if let Some(r) = schema
        .results
        .iter()
        .find(|r| r.valid && r.outcome != "equal")
    {
        return format!("{}: {}: {}", r.file, r.outcome, r.detail);
    }
    if let Some(r) = schema
        .results
        .iter()
        .find(|r| !r.valid && r.outcome != "decode")
    {
        return format!("{}: accepted", r.file);
    }
    String::new()
}

/// The whole report.
pub fn markdown(schemas: &[Schema], totals: &Totals) -> String {
    let mut out = String::from(
        "# Corpus: real-world JSON Schemas through the type generator\n\n\
         Generated by `cargo xtask corpus corpus/schemastore`; do not edit by hand.\n\
         Each schema is generated with `cargo xtask types`' settings, all outputs compile together\n\
         in one scratch crate (a module that fails is dropped and the rest rebuilt), every\n\
         `valid/` instance is decoded into the root type, re-encoded and compared as JSON (the one\n\
         normalization allowed: another RFC 3339 spelling of the same date-time), and every\n\
         `invalid/` instance is tried (rejected = the decode fails).\n\n",
    );
    let _ = writeln!(out, "**Totals**: {}.\n", totals.summary());
    out.push_str("| schema | generated | compiles | warnings | valid decoded | round-trip equal | invalid rejected | first failure |\n");
    out.push_str("|---|---|---|---|---|---|---|---|\n");
    for schema in schemas {
        let generated = match &schema.generation {
            Generation::Ok { warnings: 0, .. } => "yes".to_string(),
            Generation::Ok { warnings, .. } => format!("yes ({warnings} notes)"),
            Generation::Failed(_) => "no".into(),
            Generation::Panicked(_) => "PANIC".into(),
        };
        let (compiles, warnings) = match &schema.compile {
            Compile::NotTried => ("–".to_string(), "–".to_string()),
            Compile::Ok { warnings, .. } => ("yes".into(), warnings.to_string()),
            Compile::Failed(_) => ("no".into(), "–".into()),
        };
        let counts = Counts::of(schema);
        let _ = writeln!(
            out,
            "| {} | {generated} | {compiles} | {warnings} | {}/{} | {}/{} | {}/{} | {} |",
            schema.name,
            counts.decoded,
            schema.valid.len(),
            counts.equal,
            schema.valid.len(),
            counts.rejected,
            schema.invalid.len(),
            cell(&first_failure(schema)),
        );
    }
    let _ = writeln!(
        out,
        "| **total** | {}/{} | {} | {} warning-free | {}/{} | {}/{} | {}/{} | |",
        totals.generated,
        totals.schemas,
        totals.compiled,
        totals.warning_free,
        totals.valid_decoded,
        totals.valid,
        totals.round_trip,
        totals.valid,
        totals.invalid_rejected,
        totals.invalid,
    );
    failures(&mut out, schemas);
    out
}

/// The failure sections: schemas that do not generate or compile, then valid instances that
/// do not round-trip grouped by cause, then invalid instances that were accepted.
fn failures(out: &mut String, schemas: &[Schema]) {
    let mut not_built = Vec::new();
    for schema in schemas {
        match (&schema.generation, &schema.compile) {
            (Generation::Failed(e), _) => not_built.push(format!("{}: generate: {e}", schema.name)),
            (Generation::Panicked(e), _) => not_built.push(format!("{}: panic: {e}", schema.name)),
            (_, Compile::Failed(e)) => not_built.push(format!("{}: compile: {e}", schema.name)),
            _ => {}
        }
    }
    let mut groups: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut accepted = Vec::new();
    for schema in schemas {
        let untried = !matches!(schema.compile, Compile::Ok { .. })
            || matches!(
                schema.generation,
                Generation::Ok {
                    root_type: None,
                    ..
                }
            );
        if untried && !schema.valid.is_empty() {
            groups
                .entry("not tried: the schema did not generate or compile".into())
                .or_default()
                .extend(
                    schema
                        .valid
                        .iter()
                        .map(|(f, _)| format!("{}/valid/{f}", schema.name)),
                );
        }
        for r in &schema.results {
            if r.valid && r.outcome != "equal" {
                groups.entry(cause(r)).or_default().push(format!(
                    "{}/{}: {}",
                    schema.name,
                    r.file,
                    cell(&r.detail)
                ));
            } else if !r.valid && r.outcome != "decode" {
                accepted.push(format!("{}/{}", schema.name, r.file));
            }
        }
    }
    out.push_str("\n## Schemas that do not generate or compile\n\n");
    list(out, &not_built);
    out.push_str("\n## Valid instances that do not round-trip, by cause\n\n");
    if groups.is_empty() {
        out.push_str("None.\n");
    }
    for (cause, items) in &groups {
        let _ = writeln!(out, "### {cause} ({})\n", items.len());
        list(out, items);
        out.push('\n');
    }
    out.push_str("\n## Invalid instances that decode anyway\n\n");
    out.push_str(
        "Types check shapes, not every validation keyword (`pattern`, `minimum`, `minItems`, …\n\
         have no Rust counterpart), so some invalid instances decode.\n\n",
    );
    list(out, &accepted);
}

fn list(out: &mut String, items: &[String]) {
    if items.is_empty() {
        out.push_str("None.\n");
    }
    for item in items {
        let _ = writeln!(out, "- {}", item.replace('\n', " "));
    }
}
