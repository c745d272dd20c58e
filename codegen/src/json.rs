//! A JSON tree that remembers where every node came from.
//!
//! Parsing is done by `jsonc-parser` in strict mode (no comments, no trailing commas, a
//! nesting limit that turns pathological depth into an error instead of a stack overflow);
//! this module converts its AST into an owned tree whose nodes and object keys keep byte
//! spans, so every later diagnostic can name a line and column.

use rustc_hash::FxHashMap;
use std::str::FromStr;

use crate::source::Span;

/// A JSON value with its span.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The value.
    pub value: Value,
    /// Where the value is in its file.
    pub span: Span,
    /// For large objects, member positions by key: lookups in a 10,000-entry `$defs` must
    /// not scan it (that made lowering quadratic). Boxed because nearly every node has
    /// none, and an inline map would make every node 40 bytes larger.
    #[allow(clippy::box_collection)]
    index: Option<Box<FxHashMap<String, usize>>>,
}

/// Objects with more members than this get a key index.
const INDEX_FROM: usize = 8;

/// An object member.
#[derive(Debug, Clone, PartialEq)]
pub struct Member {
    /// The key, unescaped.
    pub key: String,
    /// Where the key is.
    pub key_span: Span,
    /// The value.
    pub value: Node,
}

/// A JSON value whose children are [`Node`]s; objects keep their members in file order.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number, exactly as serde_json reads it.
    Number(serde_json::Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object, members in file order.
    Object(Vec<Member>),
}

/// Why a text is not valid JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// What is wrong.
    pub message: String,
    /// Where.
    pub span: Span,
}

/// The deepest nesting accepted (`jsonc-parser`'s own limit).
pub const MAX_DEPTH: usize = 512;

/// Parses strict JSON into a spanned tree.
pub fn parse(text: &str) -> Result<Node, ParseError> {
    let options = jsonc_parser::ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    };
    let parsed = jsonc_parser::parse_to_ast(text, &Default::default(), &options).map_err(|e| {
        let range = e.range();
        ParseError {
            message: e.kind().to_string(),
            span: Span::new(range.start..range.end),
        }
    })?;
    match parsed.value {
        Some(value) => convert(value),
        None => Err(ParseError {
            message: "the file holds no JSON value".into(),
            span: Span::default(),
        }),
    }
}

fn span_of(range: jsonc_parser::common::Range) -> Span {
    Span::new(range.start..range.end)
}

fn convert(value: jsonc_parser::ast::Value<'_>) -> Result<Node, ParseError> {
    use jsonc_parser::ast::Value as Ast;
    Ok(match value {
        Ast::NullKeyword(n) => Node::leaf(Value::Null, span_of(n.range)),
        Ast::BooleanLit(b) => Node::leaf(Value::Bool(b.value), span_of(b.range)),
        Ast::StringLit(s) => Node::leaf(Value::String(s.value.into_owned()), span_of(s.range)),
        Ast::NumberLit(n) => {
            let span = span_of(n.range);
            let number = serde_json::Number::from_str(n.value).map_err(|e| ParseError {
                message: format!("number `{}` cannot be represented: {e}", n.value),
                span,
            })?;
            Node::leaf(Value::Number(number), span)
        }
        Ast::Array(a) => {
            let items = a
                .elements
                .into_iter()
                .map(convert)
                .collect::<Result<_, _>>()?;
            Node::leaf(Value::Array(items), span_of(a.range))
        }
        Ast::Object(o) => {
            let span = span_of(o.range);
            let mut members: Vec<Member> = Vec::with_capacity(o.properties.len());
            // Most objects are small: a scan finds duplicates faster than hashing, and only
            // objects that keep an index build one.
            let indexed = o.properties.len() > INDEX_FROM;
            let mut positions: FxHashMap<String, usize> = FxHashMap::default();
            for prop in o.properties {
                let key_span = match &prop.name {
                    jsonc_parser::ast::ObjectPropName::String(s) => span_of(s.range),
                    jsonc_parser::ast::ObjectPropName::Word(w) => span_of(w.range),
                };
                let key = prop.name.into_string();
                let duplicate = if indexed {
                    positions.insert(key.clone(), members.len()).is_some()
                } else {
                    members.iter().any(|m| m.key == key)
                };
                if duplicate {
                    return Err(ParseError {
                        message: format!("duplicate key `{key}`"),
                        span: key_span,
                    });
                }
                members.push(Member {
                    key,
                    key_span,
                    value: convert(prop.value)?,
                });
            }
            let index = indexed.then(|| Box::new(positions));
            Node {
                value: Value::Object(members),
                span,
                index,
            }
        }
    })
}

impl Node {
    /// The member value under `key`, for an object.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.member(key).map(|m| &m.value)
    }

    /// The member under `key`, for an object.
    pub fn member(&self, key: &str) -> Option<&Member> {
        match (&self.value, &self.index) {
            (Value::Object(members), Some(index)) => index.get(key).and_then(|&i| members.get(i)),
            (Value::Object(members), None) => members.iter().find(|m| m.key == key),
            _ => None,
        }
    }

    /// A node without an object index (scalars and arrays).
    fn leaf(value: Value, span: Span) -> Node {
        Node {
            value,
            span,
            index: None,
        }
    }

    /// The members, for an object.
    pub fn members(&self) -> Option<&[Member]> {
        match &self.value {
            Value::Object(members) => Some(members),
            _ => None,
        }
    }

    /// The items, for an array.
    pub fn items(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The text, for a string.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The value, for a boolean.
    pub fn as_bool(&self) -> Option<bool> {
        match self.value {
            Value::Bool(b) => Some(b),
            _ => None,
        }
    }

    /// The node at a JSON pointer (RFC 6901) below this one.
    pub fn pointer(&self, pointer: &str) -> Option<&Node> {
        if pointer.is_empty() {
            return Some(self);
        }
        let rest = pointer.strip_prefix('/')?;
        rest.split('/').try_fold(self, |node, token| {
            let token = unescape_token(token);
            match &node.value {
                Value::Object(_) => node.get(&token),
                Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
                _ => None,
            }
        })
    }

    /// A short name for the node's JSON type, for messages.
    pub fn type_name(&self) -> &'static str {
        self.value.type_name()
    }
}

impl Value {
    /// A short name for the value's JSON type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Number(_) => "a number",
            Value::String(_) => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

impl Node {
    /// The same value as a plain `serde_json::Value` (spans dropped).
    pub fn to_json(&self) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Number(n) => serde_json::Value::Number(n.clone()),
            Value::String(s) => serde_json::Value::String(s.clone()),
            Value::Array(items) => {
                serde_json::Value::Array(items.iter().map(Node::to_json).collect())
            }
            Value::Object(members) => serde_json::Value::Object(
                members
                    .iter()
                    .map(|m| (m.key.clone(), m.value.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Appends a key to a JSON pointer, escaping `~` and `/`.
pub fn push_pointer(pointer: &str, token: &str) -> String {
    let mut out = String::with_capacity(pointer.len() + token.len() + 1);
    out.push_str(pointer);
    push_token(&mut out, token);
    out
}

/// Appends `/token` to a pointer, escaped.
pub fn push_token(pointer: &mut String, token: &str) {
    pointer.push('/');
    // Pointers are built and walked for every schema node: skip the copies when, as
    // almost always, there is nothing to escape.
    if token.bytes().any(|b| b == b'~' || b == b'/') {
        pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(token);
    }
}

/// A pointer token with `~1` and `~0` unescaped (borrowed when it has no escapes).
pub fn unescape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.as_bytes().contains(&b'~') {
        std::borrow::Cow::Owned(token.replace("~1", "/").replace("~0", "~"))
    } else {
        std::borrow::Cow::Borrowed(token)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_spans_and_order() {
        let node = parse(r#"{"b": 1, "a": [true, null]}"#).unwrap();
        let keys: Vec<_> = node
            .members()
            .unwrap()
            .iter()
            .map(|m| m.key.as_str())
            .collect();
        assert_eq!(keys, ["b", "a"]);
        let a = node.pointer("/a/0").unwrap();
        assert_eq!(a.value, Value::Bool(true));
        assert_eq!((a.span.start, a.span.end), (15, 19));
    }

    #[test]
    fn rejects_non_strict_json() {
        for bad in [
            "{\"a\": 1,}",
            "// c\n{}",
            "{a: 1}",
            "{\"a\": 1, \"a\": 2}",
            "[1] [2]",
            "",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(1000), "]".repeat(1000));
        let err = parse(&text).unwrap_err();
        assert!(err.message.contains("depth"), "{}", err.message);
    }

    #[test]
    fn pointer_unescapes() {
        let node = parse(r#"{"a/b": {"c~d": 3}}"#).unwrap();
        assert!(node.pointer("/a~1b/c~0d").is_some());
        assert_eq!(push_pointer("", "a/b"), "/a~1b");
    }
}
