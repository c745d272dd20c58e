//! `cargo xtask corpus <folder>`: measures the type generator on a folder of real-world
//! schemas (`<name>/schema.json`, `<name>/valid/*.json`, `<name>/invalid/*.json`).
//!
//! Every schema is generated (a panic is caught and counted), all outputs are compiled
//! together in one scratch crate ([`scratch`]) where a module that fails is dropped and the
//! rest rebuilt, and every instance is decoded into the schema's root type, re-encoded and
//! compared as JSON. [`report`] writes `CORPUS.md` and checks the floor.

mod report;
mod scratch;

use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use msgen_codegen::standalone;

/// What `corpus` was asked to do.
pub struct Args {
    /// The corpus folder.
    pub folder: PathBuf,
    /// Where to write the report.
    pub report: PathBuf,
    /// The floor file.
    pub floor: PathBuf,
    /// Fail (exit 1) when a total fell below the floor.
    pub check_floor: bool,
    /// Rewrite the floor file with the current totals.
    pub write_floor: bool,
}

/// One schema of the corpus and what became of it.
pub struct Schema {
    /// Folder name.
    pub name: String,
    /// Rust module name in the scratch crate.
    pub module: String,
    /// Instances that must decode and round-trip, as (file name, path).
    pub valid: Vec<(String, PathBuf)>,
    /// Instances that should be rejected.
    pub invalid: Vec<(String, PathBuf)>,
    /// Result of generation.
    pub generation: Generation,
    /// Result of compilation.
    pub compile: Compile,
    /// Per-instance results.
    pub results: Vec<InstanceResult>,
}

/// Result of running the generator on one schema.
pub enum Generation {
    /// Generated Rust.
    Ok {
        code: String,
        /// The root type, when the schema has one.
        root_type: Option<String>,
        /// Generator warnings.
        warnings: usize,
    },
    /// The generator reported errors (the first one).
    Failed(String),
    /// The generator panicked (a bug: it must never panic on input).
    Panicked(String),
}

/// Result of compiling one generated module.
pub enum Compile {
    /// Not compiled (generation failed).
    NotTried,
    /// Compiled, with this many rustc warnings (and the first one).
    Ok {
        warnings: usize,
        first_warning: Option<String>,
    },
    /// Did not compile (the first error).
    Failed(String),
}

/// What happened to one instance.
pub struct InstanceResult {
    /// Whether the instance is from `valid/`.
    pub valid: bool,
    /// File name.
    pub file: String,
    /// `equal`, `differs`, `decode`, `encode` or `panic`.
    pub outcome: String,
    /// The error or the first difference.
    pub detail: String,
}

/// Runs the whole measurement.
pub fn run(root: &Path, args: &Args) -> ExitCode {
    let mut schemas = match discover(&args.folder) {
        Ok(schemas) => schemas,
        Err(e) => {
            eprintln!(
                "error: cannot read the corpus `{}`: {e}",
                args.folder.display()
            );
            return ExitCode::from(3);
        }
    };
    if schemas.is_empty() {
        eprintln!(
            "error: no `<name>/schema.json` under `{}`",
            args.folder.display()
        );
        return ExitCode::from(3);
    }
    eprintln!("generating {} schemas", schemas.len());
    for schema in &mut schemas {
        schema.generation = generate(&args.folder.join(&schema.name).join("schema.json"));
    }
    eprintln!("compiling and running the scratch crate");
    if let Err(e) = scratch::measure(root, &mut schemas) {
        eprintln!("error: {e}");
        return ExitCode::from(3);
    }
    let totals = report::Totals::of(&schemas);
    let text = report::markdown(&schemas, &totals);
    if let Err(e) = std::fs::write(&args.report, text) {
        eprintln!("error: cannot write `{}`: {e}", args.report.display());
        return ExitCode::from(3);
    }
    eprintln!("{}", totals.summary());
    eprintln!("wrote {}", args.report.display());
    if args.write_floor {
        if let Err(e) = std::fs::write(&args.floor, totals.floor_file()) {
            eprintln!("error: cannot write `{}`: {e}", args.floor.display());
            return ExitCode::from(3);
        }
        eprintln!("wrote {}", args.floor.display());
    }
    if args.check_floor {
        let floor = match std::fs::read_to_string(&args.floor) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read `{}`: {e}", args.floor.display());
                return ExitCode::from(3);
            }
        };
        match totals.check_floor(&floor) {
            Ok(()) => eprintln!("at or above the floor in {}", args.floor.display()),
            Err(regressions) => {
                for line in regressions {
                    eprintln!("regression: {line}");
                }
                return ExitCode::from(1);
            }
        }
    }
    ExitCode::SUCCESS
}

/// Every `<name>/schema.json` of the folder, sorted, with its instances.
fn discover(folder: &Path) -> std::io::Result<Vec<Schema>> {
    let mut names: Vec<String> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter(|e| e.path().join("schema.json").is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let mut modules: Vec<String> = Vec::new();
    let mut schemas = Vec::new();
    for name in names {
        let dir = folder.join(&name);
        let mut module = module_name(&name);
        while modules.contains(&module) {
            module.push('_');
        }
        modules.push(module.clone());
        schemas.push(Schema {
            valid: instances(&dir.join("valid"))?,
            invalid: instances(&dir.join("invalid"))?,
            name,
            module,
            generation: Generation::Failed(String::new()),
            compile: Compile::NotTried,
            results: Vec::new(),
        });
    }
    Ok(schemas)
}

/// The `*.json` files of a folder (none when it does not exist), sorted.
fn instances(dir: &Path) -> std::io::Result<Vec<(String, PathBuf)>> {
    if !dir.is_dir() {
        return Ok(Vec::new());
    }
    let mut files: Vec<(String, PathBuf)> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
        .filter(|(name, _)| name.ends_with(".json"))
        .collect();
    files.sort();
    Ok(files)
}

/// A Rust module name for a schema folder (`buf.lock` → `s_buf_lock`).
fn module_name(name: &str) -> String {
    let body: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("s_{body}")
}

/// Runs the generator on one schema, catching a panic so it is counted rather than fatal.
fn generate(path: &Path) -> Generation {
    let options = crate::types::options(None);
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let result =
        std::panic::catch_unwind(AssertUnwindSafe(|| standalone::generate(path, &options)));
    std::panic::set_hook(previous);
    match result {
        Ok(Ok(generated)) => Generation::Ok {
            code: generated.code,
            root_type: generated.root_type,
            warnings: generated.warning_count,
        },
        Ok(Err(failure)) => Generation::Failed(first_line(&failure.report)),
        Err(payload) => Generation::Panicked(
            payload
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "panic".into()),
        ),
    }
}

/// The first diagnostic of a rendered report, on one line (`message (at pointer, line:col)`).
fn first_line(report: &str) -> String {
    let mut lines = report.lines();
    let message = lines.next().unwrap_or_default().to_string();
    match lines.next().and_then(|l| l.trim().strip_prefix("--> ")) {
        Some(location) => format!("{message} ({location})"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn module_names() {
        assert_eq!(super::module_name("buf.lock"), "s_buf_lock");
        assert_eq!(super::module_name("abc-5.0.0"), "s_abc_5_0_0");
    }
}
