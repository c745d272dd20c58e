//! `$ref` resolution: a reference string, read in one file, becomes the address of the schema
//! it names ([`SchemaPtr`]). Chains of plain `$ref`s are followed, and a chain that loops
//! without ever reaching a real schema is an error.

use std::collections::HashSet;
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::documents::{Documents, normalize};
use crate::json::Node;
use crate::refs::{find_by_id, percent_decode};
use crate::source::FileId;

/// The address of a schema node: a file and a JSON pointer into it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SchemaPtr {
    /// The file.
    pub file: FileId,
    /// JSON pointer of the schema in the file (`""` for the root).
    pub pointer: String,
}

impl SchemaPtr {
    /// A schema at `pointer` in `file`.
    pub fn new(file: FileId, pointer: impl Into<String>) -> SchemaPtr {
        SchemaPtr {
            file,
            pointer: pointer.into(),
        }
    }

    /// The child at `token` (escaped as needed).
    pub fn child(&self, token: &str) -> SchemaPtr {
        SchemaPtr {
            file: self.file,
            pointer: crate::json::push_pointer(&self.pointer, token),
        }
    }

    /// The last token of the pointer, unescaped (`Message` for `/$defs/Message`).
    pub fn last_token(&self) -> Option<String> {
        let token = self.pointer.rsplit_once('/')?.1;
        Some(crate::json::unescape_token(token).into_owned())
    }
}

/// Resolves one `$ref` string found at `from`.
pub fn resolve(
    docs: &Documents,
    from: &SchemaPtr,
    reference: &str,
) -> Result<SchemaPtr, Diagnostic> {
    let location = || docs.location(from.file, &crate::json::push_pointer(&from.pointer, "$ref"));
    if let Some(tree) = docs.tree(from.file)
        && let Some(pointer) = find_by_id(tree, reference)
    {
        return Ok(SchemaPtr::new(from.file, pointer));
    }
    let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    let file = if path.is_empty() {
        from.file
    } else if path.contains("://") {
        return Err(Diagnostic::error(
            Some(location()),
            format!("`$ref` to a remote document `{reference}` is not supported"),
        )
        .with_help(
            "copy the schema into the provider's folder and reference it by relative path",
        ));
    } else {
        let base = docs
            .sources
            .file(from.file)
            .path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_default();
        let target = normalize(&base.join(path));
        match docs.sources.find(&target) {
            Some(file) => file,
            None => {
                return Err(Diagnostic::error(
                    Some(location()),
                    format!("`$ref` names a file that was not loaded: `{path}`"),
                ));
            }
        }
    };
    let pointer = percent_decode(fragment);
    if !pointer.is_empty() && !pointer.starts_with('/') {
        return Err(Diagnostic::error(
            Some(location()),
            format!("`$ref` fragment `#{fragment}` is not a JSON pointer"),
        )
        .with_help("write `#/$defs/Name`; plain-name anchors are not supported"));
    }
    let Some(tree) = docs.tree(file) else {
        // The target file failed to parse; that error is already reported.
        return Err(Diagnostic::error(
            Some(location()),
            format!("`$ref` target `{reference}` could not be read"),
        ));
    };
    if tree.pointer(&pointer).is_none() {
        let mut diagnostic = Diagnostic::error(
            Some(location()),
            format!("`$ref` target `{reference}` does not exist"),
        );
        if let Some(suggestion) = closest_pointer(tree, &pointer) {
            diagnostic = diagnostic.with_help(format!("did you mean `{}#{suggestion}`?", path));
        }
        return Err(diagnostic);
    }
    Ok(SchemaPtr::new(file, pointer))
}

/// The most bare `$ref`s followed in a row before giving up; real schemas use a handful.
pub const MAX_CHAIN: usize = 64;

/// Follows `$ref`s from `ptr` until a schema that is not a bare reference. A schema with a
/// `$ref` and other constraining keywords stops the walk too (its siblings matter).
pub fn follow(docs: &Documents, ptr: &SchemaPtr) -> Result<SchemaPtr, Diagnostic> {
    let mut current = ptr.clone();
    let mut seen = HashSet::new();
    loop {
        let Some(node) = docs.node(current.file, &current.pointer) else {
            return Ok(current);
        };
        let Some(reference) = node.get("$ref").and_then(Node::as_str) else {
            return Ok(current);
        };
        if !seen.insert(current.clone()) {
            return Err(Diagnostic::error(
                Some(docs.location(ptr.file, &ptr.pointer)),
                "`$ref` chain loops without reaching a schema",
            )
            .with_help("one schema in the loop must define a type instead of only referencing"));
        }
        if seen.len() > MAX_CHAIN {
            // Every schema of a long chain follows it to its end: without a cap, a chain of
            // n bare references costs n² steps.
            return Err(Diagnostic::error(
                Some(docs.location(ptr.file, &ptr.pointer)),
                format!("`$ref` chain is longer than {MAX_CHAIN} references"),
            )
            .with_help("reference the final schema directly"));
        }
        current = resolve(docs, &current, reference)?;
    }
}

/// Resolves every `$ref` in `files`, reporting each one that does not resolve. Lowering
/// resolves again where it needs a target; this pass makes sure no dangling reference goes
/// unreported, even in a schema nothing uses.
pub fn check_all(docs: &Documents, files: &[FileId], diags: &mut crate::diag::Diagnostics) {
    for &file in files {
        let Some(tree) = docs.tree(file) else {
            continue;
        };
        let mut refs = Vec::new();
        crate::refs::collect_refs(tree, "", &mut refs);
        for (pointer, reference) in refs {
            // `pointer` addresses the `$ref` member's value; the schema is its parent.
            let schema = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
            if let Err(diagnostic) = resolve(docs, &SchemaPtr::new(file, schema), &reference) {
                diags.push(diagnostic);
            }
        }
    }
}

/// The location of a schema.
pub fn location(docs: &Documents, ptr: &SchemaPtr) -> Location {
    docs.location(ptr.file, &ptr.pointer)
}

/// For a pointer that does not exist, the existing sibling of its last token with the
/// smallest edit distance (`#/$defs/Mesage` → `#/$defs/Message`).
fn closest_pointer(tree: &Node, pointer: &str) -> Option<String> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let members = tree.pointer(parent)?.members()?;
    members
        .iter()
        .map(|m| (crate::hints::edit_distance(&m.key, last), &m.key))
        .filter(|(d, key)| *d <= (key.len().max(last.len()) / 3).max(2))
        .min()
        .map(|(_, key)| crate::json::push_pointer(parent, key))
}
