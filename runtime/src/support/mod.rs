//! Serde support for generated types: optional and nullable fields, unions, string enums and
//! date-times, and the [`Number`] and [`UnixTimestamp`] value types (public; the rest is
//! reached by generated code through `msgen_runtime::__private`).

mod adjacent;
mod by_kind;
mod date_time;
mod flatten;
mod key;
mod number;
mod string_enum;
#[cfg(test)]
mod union_tests;
mod unions;
mod unix_time;

pub use number::Number;
pub use unix_time::UnixTimestamp;

/// What generated types call.
pub(crate) mod private {
    pub use super::adjacent::{Adjacent, adjacent};
    pub use super::by_kind::{ByKind, by_kind};
    pub use super::date_time::{date_time, optional_date_time};
    pub use super::deserialize_some;
    pub use super::flatten::flattened;
    pub use super::string_enum::string_enum;
    pub use super::unions::{Attempts, CatchAll, TaggedUnion, internal};
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
