//! The manifest checked against its own meta-schema before serde reads it.
//!
//! serde stops at the first error, so a manifest with a misspelled field, a bad HTTP method
//! and a missing summary would need three runs to fix. Validating the spanned tree against
//! the meta-schema (`schemars`' view of [`Manifest`]) reports every problem at once, each at
//! its node, with hints: the allowed values of an enum, the closest known field name.
//! Embedded schemas are left to the lowering, which knows them better.

use jsonschema::error::ValidationErrorKind;
use serde_json::Value;

use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::Documents;
use crate::hints::closest;
use crate::manifest::Manifest;
use crate::source::FileId;

/// Validates the manifest in `file`; returns whether it had no error.
pub fn validate(docs: &Documents, file: FileId, diags: &mut Diagnostics) -> bool {
    let Some(tree) = docs.tree(file) else {
        return false;
    };
    let meta = meta_schema();
    let validator = match jsonschema::options().build(&meta) {
        Ok(validator) => validator,
        Err(e) => {
            diags.error(
                None,
                format!("internal error: the manifest meta-schema: {e}"),
            );
            return false;
        }
    };
    let instance = tree.to_json();
    let mut clean = true;
    let errors: Vec<jsonschema::ValidationError<'_>> = validator.iter_errors(&instance).collect();
    let mut leaves = Vec::new();
    for error in &errors {
        leaf_errors(error, &mut leaves);
    }
    for error in leaves {
        clean = false;
        let mut pointer = error.instance_path().as_str().to_string();
        let (message, help, on_key) = describe(&meta, error);
        if let Some(key) = &on_key {
            pointer = crate::json::push_pointer(&pointer, key);
        }
        // Point at the closest node that exists (a missing field is reported on its object).
        while docs.node(file, &pointer).is_none() && !pointer.is_empty() {
            pointer.truncate(pointer.rfind('/').unwrap_or(0));
        }
        let location = if on_key.is_some() {
            docs.key_location(file, &pointer)
        } else {
            docs.location(file, &pointer)
        };
        let mut diagnostic = Diagnostic::error(Some(location), message);
        if let Some(help) = help {
            diagnostic = diagnostic.with_help(help);
        }
        diags.push(diagnostic);
    }
    clean
}

/// The errors worth reporting for one error. A failed `anyOf`/`oneOf` where every branch
/// but one failed only on its type (an `Option<T>` field is `anyOf: [T, null]`) stands for
/// that branch's own errors, which say what is actually wrong and where.
fn leaf_errors<'e>(
    error: &'e jsonschema::ValidationError<'e>,
    out: &mut Vec<&'e jsonschema::ValidationError<'e>>,
) {
    let context = match error.kind() {
        ValidationErrorKind::AnyOf { context } | ValidationErrorKind::OneOfNotValid { context } => {
            context
        }
        _ => {
            out.push(error);
            return;
        }
    };
    let here = error.instance_path().as_str();
    let meaningful: Vec<&Vec<jsonschema::ValidationError<'static>>> = context
        .iter()
        .filter(|branch| {
            !branch.iter().all(|e| {
                matches!(e.kind(), ValidationErrorKind::Type { .. })
                    && e.instance_path().as_str() == here
            })
        })
        .collect();
    match meaningful.as_slice() {
        [only] if !only.is_empty() => {
            for inner in only.iter() {
                leaf_errors(inner, out);
            }
        }
        _ => out.push(error),
    }
}

/// The meta-schema with embedded schemas accepted as they are: the lowering checks them,
/// with messages about schemas rather than about the 2020-12 meta-schema.
fn meta_schema() -> Value {
    let mut meta = schemars::schema_for!(Manifest).to_value();
    if let Some(defs) = meta.get_mut("$defs").and_then(Value::as_object_mut) {
        defs.insert("JsonSchema".into(), Value::Bool(true));
    }
    meta
}

/// The message, the hint and (for an unexpected field) the key to point at.
fn describe(
    meta: &Value,
    error: &jsonschema::ValidationError<'_>,
) -> (String, Option<String>, Option<String>) {
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let key = unexpected.first().cloned().unwrap_or_default();
            let known = known_properties(meta, error.schema_path().as_str());
            let help = closest(&key, known.iter().map(String::as_str))
                .map(|k| format!("did you mean `{k}`?"))
                .or_else(|| {
                    (!known.is_empty()).then(|| format!("known fields: {}", known.join(", ")))
                });
            (format!("unknown manifest field `{key}`"), help, Some(key))
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            let constants: Option<Vec<String>> = context
                .iter()
                .map(|branch| match branch.as_slice() {
                    [only] => match only.kind() {
                        ValidationErrorKind::Constant { expected_value } => {
                            Some(format!("`{}`", plain(expected_value)))
                        }
                        _ => None,
                    },
                    _ => None,
                })
                .collect();
            match constants {
                Some(values) if !values.is_empty() => (
                    format!("`{}` is not an allowed value here", plain(error.instance())),
                    Some(format!("allowed values: {}", values.join(", "))),
                    None,
                ),
                _ => (format!("invalid manifest value: {error}"), None, None),
            }
        }
        ValidationErrorKind::Enum { options } => (
            format!("`{}` is not an allowed value here", plain(error.instance())),
            options.as_array().map(|values| {
                let values: Vec<String> =
                    values.iter().map(|v| format!("`{}`", plain(v))).collect();
                format!("allowed values: {}", values.join(", "))
            }),
            None,
        ),
        ValidationErrorKind::Required { property } => (
            format!("missing manifest field `{}`", plain(property)),
            None,
            None,
        ),
        _ => (format!("invalid manifest value: {error}"), None, None),
    }
}

/// A JSON value as text, strings without their quotes.
fn plain(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The property names of the object schema whose `additionalProperties` failed.
fn known_properties(meta: &Value, schema_path: &str) -> Vec<String> {
    let parent = schema_path
        .strip_suffix("/additionalProperties")
        .unwrap_or(schema_path);
    meta.pointer(parent)
        .and_then(|schema| schema.get("properties"))
        .and_then(Value::as_object)
        .map(|properties| properties.keys().cloned().collect())
        .unwrap_or_default()
}
