//! Hand-written support for generated code: serde helpers for optional and nullable fields
//! and for unions, and the [`Number`] and [`UnixTimestamp`] value types.
//!
//! Generated code reaches everything here as `crate::support::…`; [`Number`] and
//! [`UnixTimestamp`] are meant for users too (and re-exported at the crate root).

mod number;
mod unions;
mod unix_time;

pub use number::Number;
pub use unions::{Attempts, Tagged};
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
