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

/// `value`, which must serialize as an object, as `application/x-www-form-urlencoded`
/// text: each field's [`text`], by field name (serde_json's map is sorted; no provider
/// reads form fields in order).
pub(crate) fn form<B: Serialize + ?Sized>(value: &B) -> Result<String, String> {
    let value =
        serde_json::to_value(value).map_err(|e| format!("the body does not encode: {e}"))?;
    let Value::Object(fields) = value else {
        return Err("a form body must be an object".into());
    };
    let mut out = form_urlencoded::Serializer::new(String::new());
    for (name, value) in &fields {
        if let Some(text) = text(value) {
            out.append_pair(name, &text);
        }
    }
    Ok(out.finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_sends_scalars_as_text_and_structures_as_json() {
        let body = serde_json::json!({
            "To": "+55 11 9",
            "channel": "whatsapp",
            "message": {"type": "text", "text": "olá & até"},
            "skip": null,
            "n": 2,
        });
        let text = form(&body).expect("an object");
        let pairs: Vec<(String, String)> = form_urlencoded::parse(text.as_bytes())
            .into_owned()
            .collect();
        assert_eq!(
            pairs,
            [
                ("To".to_string(), "+55 11 9".to_string()),
                ("channel".into(), "whatsapp".into()),
                (
                    "message".into(),
                    r#"{"text":"olá & até","type":"text"}"#.into()
                ),
                ("n".into(), "2".into()),
            ]
        );
        assert!(text.contains("To=%2B55+11+9"), "{text}");
        assert!(form(&[1, 2]).is_err());
    }

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
