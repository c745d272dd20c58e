//! Loading: reads a provider folder (manifest, then every schema file its `$ref`s reach, then
//! the fixtures it lists) into spanned JSON trees, and the manifest into [`Manifest`].

use std::collections::VecDeque;
use std::path::{Component, Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::json::{self, Node};
use crate::manifest::Manifest;
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
    crate::resolve::closest(&wanted, names.iter().map(String::as_str)).map(str::to_string)
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

/// A loaded provider.
#[derive(Debug)]
pub struct LoadedProvider {
    /// The parsed manifest.
    pub manifest: Manifest,
    /// The manifest's file.
    pub manifest_file: FileId,
    /// The fixture files, loaded and matched with their schemas (by `provider::load`).
    pub fixtures: Vec<crate::fixtures::LoadedFixture>,
    /// Schema files reached by `$ref`, in the order they were first referenced.
    pub schema_files: Vec<FileId>,
}

/// Loads `dir/provider.json`, its manifest, and every schema file reachable by `$ref`.
pub fn load_provider(
    docs: &mut Documents,
    dir: &Path,
    diags: &mut Diagnostics,
) -> Option<LoadedProvider> {
    let manifest_file = docs.load(&dir.join("provider.json"), diags, None)?;
    // Every manifest error at once; serde below would stop at the first.
    if !crate::manifest_check::validate(docs, manifest_file, diags) {
        return None;
    }
    let tree = docs.tree(manifest_file)?;
    let manifest = match serde_path_to_error::deserialize::<_, Manifest>(tree.to_json()) {
        Ok(manifest) => manifest,
        Err(e) => {
            let pointer = path_to_pointer(e.path());
            // serde reports the path of the innermost value it was reading; point there, or at
            // the closest existing ancestor when the key itself is missing.
            let mut at = pointer.clone();
            while docs.node(manifest_file, &at).is_none() && !at.is_empty() {
                at.truncate(at.rfind('/').unwrap_or(0));
            }
            let location = docs.location(manifest_file, &at);
            diags.push(Diagnostic::error(
                Some(location),
                format!("invalid manifest: {}", e.inner()),
            ));
            return None;
        }
    };
    let schema_files = load_referenced(docs, manifest_file, diags);
    Some(LoadedProvider {
        manifest,
        manifest_file,
        fixtures: Vec::new(),
        schema_files,
    })
}

/// Loads every file reachable by `$ref` from `start`, breadth first. Returns the newly
/// loaded files in the order they were first referenced.
pub fn load_referenced(
    docs: &mut Documents,
    start: FileId,
    diags: &mut Diagnostics,
) -> Vec<FileId> {
    let mut loaded = Vec::new();
    let mut queue = VecDeque::from([start]);
    while let Some(file) = queue.pop_front() {
        let mut refs = Vec::new();
        if let Some(tree) = docs.tree(file) {
            collect_refs(tree, "", &mut refs);
        }
        for (pointer, reference) in refs {
            let path = reference
                .split_once('#')
                .map_or(reference.as_str(), |(path, _)| path);
            if path.is_empty()
                || path.contains("://")
                || docs
                    .tree(file)
                    .is_some_and(|tree| crate::resolve::find_by_id(tree, &reference).is_some())
            {
                continue;
            }
            let base = docs
                .sources
                .file(file)
                .path
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default();
            let target = normalize(&base.join(path));
            if docs.sources.find(&target).is_some() {
                continue;
            }
            let referrer = Some(docs.location(file, &pointer));
            if let Some(id) = docs.load(&target, diags, referrer) {
                loaded.push(id);
                queue.push_back(id);
            }
        }
    }
    loaded
}

/// Every `$ref` string below `node`, with the pointer of the `$ref` member's value.
pub(crate) fn collect_refs(node: &Node, pointer: &str, out: &mut Vec<(String, String)>) {
    let mut path = pointer.to_string();
    collect_refs_in(node, &mut path, out);
}

/// `collect_refs` with one pointer buffer for the whole walk: tokens are pushed on the way
/// down and cut off on the way back, instead of a new string per node.
fn collect_refs_in(node: &Node, pointer: &mut String, out: &mut Vec<(String, String)>) {
    match &node.value {
        json::Value::Object(members) => {
            // Under `properties` and the like, keys are names: `default` there is a property.
            let last = pointer.rsplit('/').next().unwrap_or("");
            let names_map = [
                "properties",
                "patternProperties",
                "$defs",
                "definitions",
                "dependentSchemas",
            ]
            .contains(&last);
            let len = pointer.len();
            for member in members {
                json::push_token(pointer, &member.key);
                if member.key == "$ref"
                    && let Some(reference) = member.value.as_str()
                {
                    out.push((pointer.clone(), reference.to_string()));
                } else if !names_map
                    && ["examples", "default", "const", "enum"].contains(&member.key.as_str())
                {
                    // Instance data, not schemas: a `$ref` key there is just a value.
                } else {
                    collect_refs_in(&member.value, pointer, out);
                }
                pointer.truncate(len);
            }
        }
        json::Value::Array(items) => {
            let len = pointer.len();
            for (i, item) in items.iter().enumerate() {
                json::push_token(pointer, &i.to_string());
                collect_refs_in(item, pointer, out);
                pointer.truncate(len);
            }
        }
        _ => {}
    }
}

fn path_to_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer = json::push_pointer(&pointer, &index.to_string()),
            Segment::Map { key } => pointer = json::push_pointer(&pointer, key),
            Segment::Enum { .. } | Segment::Unknown => {}
        }
    }
    pointer
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
