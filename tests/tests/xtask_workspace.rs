//! `cargo xtask` works on the checkout it runs in, even when checkouts share one target dir.
//!
//! Cargo's fingerprint does not depend on the checkout's path, so with a shared target dir
//! (`build.target-dir`, `CARGO_TARGET_DIR`) the xtask binary built in one checkout is reused
//! as it is in the other. A workspace path baked in at compile time then made
//! `gen --check` in the second checkout read the first one's `schemas/` (and `gen` would
//! have written there). Two copies of this checkout share one target dir here; the second
//! must see its own drift, and nothing of the first, also once the first is gone.
//!
//! The copies are the checkout's working tree as `git ls-files` lists it (uncommitted
//! changes included, ignored files such as `target/` left out). The shared target dir is
//! `target/msgen-xtask-shared/`, kept between runs: the first run builds xtask and its
//! dependencies there (minutes on a small machine), later ones only msgen-codegen and
//! xtask. Nested cargo runs offline, with the copied lockfile.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Instant, SystemTime};

/// Put into a description in the second checkout's schemas: a token no doc comment wraps.
const MARKER: &str = "EditedInCheckoutB";

/// A scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies the working tree of `from` (as `git ls-files` lists it) to `to`.
fn copy_checkout(from: &Path, to: &Path) {
    let listing = Command::new("git")
        .args(["ls-files", "-z", "--cached", "--others", "--exclude-standard"])
        .current_dir(from)
        .output()
        .unwrap_or_else(|e| {
            panic!("this test copies the checkout with the files `git ls-files` lists, and git does not run: {e}")
        });
    assert!(
        listing.status.success(),
        "`git ls-files` failed in {}: {}",
        from.display(),
        String::from_utf8_lossy(&listing.stderr)
    );
    let mut copied = 0;
    for name in listing.stdout.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = std::str::from_utf8(name).expect("file names are UTF-8");
        let source = from.join(name);
        // Deleted in the working tree but still in the index.
        if !source.is_file() {
            continue;
        }
        let dest = to.join(name);
        std::fs::create_dir_all(dest.parent().expect("has a parent")).expect("create dir");
        std::fs::copy(&source, &dest)
            .unwrap_or_else(|e| panic!("cannot copy {}: {e}", source.display()));
        copied += 1;
    }
    assert!(
        copied > 0,
        "`git ls-files` listed nothing in {}",
        from.display()
    );
}

/// Runs `cargo xtask <args>` in `checkout` with the shared target dir.
fn xtask(checkout: &Path, target: &Path, args: &[&str]) -> Output {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let start = Instant::now();
    let output = Command::new(cargo)
        .arg("xtask")
        .args(args)
        .current_dir(checkout)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_NET_OFFLINE", "true")
        .output()
        .expect("cargo runs");
    eprintln!(
        "`cargo xtask {}` in {}: {:.1}s, {}",
        args.join(" "),
        checkout.display(),
        start.elapsed().as_secs_f64(),
        output.status
    );
    output
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|m| m.modified()).ok()
}

/// Whether any file under `dir` contains `text`.
fn any_file_contains(dir: &Path, text: &str) -> bool {
    std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .any(|entry| {
            let path = entry.path();
            if path.is_dir() {
                any_file_contains(&path, text)
            } else {
                std::fs::read_to_string(&path).is_ok_and(|t| t.contains(text))
            }
        })
}

/// What a `gen --check` in checkout b must and must not say.
fn assert_reports_b_only(output: &Output, b: &Path, a: &Path) {
    let stderr = stderr(output);
    assert_eq!(
        output.status.code(),
        Some(1),
        "gen --check in b must report b's drift:\n{stderr}"
    );
    assert!(
        stderr.contains(MARKER),
        "the diff must show b's edited schema:\n{stderr}"
    );
    assert!(
        stderr.contains(&b.display().to_string()),
        "the report must name b:\n{stderr}"
    );
    assert!(
        !stderr.contains(&a.display().to_string()),
        "b's check must not touch a:\n{stderr}"
    );
}

#[test]
fn checkouts_sharing_a_target_dir_each_work_on_their_own_files() {
    let workspace = common::workspace();
    let target = workspace.join("target/msgen-xtask-shared");
    let base = std::env::temp_dir().join(format!("msgen-xtask-workspace-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&base);
    std::fs::create_dir_all(&base).expect("create scratch dir");
    let scratch = Scratch(base.canonicalize().expect("canonical scratch dir"));
    let a = scratch.0.join("checkout-a");
    let b = scratch.0.join("checkout-b");
    // Both copies before anything is built: b's sources are then older than the binary
    // built in a, so cargo reuses that binary in b, as it does for real clones.
    copy_checkout(&workspace, &a);
    copy_checkout(&workspace, &b);

    let output = xtask(&a, &target, &["gen", "--check"]);
    assert!(
        output.status.success(),
        "gen --check in a fresh copy of the checkout must pass (is the checkout itself \
         stale?):\n{}",
        stderr(&output)
    );
    let binary = target
        .join("debug")
        .join(format!("xtask{}", std::env::consts::EXE_SUFFIX));
    let built_in_a = modified(&binary);

    let schema = b.join("schemas/ziik/types.json");
    let text = std::fs::read_to_string(&schema).expect("read ziik's types.json");
    let edited = text.replacen(
        r#""description": ""#,
        &format!(r#""description": "{MARKER} "#),
        1,
    );
    assert_ne!(edited, text, "ziik's types.json has no description to edit");
    std::fs::write(&schema, edited).expect("edit b's schema");

    let output = xtask(&b, &target, &["gen", "--check"]);
    if modified(&binary) != built_in_a {
        eprintln!("note: cargo rebuilt xtask for b, so b did not reuse a's binary");
    }
    assert_reports_b_only(&output, &b, &a);

    // With a gone, b still checks itself (a path of a would now fail to be read).
    std::fs::remove_dir_all(&a).expect("remove checkout a");
    let output = xtask(&b, &target, &["gen", "--check"]);
    assert_reports_b_only(&output, &b, &a);

    // `gen` writes into b.
    let output = xtask(&b, &target, &["gen"]);
    assert!(output.status.success(), "gen in b: {}", stderr(&output));
    assert!(
        any_file_contains(&b.join("generated/src/ziik"), MARKER),
        "gen must write b's generated files"
    );
    let output = xtask(&b, &target, &["gen", "--check"]);
    assert!(
        output.status.success(),
        "b is fresh after gen: {}",
        stderr(&output)
    );
}
