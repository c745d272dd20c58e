//! Adjacently tagged unions (`{"type": "text", "content": {...}}`) decoded by streaming:
//! when the tag comes before the payload, as providers send it, the payload is decoded
//! straight into its variant. Otherwise (payload first, or an unknown tag) the payload is
//! buffered as a `serde_json::Value`, which also keeps everything for catch-all variants.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Error, MapAccess, Visitor};
use serde_json::{Map, Value};

/// What generated adjacently tagged unions tell the decoder.
pub trait Adjacent: Sized {
    /// The tag property (`type`).
    const TAG: &'static str;
    /// The payload property (`content`).
    const CONTENT: &'static str;

    /// The tags of the known variants.
    const KNOWN: &'static [&'static str];

    /// The variant for a known `tag`, decoded from `payload`.
    fn decode<'de, D: serde::Deserializer<'de>>(tag: &str, payload: D) -> Result<Self, D::Error>;

    /// The value for an unknown tag, given the whole object: the catch-all variant, or an
    /// error naming the known tags.
    fn unknown<E: Error>(tag: &str, whole: Value) -> Result<Self, E>;
}

/// Decodes an [`Adjacent`] union.
pub fn adjacent<'de, D: serde::Deserializer<'de>, T: Adjacent>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(AdjacentVisitor(PhantomData))
}

struct AdjacentVisitor<T>(PhantomData<T>);

/// A payload read after its tag: decoded, or kept as a value when the tag is unknown.
enum Payload<T> {
    Known(T),
    Unknown(Value),
}

struct PayloadSeed<'a, T> {
    tag: &'a str,
    union: PhantomData<T>,
}

impl<'de, T: Adjacent> DeserializeSeed<'de> for PayloadSeed<'_, T> {
    type Value = Payload<T>;

    fn deserialize<D: serde::Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Payload<T>, D::Error> {
        if T::KNOWN.contains(&self.tag) {
            T::decode(self.tag, deserializer).map(Payload::Known)
        } else {
            <Value as serde::Deserialize>::deserialize(deserializer).map(Payload::Unknown)
        }
    }
}

impl<'de, T: Adjacent> Visitor<'de> for AdjacentVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an object with `{}` and `{}`", T::TAG, T::CONTENT)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<T, A::Error> {
        let mut tag: Option<String> = None;
        let mut decoded: Option<T> = None;
        let mut content: Option<Value> = None;
        let mut others = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if key == T::TAG {
                if tag.is_some() {
                    return Err(A::Error::duplicate_field(T::TAG));
                }
                tag = Some(map.next_value::<String>()?);
            } else if key == T::CONTENT {
                if decoded.is_some() || content.is_some() {
                    return Err(A::Error::duplicate_field(T::CONTENT));
                }
                match &tag {
                    Some(known_tag) => match map.next_value_seed(PayloadSeed::<T> {
                        tag: known_tag,
                        union: PhantomData,
                    })? {
                        Payload::Known(value) => decoded = Some(value),
                        Payload::Unknown(value) => content = Some(value),
                    },
                    None => content = Some(map.next_value::<Value>()?),
                }
            } else {
                others.insert(key, map.next_value::<Value>()?);
            }
        }
        let tag = tag.ok_or_else(|| A::Error::missing_field(T::TAG))?;
        if let Some(value) = decoded {
            return Ok(value);
        }
        if T::KNOWN.contains(&tag.as_str()) {
            // The payload came before its tag: decode it from the buffered value, naming the
            // failing field (this error surfaces through a hand-written visitor, so the outer
            // path tracker sees only the union).
            let payload = content.unwrap_or(Value::Null);
            let mut track = serde_path_to_error::Track::new();
            return T::decode(
                &tag,
                serde_path_to_error::Deserializer::new(payload, &mut track),
            )
            .map_err(|e| {
                let inner = track.path().to_string();
                let path = if inner == "." {
                    T::CONTENT.to_owned()
                } else {
                    format!("{}.{inner}", T::CONTENT)
                };
                A::Error::custom(format_args!("in `{tag}` variant at `{path}`: {e}"))
            });
        }
        let mut whole = Map::new();
        whole.insert(T::TAG.to_owned(), Value::String(tag.clone()));
        if let Some(content) = content {
            whole.insert(T::CONTENT.to_owned(), content);
        }
        whole.extend(others);
        T::unknown(&tag, Value::Object(whole))
    }
}
