//! Random valid schemas for the property tests: a small model of what a schema can say
//! (objects with optional and nullable fields, enums, tagged and untagged unions, arrays,
//! maps, `$ref`s and recursion, awkward names), a `proptest` strategy for it, its JSON
//! Schema text (with the keywords of each schema object in a chosen order), and an instance
//! of it that must round-trip through the generated types.

#![allow(dead_code)]

use proptest::prelude::*;
use serde_json::{Map, Value, json};

/// A schema, as the model knows it.
#[derive(Debug, Clone)]
pub enum Ty {
    Str,
    Int,
    Num,
    Bool,
    DateTime,
    Any,
    Enum(Vec<String>),
    Array(Box<Ty>),
    Map(Box<Ty>),
    Object(Vec<Field>),
    /// `oneOf` of objects told apart by a required `kind` constant.
    Tagged(Vec<(String, Vec<Field>)>),
    /// `oneOf` of distinct JSON types (never two objects: serde would pick the first).
    Untagged(Vec<Ty>),
    /// A `$defs` entry, by index.
    Ref(usize),
}

#[derive(Debug, Clone)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    pub required: bool,
    pub nullable: bool,
}

/// A whole schema file: `$defs` and a root object.
#[derive(Debug, Clone)]
pub struct Model {
    pub defs: Vec<(String, Ty)>,
    pub root: Vec<Field>,
}

const PROPERTY_NAMES: &[&str] = &[
    "id",
    "type",
    "self",
    "gen",
    "1st",
    "+",
    "-",
    "a-b",
    "a_b",
    "descrição",
    "名前",
    "",
    "Option",
    "String",
    "🙂",
    "required",
    "properties",
    "value",
    "kind_of",
    "$ref",
];
const DEF_NAMES: &[&str] = &[
    "Message", "message", "Option", "Self", "type", "Client", "1abc", "Über", "a b", "Item",
    "Result", "Value",
];
const ENUM_VALUES: &[&str] = &["a", "A", "+1", "-1", "", "Self", "None", "ça", "a b", "x_y"];
const TAGS: &[&str] = &["text", "image", "Text", "1", "a-b", "ação"];

fn leaf() -> BoxedStrategy<Ty> {
    prop_oneof![
        Just(Ty::Str),
        Just(Ty::Int),
        Just(Ty::Num),
        Just(Ty::Bool),
        Just(Ty::DateTime),
        Just(Ty::Any),
        proptest::sample::subsequence(ENUM_VALUES, 1..4)
            .prop_map(|v| Ty::Enum(v.into_iter().map(str::to_string).collect())),
        proptest::sample::subsequence(
            vec![Ty::Str, Ty::Int, Ty::Bool, Ty::Array(Box::new(Ty::Str))],
            2..4
        )
        .prop_map(Ty::Untagged),
    ]
    .boxed()
}

fn fields(inner: BoxedStrategy<Ty>, excluded: &'static str) -> BoxedStrategy<Vec<Field>> {
    proptest::collection::vec(
        (
            proptest::sample::select(PROPERTY_NAMES),
            inner,
            any::<bool>(),
            any::<bool>(),
        ),
        0..5,
    )
    .prop_map(move |raw| {
        let mut out: Vec<Field> = Vec::new();
        for (name, ty, required, nullable) in raw {
            if name != excluded && !out.iter().any(|f| f.name == name) {
                out.push(Field {
                    name: name.to_string(),
                    ty,
                    required,
                    nullable,
                });
            }
        }
        out
    })
    .boxed()
}

/// Any type, with `$ref`s to `defs` definitions.
fn ty(defs: usize) -> BoxedStrategy<Ty> {
    let base = if defs == 0 {
        leaf()
    } else {
        prop_oneof![3 => leaf(), 1 => (0..defs).prop_map(Ty::Ref)].boxed()
    };
    base.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            inner.clone().prop_map(|t| Ty::Array(Box::new(t))),
            inner.clone().prop_map(|t| Ty::Map(Box::new(t))),
            fields(inner.clone(), "").prop_map(Ty::Object),
            proptest::collection::vec(
                (proptest::sample::select(TAGS), fields(inner, "kind")),
                1..4
            )
            .prop_map(|variants| {
                let mut out: Vec<(String, Vec<Field>)> = Vec::new();
                for (tag, fields) in variants {
                    if !out.iter().any(|(t, _)| t == tag) {
                        out.push((tag.to_string(), fields));
                    }
                }
                Ty::Tagged(out)
            }),
        ]
    })
    .boxed()
}

/// A whole random schema: up to four definitions (which may refer to each other and to
/// themselves) and a root object.
pub fn model() -> BoxedStrategy<Model> {
    (0usize..4)
        .prop_flat_map(|n| {
            (
                proptest::collection::vec(
                    (
                        proptest::sample::select(DEF_NAMES),
                        ty(n).prop_map(definition),
                    ),
                    n,
                ),
                fields(ty(n), ""),
            )
        })
        .prop_map(|(defs, root)| {
            let mut named: Vec<(String, Ty)> = Vec::new();
            for (name, ty) in defs {
                // Distinct keys (JSON objects); a clash of Rust names is still possible.
                let mut key = name.to_string();
                while named.iter().any(|(k, _)| *k == key) {
                    key.push('_');
                }
                named.push((key, ty));
            }
            Model { defs: named, root }
        })
        .boxed()
}

/// A definition's own shape. A bare `$ref` as a whole definition may close a loop of
/// references with no schema (an error), and an array or map that contains itself has no
/// Rust type (an error too, see `lower/aliases.rs`): the bad-input suite covers both, so
/// valid models wrap such definitions in an object.
fn definition(ty: Ty) -> Ty {
    match ty {
        Ty::Ref(_) | Ty::Array(_) | Ty::Map(_) | Ty::Untagged(_) => Ty::Object(vec![Field {
            name: "value".into(),
            ty,
            required: true,
            nullable: false,
        }]),
        other => other,
    }
}

/// How to order the keywords of each schema object (never the entries of `properties` or
/// `$defs`, whose order is meaningful).
#[derive(Debug, Clone, Copy)]
pub enum Order {
    AsWritten,
    Reversed,
    Rotated(usize),
}

/// JSON text of an object whose members keep the given order (serde_json's own map would
/// sort them).
fn arrange(object: Vec<(&str, String)>, order: Order) -> String {
    let mut object = object;
    match order {
        Order::AsWritten => {}
        Order::Reversed => object.reverse(),
        Order::Rotated(n) if !object.is_empty() => {
            let len = object.len();
            object.rotate_left(n % len);
        }
        Order::Rotated(_) => {}
    }
    ordered(
        object
            .iter()
            .map(|(k, v)| (k.to_string(), v.clone()))
            .collect(),
    )
}

/// JSON text of an object with members in exactly this order.
fn ordered(members: Vec<(String, String)>) -> String {
    let members: Vec<String> = members
        .into_iter()
        .map(|(k, v)| format!("{}: {v}", json!(k)))
        .collect();
    format!("{{{}}}", members.join(", "))
}

fn schema(ty: &Ty, defs: &[(String, Ty)], order: Order) -> String {
    let obj = |entries: Vec<(&str, String)>| arrange(entries, order);
    let text = |value: Value| value.to_string();
    match ty {
        Ty::Str => obj(vec![("type", text(json!("string")))]),
        Ty::Int => obj(vec![
            ("type", text(json!("integer"))),
            ("description", text(json!("A count."))),
        ]),
        Ty::Num => obj(vec![("type", text(json!("number")))]),
        Ty::Bool => obj(vec![("type", text(json!("boolean")))]),
        Ty::DateTime => obj(vec![
            ("type", text(json!("string"))),
            ("format", text(json!("date-time"))),
        ]),
        Ty::Any => "{}".into(),
        Ty::Enum(values) => obj(vec![
            ("type", text(json!("string"))),
            ("enum", text(json!(values))),
        ]),
        Ty::Array(item) => obj(vec![
            ("type", text(json!("array"))),
            ("items", schema(item, defs, order)),
        ]),
        Ty::Map(value) => obj(vec![
            ("type", text(json!("object"))),
            ("additionalProperties", schema(value, defs, order)),
        ]),
        Ty::Object(fields) => object(fields, None, defs, order),
        Ty::Tagged(variants) => {
            let variants: Vec<String> = variants
                .iter()
                .map(|(tag, fields)| object(fields, Some(tag), defs, order))
                .collect();
            obj(vec![("oneOf", format!("[{}]", variants.join(", ")))])
        }
        Ty::Untagged(variants) => {
            let variants: Vec<String> = variants.iter().map(|v| schema(v, defs, order)).collect();
            obj(vec![("oneOf", format!("[{}]", variants.join(", ")))])
        }
        Ty::Ref(i) => text(json!({ "$ref": format!("#/$defs/{}", pointer_token(&defs[*i].0)) })),
    }
}

fn pointer_token(key: &str) -> String {
    key.replace('~', "~0")
        .replace('/', "~1")
        .replace(' ', "%20")
}

fn object(fields: &[Field], tag: Option<&str>, defs: &[(String, Ty)], order: Order) -> String {
    arrange(object_entries(fields, tag, defs, order), order)
}

fn object_entries(
    fields: &[Field],
    tag: Option<&str>,
    defs: &[(String, Ty)],
    order: Order,
) -> Vec<(&'static str, String)> {
    let mut properties = Vec::new();
    let mut required = Vec::new();
    if let Some(tag) = tag {
        properties.push(("kind".to_string(), json!({ "const": tag }).to_string()));
        required.push(json!("kind"));
    }
    for field in fields {
        let mut s = schema(&field.ty, defs, order);
        if field.nullable {
            s = arrange(
                vec![("anyOf", format!("[{s}, {{\"type\": \"null\"}}]"))],
                order,
            );
        }
        properties.push((field.name.clone(), s));
        if field.required {
            required.push(json!(field.name));
        }
    }
    let mut entries = vec![
        ("type", json!("object").to_string()),
        ("properties", ordered(properties)),
    ];
    if !required.is_empty() {
        entries.push(("required", Value::Array(required).to_string()));
    }
    entries
}

/// The schema file as text; `$defs` comes first or last as the order says.
pub fn document(model: &Model, order: Order) -> String {
    let defs: Vec<(String, String)> = model
        .defs
        .iter()
        .map(|(name, ty)| (name.clone(), schema(ty, &model.defs, order)))
        .collect();
    let mut entries = vec![("title", json!("Root").to_string())];
    entries.extend(object_entries(&model.root, None, &model.defs, order));
    entries.push(("$defs", ordered(defs)));
    arrange(entries, order)
}

/// A small deterministic random source for instances.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// A valid instance of the root, or `None` when recursion leaves no finite one in reach.
pub fn instance(model: &Model, rng: &mut Rng) -> Option<Value> {
    object_instance(&model.root, None, model, rng, 0)
}

fn object_instance(
    fields: &[Field],
    tag: Option<&str>,
    model: &Model,
    rng: &mut Rng,
    depth: usize,
) -> Option<Value> {
    let mut out = Map::new();
    if let Some(tag) = tag {
        out.insert("kind".into(), json!(tag));
    }
    for field in fields {
        let deep = depth > 6;
        if !field.required && (deep || rng.below(3) == 0) {
            continue;
        }
        if field.nullable && (deep || rng.below(4) == 0) {
            out.insert(field.name.clone(), Value::Null);
            continue;
        }
        out.insert(field.name.clone(), value(&field.ty, model, rng, depth + 1)?);
    }
    Some(Value::Object(out))
}

fn value(ty: &Ty, model: &Model, rng: &mut Rng, depth: usize) -> Option<Value> {
    if depth > 12 {
        return None;
    }
    let short = if depth > 6 { 0 } else { 3 };
    Some(match ty {
        Ty::Str => json!(["", "olá", "a\"b", "🙂", "x"][rng.below(5)]),
        Ty::Int => json!([0i64, -7, 42, i64::MAX][rng.below(4)]),
        Ty::Num => json!([1.5, -0.25, 3.0, 1e10][rng.below(4)]),
        Ty::Bool => json!(rng.below(2) == 0),
        Ty::DateTime => json!("2024-01-15T10:30:00Z"),
        Ty::Any => json!([json!(null), json!({"a": [1, "b"]}), json!(3)][rng.below(3)]),
        Ty::Enum(values) => json!(values[rng.below(values.len())]),
        Ty::Array(item) => Value::Array(
            (0..rng.below(short + 1))
                .map(|_| value(item, model, rng, depth + 1))
                .collect::<Option<_>>()?,
        ),
        Ty::Map(item) => {
            let mut map = Map::new();
            for i in 0..rng.below(short + 1) {
                map.insert(format!("k{i}"), value(item, model, rng, depth + 1)?);
            }
            Value::Object(map)
        }
        Ty::Object(fields) => object_instance(fields, None, model, rng, depth)?,
        Ty::Tagged(variants) => {
            let (tag, fields) = &variants[rng.below(variants.len())];
            object_instance(fields, Some(tag), model, rng, depth)?
        }
        Ty::Untagged(variants) => value(&variants[rng.below(variants.len())], model, rng, depth)?,
        Ty::Ref(i) => value(&model.defs[*i].1, model, rng, depth + 1)?,
    })
}
