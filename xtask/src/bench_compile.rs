//! `cargo xtask bench-compile`: how long the generated crate takes to build from clean with
//! its dependencies already built, with all providers and with each provider alone, and how
//! many lines of generated code each has. A whole `cargo build` must be timed, so this is a
//! command rather than a `cargo bench` target.

use std::path::Path;
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

/// Runs the measurement and prints a Markdown table.
pub fn run(root: &Path, runs: usize) -> ExitCode {
    let target = root.join("target/bench-compile");
    let providers = match msgen_codegen::provider_dirs(&root.join("schemas")) {
        Ok(providers) => providers,
        Err(e) => {
            eprintln!("error: cannot list schemas/: {e}");
            return ExitCode::from(3);
        }
    };
    let mut configs: Vec<(String, Vec<String>)> = vec![("all providers".into(), providers.clone())];
    configs.extend(providers.iter().map(|p| (p.clone(), vec![p.clone()])));
    println!("| features | generated lines | build from clean, s (median of {runs}) |");
    println!("|---|---:|---:|");
    for (label, features) in configs {
        let lines: usize = features
            .iter()
            .map(|p| generated_lines(&root.join("generated/src").join(p)))
            .sum();
        let feature_list = features.join(",");
        let build = [
            "build",
            "-p",
            "msgen-sdk",
            "--no-default-features",
            "--features",
            feature_list.as_str(),
        ];
        let clean = ["clean", "-p", "msgen-sdk"];
        // Dependencies first, so only msgen-sdk itself is timed.
        let mut times: Vec<Duration> = Vec::new();
        let measured = cargo(root, &target, &build).and_then(|()| {
            for _ in 0..runs.max(1) {
                cargo(root, &target, &clean)?;
                let start = Instant::now();
                cargo(root, &target, &build)?;
                times.push(start.elapsed());
            }
            Ok(())
        });
        if let Err(e) = measured {
            eprintln!("error: {e}");
            return ExitCode::from(3);
        }
        times.sort();
        let median = times[times.len() / 2];
        println!("| {label} | {lines} | {:.2} |", median.as_secs_f64());
    }
    ExitCode::SUCCESS
}

fn cargo(root: &Path, target: &Path, args: &[&str]) -> Result<(), String> {
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(args)
        .arg("--quiet")
        .arg("--target-dir")
        .arg(target)
        .current_dir(root)
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`cargo {}` failed", args.join(" ")))
    }
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
