//! Objects: `properties` → struct fields, `allOf` → one merged struct, a union beside
//! properties → a flattened field, `additionalProperties` → a map (alone) or a flattened map
//! of the extra keys (beside properties).

use std::collections::HashSet;

use super::{Lowerer, Shape, Slot, nullable_ref};
use crate::ir::{Field, Struct, TypeKind, TypeRef};
use crate::json::{Node, Value};
use crate::names::{Scope, field_name, type_name};
use crate::resolve::{self, SchemaPtr};

/// Whether the node declares at least one property of its own.
pub(super) fn has_own_properties(node: &Node) -> bool {
    node.get("properties")
        .and_then(Node::members)
        .is_some_and(|m| !m.is_empty())
}

/// `allOf` with one member and nothing else that shapes the type.
pub(super) fn is_single_all_of(node: &Node) -> bool {
    node.get("allOf")
        .and_then(Node::items)
        .is_some_and(|items| items.len() == 1)
        && !has_own_properties(node)
        && node.get("oneOf").is_none()
        && node.get("anyOf").is_none()
        && node.get("additionalProperties").is_none()
}

/// What a struct is assembled from.
#[derive(Default)]
struct Parts {
    properties: Vec<Property>,
    /// Unions merged into the struct, each becoming a flattened field.
    unions: Vec<UnionPart>,
    /// Schema of extra keys (`additionalProperties` beside `properties`).
    extra: Option<SchemaPtr>,
    required: Vec<(String, SchemaPtr)>,
}

struct Property {
    wire: String,
    ptr: SchemaPtr,
}

enum UnionPart {
    /// A schema that is a union as a whole (usually a `$ref` to one).
    Whole(SchemaPtr),
    /// A `oneOf`/`anyOf` keyword sitting beside properties.
    Keyword(SchemaPtr),
}

impl Lowerer<'_> {
    /// An object schema: a struct when it has properties, else a map or a free-form object.
    pub(super) fn object(&mut self, ptr: &SchemaPtr, node: &Node, slot: Slot) -> TypeRef {
        if has_own_properties(node) {
            return self.structure(ptr, node, slot);
        }
        match node.get("additionalProperties").map(|n| &n.value) {
            Some(Value::Bool(false)) => self.structure(ptr, node, slot),
            Some(Value::Object(members)) if !members.is_empty() => {
                let hint = format!("{}Value", self.slot_hint(&slot));
                let value = self.shape(&ptr.child("additionalProperties"), &hint);
                TypeRef::Map(Box::new(nullable_ref(value)))
            }
            _ => TypeRef::JsonObject,
        }
    }

    /// A struct assembled from the node's properties, its `allOf` members and its unions.
    pub(super) fn structure(&mut self, ptr: &SchemaPtr, _node: &Node, slot: Slot) -> TypeRef {
        let id = self.alloc(&slot, ptr);
        let struct_name = self.space.get(id).name.clone();
        let mut parts = Parts::default();
        self.gather(ptr, &mut parts, &mut HashSet::new(), true);

        let mut scope = Scope::default();
        let mut fields = Vec::new();
        for property in &parts.properties {
            let hint = format!("{struct_name}{}", type_name(&property.wire));
            let Shape { ty, nullable } = self.shape(&property.ptr, &hint);
            let docs = self
                .node(&property.ptr)
                .map(super::docs_of)
                .unwrap_or_default();
            fields.push(Field {
                name: scope.claim(field_name(&property.wire)),
                wire_name: property.wire.clone(),
                docs,
                ty,
                required: parts
                    .required
                    .iter()
                    .any(|(name, _)| *name == property.wire),
                nullable,
                boxed: false,
                flatten: false,
            });
        }
        if parts.unions.is_empty() {
            for (name, at) in &parts.required {
                if !parts.properties.iter().any(|p| p.wire == *name) {
                    self.error(
                        at,
                        format!("`required` names `{name}`, which is not a property"),
                    );
                }
            }
        }
        for union in &parts.unions {
            let ty = match union {
                UnionPart::Whole(union_ptr) => {
                    self.shape(union_ptr, &format!("{struct_name}Kind")).ty
                }
                UnionPart::Keyword(keyword_ptr) => {
                    let node = self.node(keyword_ptr).cloned();
                    let variants = node
                        .as_ref()
                        .and_then(Node::items)
                        .map(<[Node]>::len)
                        .unwrap_or(0);
                    let variants = (0..variants)
                        .map(|i| keyword_ptr.child(&i.to_string()))
                        .collect();
                    self.union(
                        keyword_ptr,
                        variants,
                        Slot::New(format!("{struct_name}Kind")),
                    )
                }
            };
            let base = match &ty {
                TypeRef::Named(union_id) => field_name(&self.space.get(*union_id).name),
                _ => "kind".to_string(),
            };
            fields.push(flattened(scope.claim(base), ty));
        }
        if let Some(extra) = &parts.extra {
            let value = self.shape(extra, &format!("{struct_name}Extra"));
            fields.push(flattened(
                scope.claim("extra".into()),
                TypeRef::Map(Box::new(nullable_ref(value))),
            ));
        }
        self.set_kind(id, TypeKind::Struct(Struct { fields }));
        TypeRef::Named(id)
    }

    /// Collects properties, required names, unions and extra keys from a schema and,
    /// recursively, from its `allOf` members.
    fn gather(
        &mut self,
        ptr: &SchemaPtr,
        parts: &mut Parts,
        seen: &mut HashSet<SchemaPtr>,
        top: bool,
    ) {
        let target = match resolve::follow(self.docs, ptr) {
            Ok(target) => target,
            Err(diagnostic) => {
                self.diags.push(diagnostic);
                return;
            }
        };
        if !seen.insert(target.clone()) {
            self.error(ptr, "`allOf` includes itself");
            return;
        }
        let Some(node) = self.node(&target) else {
            return;
        };
        if self.checked.insert(target.clone()) {
            super::keywords::check(self.docs, &target, node, self.diags);
        }
        if !top
            && self.union_keyword(&target, node).is_some()
            && !has_own_properties(node)
            && node.get("allOf").is_none()
        {
            parts.unions.push(UnionPart::Whole(target));
            return;
        }
        if let Some(items) = node.get("allOf").and_then(Node::items) {
            for i in 0..items.len() {
                self.gather(
                    &target.child("allOf").child(&i.to_string()),
                    parts,
                    seen,
                    false,
                );
            }
        }
        let excluded = self.excluded_tags.get(&target).cloned();
        match node.get("properties").map(|p| &p.value) {
            Some(Value::Object(members)) => {
                for member in members {
                    if excluded.as_deref() == Some(member.key.as_str())
                        || parts.properties.iter().any(|p| p.wire == member.key)
                    {
                        continue;
                    }
                    let property = target.child("properties").child(&member.key);
                    parts.properties.push(Property {
                        wire: member.key.clone(),
                        ptr: property,
                    });
                }
            }
            Some(other) => {
                let found = other.type_name();
                self.error(
                    &target.child("properties"),
                    format!("`properties` must be an object, found {found}"),
                );
            }
            None => {}
        }
        match node.get("required").map(|r| &r.value) {
            Some(Value::Array(names)) => {
                for (i, name) in names.iter().enumerate() {
                    let at = target.child("required").child(&i.to_string());
                    match name.as_str() {
                        Some(name) if excluded.as_deref() == Some(name) => {}
                        Some(name) => parts.required.push((name.to_string(), at)),
                        None => self.error(
                            &at,
                            format!(
                                "`required` entries must be strings, found {}",
                                name.type_name()
                            ),
                        ),
                    }
                }
            }
            Some(_) => self.error(
                &target.child("required"),
                "`required` must be an array of property names",
            ),
            None => {}
        }
        if let Some((keyword, _)) = self.union_keyword(&target, node) {
            parts.unions.push(UnionPart::Keyword(target.child(keyword)));
        }
        if let Some(extra) = node.get("additionalProperties")
            && matches!(&extra.value, Value::Object(m) if !m.is_empty())
            && has_own_properties(node)
        {
            parts.extra = Some(target.child("additionalProperties"));
        }
    }
}

fn flattened(name: String, ty: TypeRef) -> Field {
    Field {
        name,
        wire_name: String::new(),
        docs: Vec::new(),
        ty,
        required: true,
        nullable: false,
        boxed: false,
        flatten: true,
    }
}
