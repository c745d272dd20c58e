//! Scratch crates: generated modules compiled together as one library (so unused types are
//! not dead code), depending on `msgen-runtime` without features (serde support only, as
//! `cargo xtask types` output does), and a `main.rs` runner. They build offline with the
//! workspace lockfile, in a target dir every scratch crate shares.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

use super::workspace;

/// Writes a scratch crate `package` in `dir`: each `(name, code)` module under
/// `src/modules/`, a `lib.rs` that declares them under `#![deny(warnings)]`, and `main`.
pub fn write(dir: &Path, package: &str, modules: &[(String, String)], main: &str) {
    let root = workspace();
    let src = dir.join("src");
    let _ = std::fs::remove_dir_all(&src);
    std::fs::create_dir_all(src.join("modules")).expect("scratch dir");
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
msgen-runtime = {{ path = {runtime:?} }}
"#,
        runtime = root.join("runtime").display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).expect("write manifest");
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).expect("copy lockfile");
    let mut lib = String::from("#![deny(warnings)]\n#![allow(missing_docs)]\n");
    for (name, code) in modules {
        std::fs::write(src.join("modules").join(format!("{name}.rs")), code).expect("write module");
        let _ = writeln!(lib, "#[path = \"modules/{name}.rs\"]\npub mod {name};");
    }
    std::fs::write(src.join("lib.rs"), lib).expect("write lib");
    std::fs::write(src.join("main.rs"), main).expect("write main");
}

/// Builds and runs the scratch crate in `dir`.
pub fn run(dir: &Path) -> Output {
    Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--offline", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        .env(
            "CARGO_TARGET_DIR",
            workspace().join("target/msgen-scratch/target"),
        )
        .env_remove("RUSTFLAGS")
        .output()
        .expect("cargo runs")
}
