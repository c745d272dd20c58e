//! Hand-written support for generated code: serde helpers for optional and nullable fields
//! and for unions, and the [`Number`] and [`UnixTimestamp`] value types.
//!
//! Generated code reaches everything here as `crate::support::…`; [`Number`] and
//! [`UnixTimestamp`] are meant for users too (and re-exported at the crate root).

mod adjacent;
mod by_kind;
mod number;
mod unions;
mod unix_time;

pub use adjacent::{Adjacent, adjacent};
pub use by_kind::{ByKind, by_kind};
pub use number::Number;
pub use unions::{Attempts, Tagged};
pub use unix_time::UnixTimestamp;

/// Deserializes a string enum without allocating for known values: `known` maps a wire
/// value to its variant, `unknown` keeps any other value.
pub fn string_enum<'de, D, T>(
    deserializer: D,
    known: fn(&str) -> Option<T>,
    unknown: fn(String) -> T,
) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Visitor<T> {
        known: fn(&str) -> Option<T>,
        unknown: fn(String) -> T,
    }

    impl<T> serde::de::Visitor<'_> for Visitor<T> {
        type Value = T;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a string")
        }

        fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<T, E> {
            Ok((self.known)(value).unwrap_or_else(|| (self.unknown)(value.to_owned())))
        }

        fn visit_string<E: serde::de::Error>(self, value: String) -> Result<T, E> {
            Ok(match (self.known)(&value) {
                Some(known) => known,
                None => (self.unknown)(value),
            })
        }
    }

    deserializer.deserialize_str(Visitor { known, unknown })
}

/// Deserializes a present value into `Some`, so `null` stays distinguishable from an absent
/// key: used with `#[serde(default)]` on `Option<Option<T>>` (absent / null / value) and on
/// optional `Option<serde_json::Value>` fields (where `null` is a value).
pub fn deserialize_some<'de, T, D>(deserializer: D) -> Result<Option<T>, D::Error>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    T::deserialize(deserializer).map(Some)
}
