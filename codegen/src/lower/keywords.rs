//! The JSON Schema keywords the lowering knows, and what it does with each. A keyword the
//! generator cannot turn into Rust is an error; one whose rule the types cannot enforce
//! (`not`, `if`/`then`/`else`, `dependencies`, `pattern`, `minLength`, …) is kept as
//! documentation with a warning, because information is lost; an unknown one is a warning
//! too (with the closest known keyword as a hint). A known keyword whose value has the wrong
//! JSON type is an error: the schema does not say what its author meant.

use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::Documents;
use crate::hints::edit_distance;
use crate::json::{Node, Value};
use crate::resolve::SchemaPtr;

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

/// Validation keywords with no Rust counterpart: accepted, kept only as documentation, with
/// a warning. The bounds of an `integer` are the exception: they choose its Rust width.
pub(super) const VALIDATION_ONLY: &[&str] = &[
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
        if key.starts_with("x-") {
            continue;
        }
        let at = ptr.child(key).pointer;
        if let Some(expected) = expected_type(key)
            && !expected.accepts(&member.value)
        {
            diags.push(Diagnostic::error(
                Some(docs.location(ptr.file, &at)),
                format!(
                    "`{key}` must be {}, found {}",
                    expected.describe(),
                    member.value.type_name()
                ),
            ));
            continue;
        }
        if STRUCTURAL.contains(&key) || ANNOTATIONS.contains(&key) {
            continue;
        }
        let location = Some(docs.key_location(ptr.file, &at));
        if VALIDATION_ONLY.contains(&key) {
            if !shapes_integer(key, node) {
                diags.push(
                    Diagnostic::warning(
                        location,
                        format!("`{key}` is not checked: the generated types have no counterpart"),
                    )
                    .with_help("it is kept as documentation only; values breaking it still decode"),
                );
            }
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

/// Whether a bound keyword is used to pick the Rust width of an `integer` (so nothing of it
/// is lost: `minimum: 0` with a huge `maximum` makes a `u64`).
pub(super) fn shapes_integer(key: &str, node: &Node) -> bool {
    let bound = matches!(
        key,
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum"
    );
    let integer = match node.get("type").map(|t| &t.value) {
        Some(Value::String(t)) => t == "integer",
        Some(Value::Array(types)) => types.iter().any(|t| t.as_str() == Some("integer")),
        _ => false,
    };
    bound && integer
}

/// The JSON type a keyword's value must have.
#[derive(Clone, Copy)]
enum Expected {
    String,
    Number,
    /// A number, or (draft-04 `exclusiveMinimum`) a boolean.
    NumberOrBool,
    Count,
    Bool,
    /// A non-empty array of schemas.
    Schemas,
    /// A schema (object or boolean).
    Schema,
    /// An object (of named schemas).
    Object,
}

impl Expected {
    fn accepts(self, node: &Node) -> bool {
        match (self, &node.value) {
            (Expected::String, Value::String(_))
            | (Expected::Number | Expected::NumberOrBool, Value::Number(_))
            | (Expected::Bool | Expected::NumberOrBool, Value::Bool(_))
            | (Expected::Schema, Value::Object(_) | Value::Bool(_))
            | (Expected::Object, Value::Object(_)) => true,
            (Expected::Count, Value::Number(n)) => n.is_u64(),
            (Expected::Schemas, Value::Array(items)) => !items.is_empty(),
            _ => false,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Expected::String => "a string",
            Expected::Number => "a number",
            Expected::NumberOrBool => "a number",
            Expected::Count => "a non-negative integer",
            Expected::Bool => "a boolean",
            Expected::Schemas => "a non-empty array of schemas",
            Expected::Schema => "a schema (an object or a boolean)",
            Expected::Object => "an object",
        }
    }
}

/// What the keywords must hold. `required`, `type`, `enum` and `$ref` are checked where
/// they are read, with richer messages; the maps of named schemas are checked here too
/// because a schema that turns out not to be an object would never read them (the
/// messages match, so a second report of the same problem is deduplicated).
fn expected_type(key: &str) -> Option<Expected> {
    Some(match key {
        "title" | "description" | "$comment" | "format" | "pattern" | "$id" | "$anchor"
        | "$schema" | "contentMediaType" | "contentEncoding" => Expected::String,
        "minimum" | "maximum" | "multipleOf" => Expected::Number,
        "exclusiveMinimum" | "exclusiveMaximum" => Expected::NumberOrBool,
        "minLength" | "maxLength" | "minItems" | "maxItems" | "minProperties" | "maxProperties" => {
            Expected::Count
        }
        "uniqueItems" | "deprecated" | "readOnly" | "writeOnly" => Expected::Bool,
        "allOf" | "anyOf" | "oneOf" => Expected::Schemas,
        "not" | "if" | "then" | "else" | "contains" | "propertyNames" => Expected::Schema,
        "properties" | "patternProperties" | "$defs" | "definitions" | "dependentSchemas" => {
            Expected::Object
        }
        _ => return None,
    })
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
