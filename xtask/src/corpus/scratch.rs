//! The scratch crate: every generated module in one library (so unused types are not dead
//! code), plus a runner binary that probes each root type with the instances.
//!
//! One `cargo build --message-format=json` builds it; diagnostics are attributed to the
//! module whose file they point at (or, in the runner, whose table line). Modules with errors
//! are dropped and the rest rebuilt, so one failure never hides the others. Cargo runs with
//! `--offline` on a copy of the workspace lockfile, into `target/msgen-scratch/target` (shared
//! with the focused-case test, so dependencies are built once).

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use super::{Compile, Generation, InstanceResult, Schema};

const RUNNER: &str = include_str!("runner_template.rs");

/// Rebuilds after dropping failing modules at most this many times.
const MAX_ROUNDS: usize = 6;

/// Compiles the generated modules and runs every instance through them.
pub fn measure(root: &Path, schemas: &mut [Schema]) -> Result<(), String> {
    let dir = root.join("target/msgen-scratch/corpus");
    let target = root.join("target/msgen-scratch/target");
    let _ = std::fs::remove_dir_all(dir.join("src"));
    std::fs::create_dir_all(dir.join("src/schemas")).map_err(|e| e.to_string())?;
    write_manifest(root, &dir)?;
    let mut active: BTreeSet<usize> = schemas
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.generation, Generation::Ok { .. }))
        .map(|(i, _)| i)
        .collect();
    for (i, schema) in schemas.iter().enumerate() {
        if let Generation::Ok {
            code, root_type, ..
        } = &schema.generation
        {
            let mut text = code.clone();
            if let Some(root_type) = root_type {
                // Not a name the generator can produce (it makes UpperCamelCase names).
                let _ = write!(
                    text,
                    "\n#[doc(hidden)]\n#[allow(non_camel_case_types)]\npub type __CorpusRoot = {root_type};\n"
                );
            }
            write(
                &dir.join(format!("src/schemas/{}.rs", schemas[i].module)),
                &text,
            )?;
        }
    }
    let mut build = None;
    for _ in 0..MAX_ROUNDS {
        let lines = write_crate(&dir, schemas, &active)?;
        let result = cargo_build(&dir, &target)?;
        if let Some(executable) = &result.executable {
            build = Some((result.clone(), executable.clone()));
            break;
        }
        let mut dropped = false;
        for (file, line, text) in &result.errors {
            let module = module_of(file, *line, &lines);
            if let Some(i) = active
                .iter()
                .copied()
                .find(|&i| Some(&schemas[i].module) == module.as_ref())
            {
                active.remove(&i);
                schemas[i].compile = Compile::Failed(text.clone());
                dropped = true;
            }
        }
        if !dropped {
            return Err(format!(
                "the scratch crate fails to build for a reason no module explains:\n{}",
                result.unattributed
            ));
        }
    }
    let Some((result, executable)) = build else {
        return Err(format!(
            "the scratch crate still fails after {MAX_ROUNDS} rounds"
        ));
    };
    for &i in &active {
        let path = format!("src/schemas/{}.rs", schemas[i].module);
        let warnings: Vec<&String> = result
            .warnings
            .iter()
            .filter(|(file, ..)| *file == path)
            .map(|(.., text)| text)
            .collect();
        schemas[i].compile = Compile::Ok {
            warnings: warnings.len(),
            first_warning: warnings.first().map(|s| s.to_string()),
        };
    }
    run(&dir, &executable, schemas, &active)
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
}

fn write_manifest(root: &Path, dir: &Path) -> Result<(), String> {
    let manifest = format!(
        r#"[package]
name = "msgen-corpus-scratch"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
msgen-runtime = {{ path = "{}" }}
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
chrono = {{ version = "0.4", default-features = false, features = ["std", "serde"] }}
uuid = {{ version = "1", default-features = false, features = ["std", "serde"] }}
"#,
        root.join("runtime").display()
    );
    write(&dir.join("Cargo.toml"), &manifest)?;
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock"))
        .map_err(|e| format!("cannot copy the lockfile: {e}"))?;
    Ok(())
}

/// Writes `lib.rs` and `main.rs` for the active modules; returns, for each line of
/// `main.rs` that names a module, that module.
fn write_crate(
    dir: &Path,
    schemas: &[Schema],
    active: &BTreeSet<usize>,
) -> Result<BTreeMap<usize, String>, String> {
    let mut lib =
        String::from("//! Every generated module of the corpus.\n#![allow(missing_docs)]\n");
    let mut main = String::from("use msgen_corpus_scratch as corpus;\n");
    main.push_str(RUNNER);
    main.push_str("\nconst ROOTS: &[(&str, Probe)] = &[\n");
    let mut lines = BTreeMap::new();
    for &i in active {
        let module = &schemas[i].module;
        let _ = writeln!(lib, "#[path = \"schemas/{module}.rs\"]\npub mod {module};");
        if let Generation::Ok {
            root_type: Some(_), ..
        } = &schemas[i].generation
        {
            lines.insert(main.lines().count() + 1, module.clone());
            let _ = writeln!(
                main,
                "    ({module:?}, probe::<corpus::{module}::__CorpusRoot> as Probe),"
            );
        }
    }
    main.push_str("];\n");
    write(&dir.join("src/lib.rs"), &lib)?;
    write(&dir.join("src/main.rs"), &main)?;
    Ok(lines)
}

/// What one build said.
#[derive(Clone, Default)]
struct Build {
    /// The runner, when the build succeeded.
    executable: Option<PathBuf>,
    /// (file, line, one-line text) of each error.
    errors: Vec<(String, usize, String)>,
    /// (file, line, one-line text) of each warning.
    warnings: Vec<(String, usize, String)>,
    /// Rendered diagnostics no file explains (and cargo's own complaints).
    unattributed: String,
}

fn cargo_build(dir: &Path, target: &Path) -> Result<Build, String> {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args([
            "build",
            "--offline",
            "--message-format=json",
            "--manifest-path",
        ])
        .arg(dir.join("Cargo.toml"))
        .env("CARGO_TARGET_DIR", target)
        .env_remove("RUSTFLAGS")
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let mut build = Build::default();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(message) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        match message["reason"].as_str() {
            Some("compiler-artifact") => {
                if message["target"]["name"] == "msgen-corpus-scratch"
                    && let Some(exe) = message["executable"].as_str()
                {
                    build.executable = Some(PathBuf::from(exe));
                }
            }
            Some("compiler-message") => {
                let diagnostic = &message["message"];
                let level = diagnostic["level"].as_str().unwrap_or_default();
                let text = diagnostic["message"].as_str().unwrap_or_default();
                let primary = diagnostic["spans"]
                    .as_array()
                    .and_then(|spans| spans.iter().find(|s| s["is_primary"] == true));
                let Some(span) = primary else {
                    if level == "error" && !text.starts_with("aborting") {
                        let _ = writeln!(build.unattributed, "{text}");
                    }
                    continue;
                };
                let file = span["file_name"].as_str().unwrap_or_default().to_string();
                let line = span["line_start"].as_u64().unwrap_or(0) as usize;
                let column = span["column_start"].as_u64().unwrap_or(0);
                let short = file.rsplit('/').next().unwrap_or_default();
                let entry = (
                    file.clone(),
                    line,
                    format!("{text} ({short}:{line}:{column})"),
                );
                match level {
                    "error" => {
                        if !file.starts_with("src/") {
                            let _ = writeln!(build.unattributed, "{}", entry.2);
                        }
                        build.errors.push(entry);
                    }
                    "warning" => build.warnings.push(entry),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    if !output.status.success() {
        build.executable = None;
        if build.errors.is_empty() {
            build
                .unattributed
                .push_str(&String::from_utf8_lossy(&output.stderr));
        }
    }
    Ok(build)
}

/// The module a diagnostic belongs to.
fn module_of(file: &str, line: usize, lines: &BTreeMap<usize, String>) -> Option<String> {
    if let Some(rest) = file.strip_prefix("src/schemas/") {
        return rest.strip_suffix(".rs").map(str::to_string);
    }
    if file == "src/main.rs" {
        return lines.get(&line).cloned();
    }
    None
}

/// Runs the runner on every instance of the active modules.
fn run(
    dir: &Path,
    executable: &Path,
    schemas: &mut [Schema],
    active: &BTreeSet<usize>,
) -> Result<(), String> {
    let mut jobs = Vec::new();
    for &i in active {
        let schema = &schemas[i];
        for (valid, files) in [(true, &schema.valid), (false, &schema.invalid)] {
            for (file, path) in files {
                let file = format!("{}/{file}", if valid { "valid" } else { "invalid" });
                jobs.push(serde_json::json!({
                    "module": schema.module,
                    "file": file,
                    "path": path.display().to_string(),
                }));
            }
        }
    }
    let jobs_path = dir.join("jobs.json");
    write(&jobs_path, &Value::Array(jobs).to_string())?;
    let output = Command::new(executable)
        .arg(&jobs_path)
        .output()
        .map_err(|e| format!("cannot run `{}`: {e}", executable.display()))?;
    if !output.status.success() {
        return Err(format!(
            "the runner failed: {}",
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let Ok(result) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let text = |key: &str| result[key].as_str().unwrap_or_default().to_string();
        let module = text("module");
        let file = text("file");
        if let Some(schema) = schemas.iter_mut().find(|s| s.module == module) {
            schema.results.push(InstanceResult {
                valid: file.starts_with("valid/"),
                file,
                outcome: text("outcome"),
                detail: text("detail"),
            });
        }
    }
    Ok(())
}
