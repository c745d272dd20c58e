//! `$ref` resolution: a reference string, read in one file, becomes the address of the schema
//! it names ([`SchemaPtr`]). Chains of plain `$ref`s are followed, and a chain that loops
//! without ever reaching a real schema is an error.

use std::collections::HashSet;
use std::path::Path;

use crate::diag::{Diagnostic, Location};
use crate::json::Node;
use crate::load::{Documents, normalize};
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

/// The pointer of the subschema a `$ref` names by identifier rather than by path: a
/// subschema whose `$id` (draft-04: `id`) is the reference, or its base before a `#/…`
/// fragment (also when written relative to the document's own `$id`), or a plain-name
/// fragment `#name` matching an `$anchor` or an `$id` of `#name`.
pub fn find_by_id(tree: &Node, reference: &str) -> Option<String> {
    let (base, fragment) = reference.split_once('#').unwrap_or((reference, ""));
    if base.is_empty() && (fragment.is_empty() || fragment.starts_with('/')) {
        return None;
    }
    let root_id = ["$id", "id"]
        .iter()
        .find_map(|k| tree.get(k).and_then(Node::as_str))
        .unwrap_or_default();
    let root_dir = root_id.rsplit_once('/').map_or("", |(dir, _)| dir);
    let matches = |id: &str| {
        let id = id.trim_end_matches('#');
        !base.is_empty()
            && (id == base || (!root_dir.is_empty() && id == format!("{root_dir}/{base}")))
    };
    let mut found = None;
    let mut stack = vec![(tree, String::new(), 0usize)];
    while let Some((node, pointer, depth)) = stack.pop() {
        if depth > 64 || found.is_some() {
            break;
        }
        let Some(members) = node.members() else {
            if let Some(items) = node.items() {
                for (i, item) in items.iter().enumerate() {
                    stack.push((
                        item,
                        crate::json::push_pointer(&pointer, &i.to_string()),
                        depth + 1,
                    ));
                }
            }
            continue;
        };
        for key in ["$id", "id", "$anchor"] {
            let Some(id) = node.get(key).and_then(Node::as_str) else {
                continue;
            };
            let plain = base.is_empty()
                && (id == format!("#{fragment}") || (key == "$anchor" && id == fragment));
            if plain {
                found = Some(pointer.clone());
            } else if key != "$anchor" && matches(id) {
                let inner = percent_decode(fragment);
                if inner.is_empty() || node.pointer(&inner).is_some() {
                    found = Some(format!("{pointer}{inner}"));
                }
            }
        }
        for member in members.iter().rev() {
            stack.push((
                &member.value,
                crate::json::push_pointer(&pointer, &member.key),
                depth + 1,
            ));
        }
    }
    found
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
        crate::load::collect_refs(tree, "", &mut refs);
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

fn percent_decode(fragment: &str) -> String {
    let bytes = fragment.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = fragment.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// For a pointer that does not exist, the existing sibling of its last token with the
/// smallest edit distance (`#/$defs/Mesage` → `#/$defs/Message`).
fn closest_pointer(tree: &Node, pointer: &str) -> Option<String> {
    let (parent, last) = pointer.rsplit_once('/')?;
    let members = tree.pointer(parent)?.members()?;
    members
        .iter()
        .map(|m| (edit_distance(&m.key, last), &m.key))
        .filter(|(d, key)| *d <= (key.len().max(last.len()) / 3).max(2))
        .min()
        .map(|(_, key)| crate::json::push_pointer(parent, key))
}

/// The candidate closest to a misspelled name, when it is close enough to be what was meant:
/// one edit for short names, up to a third of the name (at least two) for longer ones.
pub fn closest<'a>(wanted: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|known| (edit_distance(wanted, known), known))
        .filter(|(distance, known)| {
            let len = known.chars().count().max(wanted.chars().count());
            let allowed = if len >= 4 { (len / 3).max(2) } else { 1 };
            *distance > 0 && *distance <= allowed
        })
        .min()
        .map(|(_, known)| known)
}

/// Levenshtein distance, for "did you mean" hints.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        // `diagonal` is the previous row's value at `j`; `row[j + 1]` still holds the previous
        // row's value at `j + 1` until it is overwritten.
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != *cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distances() {
        assert_eq!(edit_distance("requried", "required"), 2);
        assert_eq!(edit_distance("Mesage", "Message"), 1);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("same", "same"), 0);
    }

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/$defs/a%20b"), "/$defs/a b");
        assert_eq!(percent_decode("/x%2"), "/x%2");
    }
}
