//! Writing the generated files so that no failure or interruption leaves a mix of old and
//! new ones (a crate whose `mod.rs` names types its `types.rs` does not have yet).
//!
//! A write-ahead journal, as databases do: every new file is first written in full to
//! `.msgen-gen/` at the workspace root (same file system, so renames are atomic), then a
//! journal listing every rename and deletion is written and renamed into place. That rename
//! is the commit point. Before it, an interruption leaves the tree untouched and the next run
//! discards the staging folder; after it, the change happens: now, or, if the run is cut
//! short, at the start of the next `gen`, which replays the journal (replaying is
//! idempotent). `gen --check` reports a pending journal instead of replaying it.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The staging folder, relative to the workspace root.
pub const DIR: &str = ".msgen-gen";
const JOURNAL: &str = "journal";

/// One change: the target (relative to the root) and its new contents, or `None` to delete.
pub type Change<'a> = (PathBuf, Option<&'a str>);

/// Applies every change, all or nothing.
pub fn commit(root: &Path, changes: &[Change<'_>]) -> std::io::Result<()> {
    commit_until(root, changes, None)
}

/// [`commit`], stopping (as an interruption would) after `stop_after` journal entries.
fn commit_until(
    root: &Path,
    changes: &[Change<'_>],
    stop_after: Option<usize>,
) -> std::io::Result<()> {
    recover(root)?;
    let dir = root.join(DIR);
    std::fs::create_dir_all(&dir)?;
    let staged = (|| {
        let mut lines = Vec::new();
        for (i, (target, contents)) in changes.iter().enumerate() {
            let target = target.to_string_lossy();
            match contents {
                Some(text) => {
                    let name = format!("{i}.staged");
                    write_synced(&dir.join(&name), text.as_bytes())?;
                    lines.push(format!("write\t{name}\t{target}"));
                }
                None => lines.push(format!("delete\t{target}")),
            }
        }
        write_synced(&dir.join("journal.tmp"), lines.join("\n").as_bytes())
    })();
    if let Err(e) = staged {
        // Before the commit point: nothing happened.
        let _ = std::fs::remove_dir_all(&dir);
        return Err(e);
    }
    std::fs::rename(dir.join("journal.tmp"), dir.join(JOURNAL))?;
    sync_dir(&dir);
    replay(root, stop_after)
}

/// Finishes a change an interrupted run committed, or discards one it had not; returns
/// whether a committed change was finished.
pub fn recover(root: &Path) -> std::io::Result<bool> {
    let dir = root.join(DIR);
    if dir.join(JOURNAL).is_file() {
        replay(root, None)?;
        return Ok(true);
    }
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    Ok(false)
}

/// Whether a committed change is waiting to be finished.
pub fn pending(root: &Path) -> bool {
    root.join(DIR).join(JOURNAL).is_file()
}

fn replay(root: &Path, stop_after: Option<usize>) -> std::io::Result<()> {
    let dir = root.join(DIR);
    let journal = std::fs::read_to_string(dir.join(JOURNAL))?;
    for (n, line) in journal.lines().enumerate() {
        if stop_after == Some(n) {
            return Ok(());
        }
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.as_slice() {
            ["write", staged, target] => {
                let from = dir.join(staged);
                // Already moved by an earlier, interrupted replay.
                if from.is_file() {
                    let to = root.join(target);
                    if let Some(parent) = to.parent() {
                        std::fs::create_dir_all(parent)?;
                    }
                    std::fs::rename(from, to)?;
                }
            }
            ["delete", target] => match std::fs::remove_file(root.join(target)) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
                _ => {}
            },
            _ => {
                return Err(std::io::Error::other(format!(
                    "{DIR}/{JOURNAL} has a line that is not a change: {line:?}"
                )));
            }
        }
    }
    std::fs::remove_dir_all(&dir)
}

/// Writes a file and flushes it to disk, so the journal never names a half-written file.
fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Flushes a folder's entries (the journal's rename). Not every platform can; best effort.
fn sync_dir(dir: &Path) {
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn workspace(name: &str) -> PathBuf {
        let root =
            std::env::temp_dir().join(format!("msgen-journal-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("generated/src/p")).unwrap();
        for file in ["mod.rs", "types.rs", "old.rs"] {
            std::fs::write(root.join("generated/src/p").join(file), "old").unwrap();
        }
        root
    }

    fn read(root: &Path, file: &str) -> Option<String> {
        std::fs::read_to_string(root.join("generated/src/p").join(file)).ok()
    }

    fn changes() -> Vec<Change<'static>> {
        vec![
            ("generated/src/p/mod.rs".into(), Some("new")),
            ("generated/src/p/types.rs".into(), Some("new")),
            ("generated/src/q/mod.rs".into(), Some("new")),
            ("generated/src/p/old.rs".into(), None),
        ]
    }

    #[test]
    fn a_commit_changes_everything() {
        let root = workspace("all");
        commit(&root, &changes()).unwrap();
        assert_eq!(read(&root, "mod.rs").as_deref(), Some("new"));
        assert_eq!(read(&root, "old.rs"), None);
        assert!(root.join("generated/src/q/mod.rs").is_file());
        assert!(!root.join(DIR).exists());
    }

    #[test]
    fn an_interruption_after_the_commit_point_is_finished_by_the_next_run() {
        for stop in 0..4 {
            let root = workspace(&format!("after{stop}"));
            commit_until(&root, &changes(), Some(stop)).unwrap();
            assert!(pending(&root));
            assert!(recover(&root).unwrap());
            assert_eq!(read(&root, "mod.rs").as_deref(), Some("new"));
            assert_eq!(read(&root, "types.rs").as_deref(), Some("new"));
            assert_eq!(read(&root, "old.rs"), None);
            assert!(!pending(&root));
        }
    }

    #[test]
    fn an_interruption_before_the_commit_point_changes_nothing() {
        let root = workspace("before");
        std::fs::create_dir_all(root.join(DIR)).unwrap();
        std::fs::write(root.join(DIR).join("0.staged"), "half").unwrap();
        std::fs::write(root.join(DIR).join("journal.tmp"), "write\t0.st").unwrap();
        assert!(!recover(&root).unwrap());
        assert_eq!(read(&root, "mod.rs").as_deref(), Some("old"));
        assert!(!root.join(DIR).exists());
    }
}
