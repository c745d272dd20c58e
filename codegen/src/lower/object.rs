//! Objects: `properties` → struct fields, `allOf` → one merged struct, a union beside
//! properties → a flattened field, `additionalProperties`/`patternProperties` → a map (alone)
//! or a flattened map of the extra keys (beside properties), `additionalProperties: false` →
//! unknown keys are an error.

use rustc_hash::FxHashSet;

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
    /// What each gathered schema with properties says about other keys.
    extra: Vec<Extra>,
    required: Vec<(String, SchemaPtr)>,
}

/// What an object schema allows besides its `properties`.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Extra {
    /// Nothing said (`additionalProperties` absent, no `patternProperties`).
    Unsaid,
    /// `additionalProperties: false` (and no `patternProperties`).
    Deny,
    /// Any value (`additionalProperties: true` or `{}`, or patterns with different schemas).
    Any,
    /// Values of one schema (`additionalProperties: {…}`, or patterns that share a schema).
    Schema(SchemaPtr),
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
        match self.extra_keys(ptr, node) {
            Extra::Deny => self.structure(ptr, node, slot),
            Extra::Schema(values) => {
                let hint = format!("{}Value", self.slot_hint(&slot));
                let value = self.shape(&values, &hint);
                TypeRef::Map(Box::new(nullable_ref(value)))
            }
            Extra::Any | Extra::Unsaid => TypeRef::JsonObject,
        }
    }

    /// What a schema allows besides its `properties`: `patternProperties` and
    /// `additionalProperties` together. Patterns are not checked, so keys matching any
    /// pattern and other allowed keys all land in one map, typed when every schema a key may
    /// follow is the same one.
    pub(super) fn extra_keys(&mut self, ptr: &SchemaPtr, node: &Node) -> Extra {
        let mut schemas: Vec<SchemaPtr> = Vec::new();
        let mut any = false;
        if let Some(patterns) = node.get("patternProperties") {
            match patterns.members() {
                Some(members) => schemas.extend(
                    members
                        .iter()
                        .map(|m| ptr.child("patternProperties").child(&m.key)),
                ),
                None => self.error(
                    &ptr.child("patternProperties"),
                    format!(
                        "`patternProperties` must be an object, found {}",
                        patterns.type_name()
                    ),
                ),
            }
        }
        let patterns = !schemas.is_empty();
        match node.get("additionalProperties").map(|n| &n.value) {
            // With patterns and nothing else said, the patterns describe the extra keys.
            None if patterns => {}
            None => return Extra::Unsaid,
            Some(Value::Bool(false)) if patterns => {}
            Some(Value::Bool(false)) => return Extra::Deny,
            Some(Value::Bool(true)) => any = true,
            Some(Value::Object(members)) if members.is_empty() => any = true,
            Some(_) => schemas.push(ptr.child("additionalProperties")),
        }
        // `true` and `{}` accept anything, whatever the others say.
        any |= schemas.iter().any(|s| {
            self.node(s)
                .is_some_and(|n| matches!(&n.value, Value::Bool(true)) || n.members() == Some(&[]))
        });
        let first = schemas
            .first()
            .and_then(|s| self.node(s))
            .map(Node::to_json);
        let shared = schemas
            .iter()
            .all(|s| self.node(s).map(Node::to_json) == first);
        match schemas.first() {
            Some(first) if !any && shared => Extra::Schema(first.clone()),
            _ => Extra::Any,
        }
    }

    /// A struct assembled from the node's properties, its `allOf` members and its unions.
    pub(super) fn structure(&mut self, ptr: &SchemaPtr, _node: &Node, slot: Slot) -> TypeRef {
        let id = self.alloc(&slot, ptr);
        let struct_name = self.space.get(id).name.clone();
        let mut parts = Parts::default();
        self.gather(ptr, &mut parts, &mut FxHashSet::default(), true);

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
                default: None,
            });
            if let Some(default) = self.node(&property.ptr).and_then(|n| n.get("default")) {
                self.defaults.push((
                    id,
                    fields.len() - 1,
                    property.ptr.child("default"),
                    default.to_json(),
                ));
            }
        }
        if parts.unions.is_empty() {
            for (name, at) in &parts.required {
                if !parts.properties.iter().any(|p| p.wire == *name) {
                    let close = crate::hints::closest(
                        name,
                        parts.properties.iter().map(|p| p.wire.as_str()),
                    )
                    .map(str::to_string);
                    let mut diagnostic = crate::diag::Diagnostic::error(
                        Some(self.location(at)),
                        format!("`required` names `{name}`, which is not a property"),
                    );
                    if let Some(close) = close {
                        diagnostic = diagnostic.with_help(format!("did you mean `{close}`?"));
                    }
                    self.diags.push(diagnostic);
                }
            }
        }
        for union in &parts.unions {
            let ty = match union {
                UnionPart::Whole(union_ptr) => {
                    self.shape(union_ptr, &format!("{struct_name}Kind")).ty
                }
                UnionPart::Keyword(keyword_ptr) => {
                    let variants = self
                        .node(keyword_ptr)
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
        let extra = self.merge_extra(&parts);
        let deny_unknown_fields = extra == Extra::Deny && parts.unions.is_empty();
        let value = match extra {
            Extra::Schema(values) => {
                let value = self.shape(&values, &format!("{struct_name}Extra"));
                Some(nullable_ref(value))
            }
            Extra::Any => Some(TypeRef::Json),
            Extra::Unsaid if self.keep_unknown_keys && parts.unions.is_empty() => {
                Some(TypeRef::Json)
            }
            Extra::Unsaid | Extra::Deny => None,
        };
        if let Some(value) = value {
            fields.push(flattened(
                scope.claim("extra".into()),
                TypeRef::Map(Box::new(value)),
            ));
        }
        self.set_kind(
            id,
            TypeKind::Struct(Struct {
                fields,
                deny_unknown_fields,
            }),
        );
        TypeRef::Named(id)
    }

    /// Collects properties, required names, unions and extra keys from a schema and,
    /// recursively, from its `allOf` members.
    fn gather(
        &mut self,
        ptr: &SchemaPtr,
        parts: &mut Parts,
        seen: &mut FxHashSet<SchemaPtr>,
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
        if top || has_own_properties(node) {
            let extra = self.extra_keys(&target, node);
            parts.extra.push(extra);
        }
    }

    /// The extra keys of a struct gathered from several schemas: the first gathered (the
    /// struct's own schema) decides `Deny`; any schema allowing other keys allows them.
    fn merge_extra(&self, parts: &Parts) -> Extra {
        let allowing: Vec<&Extra> = parts
            .extra
            .iter()
            .filter(|e| matches!(e, Extra::Any | Extra::Schema(_)))
            .collect();
        match allowing.as_slice() {
            [] => match parts.extra.last() {
                // `gather` visits `allOf` members first, so the struct's own schema is last.
                Some(Extra::Deny) => Extra::Deny,
                _ => Extra::Unsaid,
            },
            [one] => (*one).clone(),
            several if several.iter().all(|e| e == &several[0]) => several[0].clone(),
            _ => Extra::Any,
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
        default: None,
    }
}
