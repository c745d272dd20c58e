//! Untagged unions whose variants take different kinds of JSON (a string or an array, a
//! boolean or a string) decode by looking at the kind once, with no intermediate
//! `serde_json::Value` and no trial decoding.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{Error, MapAccess, SeqAccess, Unexpected, Visitor};

/// Builds a union from the one JSON kind it got. Generated unions implement the methods
/// for the kinds their variants take; every other kind is an error listing the expected
/// ones.
pub trait ByKind: Sized {
    /// The kinds accepted, for errors (`a string or an array`).
    const EXPECTING: &'static str;

    /// From `true` or `false`.
    fn from_bool<E: Error>(value: bool) -> Result<Self, E> {
        Err(E::invalid_type(
            Unexpected::Bool(value),
            &Expecting(Self::EXPECTING),
        ))
    }

    /// From a negative integer (or any integer that fits `i64`, when `from_u64` defers).
    fn from_i64<E: Error>(value: i64) -> Result<Self, E> {
        Err(E::invalid_type(
            Unexpected::Signed(value),
            &Expecting(Self::EXPECTING),
        ))
    }

    /// From a non-negative integer.
    fn from_u64<E: Error>(value: u64) -> Result<Self, E> {
        Err(E::invalid_type(
            Unexpected::Unsigned(value),
            &Expecting(Self::EXPECTING),
        ))
    }

    /// From a number with a fraction or exponent.
    fn from_f64<E: Error>(value: f64) -> Result<Self, E> {
        Err(E::invalid_type(
            Unexpected::Float(value),
            &Expecting(Self::EXPECTING),
        ))
    }

    /// From a string.
    fn from_str<E: Error>(value: &str) -> Result<Self, E> {
        Err(E::invalid_type(
            Unexpected::Str(value),
            &Expecting(Self::EXPECTING),
        ))
    }

    /// From an owned string (defaults to [`ByKind::from_str`]).
    fn from_string<E: Error>(value: String) -> Result<Self, E> {
        Self::from_str(&value)
    }

    /// From an array.
    fn from_seq<'de, A: SeqAccess<'de>>(_seq: A) -> Result<Self, A::Error> {
        Err(A::Error::invalid_type(
            Unexpected::Seq,
            &Expecting(Self::EXPECTING),
        ))
    }

    /// From an object.
    fn from_map<'de, A: MapAccess<'de>>(_map: A) -> Result<Self, A::Error> {
        Err(A::Error::invalid_type(
            Unexpected::Map,
            &Expecting(Self::EXPECTING),
        ))
    }
}

struct Expecting(&'static str);

impl serde::de::Expected for Expecting {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Decodes a [`ByKind`] union.
pub fn by_kind<'de, D: serde::Deserializer<'de>, T: ByKind>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_any(KindVisitor(PhantomData))
}

struct KindVisitor<T>(PhantomData<T>);

impl<'de, T: ByKind> Visitor<'de> for KindVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(T::EXPECTING)
    }

    fn visit_bool<E: Error>(self, value: bool) -> Result<T, E> {
        T::from_bool(value)
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<T, E> {
        T::from_i64(value)
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
        T::from_u64(value)
    }

    fn visit_f64<E: Error>(self, value: f64) -> Result<T, E> {
        T::from_f64(value)
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<T, E> {
        T::from_str(value)
    }

    fn visit_string<E: Error>(self, value: String) -> Result<T, E> {
        T::from_string(value)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<T, A::Error> {
        T::from_seq(seq)
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::from_map(map)
    }
}
