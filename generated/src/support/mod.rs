//! Hand-written support for generated code: serde helpers for optional and nullable fields
//! and for unions, and the [`Number`] and [`UnixTimestamp`] value types.
//!
//! Generated code reaches everything here as `crate::support::…`; [`Number`] and
//! [`UnixTimestamp`] are meant for users too (and re-exported at the crate root).

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

/// Re-exported here so generated code reaches it as `support::string_enum_traits!`.
pub use crate::string_enum_traits;
pub use adjacent::{Adjacent, adjacent};
pub use by_kind::{ByKind, by_kind};
pub use date_time::{date_time, optional_date_time};
pub use flatten::flattened;
pub use number::Number;
pub use string_enum::string_enum;
pub use unions::{Attempts, CatchAll, TaggedUnion, internal};
pub use unix_time::UnixTimestamp;

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
