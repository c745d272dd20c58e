//! Unix timestamps as sent: whole seconds since the epoch.

use chrono::{DateTime, Utc};

/// Seconds since 1970-01-01T00:00:00Z, exactly as the provider sent them (so re-encoding
/// gives back the same integer), with conversions to and from [`chrono::DateTime`].
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct UnixTimestamp(pub i64);

impl UnixTimestamp {
    /// The instant, or `None` when the seconds are outside chrono's range.
    pub fn to_datetime(self) -> Option<DateTime<Utc>> {
        DateTime::from_timestamp(self.0, 0)
    }
}

impl From<DateTime<Utc>> for UnixTimestamp {
    fn from(instant: DateTime<Utc>) -> Self {
        UnixTimestamp(instant.timestamp())
    }
}

impl From<i64> for UnixTimestamp {
    fn from(seconds: i64) -> Self {
        UnixTimestamp(seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_both_ways() {
        let ts = UnixTimestamp(1_700_000_000);
        let instant = ts.to_datetime().expect("in range");
        assert_eq!(instant.to_rfc3339(), "2023-11-14T22:13:20+00:00");
        assert_eq!(UnixTimestamp::from(instant), ts);
        assert_eq!(
            serde_json::to_string(&ts).expect("serializes"),
            "1700000000"
        );
    }
}
