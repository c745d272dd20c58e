//! Loading: reads a provider folder (the manifest, checked against its meta-schema, then
//! every schema file its `$ref`s reach) into spanned JSON trees, and the manifest into
//! [`Manifest`].

use std::collections::VecDeque;
use std::path::Path;

use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::{Documents, normalize};
use crate::json;
use crate::manifest::Manifest;
use crate::refs::{collect_refs, find_by_id};
use crate::source::FileId;

/// A loaded provider.
#[derive(Debug)]
pub struct LoadedProvider {
    /// The parsed manifest.
    pub manifest: Manifest,
    /// The manifest's file.
    pub manifest_file: FileId,
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
                    .is_some_and(|tree| find_by_id(tree, &reference).is_some())
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
