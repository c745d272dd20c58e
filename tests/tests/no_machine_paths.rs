//! No committed file names a path that exists on one machine only: the `shared` folder beside
//! the checkout (reached as `..` + `/shared`) or an absolute path into a user's or the
//! system's folders. Such a path works where it was written and nowhere else (a fresh clone,
//! CI); the repository must be self-contained.
//!
//! The needles are built at run time (`concat!`) so that this file, which is scanned too,
//! does not match itself.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Vendored third-party data, kept verbatim: its contents are not ours (some SchemaStore
/// instances hold system paths as data, such as the chisel slices' package files; the two
/// whose content was a user's home or a temporary folder are left out, see
/// `corpus/README.md`).
const VENDORED: &[&str] = &["corpus/schemastore/"];

/// Folders that begin an absolute path on Linux and macOS and that hold machine-specific
/// files. Case matters: an API path such as `users/{id}` after a `/` is not macOS's `Users`.
const ROOTS: &[&str] = &[
    "work", "home", "root", "tmp", "Users", "usr", "opt", "var", "mnt", "private",
];

/// A script's first line that finds its interpreter through `env`.
const PORTABLE_SHEBANG: &str = concat!("#!/", "usr/bin/env ");

/// The first machine path in `line`, if any.
///
/// - `..` + `/shared` anywhere;
/// - a `/` + root folder (from [`ROOTS`]) + `/`, where the `/` starts a token: at the line's
///   start or after a character that cannot end a host, a path segment or an expression
///   (see [`continues_token`]), so a URL's path, a relative path or a `{dir}`-prefixed one
///   whose segment is named like a root folder, and JSON pointers, do not count;
/// - a `file:` URL with an empty host (`file:` + `///…`);
/// - a Windows drive path: one upper-case letter starting a word, `:`, `\` (drive letters
///   are written upper-case; a lower-case letter there is a label before an escape such as a
///   newline in a string).
fn machine_path(line: &str) -> Option<&str> {
    const SHARED: &str = concat!("..", "/shared");
    const FILE_URL: &str = concat!("file:/", "//");
    for needle in [SHARED, FILE_URL] {
        if let Some(at) = line.find(needle) {
            return Some(token_at(line, at));
        }
    }
    let bytes = line.as_bytes();
    for (at, &byte) in bytes.iter().enumerate() {
        let starts_token = at == 0 || !continues_token(bytes[at - 1]);
        if byte == b'/' && starts_token {
            let rest = &line[at + 1..];
            if ROOTS
                .iter()
                .any(|root| rest.strip_prefix(root).is_some_and(|r| r.starts_with('/')))
            {
                return Some(token_at(line, at));
            }
        }
        let drive = bytes.get(at + 1) == Some(&b':') && bytes.get(at + 2) == Some(&b'\\');
        let word_start = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        if byte.is_ascii_uppercase() && drive && word_start {
            return Some(token_at(line, at));
        }
    }
    None
}

/// Whether `byte` belongs to a host name, a path segment or an expression, so that a `/`
/// after it continues that token instead of starting an absolute path.
fn continues_token(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"._-~%/})".contains(&byte)
}

/// The token starting at byte `at`, up to whitespace or a quote, for the failure message.
fn token_at(line: &str, at: usize) -> &str {
    let rest = &line[at..];
    let end = rest
        .find(|c: char| c.is_whitespace() || "\"'`<>()[]".contains(c))
        .unwrap_or(rest.len());
    &rest[..end.max(1)]
}

/// The repository's tracked files, relative to `root`: `git ls-files`, or, without git or
/// outside a checkout, every file except build output and git's own.
fn tracked_files(root: &Path) -> Vec<PathBuf> {
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output();
    match listed {
        Ok(out) if out.status.success() => out
            .stdout
            .split(|&b| b == 0)
            .filter(|name| !name.is_empty())
            .map(|name| PathBuf::from(String::from_utf8_lossy(name).into_owned()))
            .collect(),
        _ => {
            let mut files = Vec::new();
            walk(root, Path::new(""), &mut files);
            files
        }
    }
}

fn walk(root: &Path, dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        let name = entry.file_name();
        if [".git", "target", ".msgen-gen"].iter().any(|s| name == *s) {
            continue;
        }
        let path = dir.join(&name);
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk(root, &path, files),
            Ok(kind) if kind.is_file() => files.push(path),
            _ => {}
        }
    }
}

#[test]
fn no_file_names_a_machine_path() {
    let root = common::workspace();
    let files = tracked_files(&root);
    assert!(!files.is_empty(), "no files found under {}", root.display());
    let mut found = Vec::new();
    for file in &files {
        let shown = file.to_string_lossy().replace('\\', "/");
        if VENDORED.iter().any(|v| shown.starts_with(v)) {
            continue;
        }
        // Binary and non-UTF-8 files are skipped (and files deleted but still tracked).
        let Ok(text) = std::fs::read_to_string(root.join(file)) else {
            continue;
        };
        for (n, line) in text.lines().enumerate() {
            // `env` has this path on every Unix: it is how scripts stay portable.
            if n == 0 && line.starts_with(PORTABLE_SHEBANG) {
                continue;
            }
            if let Some(token) = machine_path(line) {
                found.push(format!("{shown}:{}: {token}", n + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "machine paths in the repository (write them relative to the repository, or generic):\n{}",
        found.join("\n")
    );
}

#[test]
fn detector_flags_machine_paths() {
    let flagged = [
        concat!("Curated from /", "work/shared/provider-docs/x.txt."),
        concat!("\"/", "home/alice/msgen/schemas\""),
        concat!("/", "Users/bob/src"),
        concat!("cd /", "tmp/msgen && cargo test"),
        concat!("PATH=/bin:/", "opt/tool/bin"),
        concat!("[doc](/", "var/lib/x.md)"),
        concat!("read `..", "/shared/corpus/schemastore`"),
        concat!("file:/", "//etc/hosts"),
        concat!("\"C:", "\\\\Users\\\\bob\""),
        concat!("D:", "\\data"),
    ];
    for line in flagged {
        assert!(machine_path(line).is_some(), "not flagged: {line}");
    }
    assert_eq!(
        machine_path(concat!("see /", "home/alice/x.txt, then")),
        Some(concat!("/", "home/alice/x.txt,"))
    );
}

#[test]
fn detector_passes_urls_api_paths_and_relative_paths() {
    // Split with `concat!` like the needles, so no line of this file looks like a path.
    let passed = [
        concat!("https://api.x.com/v1/", "tmp/upload"),
        concat!("https://t", "mp/x"),
        "/v1/messages",
        concat!("\"/users/{id}/", "home/\""),
        concat!("#/definitions/", "home/properties/tmp"),
        concat!("target/", "tmp/msgen-scratch"),
        concat!("../", "home/x"),
        concat!("$HOME/", "work/x"),
        concat!("{root}/", "tmp/x"),
        concat!("$(pwd)/", "tmp/x"),
        "installs to /usr",
        "corpus/schemastore/lefthook/valid",
        concat!("ABC:", "\\x"),
        "a: \\n",
        concat!("\"gen --check in b:", "\\n{stderr}\""),
    ];
    for line in passed {
        assert_eq!(machine_path(line), None, "flagged: {line}");
    }
}
