//! Scalars: `type` → primitive Rust types (with `format` choosing typed values), `enum` →
//! open string enums, `const` → the constant's base type.

use super::{Lowerer, Slot};
use crate::ir::{EnumVariant, IntType, StringEnum, TypeKind, TypeRef};
use crate::json::{Node, Value};
use crate::names::{Scope, variant_name};
use crate::resolve::SchemaPtr;

/// The JSON types a schema allows, `null` aside, in a fixed order (so `integer` is tried
/// before `number` and type arrays lower the same whatever order they were written in).
pub(super) fn types_of(node: &Node) -> Result<Vec<&'static str>, String> {
    const ORDER: [&str; 6] = ["boolean", "integer", "number", "string", "array", "object"];
    let written: Vec<&str> = match node.get("type").map(|t| &t.value) {
        None => {
            // `additionalProperties: true` (or `{}`) alone constrains nothing: any value.
            let constraining = |key: &str| {
                node.get(key).is_some_and(|n| {
                    !matches!(&n.value, Value::Bool(true)) && n.members() != Some(&[])
                })
            };
            if ["properties", "additionalProperties", "patternProperties"]
                .iter()
                .any(|k| constraining(k))
            {
                vec!["object"]
            } else if node.get("items").is_some() || node.get("prefixItems").is_some() {
                vec!["array"]
            } else {
                vec![]
            }
        }
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(items)) => {
            let mut names = Vec::new();
            for item in items {
                match item.as_str() {
                    Some(name) => names.push(name),
                    None => {
                        return Err(format!(
                            "`type` entries must be strings, found {}",
                            item.type_name()
                        ));
                    }
                }
            }
            if names.is_empty() {
                return Err("`type` must name at least one type".into());
            }
            names
        }
        Some(other) => {
            let found = other.type_name();
            return Err(format!(
                "`type` must be a string or an array of strings, found {found}"
            ));
        }
    };
    for name in &written {
        if *name != "null" && !ORDER.contains(name) {
            return Err(format!(
                "unknown type `{name}`; expected one of null, boolean, integer, number, string, array, object"
            ));
        }
    }
    Ok(ORDER
        .iter()
        .copied()
        .filter(|t| written.contains(t))
        .collect())
}

/// A primitive JSON type as Rust, `format` picking a typed value where it guarantees one.
pub(super) fn primitive(node: &Node, type_name: &str) -> Result<TypeRef, String> {
    let format = node.get("format").and_then(Node::as_str);
    Ok(match type_name {
        "boolean" => TypeRef::Bool,
        "string" => match format {
            Some("date-time") => TypeRef::DateTime,
            Some("uuid") => TypeRef::Uuid,
            Some("binary") => TypeRef::File,
            _ if is_binary_media(node) => TypeRef::File,
            _ => TypeRef::String,
        },
        "integer" => match format {
            Some("unix-time") => TypeRef::UnixTime,
            Some("int32") => TypeRef::Int(IntType::I32),
            Some("uint32") => TypeRef::Int(IntType::U32),
            Some("uint64") => TypeRef::Int(IntType::U64),
            _ => integer_for_bounds(node),
        },
        "number" => TypeRef::Float,
        other => return Err(format!("type `{other}` is not a primitive")),
    })
}

/// A string whose `contentMediaType` is not text: file content, sent as a file part.
fn is_binary_media(node: &Node) -> bool {
    node.get("contentMediaType")
        .and_then(Node::as_str)
        .is_some_and(|media| !(media.starts_with("text/") || media.contains("json")))
        && node.get("contentEncoding").is_none()
}

/// The integer type every value within the schema's bounds fits: `i64`, `u64` when the
/// maximum is beyond `i64` and nothing is negative, else `Number` (which holds any JSON
/// number and re-encodes integers as integers).
fn integer_for_bounds(node: &Node) -> TypeRef {
    let bound = |keys: [&str; 2]| {
        keys.iter()
            .find_map(|k| match node.get(k).map(|n| &n.value) {
                Some(Value::Number(n)) => Some(n.clone()),
                // draft-04 `exclusiveMinimum: true` qualifies `minimum`; it is no bound itself.
                _ => None,
            })
    };
    let min = bound(["minimum", "exclusiveMinimum"]);
    let max = bound(["maximum", "exclusiveMaximum"]);
    // A bound written as a float (`1e20`) is compared as one.
    let fits_i64 = |n: &serde_json::Number| {
        n.is_i64() || n.as_f64().is_some_and(|f| f.abs() < 9.2e18 && !n.is_u64())
    };
    let below_i64 = min.as_ref().is_some_and(|m| !fits_i64(m) && !m.is_u64());
    match &max {
        _ if below_i64 => TypeRef::Float,
        Some(max) if !fits_i64(max) => {
            let non_negative = min
                .as_ref()
                .is_some_and(|m| m.as_f64().is_some_and(|f| f >= 0.0));
            if non_negative && max.is_u64() {
                TypeRef::Int(IntType::U64)
            } else {
                TypeRef::Float
            }
        }
        _ => TypeRef::Int(IntType::I64),
    }
}

/// `const`: the constant's base type (its value is documented on the field).
pub(super) fn constant(node: &Node) -> TypeRef {
    match node.get("const").map(|c| &c.value) {
        Some(Value::String(_)) => TypeRef::String,
        Some(Value::Bool(_)) => TypeRef::Bool,
        Some(Value::Number(n)) if n.is_i64() => TypeRef::Int(IntType::I64),
        Some(Value::Number(n)) if n.is_u64() => TypeRef::Int(IntType::U64),
        Some(Value::Number(_)) => TypeRef::Float,
        _ => TypeRef::Json,
    }
}

impl Lowerer<'_> {
    /// `enum`: strings become an open Rust enum; numbers and booleans keep their base type.
    pub(super) fn enumeration(&mut self, ptr: &SchemaPtr, node: &Node, slot: Slot) -> TypeRef {
        let Some(values) = node.get("enum").and_then(Node::items) else {
            self.error(&ptr.child("enum"), "`enum` must be an array of values");
            return TypeRef::Json;
        };
        let values: Vec<&Node> = values
            .iter()
            .filter(|v| !matches!(v.value, Value::Null))
            .collect();
        if values.is_empty() {
            if node
                .get("enum")
                .and_then(Node::items)
                .is_some_and(|v| v.is_empty())
            {
                self.error(
                    &ptr.child("enum"),
                    "`enum` has no values, so nothing can match it",
                );
            }
            return TypeRef::Json;
        }
        if values.iter().all(|v| v.as_str().is_some()) {
            let id = self.alloc(&slot, ptr);
            let mut scope = Scope::default();
            let mut variants: Vec<EnumVariant> = Vec::new();
            for value in values.iter().filter_map(|v| v.as_str()) {
                if variants.iter().any(|v| v.value == value) {
                    continue;
                }
                variants.push(EnumVariant {
                    name: scope.claim(variant_name(value)),
                    value: value.to_string(),
                });
            }
            let catch_all = scope.claim("Unknown".into());
            self.set_kind(
                id,
                TypeKind::Enum(StringEnum {
                    variants,
                    catch_all,
                }),
            );
            return TypeRef::Named(id);
        }
        let all = |pred: fn(&Value) -> bool| values.iter().all(|v| pred(&v.value));
        let (ty, rust) = if all(|v| matches!(v, Value::Number(n) if n.is_i64())) {
            (TypeRef::Int(IntType::I64), "i64")
        } else if all(|v| matches!(v, Value::Number(_))) {
            (TypeRef::Float, "Number")
        } else if all(|v| matches!(v, Value::Bool(_))) {
            (TypeRef::Bool, "bool")
        } else {
            (TypeRef::Json, "serde_json::Value")
        };
        // Only string enums become Rust enums; the values of any other are lost.
        let mut kinds: Vec<&str> = values
            .iter()
            .map(|v| {
                v.type_name()
                    .trim_start_matches("an ")
                    .trim_start_matches("a ")
            })
            .collect();
        kinds.sort_unstable();
        kinds.dedup();
        self.warning(
            &ptr.child("enum"),
            format!(
                "an `enum` of {} values is typed `{rust}`: the values are not checked",
                match kinds.split_last() {
                    Some((last, [])) => (*last).to_string(),
                    Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
                    None => String::new(),
                }
            ),
        );
        ty
    }
}
