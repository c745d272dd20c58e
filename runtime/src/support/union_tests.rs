//! The tagged-union decoders with and without a catch-all, on hand-written unions shaped
//! like the generated ones.

use serde::Deserialize;
use serde_json::{Value, json};

use super::private::{Adjacent, CatchAll, TaggedUnion, adjacent, internal};

#[derive(Debug, PartialEq, Deserialize)]
struct Circle {
    r: i64,
}

/// An output type's union: unknown tags land in `Unknown`.
#[derive(Debug, PartialEq)]
enum Open {
    Circle(Circle),
    Unknown(Value),
}

/// An input type's union: unknown tags are errors.
#[derive(Debug, PartialEq)]
enum Closed {
    Circle(Circle),
}

/// The impls generated code writes for such a union (both tag styles), with or without the
/// catch-all: the only difference between `Open` and `Closed`.
macro_rules! circle_union {
    ($union:ident $(, $catch_all:expr)?) => {
        impl TaggedUnion for $union {
            const TAG: &'static str = "type";
            const KNOWN: &'static [&'static str] = &["circle"];
            $(const CATCH_ALL: Option<CatchAll<Self>> = Some($catch_all);)?
            fn decode<'de, D: serde::Deserializer<'de>>(
                tag: &str,
                payload: D,
            ) -> Result<Self, D::Error> {
                match tag {
                    "circle" => Deserialize::deserialize(payload).map(Self::Circle),
                    _ => Err(serde::de::Error::unknown_variant(tag, Self::KNOWN)),
                }
            }
        }

        impl Adjacent for $union {
            const CONTENT: &'static str = "content";
        }
    };
}

circle_union!(Open, Open::Unknown);
circle_union!(Closed);

fn internally<T: TaggedUnion>(text: &str) -> Result<T, String> {
    internal(&mut serde_json::Deserializer::from_str(text)).map_err(|e| e.to_string())
}

fn adjacently<T: Adjacent>(text: &str) -> Result<T, String> {
    adjacent(&mut serde_json::Deserializer::from_str(text)).map_err(|e| e.to_string())
}

#[test]
fn known_tags_decode_wherever_the_tag_is() {
    for text in [r#"{"type":"circle","r":1}"#, r#"{"r":1,"type":"circle"}"#] {
        assert_eq!(internally::<Open>(text), Ok(Open::Circle(Circle { r: 1 })));
        assert_eq!(
            internally::<Closed>(text),
            Ok(Closed::Circle(Circle { r: 1 }))
        );
    }
    for text in [
        r#"{"type":"circle","content":{"r":1},"x":true}"#,
        r#"{"x":true,"content":{"r":1},"type":"circle"}"#,
    ] {
        assert_eq!(adjacently::<Open>(text), Ok(Open::Circle(Circle { r: 1 })));
        assert_eq!(
            adjacently::<Closed>(text),
            Ok(Closed::Circle(Circle { r: 1 }))
        );
    }
}

#[test]
fn unknown_tags_go_to_the_catch_all_whole() {
    assert_eq!(
        internally::<Open>(r#"{"side":2,"type":"square"}"#),
        Ok(Open::Unknown(json!({"type": "square", "side": 2})))
    );
    assert_eq!(
        adjacently::<Open>(r#"{"x":1,"type":"square","content":{"side":2}}"#),
        Ok(Open::Unknown(
            json!({"type": "square", "content": {"side": 2}, "x": 1})
        ))
    );
}

#[test]
fn unknown_tags_without_a_catch_all_are_errors_naming_the_known_ones() {
    let internal = internally::<Closed>(r#"{"side":2,"type":"square","more":[1]}"#);
    let adjacent = adjacently::<Closed>(r#"{"x":1,"type":"square","content":{"side":2}}"#);
    for result in [internal, adjacent] {
        let error = result.expect_err("an unknown tag");
        assert!(
            error.contains("unknown variant `square`, expected `circle`"),
            "{error}"
        );
    }
}
