//! JSON numbers that re-encode as they were sent.

use std::fmt;

/// A JSON `number`. An integer stays an integer when re-encoded (`100` is written back as
/// `100`, not `100.0`), so decoding and encoding a payload gives back the same JSON; use
/// [`Number::as_f64`] for arithmetic.
#[derive(Clone, Copy, Default)]
pub struct Number(Repr);

#[derive(Clone, Copy, Debug)]
enum Repr {
    Int(i64),
    Uint(u64),
    Float(f64),
}

impl Default for Repr {
    fn default() -> Self {
        Repr::Int(0)
    }
}

impl Number {
    /// The value as `f64` (large integers lose precision, as in any `f64`).
    pub fn as_f64(self) -> f64 {
        match self.0 {
            Repr::Int(n) => n as f64,
            Repr::Uint(n) => n as f64,
            Repr::Float(n) => n,
        }
    }

    /// The value as `i64`, when it was sent as an integer that fits.
    pub fn as_i64(self) -> Option<i64> {
        match self.0 {
            Repr::Int(n) => Some(n),
            Repr::Uint(n) => i64::try_from(n).ok(),
            Repr::Float(_) => None,
        }
    }

    /// Whether the number was sent (or built) as an integer.
    pub fn is_integer(self) -> bool {
        !matches!(self.0, Repr::Float(_))
    }
}

impl PartialEq for Number {
    fn eq(&self, other: &Self) -> bool {
        match (self.0, other.0) {
            (Repr::Int(a), Repr::Int(b)) => a == b,
            (Repr::Uint(a), Repr::Uint(b)) => a == b,
            _ => self.as_f64() == other.as_f64(),
        }
    }
}

impl PartialOrd for Number {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        self.as_f64().partial_cmp(&other.as_f64())
    }
}

impl fmt::Debug for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl fmt::Display for Number {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Repr::Int(n) => write!(f, "{n}"),
            Repr::Uint(n) => write!(f, "{n}"),
            Repr::Float(n) => write!(f, "{n:?}"),
        }
    }
}

impl From<f64> for Number {
    fn from(value: f64) -> Self {
        Number(Repr::Float(value))
    }
}

impl From<f32> for Number {
    fn from(value: f32) -> Self {
        Number(Repr::Float(f64::from(value)))
    }
}

impl From<i64> for Number {
    fn from(value: i64) -> Self {
        Number(Repr::Int(value))
    }
}

impl From<i32> for Number {
    fn from(value: i32) -> Self {
        Number(Repr::Int(i64::from(value)))
    }
}

impl From<u64> for Number {
    fn from(value: u64) -> Self {
        Number(Repr::Uint(value))
    }
}

impl From<Number> for f64 {
    fn from(value: Number) -> Self {
        value.as_f64()
    }
}

impl serde::Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Repr::Int(n) => serializer.serialize_i64(n),
            Repr::Uint(n) => serializer.serialize_u64(n),
            Repr::Float(n) => serializer.serialize_f64(n),
        }
    }
}

impl<'de> serde::Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Number;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a number")
            }

            fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Number, E> {
                Ok(Number(Repr::Int(value)))
            }

            fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Number, E> {
                Ok(Number(Repr::Uint(value)))
            }

            fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Number, E> {
                Ok(Number(Repr::Float(value)))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::Number;

    #[test]
    fn integers_stay_integers() {
        for text in [
            "100",
            "-7",
            "18446744073709551615",
            "12.5",
            "-23.55052",
            "1e-9",
        ] {
            let number: Number = serde_json::from_str(text).expect("decodes");
            let again = serde_json::to_string(&number).expect("encodes");
            let (a, b): (serde_json::Value, serde_json::Value) = (
                serde_json::from_str(text).expect("json"),
                serde_json::from_str(&again).expect("json"),
            );
            assert_eq!(a, b, "{text} re-encoded as {again}");
        }
        assert_eq!(Number::from(3), Number::from(3.0));
        assert!(Number::from(3).is_integer() && !Number::from(3.0).is_integer());
    }
}
