//! `$ref`s as text, before resolution: collecting every `$ref` of a tree, and finding the
//! subschema a reference names by `$id` or `$anchor`. Both loading (which files to read)
//! and resolution (where a reference points) need them.

use crate::json::{self, Node};

/// Every `$ref` string below `node`, with the pointer of the `$ref` member's value.
pub fn collect_refs(node: &Node, pointer: &str, out: &mut Vec<(String, String)>) {
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
                        json::push_pointer(&pointer, &i.to_string()),
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
                json::push_pointer(&pointer, &member.key),
                depth + 1,
            ));
        }
    }
    found
}

/// A `$ref` fragment with its `%XX` escapes decoded (RFC 3986), as JSON pointers in URIs are
/// written.
pub(crate) fn percent_decode(fragment: &str) -> String {
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

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn percent_decoding() {
        assert_eq!(percent_decode("/$defs/a%20b"), "/$defs/a b");
        assert_eq!(percent_decode("/x%2"), "/x%2");
    }
}
