//! Object keys (and tag values) read without allocating: the streaming union decoders look
//! at every key of an object to find their tag, and serde's `String` (or `Cow<str>`, which
//! serde always fills owned) would cost an allocation per key.

use std::fmt;

use serde::de::value::{BorrowedStrDeserializer, StringDeserializer};
use serde::de::{Deserialize, Deserializer, Error, Visitor};

/// A key borrowed from the input when the format allows it (`serde_json::from_slice` and
/// `from_str` do for keys without escapes), owned otherwise.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Key<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl<'de> Key<'de> {
    pub(super) fn as_str(&self) -> &str {
        match self {
            Key::Borrowed(key) => key,
            Key::Owned(key) => key,
        }
    }

    pub(super) fn into_string(self) -> String {
        match self {
            Key::Borrowed(key) => key.to_owned(),
            Key::Owned(key) => key,
        }
    }

    /// Hands the key to a derived field visitor (`seed`), which matches it without copying
    /// when it is borrowed.
    pub(super) fn deserialize_into<S, E>(self, seed: S) -> Result<S::Value, E>
    where
        S: serde::de::DeserializeSeed<'de>,
        E: Error,
    {
        match self {
            Key::Borrowed(key) => seed.deserialize(BorrowedStrDeserializer::<E>::new(key)),
            Key::Owned(key) => seed.deserialize(StringDeserializer::<E>::new(key)),
        }
    }
}

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct KeyVisitor;

        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }

            fn visit_borrowed_str<E: Error>(self, value: &'de str) -> Result<Key<'de>, E> {
                Ok(Key::Borrowed(value))
            }

            fn visit_str<E: Error>(self, value: &str) -> Result<Key<'de>, E> {
                Ok(Key::Owned(value.to_owned()))
            }

            fn visit_string<E: Error>(self, value: String) -> Result<Key<'de>, E> {
                Ok(Key::Owned(value))
            }
        }

        deserializer.deserialize_str(KeyVisitor)
    }
}
