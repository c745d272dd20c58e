//! Query strings: how typed parameters become text.

use serde::Serialize;
use serde_json::Value;

/// The text of one value as a query parameter or form field: strings as they are, numbers
/// and booleans as text, objects and arrays as compact JSON (the encoding our manifests
/// choose for structured query parameters), `null` left out.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(_) | Value::Object(_) => Some(value.to_string()),
    }
}

/// Adds `name=value` to `pairs` when `value` is present.
pub fn push<T: Serialize>(pairs: &mut Vec<(&'static str, String)>, name: &'static str, value: &T) {
    if let Some(text) = serde_json::to_value(value).ok().as_ref().and_then(text) {
        pairs.push((name, text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodes_each_kind() {
        let mut pairs = Vec::new();
        push(&mut pairs, "skip", &Some(20));
        push(&mut pairs, "take", &None::<i64>);
        push(&mut pairs, "filter", &serde_json::json!({"name": "Ana"}));
        push(&mut pairs, "flag", &true);
        assert_eq!(
            pairs,
            [
                ("skip", "20".to_string()),
                ("filter", r#"{"name":"Ana"}"#.to_string()),
                ("flag", "true".to_string())
            ]
        );
    }
}
