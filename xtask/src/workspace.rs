//! Finding the workspace `cargo xtask` works on, at run time.
//!
//! A path baked in at compile time (`env!("CARGO_MANIFEST_DIR")`) is wrong as soon as two
//! checkouts share one target dir (`build.target-dir`, `CARGO_TARGET_DIR`): cargo's
//! fingerprint does not depend on the checkout's path, so the binary built in one checkout is
//! reused as it is in the other, and would read (and `gen` would write) the first checkout's
//! files. So the workspace is found each time xtask runs, never from a compile-time path.
//!
//! The rule; the first that applies wins:
//!
//! 1. `--workspace <DIR>`: DIR (relative to the current directory) must be a workspace root,
//!    else it is an error; nothing else is tried.
//! 2. The run-time environment variable `CARGO_MANIFEST_DIR`, which `cargo run` (and so
//!    `cargo xtask`) sets for the binary it runs: used when it is xtask's own folder (its
//!    `Cargo.toml` names the package `xtask`) and its parent is a workspace root. Otherwise
//!    (set by some other crate's cargo, say) it is ignored.
//! 3. From the current directory upward, the first folder that is a workspace root. Crates
//!    with their own `[workspace]` but no `schemas/` (scratch crates) are passed over.
//!
//! A workspace root is a folder whose `Cargo.toml` declares `[workspace]` and which holds a
//! `schemas/` folder. When none is found the error says how to run xtask (exit code 3).

use std::path::{Path, PathBuf};

/// Finds the workspace from the process's environment and current directory.
pub fn find(explicit: Option<&Path>) -> Result<PathBuf, String> {
    let manifest_dir = std::env::var_os("CARGO_MANIFEST_DIR").map(PathBuf::from);
    let cwd = std::env::current_dir().ok();
    resolve(explicit, manifest_dir.as_deref(), cwd.as_deref())
}

/// The rule of the module docs, with its inputs passed in (so it can be tested without
/// changing the process's environment).
fn resolve(
    explicit: Option<&Path>,
    manifest_dir: Option<&Path>,
    cwd: Option<&Path>,
) -> Result<PathBuf, String> {
    if let Some(dir) = explicit {
        let dir = match cwd {
            Some(cwd) => cwd.join(dir),
            None => dir.to_path_buf(),
        };
        return if is_root(&dir) {
            Ok(dir)
        } else {
            Err(format!(
                "--workspace {}: not an msgen workspace (a folder whose Cargo.toml declares \
                 [workspace] and which has schemas/)",
                dir.display()
            ))
        };
    }
    if let Some(root) = manifest_dir.and_then(root_of_xtask) {
        return Ok(root);
    }
    let Some(cwd) = cwd else {
        return Err(
            "cannot read the current directory to find the msgen workspace; \
                    pass `--workspace <DIR>`"
                .into(),
        );
    };
    if let Some(root) = cwd.ancestors().find(|dir| is_root(dir)) {
        return Ok(root.to_path_buf());
    }
    let ignored = manifest_dir
        .map(|dir| {
            format!(
                " (CARGO_MANIFEST_DIR={} is not xtask's folder in one)",
                dir.display()
            )
        })
        .unwrap_or_default();
    Err(format!(
        "cannot find the msgen workspace: no folder from {} upward has a Cargo.toml that \
         declares [workspace] and a schemas/ folder{ignored}; run `cargo xtask` inside a \
         checkout, or pass `--workspace <DIR>`",
        cwd.display()
    ))
}

/// The workspace root when `dir` is xtask's own folder in one.
fn root_of_xtask(dir: &Path) -> Option<PathBuf> {
    let manifest = std::fs::read_to_string(dir.join("Cargo.toml")).ok()?;
    if package_name(&manifest)? != "xtask" {
        return None;
    }
    let root = dir.parent()?;
    is_root(root).then(|| root.to_path_buf())
}

/// Whether `dir` is a workspace root: a `Cargo.toml` declaring `[workspace]`, and `schemas/`.
fn is_root(dir: &Path) -> bool {
    dir.join("schemas").is_dir()
        && std::fs::read_to_string(dir.join("Cargo.toml")).is_ok_and(|t| declares_workspace(&t))
}

/// A TOML line without its comment, trimmed (a `#` inside a string is rare enough in a
/// manifest's headers and `name` that it is not worth a TOML parser here).
fn code(line: &str) -> &str {
    line.split('#').next().unwrap_or("").trim()
}

/// The table a header line opens (`[workspace]` → `workspace`), if it is one.
fn header(line: &str) -> Option<&str> {
    let inner = code(line).strip_prefix('[')?.strip_suffix(']')?;
    Some(inner.trim_matches(|c: char| c == '[' || c == ']').trim())
}

/// Whether a manifest declares the `workspace` table: a `[workspace]` or `[workspace.…]`
/// header, or a top-level `workspace = {…}` or `workspace.… = …` key.
fn declares_workspace(manifest: &str) -> bool {
    let is_workspace = |name: &str| {
        name.split('.')
            .next()
            .is_some_and(|n| n.trim() == "workspace")
    };
    let mut top_level = true;
    for line in manifest.lines() {
        if let Some(table) = header(line) {
            if is_workspace(table) {
                return true;
            }
            top_level = false;
        } else if top_level
            && code(line)
                .split_once('=')
                .is_some_and(|(key, _)| is_workspace(key))
        {
            return true;
        }
    }
    false
}

/// The `name` in a manifest's `[package]` table.
fn package_name(manifest: &str) -> Option<String> {
    let mut in_package = false;
    for line in manifest.lines() {
        if let Some(table) = header(line) {
            in_package = table == "package";
            continue;
        }
        if !in_package {
            continue;
        }
        let Some((key, value)) = code(line).split_once('=') else {
            continue;
        };
        if key.trim() == "name" {
            return Some(value.trim().trim_matches(['"', '\'']).to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch folder for one test, removed when dropped.
    struct Scratch(PathBuf);

    impl Scratch {
        fn new(name: &str) -> Scratch {
            let dir =
                std::env::temp_dir().join(format!("msgen-xtask-ws-{}-{name}", std::process::id()));
            let _ = std::fs::remove_dir_all(&dir);
            std::fs::create_dir_all(&dir).expect("create scratch dir");
            // Canonical, so paths compare equal to what the rule returns.
            Scratch(dir.canonicalize().expect("canonical scratch dir"))
        }

        fn write(&self, path: &str, text: &str) -> PathBuf {
            let path = self.0.join(path);
            std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create dir");
            std::fs::write(&path, text).expect("write file");
            path
        }

        /// A workspace at `at` (relative to the scratch folder): root manifest, `schemas/`
        /// and an `xtask/` crate.
        fn workspace(&self, at: &str) -> PathBuf {
            let root = self.0.join(at);
            self.write(
                &format!("{at}/Cargo.toml"),
                "[workspace] # the root\nmembers = [\"xtask\"]\n",
            );
            std::fs::create_dir_all(root.join("schemas/p")).expect("create schemas");
            self.write(
                &format!("{at}/xtask/Cargo.toml"),
                "[package]\nname = \"xtask\"\nversion = \"0.1.0\"\n",
            );
            root
        }
    }

    impl Drop for Scratch {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    #[test]
    fn walks_up_from_a_nested_directory() {
        let scratch = Scratch::new("nested");
        let root = scratch.workspace("ws");
        let nested = root.join("schemas/p");
        assert_eq!(resolve(None, None, Some(&nested)), Ok(root.clone()));
        assert_eq!(resolve(None, None, Some(&root)), Ok(root));
    }

    #[test]
    fn passes_over_inner_workspaces_without_schemas() {
        // A scratch crate with its own `[workspace]` inside the checkout's target dir.
        let scratch = Scratch::new("inner");
        let root = scratch.workspace("ws");
        scratch.write(
            "ws/target/scratch/Cargo.toml",
            "[package]\nname = \"s\"\n\n[workspace]\n",
        );
        let inner = root.join("target/scratch");
        assert_eq!(resolve(None, None, Some(&inner)), Ok(root));
    }

    #[test]
    fn cargo_manifest_dir_of_xtask_wins_over_the_current_directory() {
        let scratch = Scratch::new("manifest-dir");
        let a = scratch.workspace("a");
        let b = scratch.workspace("b");
        let found = resolve(None, Some(&b.join("xtask")), Some(&a.join("schemas")));
        assert_eq!(found, Ok(b));
    }

    #[test]
    fn cargo_manifest_dir_of_another_crate_is_ignored() {
        let scratch = Scratch::new("other-crate");
        let a = scratch.workspace("a");
        let b = scratch.workspace("b");
        scratch.write("b/tests/Cargo.toml", "[package]\nname = \"msgen-tests\"\n");
        // Another package of a workspace, and a folder that is no crate at all.
        for dir in [b.join("tests"), b.join("schemas")] {
            assert_eq!(resolve(None, Some(&dir), Some(&a)), Ok(a.clone()));
        }
        // xtask's folder, but its parent is no longer a workspace (the checkout is gone).
        std::fs::remove_dir_all(b.join("schemas")).expect("remove schemas");
        assert_eq!(
            resolve(None, Some(&b.join("xtask")), Some(&a)),
            Ok(a.clone())
        );
    }

    #[test]
    fn explicit_workspace_wins_and_must_be_one() {
        let scratch = Scratch::new("explicit");
        let a = scratch.workspace("a");
        let b = scratch.workspace("b");
        let found = resolve(
            Some(Path::new("b")),
            Some(&a.join("xtask")),
            Some(&scratch.0),
        );
        assert_eq!(found, Ok(b));
        let error = resolve(Some(Path::new("nowhere")), None, Some(&a)).unwrap_err();
        assert!(
            error.contains("--workspace") && error.contains("nowhere"),
            "{error}"
        );
    }

    #[test]
    fn nothing_found_says_how_to_run_it() {
        let scratch = Scratch::new("none");
        // A `[workspace]` without `schemas/` is not one.
        scratch.write("Cargo.toml", "[workspace]\n");
        let error = resolve(None, Some(&scratch.0.join("gone")), Some(&scratch.0)).unwrap_err();
        assert!(error.contains(&scratch.0.display().to_string()), "{error}");
        assert!(error.contains("CARGO_MANIFEST_DIR"), "{error}");
        assert!(
            error.contains("cargo xtask") && error.contains("--workspace"),
            "{error}"
        );
    }

    #[test]
    fn reads_workspace_and_package_name_from_manifests() {
        assert!(declares_workspace("[workspace]\nmembers = []\n"));
        assert!(declares_workspace("[ workspace ] # root\n"));
        assert!(declares_workspace("workspace.members = [\"a\"]\n"));
        assert!(declares_workspace("workspace = { members = [] }\n"));
        assert!(declares_workspace(
            "[workspace.dependencies]\nserde = \"1\"\n"
        ));
        assert!(!declares_workspace("[package]\nworkspace = \"..\"\n"));
        assert!(!declares_workspace("[workspaces]\n"));
        assert!(!declares_workspace("# [workspace]\n[package]\n"));
        let manifest =
            "[workspace]\nname = \"no\"\n[package]\nversion = \"1\"\nname = 'xtask' # x\n";
        assert_eq!(package_name(manifest).as_deref(), Some("xtask"));
        assert_eq!(package_name("[lib]\nname = \"x\"\n"), None);
    }
}
