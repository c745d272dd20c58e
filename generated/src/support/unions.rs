//! Deserialization helpers for generated union types.

use serde::de::{DeserializeOwned, Error};
use serde_json::Value;

/// An internally tagged object whose discriminator was read: generated `Deserialize`
/// impls match on [`Tagged::tag`] and then decode the payload of the variant it names.
/// (Adjacently tagged unions stream instead: see [`crate::support::adjacent`].)
#[derive(Debug)]
pub struct Tagged {
    tag: String,
    tag_key: &'static str,
    value: Value,
}

impl Tagged {
    /// Reads a JSON object and its string discriminator `tag_key`.
    pub fn deserialize<'de, D: serde::Deserializer<'de>>(
        deserializer: D,
        tag_key: &'static str,
    ) -> Result<Self, D::Error> {
        let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
        let tag = match value.get(tag_key) {
            Some(Value::String(tag)) => tag.clone(),
            Some(other) => {
                return Err(D::Error::custom(format_args!(
                    "`{tag_key}` must be a string, found {other}"
                )));
            }
            None if value.is_object() => return Err(D::Error::missing_field(tag_key)),
            None => {
                return Err(D::Error::custom(format_args!(
                    "expected an object with `{tag_key}`, found {value}"
                )));
            }
        };
        Ok(Tagged {
            tag,
            tag_key,
            value,
        })
    }

    /// The discriminator value.
    pub fn tag(&self) -> &str {
        &self.tag
    }

    /// Decodes the payload (the object without its tag). Errors name the variant and the
    /// failing field: they surface through a hand-written impl, so the outer path tracker
    /// only sees the union itself.
    pub fn payload<T: DeserializeOwned, E: Error>(self) -> Result<T, E> {
        let Tagged {
            tag,
            tag_key,
            mut value,
        } = self;
        if let Value::Object(map) = &mut value {
            map.remove(tag_key);
        }
        serde_path_to_error::deserialize(value).map_err(|e| {
            E::custom(format_args!(
                "in `{tag}` variant at `{}`: {}",
                e.path(),
                e.inner()
            ))
        })
    }

    /// The whole value, tag included (for catch-all variants).
    pub fn into_value(self) -> Value {
        self.value
    }

    /// The error for a tag no variant has (for types without a catch-all).
    pub fn unknown_tag<E: Error>(&self, expected: &'static [&'static str]) -> E {
        E::unknown_variant(&self.tag, expected)
    }
}

/// Tries the variants of an untagged union in order and remembers why each failed, so the
/// final error says what was tried.
#[derive(Debug)]
pub struct Attempts {
    type_name: &'static str,
    failures: Vec<String>,
}

impl Attempts {
    /// Starts trying variants of the named type.
    pub fn new(type_name: &'static str) -> Self {
        Attempts {
            type_name,
            failures: Vec::new(),
        }
    }

    /// Decodes `value` as one variant; `None` (and a recorded reason) when it does not fit.
    pub fn attempt<T: DeserializeOwned>(&mut self, value: &Value, variant: &str) -> Option<T> {
        match T::deserialize(value) {
            Ok(decoded) => Some(decoded),
            Err(e) => {
                self.failures.push(format!("{variant}: {e}"));
                None
            }
        }
    }

    /// The error once every variant failed.
    pub fn into_error<E: Error>(self) -> E {
        E::custom(format_args!(
            "no variant of `{}` matched ({})",
            self.type_name,
            self.failures.join("; ")
        ))
    }
}
