//! The least work a decoder into owned types can do: parse the document and own a copy of
//! every string value, building nothing else. Keys are matched without allocating, as the
//! generated types do, so they are only parsed. Set against `Value`, this gives the ceiling
//! of the typed / `Value` ratio for any response types that own their strings (a `String`
//! field must allocate and copy), whatever the generator does.

use std::fmt;

use serde::Deserialize;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

/// Every string value of a document, copied, in document order. Decoded through the same
/// entry as the generated types (`payloads::owned_strings`), so only the target differs.
pub struct OwnedStrings(pub Vec<String>);

impl<'de> Deserialize<'de> for OwnedStrings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut strings = Vec::new();
        OwnStrings(&mut strings).deserialize(deserializer)?;
        Ok(Self(strings))
    }
}

/// Pushes a copy of every string value below it; keeps the copies alive together, as a
/// decoded value does, so the allocator sees the same pattern.
struct OwnStrings<'a>(&'a mut Vec<String>);

impl<'de> DeserializeSeed<'de> for OwnStrings<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for OwnStrings<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_str<E>(self, v: &str) -> Result<(), E> {
        self.0.push(v.to_owned());
        Ok(())
    }

    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }

    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }

    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }

    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }

    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(OwnStrings(self.0))?.is_some() {}
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while map.next_key::<IgnoredAny>()?.is_some() {
            map.next_value_seed(OwnStrings(self.0))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owns_string_values_not_keys() {
        let json = r#"{"a": "x", "b": [1, "y", null, {"c": "z"}], "d": true}"#;
        let OwnedStrings(strings) = serde_json::from_str(json).expect("json");
        assert_eq!(strings, ["x", "y", "z"]);
    }
}
