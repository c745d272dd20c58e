//! `cargo xtask bench-compile`: what the generated crate costs users to compile. A whole
//! `cargo build` must be timed, so this is a command rather than a `cargo bench` target.
//!
//! - Warm (always): with `msgen-runtime` and every other dependency already built, the time
//!   to rebuild `msgen-sdk` alone, for all providers and for each provider alone, and that
//!   time per 1,000 generated lines: the cost of the generated code itself.
//! - Cold (`--cold`): from an empty target dir, dependencies included, for every provider
//!   and for types only (no features), with the number of crates built.
//!
//! Debug profile, `CARGO_INCREMENTAL=0` (as for the anchor in BENCHMARKS.md), a target dir
//! of its own under `target/bench-compile`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Runs the measurements and prints Markdown tables.
pub fn run(root: &Path, runs: usize, cold: bool) -> ExitCode {
    match measure(root, runs.max(1), cold) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(3)
        }
    }
}

fn measure(root: &Path, runs: usize, cold: bool) -> Result<(), String> {
    let target = root.join("target/bench-compile");
    let providers = msgen_codegen::provider_dirs(&root.join("schemas"))
        .map_err(|e| format!("cannot list schemas/: {e}"))?;
    let mut configs: Vec<(String, Vec<String>)> = vec![("all providers".into(), providers.clone())];
    configs.extend(providers.iter().map(|p| (p.clone(), vec![p.clone()])));
    // The crate with no provider: `lib.rs` alone, the fixed cost of any build.
    configs.push(("no provider (lib.rs only)".into(), Vec::new()));
    println!("Warm: dependencies and msgen-runtime prebuilt, `msgen-sdk` rebuilt alone.");
    println!();
    println!("| features | generated lines | build, s (median of {runs}) | s per 1,000 lines |");
    println!("|---|---:|---:|---:|");
    for (label, features) in &configs {
        let lines: usize = features
            .iter()
            .map(|p| generated_lines(&root.join("generated/src").join(p)))
            .sum();
        let build = build_args(features);
        let build: Vec<&str> = build.iter().map(String::as_str).collect();
        // Dependencies first, so only msgen-sdk itself is timed.
        cargo(root, &target, &build)?;
        let mut times: Vec<Duration> = Vec::new();
        for _ in 0..runs {
            cargo(root, &target, &["clean", "-p", "msgen-sdk"])?;
            let start = Instant::now();
            cargo(root, &target, &build)?;
            times.push(start.elapsed());
        }
        let median = median(times);
        let per_thousand = median.as_secs_f64() * 1000.0 / lines.max(1) as f64;
        println!(
            "| {label} | {lines} | {:.2} | {per_thousand:.2} |",
            median.as_secs_f64()
        );
    }
    if cold {
        println!();
        println!("Cold: an empty target dir, dependencies included.");
        println!();
        println!("| features | crates built | build, s (median of {runs}) |");
        println!("|---|---:|---:|");
        let cold_configs = [
            ("every provider".to_string(), providers.clone()),
            ("types only (no features)".to_string(), Vec::new()),
        ];
        let cold_target = root.join("target/bench-compile-cold");
        for (label, features) in &cold_configs {
            let build = build_args(features);
            let build: Vec<&str> = build.iter().map(String::as_str).collect();
            let crates = crate_count(root, features)?;
            let mut times = Vec::new();
            for _ in 0..runs {
                let _ = std::fs::remove_dir_all(&cold_target);
                let start = Instant::now();
                cargo(root, &cold_target, &build)?;
                times.push(start.elapsed());
            }
            println!(
                "| {label} | {crates} | {:.1} |",
                median(times).as_secs_f64()
            );
        }
        let _ = std::fs::remove_dir_all(&cold_target);
    }
    Ok(())
}

fn build_args(features: &[String]) -> Vec<String> {
    let mut args: Vec<String> = ["build", "-p", "msgen-sdk", "--no-default-features"]
        .map(String::from)
        .into();
    if !features.is_empty() {
        args.push("--features".into());
        args.push(features.join(","));
    }
    args
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn cargo_command(root: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(root).env("CARGO_INCREMENTAL", "0");
    command
}

fn cargo(root: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let status = cargo_command(root)
        .args(args)
        .arg("--quiet")
        .arg("--target-dir")
        .arg(target)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed", args.join(" ")))
    }
}

/// The packages a build of `msgen-sdk` with `features` compiles (normal and build
/// dependencies, `msgen-sdk` included, each name and version once), from `cargo tree`.
fn crate_count(root: &Path, features: &[String]) -> Result<usize, String> {
    let mut args = vec![
        "tree",
        "-p",
        "msgen-sdk",
        "--no-default-features",
        "-e",
        "normal,build",
        "--prefix",
        "none",
    ];
    let joined = features.join(",");
    if !features.is_empty() {
        args.extend(["--features", joined.as_str()]);
    }
    let output = cargo_command(root)
        .args(&args)
        .output()
        .map_err(|e| format!("cannot run cargo tree: {e}"))?;
    if !output.status.success() {
        return Err(format!(
            "`cargo {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&output.stderr)
        ));
    }
    let text = String::from_utf8_lossy(&output.stdout);
    let packages: BTreeSet<String> = text
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .collect();
    Ok(packages.len())
}

/// Lines of the generated files (those with the `@generated` header) in a module folder.
fn generated_lines(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .filter_map(|e| std::fs::read_to_string(e.ok()?.path()).ok())
        .filter(|text| text.starts_with("// @generated"))
        .map(|text| text.lines().count())
        .sum()
}
