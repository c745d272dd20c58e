//! The JSON Schema keywords the lowering knows, and what it does with each. A keyword the
//! generator cannot turn into Rust is an error; one whose rule the types cannot enforce
//! (`not`, `if`/`then`/`else`, `dependencies`, …) is kept as documentation with a warning;
//! an unknown one is a warning too (with the closest known keyword as a hint).

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
    "patternProperties",
    "prefixItems",
];

/// Keywords that only document (rustdoc) or identify, with nothing lost.
const ANNOTATIONS: &[&str] = &[
    "$schema",
    "$id",
    "id",
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

/// Rules between values that types cannot express: the instance is not checked against them,
/// so each is a warning (once per schema) and a line in the type's documentation.
pub(super) const NOT_ENFORCED: &[&str] = &[
    "not",
    "if",
    "then",
    "else",
    "dependentSchemas",
    "dependentRequired",
    "dependencies",
    "unevaluatedProperties",
    "unevaluatedItems",
    "contains",
    "minContains",
    "maxContains",
    "additionalItems",
];

/// Keywords the generator cannot express yet: an error, never silently dropped.
const UNSUPPORTED: &[&str] = &[
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
        if NOT_ENFORCED.contains(&key) {
            diags.push(
                Diagnostic::warning(
                    location,
                    format!("keyword `{key}` is not enforced by the generated types"),
                )
                .with_help("instances are not checked against it; it is noted in the docs"),
            );
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
        .chain(NOT_ENFORCED)
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
