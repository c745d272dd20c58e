//! Deserialization helpers for generated union types.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::StrDeserializer;
use serde::de::{Deserialize, DeserializeOwned, DeserializeSeed, Error, MapAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};

use super::key::Key;

/// What every generated tagged union tells the decoder. Internally tagged unions
/// (`{"type": "text", "body": …}`) need nothing more; adjacently tagged ones also name their
/// payload key ([`Adjacent`](super::adjacent::Adjacent)).
pub trait TaggedUnion: Sized {
    /// The tag property (`type`).
    const TAG: &'static str;

    /// The tags of the known variants.
    const KNOWN: &'static [&'static str];

    /// The catch-all variant, which keeps an unknown variant's whole object (tag included);
    /// `None` when an unknown tag is an error (input types are closed).
    const CATCH_ALL: Option<CatchAll<Self>> = None;

    /// The variant for a known `tag`, decoded from `payload`: the object without its tag
    /// (internally tagged) or the payload value (adjacently tagged).
    fn decode<'de, D: serde::Deserializer<'de>>(tag: &str, payload: D) -> Result<Self, D::Error>;
}

/// The constructor of a union's catch-all variant.
pub type CatchAll<T> = fn(Value) -> T;

/// The value for an unknown `tag`: the catch-all variant holding `whole()`, or an error
/// naming the known tags (then the rest of the object is never buffered).
pub(super) fn unknown<T: TaggedUnion, E: Error>(
    tag: &str,
    whole: impl FnOnce() -> Result<Value, E>,
) -> Result<T, E> {
    match T::CATCH_ALL {
        Some(catch_all) => whole().map(catch_all),
        None => Err(E::unknown_variant(tag, T::KNOWN)),
    }
}

/// Decodes an internally tagged union in one pass. The keys before the tag (none when the tag
/// comes first) are buffered as values; once the tag is read, a known variant's payload is
/// decoded from those and then straight from the rest of the object, and an unknown tag's
/// catch-all gets the whole object as a value.
///
/// A repeated tag with the same value is skipped; with another value it is an error (the
/// payload was already being decoded for the first). Repeated payload keys are errors, as
/// with serde's derive.
pub fn internal<'de, D: serde::Deserializer<'de>, T: TaggedUnion>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(InternalVisitor(PhantomData))
}

struct InternalVisitor<T>(PhantomData<T>);

impl<'de, T: TaggedUnion> Visitor<'de> for InternalVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with `{}`", T::TAG)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut before = Vec::new();
        let tag = loop {
            match map.next_key::<Key<'de>>()? {
                None => return Err(A::Error::missing_field(T::TAG)),
                Some(key) if key.as_str() == T::TAG => break map.next_value::<Key<'de>>()?,
                Some(key) => before.push((key.into_string(), map.next_value::<Value>()?)),
            }
        };
        let tag = tag.as_str();
        let rest = Rest::<A, T> {
            map,
            before: before.into_iter(),
            pending: None,
            tag,
            union: PhantomData,
        };
        if T::KNOWN.contains(&tag) {
            return T::decode(tag, rest);
        }
        unknown(tag, || {
            let mut whole = Map::new();
            whole.insert(T::TAG.to_owned(), Value::String(tag.to_owned()));
            whole.extend(Map::<String, Value>::deserialize(rest)?);
            Ok(Value::Object(whole))
        })
    }
}

/// The object after its tag, as a deserializer for the payload: first the keys buffered
/// before the tag, then the rest of the input.
struct Rest<'t, A, T> {
    map: A,
    before: std::vec::IntoIter<(String, Value)>,
    /// A buffered value whose key was just handed out, with that key for errors.
    pending: Option<(String, Value)>,
    tag: &'t str,
    union: PhantomData<T>,
}

impl<'de, A: MapAccess<'de>, T: TaggedUnion> serde::Deserializer<'de> for Rest<'_, A, T> {
    type Error = A::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        visitor.visit_map(self)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum
        identifier ignored_any
    }
}

impl<'de, A: MapAccess<'de>, T: TaggedUnion> MapAccess<'de> for Rest<'_, A, T> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        if let Some((key, value)) = self.before.next() {
            let decoded = seed.deserialize(StrDeserializer::<A::Error>::new(&key))?;
            self.pending = Some((key, value));
            return Ok(Some(decoded));
        }
        while let Some(key) = self.map.next_key::<Key<'de>>()? {
            if key.as_str() != T::TAG {
                return key.deserialize_into(seed).map(Some);
            }
            if self.map.next_value::<Key<'de>>()?.as_str() != self.tag {
                return Err(A::Error::duplicate_field(T::TAG));
            }
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, A::Error> {
        match self.pending.take() {
            // A value read before the tag: its errors carry no position, so they name the
            // variant and key as a buffered payload always did.
            Some((key, value)) => seed.deserialize(value).map_err(|e| {
                A::Error::custom(format_args!("in `{}` variant at `{key}`: {e}", self.tag))
            }),
            None => self.map.next_value_seed(seed),
        }
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
