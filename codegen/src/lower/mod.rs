//! Lowering: JSON Schema nodes → the type IR.
//!
//! Every named type starts as a slot ([`Slot`]): `$defs` entries get theirs up front (so they
//! keep their names and recursive references resolve), inline schemas get one when they need
//! a name. [`Lowerer::shape`] is the one entry point that maps a schema to a [`TypeRef`] plus
//! its nullability; the submodules hold the rules for each construct.

mod aliases;
mod defaults;
mod docs;
mod keywords;
mod object;
mod scalar;
mod union;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::Documents;
use crate::ir::{TypeDef, TypeId, TypeKind, TypeRef, TypeSpace, Usage};
use crate::json::{Node, Value};
use crate::names::{Scope, type_name};
use crate::resolve::{self, SchemaPtr};
use crate::source::FileId;

pub use docs::docs_of;

/// A schema lowered to a type reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    /// The value type.
    pub ty: TypeRef,
    /// Whether `null` is allowed too.
    pub nullable: bool,
}

impl Shape {
    fn new(ty: TypeRef) -> Shape {
        Shape {
            ty,
            nullable: false,
        }
    }
}

/// Where a named type produced by a schema goes.
#[derive(Debug, Clone)]
enum Slot {
    /// A type declared up front (a `$defs` entry).
    Declared(TypeId),
    /// A new type, to be named from this hint when needed.
    New(String),
}

/// Turns schemas into a [`TypeSpace`], recording problems in the diagnostics.
pub struct Lowerer<'a> {
    docs: &'a Documents,
    diags: &'a mut Diagnostics,
    space: TypeSpace,
    by_schema: FxHashMap<SchemaPtr, TypeId>,
    names: Scope,
    /// Variant schemas of internally tagged unions, with the tag property their union owns.
    excluded_tags: FxHashMap<SchemaPtr, String>,
    /// Schema nodes whose keywords were already checked.
    checked: FxHashSet<SchemaPtr>,
    /// Nodes already found by pointer: lowering asks for the same schema many times (its
    /// shape, nullability, docs, keywords), and each walk from the root costs far more than
    /// a lookup.
    nodes: std::cell::RefCell<FxHashMap<SchemaPtr, Option<&'a Node>>>,
    /// Guards against runaway recursion on hostile input.
    depth: usize,
    /// Whether structs whose schema says nothing about other keys keep them (in a flattened
    /// `extra` map) instead of dropping them.
    keep_unknown_keys: bool,
    /// Field defaults to check once every type is lowered: (struct, field index, pointer of
    /// the `default`, its value).
    defaults: Vec<(TypeId, usize, SchemaPtr, serde_json::Value)>,
}

/// Deeper than this, lowering gives up with an error instead of risking the stack.
const MAX_DEPTH: usize = 256;

impl<'a> Lowerer<'a> {
    /// A lowerer over loaded documents.
    pub fn new(docs: &'a Documents, diags: &'a mut Diagnostics) -> Lowerer<'a> {
        Lowerer {
            docs,
            diags,
            space: TypeSpace::default(),
            by_schema: FxHashMap::default(),
            names: Scope::default(),
            excluded_tags: FxHashMap::default(),
            checked: FxHashSet::default(),
            nodes: Default::default(),
            depth: 0,
            keep_unknown_keys: false,
            defaults: Vec::new(),
        }
    }

    /// Makes structs keep the keys their schema does not list when it says nothing about
    /// them (JSON Schema allows them), so decoding and re-encoding loses nothing. Off for the
    /// providers, whose responses may grow fields the SDK deliberately ignores.
    pub fn keep_unknown_keys(&mut self, keep: bool) {
        self.keep_unknown_keys = keep;
    }

    /// Scans a file for tagged unions (so their variant structs leave the tag to the union)
    /// and declares its `$defs` (and draft-07 `definitions`) as named types.
    pub fn declare_file(&mut self, file: FileId) {
        let Some(tree) = self.docs.tree(file) else {
            return;
        };
        self.scan_unions(file, tree, &mut String::new());
        self.declare_defs(&SchemaPtr::new(file, ""));
    }

    fn declare_defs(&mut self, ptr: &SchemaPtr) {
        let Some(node) = self.docs.node(ptr.file, &ptr.pointer) else {
            return;
        };
        for keyword in ["$defs", "definitions"] {
            let Some(defs) = node.get(keyword) else {
                continue;
            };
            let Some(members) = defs.members() else {
                self.error(
                    &ptr.child(keyword),
                    format!("`{keyword}` must be an object, found {}", defs.type_name()),
                );
                continue;
            };
            for member in members {
                let def = ptr.child(keyword).child(&member.key);
                let wanted = type_name(&member.key);
                let name = self.names.claim(wanted.clone());
                if name != wanted {
                    self.name_clash(&def, &wanted, &name);
                }
                self.push_type(def.clone(), name, docs_of(&member.value));
                self.declare_defs(&def);
            }
        }
    }

    /// Warns that a `$defs` entry did not get the Rust name it asks for.
    fn name_clash(&mut self, def: &SchemaPtr, wanted: &str, name: &str) {
        let holder = self.space.types.iter().find(|t| t.name == wanted);
        let by = match holder {
            Some(t) => format!("`#{}`", t.origin.pointer),
            None => "the client module".to_string(),
        };
        let location = self.docs.key_location(def.file, &def.pointer);
        self.diags.push(
            Diagnostic::warning(
                Some(location),
                format!("type `{name}`: the name `{wanted}` is already taken by {by}"),
            )
            .with_help("rename one of them so their Rust names differ"),
        );
    }

    fn push_type(&mut self, ptr: SchemaPtr, name: String, mut docs: Vec<String>) -> TypeId {
        let id = TypeId(self.space.types.len());
        let nullable = self.syntactic_nullable(&ptr, 0);
        if docs.is_empty() {
            let file = &self.docs.sources.file(ptr.file).display_path;
            let pointer = if ptr.pointer.is_empty() {
                "#".to_string()
            } else {
                format!("#{}", ptr.pointer)
            };
            docs.push(format!("Generated from `{file}{pointer}`."));
        }
        self.space.types.push(TypeDef {
            name,
            docs,
            origin: resolve::location(self.docs, &ptr),
            kind: TypeKind::Pending,
            nullable,
            usage: Usage::default(),
        });
        self.by_schema.insert(ptr, id);
        id
    }

    /// Lowers every declared type that is still pending.
    pub fn define_declared(&mut self) {
        let mut pending: Vec<(SchemaPtr, TypeId)> = self
            .by_schema
            .iter()
            .filter(|(_, id)| matches!(self.space.get(**id).kind, TypeKind::Pending))
            .map(|(ptr, id)| (ptr.clone(), *id))
            .collect();
        pending.sort_by_key(|(_, id)| *id);
        for (ptr, id) in pending {
            if matches!(self.space.get(id).kind, TypeKind::Pending) {
                self.define(&ptr, id);
            }
        }
    }

    /// Lowers a root schema (a body, response, parameter or webhook payload). A named type it
    /// creates is called `name`.
    pub fn root(&mut self, ptr: &SchemaPtr, name: &str) -> Shape {
        self.shape(ptr, name)
    }

    /// The finished type space.
    pub fn finish(mut self) -> TypeSpace {
        self.check_defaults();
        self.check_alias_cycles();
        self.space
    }

    /// The location of a schema, for diagnostics.
    pub fn location(&self, ptr: &SchemaPtr) -> crate::diag::Location {
        resolve::location(self.docs, ptr)
    }

    /// Keeps names free for items emitted beside the types (`Client`, `Error`, …), so a
    /// schema type can never collide with them.
    pub fn reserve_names(&mut self, names: &[&str]) {
        for name in names {
            self.names.claim((*name).to_string());
        }
    }

    /// Adds a struct that no schema describes as a whole (an operation's query
    /// parameters): `fields` are (wire name, schema, required, docs).
    pub fn synthetic_struct(
        &mut self,
        name: &str,
        origin: &SchemaPtr,
        docs: Vec<String>,
        fields: Vec<(String, SchemaPtr, bool, Vec<String>)>,
    ) -> TypeId {
        let name = self.names.claim(type_name(name));
        let id = TypeId(self.space.types.len());
        self.space.types.push(TypeDef {
            name: name.clone(),
            docs,
            origin: resolve::location(self.docs, origin),
            kind: TypeKind::Pending,
            nullable: false,
            usage: Usage::default(),
        });
        let mut scope = Scope::default();
        let mut out = Vec::new();
        for (wire, ptr, required, docs) in fields {
            let shape = self.shape(&ptr, &format!("{name}{}", type_name(&wire)));
            out.push(crate::ir::Field {
                name: scope.claim(crate::names::field_name(&wire)),
                wire_name: wire,
                docs,
                ty: shape.ty,
                required,
                nullable: shape.nullable,
                boxed: false,
                flatten: false,
                default: None,
            });
        }
        self.set_kind(
            id,
            TypeKind::Struct(crate::ir::Struct {
                fields: out,
                deny_unknown_fields: false,
            }),
        );
        id
    }

    fn error(&mut self, ptr: &SchemaPtr, message: impl Into<String>) {
        let location = resolve::location(self.docs, ptr);
        self.diags.push(Diagnostic::error(Some(location), message));
    }

    fn warning(&mut self, ptr: &SchemaPtr, message: impl Into<String>) {
        let location = resolve::location(self.docs, ptr);
        self.diags
            .push(Diagnostic::warning(Some(location), message));
    }

    fn node(&self, ptr: &SchemaPtr) -> Option<&'a Node> {
        if let Some(found) = self.nodes.borrow().get(ptr) {
            return *found;
        }
        let found = self.docs.node(ptr.file, &ptr.pointer);
        self.nodes.borrow_mut().insert(ptr.clone(), found);
        found
    }

    /// Lowers a declared type into its slot.
    fn define(&mut self, ptr: &SchemaPtr, id: TypeId) {
        let shape = self.lower(ptr, Slot::Declared(id));
        let def = self.space.get_mut(id);
        if matches!(def.kind, TypeKind::Pending) {
            // The schema is not a struct, enum or union: the declared name becomes an alias.
            def.kind = TypeKind::Alias(shape.ty);
        }
        def.nullable |= shape.nullable;
    }

    /// Maps a schema to a type, creating a named type (called after `hint`) when it needs one.
    fn shape(&mut self, ptr: &SchemaPtr, hint: &str) -> Shape {
        if let Some(&id) = self.by_schema.get(ptr) {
            return Shape {
                ty: TypeRef::Named(id),
                nullable: self.space.get(id).nullable,
            };
        }
        self.lower(ptr, Slot::New(hint.to_string()))
    }

    fn lower(&mut self, ptr: &SchemaPtr, slot: Slot) -> Shape {
        if self.depth >= MAX_DEPTH {
            self.error(
                ptr,
                format!("schema nesting is deeper than {MAX_DEPTH} levels"),
            );
            return Shape::new(TypeRef::Json);
        }
        self.depth += 1;
        let shape = self.lower_node(ptr, slot);
        self.depth -= 1;
        shape
    }

    fn lower_node(&mut self, ptr: &SchemaPtr, slot: Slot) -> Shape {
        let Some(node) = self.node(ptr) else {
            self.error(ptr, "schema not found");
            return Shape::new(TypeRef::Json);
        };
        let members = match &node.value {
            Value::Bool(true) => return Shape::new(TypeRef::Json),
            Value::Bool(false) => {
                self.error(
                    ptr,
                    "the `false` schema matches nothing and has no Rust type",
                );
                return Shape::new(TypeRef::Json);
            }
            Value::Object(members) => members,
            _ => {
                self.error(
                    ptr,
                    format!(
                        "a schema must be an object or a boolean, found {}",
                        node.type_name()
                    ),
                );
                return Shape::new(TypeRef::Json);
            }
        };
        if self.checked.insert(ptr.clone()) {
            keywords::check(self.docs, ptr, node, self.diags);
        }
        if let Some(reference) = node.get("$ref") {
            return self.reference(ptr, reference, slot);
        }
        let nullable = self.syntactic_nullable(ptr, 0);
        let get = |key: &str| members.iter().find(|m| m.key == key).map(|m| &m.value);
        let ty = if get("enum").is_some() {
            self.enumeration(ptr, node, slot)
        } else if get("const").is_some() {
            scalar::constant(node)
        } else if let Some((_, variants)) = self.union_keyword(ptr, node)
            && !object::has_own_properties(node)
            && get("allOf").is_none()
        {
            self.union(ptr, variants, slot)
        } else if object::is_single_all_of(node) {
            // `allOf: [X]` (often used to attach a description to a `$ref`) is just X.
            self.lower(&ptr.child("allOf").child("0"), slot).ty
        } else if get("allOf").is_some() || self.union_keyword(ptr, node).is_some() {
            self.structure(ptr, node, slot)
        } else {
            self.by_type(ptr, node, slot)
        };
        Shape { ty, nullable }
    }

    /// Lowers by the `type` keyword (or the keywords that imply one).
    fn by_type(&mut self, ptr: &SchemaPtr, node: &Node, slot: Slot) -> TypeRef {
        let types = match scalar::types_of(node) {
            Ok(types) => types,
            Err(message) => {
                self.error(&ptr.child("type"), message);
                return TypeRef::Json;
            }
        };
        match types.as_slice() {
            [] => TypeRef::Json,
            [single] => self.single_type(ptr, node, single, slot),
            several => self.type_union(ptr, node, several, slot),
        }
    }

    fn single_type(
        &mut self,
        ptr: &SchemaPtr,
        node: &Node,
        type_name: &str,
        slot: Slot,
    ) -> TypeRef {
        match type_name {
            "object" => self.object(ptr, node, slot),
            "array" => self.array(ptr, node, &slot),
            other => match scalar::primitive(node, other) {
                Ok(ty) => ty,
                Err(message) => {
                    self.error(&ptr.child("type"), message);
                    TypeRef::Json
                }
            },
        }
    }

    fn array(&mut self, ptr: &SchemaPtr, node: &Node, slot: &Slot) -> TypeRef {
        let tuple = match node.get("items").map(|items| &items.value) {
            Some(Value::Array(_)) => Some("items"),
            _ => node.get("prefixItems").map(|_| "prefixItems"),
        };
        if let Some(keyword) = tuple {
            // A tuple: each position has its own schema. Rust has no type for a tuple of
            // any length, so the items stay JSON values.
            self.warning(
                &ptr.child(keyword),
                "tuple items (a schema per position) are kept as `serde_json::Value`",
            );
            return TypeRef::Array(Box::new(TypeRef::Json));
        }
        let item = match node.get("items") {
            None => Shape::new(TypeRef::Json),
            Some(_) => {
                let hint = format!("{}Item", self.slot_hint(slot));
                self.shape(&ptr.child("items"), &hint)
            }
        };
        TypeRef::Array(Box::new(nullable_ref(item)))
    }

    /// Follows a `$ref`: declared targets keep their own names; other targets are lowered
    /// once and named after the last token of their pointer.
    fn reference(&mut self, ptr: &SchemaPtr, reference: &Node, slot: Slot) -> Shape {
        let Some(text) = reference.as_str() else {
            self.error(
                &ptr.child("$ref"),
                format!("`$ref` must be a string, found {}", reference.type_name()),
            );
            return Shape::new(TypeRef::Json);
        };
        let target = match resolve::resolve(self.docs, ptr, text) {
            Ok(target) => target,
            Err(diagnostic) => {
                self.diags.push(diagnostic);
                return Shape::new(TypeRef::Json);
            }
        };
        if let Err(diagnostic) = resolve::follow(self.docs, &target) {
            self.diags.push(diagnostic);
            return Shape::new(TypeRef::Json);
        }
        let hint = match &slot {
            Slot::Declared(id) => self.space.get(*id).name.clone(),
            Slot::New(_) => target.last_token().unwrap_or_else(|| "Root".into()),
        };
        self.shape(&target, &hint)
    }

    /// Gives the slot's type id, creating the named type when the slot is new.
    fn alloc(&mut self, slot: &Slot, ptr: &SchemaPtr) -> TypeId {
        match slot {
            Slot::Declared(id) => *id,
            Slot::New(hint) => {
                let name = self.names.claim(type_name(hint));
                let docs = self.node(ptr).map(docs_of).unwrap_or_default();
                self.push_type(ptr.clone(), name, docs)
            }
        }
    }

    /// The name a slot's type has or would get, for naming nested types.
    fn slot_hint(&self, slot: &Slot) -> String {
        match slot {
            Slot::Declared(id) => self.space.get(*id).name.clone(),
            Slot::New(hint) => type_name(hint),
        }
    }

    fn set_kind(&mut self, id: TypeId, kind: TypeKind) {
        self.space.get_mut(id).kind = kind;
    }

    /// Whether a schema admits `null`, judged from its keywords (following `$ref`s).
    fn syntactic_nullable(&self, ptr: &SchemaPtr, depth: usize) -> bool {
        if depth > 32 {
            return false;
        }
        let Some(node) = self.node(ptr) else {
            return false;
        };
        if let Some(text) = node.get("$ref").and_then(Node::as_str) {
            return resolve::resolve(self.docs, ptr, text)
                .map(|target| self.syntactic_nullable(&target, depth + 1))
                .unwrap_or(false);
        }
        let is_null = |n: &Node| matches!(n.value, Value::Null);
        match node.get("type").map(|t| &t.value) {
            Some(Value::String(t)) if t == "null" => return true,
            Some(Value::Array(items)) if items.iter().any(|t| t.as_str() == Some("null")) => {
                return true;
            }
            _ => {}
        }
        if node
            .get("enum")
            .and_then(Node::items)
            .is_some_and(|values| values.iter().any(is_null))
        {
            return true;
        }
        if node.get("const").is_some_and(is_null) {
            return true;
        }
        ["oneOf", "anyOf"].iter().any(|keyword| {
            node.get(keyword)
                .and_then(Node::items)
                .is_some_and(|variants| {
                    (0..variants.len()).any(|i| {
                        let variant = ptr.child(keyword).child(&i.to_string());
                        self.is_null_schema(&variant)
                            || self.syntactic_nullable(&variant, depth + 1)
                    })
                })
        })
    }

    /// Whether a schema is exactly `null` (`{"type": "null"}` or `{"const": null}`).
    fn is_null_schema(&self, ptr: &SchemaPtr) -> bool {
        let Some(node) = self.node(ptr) else {
            return false;
        };
        let target = match node.get("$ref").and_then(Node::as_str) {
            Some(text) => match resolve::resolve(self.docs, ptr, text) {
                Ok(target) => target,
                Err(_) => return false,
            },
            None => ptr.clone(),
        };
        let Some(node) = self.node(&target) else {
            return false;
        };
        node.get("type").and_then(Node::as_str) == Some("null")
            || node
                .get("const")
                .is_some_and(|c| matches!(c.value, Value::Null))
            || node
                .get("enum")
                .and_then(Node::items)
                .is_some_and(|v| v.iter().all(|n| matches!(n.value, Value::Null)))
    }
}

/// A shape as a single reference, wrapping nullable values (for array items and map values).
fn nullable_ref(shape: Shape) -> TypeRef {
    if shape.nullable && shape.ty != TypeRef::Json {
        TypeRef::Nullable(Box::new(shape.ty))
    } else {
        shape.ty
    }
}
