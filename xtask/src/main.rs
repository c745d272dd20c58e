//! `cargo xtask`: msgen's developer commands.
//!
//! `cargo xtask gen` regenerates `generated/`, the payload registry and the manifest
//! meta-schema from `schemas/`; `--check` writes nothing and fails with a diff when anything
//! is stale. `cargo xtask types <schema.json>` turns any standalone JSON Schema into one Rust
//! module; `cargo xtask corpus <folder>` measures the generator on a folder of real-world
//! schemas and writes `CORPUS.md`. Exit codes: 0 success, 1 stale output (`--check`) or a
//! corpus total below its floor (`--check-floor`), 2 the schemas have errors (or warnings,
//! with `gen --deny-warnings`), 3 an I/O error (no workspace found included).
//!
//! The workspace is found at run time (`--workspace`, else the `CARGO_MANIFEST_DIR` that
//! `cargo run` sets, else upward from the current directory; see `workspace.rs`), never
//! through a path baked in at compile time: checkouts sharing a target dir share the binary.

mod bench_compile;
mod corpus;
mod files;
mod journal;
mod types;
mod workspace;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "msgen developer commands")]
struct Cli {
    /// The workspace to work on (default: the checkout `cargo xtask` runs in, found from
    /// `CARGO_MANIFEST_DIR` or upward from the current directory).
    #[arg(long, global = true, value_name = "DIR")]
    workspace: Option<PathBuf>,
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
        /// Treat warnings (keywords kept as documentation only, unknown keywords, …) as
        /// errors: print them, write nothing and exit 2.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// Any standalone JSON Schema file → one Rust module with a root type (support types
    /// from the `msgen-runtime` crate, without features).
    Types {
        /// The schema file.
        schema: PathBuf,
        /// Write the module here instead of stdout.
        #[arg(short, long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// Name of the root type (default: the schema's `title`, else the file name).
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Measure the generator on a folder of schemas (`<name>/schema.json`, `valid/`,
    /// `invalid/`): generate, compile, round-trip; write the report.
    Corpus {
        /// The corpus folder.
        folder: PathBuf,
        /// Where to write the report (default: `CORPUS.md` at the workspace root).
        #[arg(long, value_name = "FILE")]
        report: Option<PathBuf>,
        /// The floor file (default: `xtask/corpus-floor.toml`).
        #[arg(long, value_name = "FILE")]
        floor: Option<PathBuf>,
        /// Exit 1 when a total is below the floor (or the generator panicked).
        #[arg(long)]
        check_floor: bool,
        /// Rewrite the floor file with the current totals.
        #[arg(long)]
        write_floor: bool,
    },
    /// Time building the generated crate from clean (dependencies prebuilt), with all
    /// providers and with each alone, and count its generated lines.
    BenchCompile {
        /// Builds per configuration; the median is reported.
        #[arg(long, default_value_t = 3)]
        runs: usize,
        /// Also build from an empty target dir, dependencies included (minutes per run).
        #[arg(long)]
        cold: bool,
    },
}

/// Generation builds and drops millions of small token trees and syntax nodes; mimalloc
/// handles that churn with about a quarter fewer instructions than the system allocator
/// (measured in BENCHMARKS.md, section 2).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // `types` works on any schema file, so it needs no workspace.
    if let Command::Types { schema, out, name } = cli.command {
        return types::run(&schema, out.as_ref(), name);
    }
    let root = match workspace::find(cli.workspace.as_deref()) {
        Ok(root) => root,
        Err(message) => {
            eprintln!("error: {message}");
            return ExitCode::from(3);
        }
    };
    match cli.command {
        Command::Gen {
            check,
            provider,
            deny_warnings,
        } => generate(&root, check, deny_warnings, provider.as_deref()),
        Command::Types { .. } => unreachable!("handled above"),
        Command::BenchCompile { runs, cold } => bench_compile::run(&root, runs, cold),
        Command::Corpus {
            folder,
            report,
            floor,
            check_floor,
            write_floor,
        } => corpus::run(
            &root,
            &corpus::Args {
                folder,
                report: report.unwrap_or_else(|| root.join("CORPUS.md")),
                floor: floor.unwrap_or_else(|| root.join("xtask/corpus-floor.toml")),
                check_floor,
                write_floor,
            },
        ),
    }
}

fn generate(
    root: &std::path::Path,
    check: bool,
    deny_warnings: bool,
    provider: Option<&str>,
) -> ExitCode {
    // A change an interrupted `gen` committed is finished first, so the tree is whole
    // before it is compared; `--check` only says so.
    if check && journal::pending(root) {
        eprintln!(
            "error: an interrupted `cargo xtask gen` left changes in {}/; run `cargo xtask gen` to finish them",
            journal::DIR
        );
        return ExitCode::from(3);
    }
    if !check {
        match journal::recover(root) {
            Ok(true) => eprintln!("finished the changes of an interrupted `cargo xtask gen`"),
            Ok(false) => {}
            Err(e) => {
                eprintln!("error: cannot finish an interrupted `cargo xtask gen`: {e}");
                return ExitCode::from(3);
            }
        }
    }
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
        if deny_warnings {
            eprintln!("error: warnings are denied (--deny-warnings); nothing was written");
            return ExitCode::from(2);
        }
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
            "error: {} generated file(s) in {} are stale; run `cargo xtask gen`",
            plan.len(),
            root.display()
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
