//! The trait impls every open string enum has, written once.
//!
//! A generated string enum declares its variants and an inherent `impl` with `KNOWN`,
//! `as_str` and `known`; the six conversion and serde impls are the same for every enum
//! but the name, so they come from `string_enum_traits!`
//! instead of being printed out per enum (they were a third of a string enum's code, and
//! of the time to generate and compile it).

/// Implements `From<&str>`, `From<String>`, `FromStr`, `Display`, `Serialize` and
/// `Deserialize` for a generated string enum `$name` whose catch-all variant is
/// `$catch_all(String)`, in terms of its inherent `as_str` and `known`.
///
/// Unknown values are kept in the catch-all, so conversions never fail.
#[doc(hidden)]
#[macro_export]
macro_rules! string_enum_traits {
    ($name:ident, $catch_all:ident) => {
        impl ::core::convert::From<&str> for $name {
            fn from(value: &str) -> Self {
                Self::known(value).unwrap_or_else(|| Self::$catch_all(value.to_owned()))
            }
        }

        impl ::core::convert::From<::std::string::String> for $name {
            fn from(value: ::std::string::String) -> Self {
                match Self::known(&value) {
                    Some(known) => known,
                    None => Self::$catch_all(value),
                }
            }
        }

        impl ::core::str::FromStr for $name {
            type Err = ::core::convert::Infallible;

            fn from_str(value: &str) -> ::core::result::Result<Self, Self::Err> {
                Ok(Self::from(value))
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $name {
            fn serialize<S: $crate::__private::serde::Serializer>(
                &self,
                serializer: S,
            ) -> ::core::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $name {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(
                deserializer: D,
            ) -> ::core::result::Result<Self, D::Error> {
                $crate::__private::string_enum(deserializer, Self::known, Self::$catch_all)
            }
        }
    };
}

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
