//! The type IR: an arena of named types that refer to each other by [`TypeId`].
//!
//! Lowering fills it from schemas; emission reads it. It holds no tokens and no schema nodes,
//! only the decisions: names, shapes, presence, and where boxing breaks a cycle.

use crate::diag::Location;

/// Index of a type in a [`TypeSpace`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TypeId(pub usize);

/// All named types of one module, in the order they are emitted.
#[derive(Debug, Default)]
pub struct TypeSpace {
    /// The types; a [`TypeId`] indexes this.
    pub types: Vec<TypeDef>,
}

impl TypeSpace {
    /// The type with this id.
    pub fn get(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// The type with this id, mutably.
    pub fn get_mut(&mut self, id: TypeId) -> &mut TypeDef {
        &mut self.types[id.0]
    }

    /// The type an alias chain ends at (`ty` itself when it is no alias). Lowering refuses
    /// an alias that contains itself, and the walk is capped for the IR of a failed run.
    pub fn unalias<'a>(&'a self, mut ty: &'a TypeRef) -> &'a TypeRef {
        for _ in 0..self.types.len() {
            match ty {
                TypeRef::Named(id) => match &self.get(*id).kind {
                    TypeKind::Alias(target) => ty = target,
                    _ => break,
                },
                _ => break,
            }
        }
        ty
    }

    /// The struct a type is (through aliases), with its id.
    pub fn struct_of(&self, ty: &TypeRef) -> Option<(TypeId, &Struct)> {
        match self.unalias(ty) {
            TypeRef::Named(id) => match &self.get(*id).kind {
                TypeKind::Struct(s) => Some((*id, s)),
                _ => None,
            },
            _ => None,
        }
    }
}

/// Which way a type travels; decides constructors and catch-all variants.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    /// Sent by the user (request bodies, parameters).
    pub input: bool,
    /// Received from the provider (responses, webhooks).
    pub output: bool,
}

/// A named Rust type.
#[derive(Debug)]
pub struct TypeDef {
    /// Rust name, unique in the module.
    pub name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The schema it came from.
    pub origin: Location,
    /// What it is.
    pub kind: TypeKind,
    /// Whether a reference to it may hold `null` (its schema allows null).
    pub nullable: bool,
    /// Which way it travels.
    pub usage: Usage,
}

/// The shape of a named type.
#[derive(Debug)]
pub enum TypeKind {
    /// Not lowered yet (only seen while lowering is under way).
    Pending,
    /// A struct.
    Struct(Struct),
    /// A string enum with a catch-all variant.
    Enum(StringEnum),
    /// A union told apart by a discriminator property.
    Tagged(TaggedUnion),
    /// A union told apart by trying each variant.
    Untagged(UntaggedUnion),
    /// Another name for a type.
    Alias(TypeRef),
}

/// A struct.
#[derive(Debug, Default)]
pub struct Struct {
    /// Fields in schema order.
    pub fields: Vec<Field>,
    /// Whether keys that are not fields are an error (`additionalProperties: false`).
    pub deny_unknown_fields: bool,
}

/// A struct field.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust name, unique in the struct.
    pub name: String,
    /// Key on the wire.
    pub wire_name: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The value type (without the `Option` that presence and nullability add).
    pub ty: TypeRef,
    /// Whether the key must be present.
    pub required: bool,
    /// Whether the value may be `null`.
    pub nullable: bool,
    /// Whether the value is boxed to break a cycle.
    pub boxed: bool,
    /// Whether the field is flattened into its parent (a union or an extra-keys map).
    pub flatten: bool,
    /// The schema's `default`, when the field's type can hold it: an optional field gets a
    /// `<field>_or_default()` accessor, and stays `None` when absent (so re-encoding never
    /// writes a key the input did not have).
    pub default: Option<serde_json::Value>,
}

impl Field {
    /// Whether the field is a file part of a `multipart/form-data` body (then its struct is
    /// sent with its own `to_form`).
    pub fn is_file_part(&self) -> bool {
        matches!(&self.ty, TypeRef::File)
            || matches!(&self.ty, TypeRef::Nullable(inner) if **inner == TypeRef::File)
    }
}

/// A string enum.
#[derive(Debug)]
pub struct StringEnum {
    /// Known values.
    pub variants: Vec<EnumVariant>,
    /// Name of the catch-all variant holding unknown values.
    pub catch_all: String,
}

/// A known enum value.
#[derive(Debug)]
pub struct EnumVariant {
    /// Rust name.
    pub name: String,
    /// Value on the wire.
    pub value: String,
}

/// A union with a discriminator.
#[derive(Debug)]
pub struct TaggedUnion {
    /// Discriminator property (`type`).
    pub tag: String,
    /// For adjacently tagged unions, the property holding the payload (`content`).
    pub content: Option<String>,
    /// Variants in schema order.
    pub variants: Vec<TaggedVariant>,
    /// Name for the variant that keeps unknown tags (used on output types).
    pub catch_all: String,
}

/// One variant of a tagged union.
#[derive(Debug)]
pub struct TaggedVariant {
    /// Rust name.
    pub name: String,
    /// Discriminator value.
    pub tag_value: String,
    /// Rustdoc lines.
    pub docs: Vec<String>,
    /// The payload; `None` for a variant carrying nothing but its tag.
    pub payload: Option<TypeRef>,
    /// Whether the payload is boxed to break a cycle.
    pub boxed: bool,
}

/// A union without a discriminator.
#[derive(Debug)]
pub struct UntaggedUnion {
    /// Variants, tried in this order.
    pub variants: Vec<UntaggedVariant>,
}

/// One variant of an untagged union.
#[derive(Debug)]
pub struct UntaggedVariant {
    /// Rust name.
    pub name: String,
    /// The payload.
    pub ty: TypeRef,
    /// Whether the payload is boxed to break a cycle.
    pub boxed: bool,
}

/// A reference to a type, as used in fields, items and variants.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeRef {
    /// `bool`.
    Bool,
    /// A signed or unsigned integer.
    Int(IntType),
    /// A JSON number (the support `Number`, which keeps integers integers).
    Float,
    /// `String`.
    String,
    /// An RFC 3339 timestamp (`chrono::DateTime<Utc>`).
    DateTime,
    /// A UUID (`uuid::Uuid`).
    Uuid,
    /// Seconds since the Unix epoch, kept as the integer sent.
    UnixTime,
    /// A file part of a `multipart/form-data` body (a binary string).
    File,
    /// Any JSON value.
    Json,
    /// A JSON object of unknown shape.
    JsonObject,
    /// A named type.
    Named(TypeId),
    /// An array.
    Array(Box<TypeRef>),
    /// An object used as a map from string keys.
    Map(Box<TypeRef>),
    /// A value that may be `null` (inside arrays and maps; fields use [`Field::nullable`]).
    Nullable(Box<TypeRef>),
}

/// Integer widths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntType {
    /// `i32`.
    I32,
    /// `i64`.
    I64,
    /// `u32`.
    U32,
    /// `u64`.
    U64,
}
