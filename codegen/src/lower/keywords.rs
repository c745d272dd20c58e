//! The JSON Schema keywords the lowering knows, and what it does with each. A keyword the
//! generator cannot turn into Rust is an error; one it keeps only as documentation, or does
//! not know at all, is a warning (with the closest known keyword as a hint).

use crate::diag::{Diagnostic, Diagnostics};
use crate::json::Node;
use crate::load::Documents;
use crate::resolve::{SchemaPtr, edit_distance};

/// Keywords that shape the generated Rust.
const STRUCTURAL: &[&str] = &[
    "$ref",
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "oneOf",
    "anyOf",
    "allOf",
    "format",
    "$defs",
    "definitions",
];

/// Keywords that only document (rustdoc) or identify, with nothing lost.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "$comment",
    "$anchor",
    "$vocabulary",
    "title",
    "description",
    "default",
    "examples",
    "deprecated",
    "readOnly",
    "writeOnly",
    "contentMediaType",
    "contentEncoding",
];

/// Validation keywords with no Rust counterpart: accepted, kept only as documentation.
const VALIDATION_ONLY: &[&str] = &[
    "pattern",
    "minLength",
    "maxLength",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "multipleOf",
    "minItems",
    "maxItems",
    "uniqueItems",
    "minProperties",
    "maxProperties",
    "propertyNames",
];

/// Keywords the generator cannot express yet: an error, never silently dropped.
const UNSUPPORTED: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "patternProperties",
    "dependentSchemas",
    "dependentRequired",
    "dependencies",
    "unevaluatedProperties",
    "unevaluatedItems",
    "prefixItems",
    "contains",
    "minContains",
    "maxContains",
    "$dynamicRef",
    "$dynamicAnchor",
    "$recursiveRef",
    "$recursiveAnchor",
];

/// Checks the keywords of one schema object.
pub fn check(docs: &Documents, ptr: &SchemaPtr, node: &Node, diags: &mut Diagnostics) {
    let Some(members) = node.members() else {
        return;
    };
    for member in members {
        let key = member.key.as_str();
        if key.starts_with("x-") || STRUCTURAL.contains(&key) || ANNOTATIONS.contains(&key) {
            continue;
        }
        let location = Some(docs.location(ptr.file, &ptr.child(key).pointer));
        if VALIDATION_ONLY.contains(&key) {
            continue;
        }
        if UNSUPPORTED.contains(&key) {
            diags.push(Diagnostic::error(location, format!("keyword `{key}` is not supported by the type generator"))
                .with_help("restructure the schema with oneOf/allOf, or describe the rule in `description`"));
            continue;
        }
        let mut diagnostic =
            Diagnostic::warning(location, format!("unknown keyword `{key}` is ignored"));
        if let Some(close) = closest_keyword(key) {
            diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
        }
        diags.push(diagnostic);
    }
}

/// The known keyword closest to a misspelled one, if any is close enough.
pub fn closest_keyword(key: &str) -> Option<&'static str> {
    STRUCTURAL
        .iter()
        .chain(ANNOTATIONS)
        .chain(VALIDATION_ONLY)
        .chain(UNSUPPORTED)
        .map(|known| {
            (
                edit_distance(&key.to_ascii_lowercase(), &known.to_ascii_lowercase()),
                *known,
            )
        })
        .filter(|(distance, known)| *distance <= (known.len() / 4).max(1))
        .min()
        .map(|(_, known)| known)
}

#[cfg(test)]
mod tests {
    #[test]
    fn suggests_close_keywords() {
        assert_eq!(super::closest_keyword("requried"), Some("required"));
        assert_eq!(super::closest_keyword("porperties"), Some("properties"));
        assert_eq!(super::closest_keyword("nullable"), None);
    }
}
