//! `cargo xtask`: msgen's developer commands.
//!
//! `cargo xtask gen` regenerates `generated/`, the payload registry and the manifest
//! meta-schema from `schemas/`; `--check` writes nothing and fails with a diff when anything
//! is stale. Exit codes: 0 success, 1 stale output (`--check`), 2 the schemas have errors,
//! 3 an I/O error.

mod files;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "msgen developer commands")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the SDK, the payload registry and the manifest meta-schema from `schemas/`.
    Gen {
        /// Write nothing; exit 1 with a unified diff when a generated file is stale.
        #[arg(long)]
        check: bool,
        /// Only this provider's module (the shared files are left alone).
        #[arg(long, value_name = "NAME")]
        provider: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = workspace_root();
    match cli.command {
        Command::Gen { check, provider } => generate(&root, check, provider.as_deref()),
    }
}

fn workspace_root() -> PathBuf {
    // xtask lives one level below the workspace root.
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir
        .parent()
        .map(PathBuf::from)
        .unwrap_or(manifest_dir)
}

fn generate(root: &std::path::Path, check: bool, provider: Option<&str>) -> ExitCode {
    let generation = match msgen_codegen::generate(root, provider) {
        Ok(generation) => generation,
        Err(failure) => {
            eprint!("{}", failure.report);
            eprintln!("nothing was written");
            return ExitCode::from(2);
        }
    };
    if generation.warning_count > 0 {
        eprint!("{}", generation.warnings);
        eprintln!("{} warning(s)", generation.warning_count);
    }
    if let Err(message) = files::check_registration(root, &generation) {
        eprintln!("error: {message}");
        return ExitCode::from(2);
    }
    let plan = match files::plan(root, &generation, provider.is_none()) {
        Ok(plan) => plan,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(3);
        }
    };
    if check {
        if plan.is_empty() {
            return ExitCode::SUCCESS;
        }
        eprint!("{}", plan.diff());
        eprintln!(
            "error: {} generated file(s) are stale; run `cargo xtask gen`",
            plan.len()
        );
        return ExitCode::from(1);
    }
    match plan.apply(root) {
        Ok(()) => {
            if !plan.is_empty() {
                eprintln!("updated {} file(s)", plan.len());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(3)
        }
    }
}
