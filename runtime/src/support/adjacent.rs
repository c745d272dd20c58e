//! Adjacently tagged unions (`{"type": "text", "content": {...}}`) decoded by streaming:
//! when the tag comes before the payload, as providers send it, the payload is decoded
//! straight into its variant. Otherwise (payload first, or an unknown tag) the payload is
//! buffered as a `serde_json::Value`, which also keeps everything for catch-all variants.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Error, IgnoredAny, MapAccess, Visitor};
use serde_json::{Map, Value};

use super::key::Key;
use super::unions::{TaggedUnion, unknown};

/// What generated adjacently tagged unions tell the decoder besides what every tagged
/// union does ([`TaggedUnion`]): the payload key.
pub trait Adjacent: TaggedUnion {
    /// The payload property (`content`).
    const CONTENT: &'static str;
}

/// Decodes an [`Adjacent`] union.
pub fn adjacent<'de, D: serde::Deserializer<'de>, T: Adjacent>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(AdjacentVisitor(PhantomData))
}

struct AdjacentVisitor<T>(PhantomData<T>);

impl<'de, T: Adjacent> Visitor<'de> for AdjacentVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with `{}` and `{}`", T::TAG, T::CONTENT)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut parts = Parts::new();
        while let Some(key) = map.next_key::<Key<'de>>()? {
            parts.read_entry(key, &mut map)?;
        }
        parts.finish()
    }
}

/// What has been read of an adjacently tagged object so far. Shared by [`adjacent`] (the
/// union alone) and `support::flattened` (its keys among a struct's own fields).
pub(super) struct Parts<'de, T> {
    tag: Option<Key<'de>>,
    /// Whether `tag` names a variant: then the payload streams and other keys are skipped.
    known: bool,
    decoded: Option<T>,
    /// The payload, when it could not be decoded as it was read.
    content: Option<Value>,
    /// Other keys, kept while the catch-all may still need them (until a known tag).
    others: Map<String, Value>,
}

/// Decodes a payload whose known tag was read first, straight from the input.
struct DecodeSeed<'a, T> {
    tag: &'a str,
    union: PhantomData<T>,
}

impl<'de, T: Adjacent> DeserializeSeed<'de> for DecodeSeed<'_, T> {
    type Value = T;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::decode(self.tag, deserializer)
    }
}

impl<'de, T: Adjacent> Parts<'de, T> {
    pub(super) fn new() -> Self {
        Parts {
            tag: None,
            known: false,
            decoded: None,
            content: None,
            others: Map::new(),
        }
    }

    /// Whether `key` is the tag or the payload.
    pub(super) fn claims(key: &str) -> bool {
        key == T::TAG || key == T::CONTENT
    }

    /// Whether a key that is neither tag nor payload must be kept for the catch-all: only
    /// while the tag may still turn out unknown, and only when there is a catch-all.
    pub(super) fn keeps_others(&self) -> bool {
        !self.known && T::CATCH_ALL.is_some()
    }

    /// Reads the value of `key`, the next entry of `map`.
    pub(super) fn read_entry<A: MapAccess<'de>>(
        &mut self,
        key: Key<'de>,
        map: &mut A,
    ) -> Result<(), A::Error> {
        if key.as_str() == T::TAG {
            if self.tag.is_some() {
                return Err(A::Error::duplicate_field(T::TAG));
            }
            let tag = map.next_value::<Key<'de>>()?;
            self.known = T::KNOWN.contains(&tag.as_str());
            if self.known {
                self.others = Map::new();
            }
            self.tag = Some(tag);
        } else if key.as_str() == T::CONTENT {
            if self.decoded.is_some() || self.content.is_some() {
                return Err(A::Error::duplicate_field(T::CONTENT));
            }
            match &self.tag {
                Some(tag) if self.known => {
                    self.decoded = Some(map.next_value_seed(DecodeSeed::<T> {
                        tag: tag.as_str(),
                        union: PhantomData,
                    })?);
                }
                _ => self.content = Some(map.next_value::<Value>()?),
            }
        } else if !self.keeps_others() {
            map.next_value::<IgnoredAny>()?;
        } else {
            self.others
                .insert(key.into_string(), map.next_value::<Value>()?);
        }
        Ok(())
    }

    /// The union, once every key was read.
    pub(super) fn finish<E: Error>(self) -> Result<T, E> {
        let tag = self.tag.ok_or_else(|| E::missing_field(T::TAG))?;
        if let Some(value) = self.decoded {
            return Ok(value);
        }
        let tag = tag.as_str();
        if self.known {
            // The payload came before its tag: decode it from the buffered value, naming the
            // failing field (this error surfaces through a hand-written visitor, so the outer
            // path tracker sees only the union).
            let payload = self.content.unwrap_or(Value::Null);
            let mut track = serde_path_to_error::Track::new();
            return T::decode(
                tag,
                serde_path_to_error::Deserializer::new(payload, &mut track),
            )
            .map_err(|e| {
                let inner = track.path().to_string();
                let path = if inner == "." {
                    T::CONTENT.to_owned()
                } else {
                    format!("{}.{inner}", T::CONTENT)
                };
                E::custom(format_args!("in `{tag}` variant at `{path}`: {e}"))
            });
        }
        unknown(tag, || {
            let mut whole = Map::new();
            whole.insert(T::TAG.to_owned(), Value::String(tag.to_owned()));
            if let Some(content) = self.content {
                whole.insert(T::CONTENT.to_owned(), content);
            }
            whole.extend(self.others);
            Ok(Value::Object(whole))
        })
    }
}
