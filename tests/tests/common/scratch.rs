//! Scratch crates: generated modules compiled together as one library (so unused types are
//! not dead code), depending on `msgen-runtime` without features (serde support only, as
//! `cargo xtask types` output does) and a `main.rs` runner, or, for provider modules, with
//! the HTTP runtime's features. They build offline with the workspace lockfile, in a
//! target dir every scratch crate shares.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

use super::workspace;

/// Writes a scratch crate `package` in `dir`: each `(name, code)` module under
/// `src/modules/`, a `lib.rs` that declares them under `#![deny(warnings)]`, and `main`.
pub fn write(dir: &Path, package: &str, modules: &[(String, String)], main: &str) {
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(src.join("modules")).expect("scratch dir");
    write_manifest(dir, package, &[]);
    let mut lib = String::from("#![deny(warnings)]\n#![allow(missing_docs)]\n");
    for (name, code) in modules {
        std::fs::write(src.join("modules").join(format!("{name}.rs")), code).expect("write module");
        let _ = writeln!(lib, "#[path = \"modules/{name}.rs\"]\npub mod {name};");
    }
    std::fs::write(src.join("lib.rs"), lib).expect("write lib");
    std::fs::write(src.join("main.rs"), main).expect("write main");
}

/// Writes a library scratch crate `package` in `dir` whose `src/` holds `files` (paths
/// relative to `src/`, `lib.rs` among them), depending on `msgen-runtime` with `features`.
pub fn write_library(dir: &Path, package: &str, features: &[&str], files: &[(String, String)]) {
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    write_manifest(dir, package, features);
    for (path, code) in files {
        let path = src.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("scratch dir");
        std::fs::write(path, code).expect("write file");
    }
}

fn write_manifest(dir: &Path, package: &str, features: &[&str]) {
    let root = workspace();
    std::fs::create_dir_all(dir).expect("scratch dir");
    let manifest = format!(
        r#"[package]
name = "{package}"
version = "0.0.0"
edition = "2024"
publish = false

[workspace]

[dependencies]
serde = {{ version = "1", features = ["derive"] }}
serde_json = "1"
serde_path_to_error = "0.1"
chrono = {{ version = "0.4", default-features = false, features = ["std", "serde"] }}
uuid = {{ version = "1", default-features = false, features = ["std", "serde"] }}
msgen-runtime = {{ path = {runtime:?}, features = {features:?} }}
"#,
        runtime = root.join("runtime").display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write manifest");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy lockfile");
}

/// Builds and runs the scratch crate in `dir`.
pub fn run(dir: &Path) -> Output {
    cargo(dir, &["run", "--quiet"])
}

/// Type-checks the scratch library in `dir` (what compiling it would report, without
/// generating code).
pub fn check(dir: &Path) -> Output {
    cargo(dir, &["check", "--quiet", "--lib"])
}

fn cargo(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO"))
        .args(args)
        .args(["--offline", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/msgen-scratch/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}
