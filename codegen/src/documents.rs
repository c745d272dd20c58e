//! The documents of a run: every file read, its text (for diagnostics) and its spanned JSON
//! tree, confined to one folder. Loading, resolving, lowering and the fixtures all read
//! files through it, so it depends on no stage.

use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::json;
use crate::json::Node;
use crate::source::{FileId, SourceMap, Span};

/// Files larger than this are rejected before parsing, so a stray dump cannot exhaust memory.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Every file of a run, parsed.
#[derive(Debug, Default)]
pub struct Documents {
    /// File texts and paths.
    pub sources: SourceMap,
    trees: Vec<Option<Node>>,
    /// Files may not be loaded from outside this folder.
    pub root: PathBuf,
    /// Prefix shown before paths in diagnostics (`schemas/`).
    pub display_prefix: String,
}

impl Documents {
    /// An empty set of documents confined to `root`.
    pub fn new(root: PathBuf, display_prefix: String) -> Documents {
        Documents {
            root,
            display_prefix,
            ..Documents::default()
        }
    }

    /// The parsed tree of a file (`None` when it failed to parse).
    pub fn tree(&self, file: FileId) -> Option<&Node> {
        self.trees.get(file.0 as usize).and_then(Option::as_ref)
    }

    /// The node at `pointer` in `file`.
    pub fn node(&self, file: FileId, pointer: &str) -> Option<&Node> {
        self.tree(file)?.pointer(pointer)
    }

    /// A location for diagnostics: the node's span when it exists.
    pub fn location(&self, file: FileId, pointer: &str) -> Location {
        let span = self.node(file, pointer).map(|n| n.span).unwrap_or_default();
        Location {
            file,
            pointer: pointer.to_string(),
            span,
        }
    }

    /// A location on the key of the member at `pointer` (for a misspelled or misplaced
    /// keyword the key is what is wrong); the value's location when it has no key.
    pub fn key_location(&self, file: FileId, pointer: &str) -> Location {
        let key_span = pointer.rsplit_once('/').and_then(|(parent, token)| {
            let token = crate::json::unescape_token(token);
            self.node(file, parent)?.member(&token).map(|m| m.key_span)
        });
        match key_span {
            Some(span) => Location {
                file,
                pointer: pointer.to_string(),
                span,
            },
            None => self.location(file, pointer),
        }
    }

    /// Loads and parses a file once; later calls return the same id. Errors are recorded.
    pub fn load(
        &mut self,
        path: &Path,
        diags: &mut Diagnostics,
        referrer: Option<Location>,
    ) -> Option<FileId> {
        let path = normalize(path);
        if let Some(id) = self.sources.find(&path) {
            return Some(id);
        }
        if !path.starts_with(&self.root) {
            diags.push(
                Diagnostic::error(
                    referrer,
                    format!(
                        "`{}` is outside the schemas folder",
                        self.display_outside(&path)
                    ),
                )
                .with_help("schema files may only reference files under the provider's folder"),
            );
            return None;
        }
        let display = match path.strip_prefix(&self.root) {
            Ok(rel) => format!("{}{}", self.display_prefix, rel.display()),
            Err(_) => path.display().to_string(),
        };
        let metadata = std::fs::metadata(&path);
        if let Ok(meta) = &metadata
            && meta.len() > MAX_FILE_BYTES
        {
            diags.push(Diagnostic::error(
                referrer,
                format!(
                    "`{display}` is {} bytes, over the {MAX_FILE_BYTES}-byte limit",
                    meta.len()
                ),
            ));
            return None;
        }
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let mut diagnostic =
                    Diagnostic::error(referrer, format!("file `{display}` does not exist"));
                if let Some(close) = closest_sibling(&path) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
                }
                diags.push(diagnostic);
                return None;
            }
            Err(e) => {
                diags.push(Diagnostic::error(
                    referrer,
                    format!("cannot read `{display}`: {e}"),
                ));
                return None;
            }
        };
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(e) => {
                // Kept (lossily) so the diagnostic can show the line with the bad byte.
                let at = e.utf8_error().valid_up_to();
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                let id = self.sources.add(display, path, text);
                self.trees.push(None);
                diags.push(
                    Diagnostic::error(
                        Some(in_file(
                            id,
                            Span::new(at..at + char::REPLACEMENT_CHARACTER.len_utf8()),
                        )),
                        "the file is not UTF-8",
                    )
                    .with_label("not UTF-8")
                    .with_help("JSON files must be UTF-8: re-save the file with that encoding"),
                );
                return Some(id);
            }
        };
        // RFC 8259 lets parsers ignore a byte order mark; editors on Windows add one.
        let bom = text.starts_with('\u{feff}');
        let text = match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        };
        let id = self.sources.add(display, path, text);
        if bom {
            diags.push(
                Diagnostic::warning(
                    Some(file_start(id)),
                    "the file starts with a byte order mark (BOM), which is ignored",
                )
                .with_help("save the file as UTF-8 without a BOM"),
            );
        }
        let parsed = json::parse(&self.sources.file(id).text);
        match parsed {
            Ok(tree) => self.trees.push(Some(tree)),
            Err(e) => {
                self.trees.push(None);
                diags.push(
                    Diagnostic::error(
                        Some(in_file(id, e.span)),
                        format!("invalid JSON: {}", e.message),
                    )
                    .with_label(""),
                );
            }
        }
        Some(id)
    }
}

impl Documents {
    /// A path outside the root, shown relative to it (`schemas/../secrets.json`), so
    /// diagnostics never print where the workspace happens to be.
    fn display_outside(&self, path: &Path) -> String {
        let root: Vec<Component<'_>> = self.root.components().collect();
        let target: Vec<Component<'_>> = path.components().collect();
        let common = root.iter().zip(&target).take_while(|(a, b)| a == b).count();
        let mut relative = PathBuf::new();
        for _ in common..root.len() {
            relative.push("..");
        }
        for component in &target[common..] {
            relative.push(component);
        }
        format!("{}{}", self.display_prefix, relative.display())
    }
}

/// The file beside a missing one whose name is closest to it, for "did you mean".
fn closest_sibling(path: &Path) -> Option<String> {
    let wanted = path.file_name()?.to_string_lossy().into_owned();
    let names: Vec<String> = std::fs::read_dir(path.parent()?)
        .ok()?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    crate::hints::closest(&wanted, names.iter().map(String::as_str)).map(str::to_string)
}

/// Removes `.` and `..` components without touching the file system.
pub fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The span to blame for a whole file.
pub fn file_start(file: FileId) -> Location {
    in_file(file, Span::default())
}

/// A span of a file that is not (or not yet) a JSON node: the document root's pointer.
fn in_file(file: FileId, span: Span) -> Location {
    Location {
        file,
        pointer: String::new(),
        span,
    }
}
