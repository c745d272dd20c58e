//! `cargo xtask types <schema.json>`: any standalone JSON Schema file → one Rust module with
//! a root type, through the same codegen as the providers.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use msgen_codegen::emit::EmitOptions;
use msgen_codegen::standalone::{self, Standalone};

/// Generation options for a user's schema: support types from the `msgen-runtime` crate
/// without its features (serde support only, no HTTP stack).
pub fn options(root_name: Option<String>) -> standalone::Options {
    standalone::Options {
        root_name,
        emit: EmitOptions::standalone(),
        keep_unknown_keys: true,
        ..standalone::Options::default()
    }
}

/// Generates `schema` and writes it to `out` (stdout when `None`).
pub fn run(schema: &Path, out: Option<&PathBuf>, name: Option<String>) -> ExitCode {
    let generated: Standalone = match standalone::generate(schema, &options(name)) {
        Ok(generated) => generated,
        Err(failure) => {
            eprint!("{failure}");
            return ExitCode::from(2);
        }
    };
    if generated.warning_count > 0 {
        eprint!("{}", generated.warnings);
        eprintln!("{} warning(s)", generated.warning_count);
    }
    match &generated.root_type {
        Some(root) => eprintln!("root type: {}", root.replace(' ', "")),
        None => eprintln!("no root type: the schema only holds definitions"),
    }
    match out {
        Some(path) => match std::fs::write(path, &generated.code) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                ExitCode::from(3)
            }
        },
        None => {
            print!("{}", generated.code);
            ExitCode::SUCCESS
        }
    }
}
