//! Synthetic JSON Schemas of a given number of types, shaped like API schemas: objects that
//! reference each other, string enums, tagged unions, arrays and nested inline objects.
//! Deterministic: the same size always gives the same schema.

use serde_json::{Map, Value, json};

/// A draft-07 schema (`definitions`, understood by msgen and typify alike) with `types`
/// named types and a root object referencing the first.
pub fn schema(types: usize) -> Value {
    let types = types.max(4);
    let name = |i: usize| format!("T{i}");
    // The index of a type of `kind` (0 object, 1 enum, 2 union, 3 container) near `seed`.
    let of_kind = |seed: usize, kind: usize| {
        let base = (seed * 7 + 3) % types;
        let index = base - base % 4 + kind;
        if index < types { index } else { kind }
    };
    let reference = |i: usize| json!({"$ref": format!("#/definitions/{}", name(i))});
    let mut definitions = Map::new();
    for i in 0..types {
        let schema = match i % 4 {
            0 => json!({
                "type": "object",
                "description": format!("Object number {i}."),
                "properties": {
                    "id": {"type": "string"},
                    "count": {"type": "integer"},
                    "next": reference(of_kind(i, 0)),
                    "tags": {"type": "array", "items": {"type": "string"}},
                    "nested": {
                        "type": "object",
                        "properties": {"a": {"type": "string"}, "b": {"type": "number"}},
                        "required": ["a"]
                    }
                },
                "required": ["id"]
            }),
            1 => {
                json!({"type": "string", "enum": ["alpha", "beta", "gamma", "delta", format!("v{i}")]})
            }
            2 => json!({
                "oneOf": [
                    {"type": "object", "properties": {"kind": {"const": "a"}, "x": reference(of_kind(i, 0))}, "required": ["kind", "x"]},
                    {"type": "object", "properties": {"kind": {"const": "b"}, "y": {"type": "integer"}}, "required": ["kind", "y"]}
                ]
            }),
            _ => json!({
                "type": "object",
                "properties": {
                    "items": {"type": "array", "items": reference(of_kind(i + 1, 0))},
                    "status": reference(of_kind(i, 1)),
                    "choice": reference(of_kind(i, 2)),
                    "note": {"type": ["string", "null"]}
                }
            }),
        };
        definitions.insert(name(i), schema);
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Root",
        "type": "object",
        "properties": {"root": reference(0)},
        "definitions": definitions
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn has_the_requested_number_of_types_and_only_valid_refs() {
        let schema = super::schema(100);
        let definitions = schema["definitions"].as_object().expect("definitions");
        assert_eq!(definitions.len(), 100);
        let text = schema.to_string();
        for (i, _) in text.match_indices("#/definitions/") {
            let rest = &text[i + 14..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            assert!(definitions.contains_key(&name), "dangling {name}");
        }
    }
}
