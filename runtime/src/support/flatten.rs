//! Structs that flatten an adjacently tagged union (Interflow's `Message`: its own fields
//! beside `type` and `content`), decoded in one pass over the object.
//!
//! serde's `#[serde(flatten)]` would buffer every key it does not know as `Content` and hand
//! them to the union afterwards. Here the struct's own fields go to a derived helper struct
//! (so absent, `null` and unknown keys behave exactly as with serde's derive) while the tag
//! and payload keys are taken out of the stream on the way and given to the union's
//! [`Parts`], which decodes the payload as it is read when its tag came first.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Deserialize, DeserializeSeed, MapAccess, Visitor};
use serde::forward_to_deserialize_any;

use super::adjacent::{Adjacent, Parts};
use super::key::Key;

/// Decodes a struct with its own fields `F` (a derived helper) and a flattened adjacently
/// tagged union `U`. `name` is the struct's, for the error on a non-object.
pub fn flattened<'de, D, F, U>(deserializer: D, name: &'static str) -> Result<(F, U), D::Error>
where
    D: serde::Deserializer<'de>,
    F: Deserialize<'de>,
    U: Adjacent,
{
    deserializer.deserialize_map(FlatVisitor {
        name,
        types: PhantomData,
    })
}

struct FlatVisitor<F, U> {
    name: &'static str,
    types: PhantomData<fn() -> (F, U)>,
}

impl<'de, F: Deserialize<'de>, U: Adjacent> Visitor<'de> for FlatVisitor<F, U> {
    type Value = (F, U);

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "struct {}", self.name)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(F, U), A::Error> {
        let mut parts = Parts::new();
        let fields = F::deserialize(Fields {
            map: &mut map,
            parts: &mut parts,
        })?;
        // As with serde's derive, the struct's own missing fields are reported before the
        // flattened union's.
        let union = parts.finish()?;
        Ok((fields, union))
    }
}

/// The object as the helper struct sees it: its own fields, without the union's keys.
struct Fields<'a, 'de, A, U> {
    map: &'a mut A,
    parts: &'a mut Parts<'de, U>,
}

impl<'de, A: MapAccess<'de>, U: Adjacent> serde::Deserializer<'de> for Fields<'_, 'de, A, U> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(FieldsAccess {
            map: self.map,
            parts: self.parts,
            fields: None,
        })
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, A::Error> {
        visitor.visit_map(FieldsAccess {
            map: self.map,
            parts: self.parts,
            fields: Some(fields),
        })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

struct FieldsAccess<'a, 'de, A, U> {
    map: &'a mut A,
    parts: &'a mut Parts<'de, U>,
    /// The helper's field names (its derive passes them), to tell which unknown keys the
    /// union's catch-all must keep; `None` hands every other key to the helper.
    fields: Option<&'static [&'static str]>,
}

impl<'de, A: MapAccess<'de>, U: Adjacent> MapAccess<'de> for FieldsAccess<'_, 'de, A, U> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        while let Some(key) = self.map.next_key::<Key<'de>>()? {
            let for_union = Parts::<U>::claims(key.as_str())
                || (self.parts.keeps_others()
                    && self
                        .fields
                        .is_some_and(|fields| !fields.contains(&key.as_str())));
            if !for_union {
                return key.deserialize_into(seed).map(Some);
            }
            self.parts.read_entry(key, self.map)?;
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        self.map.next_value_seed(seed)
    }
}
