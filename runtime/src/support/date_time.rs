//! RFC 3339 date-times for generated fields (`#[serde(deserialize_with = …)]`), decoded to
//! the same `chrono::DateTime<Utc>` as chrono's own `Deserialize`, with the same accepted
//! inputs and the same errors, only faster on the common layout.
//!
//! chrono's `Deserialize` goes through its general format parser, which was a third of the
//! instructions of decoding a Datacrazy conversation page (13 date-times per conversation).
//! Its fixed-layout `parse_from_rfc3339` reads `2025-04-23T11:22:49.143Z` at fixed positions;
//! what it rejects (the relaxed spellings chrono also takes) goes to chrono's own parser,
//! whose error is the one reported.

use std::fmt;

use chrono::{DateTime, FixedOffset, Utc};
use serde::Deserializer;
use serde::de::{Error, Visitor};

/// A required date-time field.
pub fn date_time<'de, D: Deserializer<'de>>(deserializer: D) -> Result<DateTime<Utc>, D::Error> {
    deserializer.deserialize_str(DateTimeVisitor)
}

/// An optional date-time field (`null` is `None`, as with `Option`'s own `Deserialize`; an
/// absent key is the field's `#[serde(default)]`).
pub fn optional_date_time<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<DateTime<Utc>>, D::Error> {
    deserializer.deserialize_option(OptionalVisitor)
}

/// The text of a date-time, parsed as chrono's `Deserialize` would.
fn parse(text: &str) -> Result<DateTime<Utc>, chrono::ParseError> {
    DateTime::parse_from_rfc3339(text)
        .or_else(|_| text.parse::<DateTime<FixedOffset>>())
        .map(|value| value.with_timezone(&Utc))
}

const EXPECTING: &str = "an RFC 3339 formatted date and time string";

struct DateTimeVisitor;

impl Visitor<'_> for DateTimeVisitor {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(EXPECTING)
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Self::Value, E> {
        parse(value).map_err(E::custom)
    }
}

struct OptionalVisitor;

impl<'de> Visitor<'de> for OptionalVisitor {
    type Value = Option<DateTime<Utc>>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{EXPECTING} or null")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        date_time(deserializer).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use chrono::{DateTime, Utc};
    use serde::Deserialize;

    #[derive(Debug, PartialEq, Deserialize)]
    struct Ours {
        #[serde(deserialize_with = "super::date_time")]
        at: DateTime<Utc>,
        #[serde(default, deserialize_with = "super::optional_date_time")]
        maybe: Option<DateTime<Utc>>,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct Chrono {
        at: DateTime<Utc>,
        #[serde(default)]
        maybe: Option<DateTime<Utc>>,
    }

    /// Every spelling decodes to what chrono's own `Deserialize` gives, or fails with its
    /// message: the fast path changes speed, nothing else.
    #[test]
    fn agrees_with_chrono() {
        let texts = [
            "2025-04-23T11:22:49.143Z",
            "2025-04-23t11:22:49z",
            "2025-04-23 11:22:49+03:00",
            "2025-04-23T11:22:49.123456789123-02:30",
            "2016-12-31T23:59:60Z",
            "2025-04-23T11:22:49+0000",
            "2025-04-23T11:22:49 +03:00",
            "2025-04-23T11:22Z",
            "2025-02-30T11:22:49Z",
            "2025-04-23T11:22:49+24:00",
            "2025-04-23",
            "YYYY-MM-DDTHH:MM:SSZ",
            "",
        ];
        for text in texts {
            for maybe in [String::new(), format!(r#","maybe":"{text}""#)] {
                let json = format!(r#"{{"at":"{text}"{maybe}}}"#);
                let ours = serde_json::from_str::<Ours>(&json).map_err(|e| e.to_string());
                let theirs = serde_json::from_str::<Chrono>(&json).map_err(|e| e.to_string());
                match (ours, theirs) {
                    (Ok(a), Ok(b)) => assert_eq!((a.at, a.maybe), (b.at, b.maybe), "{json}"),
                    (Err(a), Err(b)) => assert_eq!(a, b, "{json}"),
                    (a, b) => panic!("{json}: ours {a:?}, chrono's {b:?}"),
                }
            }
        }
        for json in [
            r#"{"at":"2025-04-23T11:22:49Z","maybe":null}"#,
            r#"{"at":1}"#,
        ] {
            let ours = serde_json::from_str::<Ours>(json).map(|v| v.maybe);
            let theirs = serde_json::from_str::<Chrono>(json).map(|v| v.maybe);
            assert_eq!(ours.is_ok(), theirs.is_ok(), "{json}");
            if let (Ok(a), Ok(b)) = (ours, theirs) {
                assert_eq!(a, b, "{json}");
            }
        }
    }
}
