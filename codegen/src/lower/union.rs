//! Unions: `oneOf`/`anyOf`. Null variants make the rest nullable; a property that is a
//! distinct string constant in every variant makes a tagged enum (adjacently tagged when each
//! variant is just the tag plus one same-named payload property); anything else is an
//! untagged enum tried variant by variant. A `type` array is an untagged union of its types.

use super::{Lowerer, Slot, nullable_ref};
use crate::ir::{TaggedUnion, TaggedVariant, TypeKind, TypeRef, UntaggedUnion, UntaggedVariant};
use crate::json::{self, Node, Value};
use crate::names::{Scope, type_name, variant_name};
use crate::resolve::{self, SchemaPtr};
use crate::source::FileId;

/// A discriminator found in a union's variants.
pub(super) struct Discriminator {
    /// The tag property.
    tag: String,
    /// The payload property, when every variant is tag + this one property.
    content: Option<String>,
    /// The tag value of each variant, in variant order.
    values: Vec<String>,
    /// Each variant with its `$ref`s followed.
    resolved: Vec<SchemaPtr>,
}

impl Lowerer<'_> {
    /// The union keyword of a schema and its variants, when it has one with a non-null variant.
    pub(super) fn union_keyword(
        &self,
        ptr: &SchemaPtr,
        node: &Node,
    ) -> Option<(&'static str, Vec<SchemaPtr>)> {
        ["oneOf", "anyOf"].into_iter().find_map(|keyword| {
            let items = node.get(keyword)?.items()?;
            let variants: Vec<SchemaPtr> = (0..items.len())
                .map(|i| ptr.child(keyword).child(&i.to_string()))
                .collect();
            variants
                .iter()
                .any(|v| !self.is_null_schema(v))
                .then_some((keyword, variants))
        })
    }

    /// Lowers a union whose variants are `variants`. `memo` is the schema the union stands for.
    pub(super) fn union(
        &mut self,
        memo: &SchemaPtr,
        variants: Vec<SchemaPtr>,
        slot: Slot,
    ) -> TypeRef {
        let written = variants.len();
        let variants: Vec<SchemaPtr> = variants
            .into_iter()
            .filter(|v| !self.is_null_schema(v))
            .collect();
        let discriminator = self.discriminator(&variants);
        match variants.as_slice() {
            [] => return TypeRef::Json,
            // `oneOf: [X, null]` is a nullable X. A lone variant with a discriminator stays a
            // union: it exists to be extended, and needs its catch-all.
            [single] if discriminator.is_none() || written > 1 => {
                return self.lower(single, slot).ty;
            }
            _ => {}
        }
        match discriminator {
            Some(discriminator) => self.tagged(memo, &variants, discriminator, slot),
            None => self.untagged(memo, &variants, slot),
        }
    }

    fn tagged(
        &mut self,
        memo: &SchemaPtr,
        variants: &[SchemaPtr],
        found: Discriminator,
        slot: Slot,
    ) -> TypeRef {
        let id = self.alloc(&slot, memo);
        let union_name = self.space.get(id).name.clone();
        let mut scope = Scope::default();
        let mut out = Vec::new();
        for (i, variant) in variants.iter().enumerate() {
            let value = found.values[i].clone();
            let name = scope.claim(variant_name(&value));
            let resolved = &found.resolved[i];
            let node = self.node(resolved);
            let docs = node.map(super::docs_of).unwrap_or_default();
            let payload = match &found.content {
                Some(content) => {
                    let content_ptr = resolved.child("properties").child(content);
                    Some(nullable_ref(
                        self.shape(&content_ptr, &format!("{union_name}{name}")),
                    ))
                }
                None if node.is_some_and(|n| carries_only_tag(n, &found.tag)) => None,
                None if resolved != variant => {
                    Some(self.shape(resolved, &format!("{union_name}{name}")).ty)
                }
                None => Some(
                    self.lower(variant, Slot::New(format!("{union_name}{name}")))
                        .ty,
                ),
            };
            out.push(TaggedVariant {
                name,
                tag_value: value,
                docs,
                payload,
                boxed: false,
            });
        }
        let catch_all = scope.claim("Unknown".into());
        let kind = TaggedUnion {
            tag: found.tag,
            content: found.content,
            variants: out,
            catch_all,
        };
        self.set_kind(id, TypeKind::Tagged(kind));
        TypeRef::Named(id)
    }

    fn untagged(&mut self, memo: &SchemaPtr, variants: &[SchemaPtr], slot: Slot) -> TypeRef {
        let id = self.alloc(&slot, memo);
        let union_name = self.space.get(id).name.clone();
        let mut scope = Scope::default();
        let mut out = Vec::new();
        for variant in variants {
            let name = scope.claim(type_name(&self.variant_base_name(variant)));
            let shape = self.shape(variant, &format!("{union_name}{name}"));
            out.push(UntaggedVariant {
                name,
                ty: nullable_ref(shape),
                boxed: false,
            });
        }
        self.set_kind(id, TypeKind::Untagged(UntaggedUnion { variants: out }));
        TypeRef::Named(id)
    }

    /// `type: [a, b]`: an untagged union with one variant per type.
    pub(super) fn type_union(
        &mut self,
        ptr: &SchemaPtr,
        node: &Node,
        types: &[&str],
        slot: Slot,
    ) -> TypeRef {
        let id = self.alloc(&slot, ptr);
        let union_name = self.space.get(id).name.clone();
        let mut out = Vec::new();
        for type_name in types {
            let name = json_type_variant(type_name).to_string();
            let ty = self.single_type(
                ptr,
                node,
                type_name,
                Slot::New(format!("{union_name}{name}")),
            );
            out.push(UntaggedVariant {
                name,
                ty,
                boxed: false,
            });
        }
        // Lowering an object or array variant registered its own type under this schema;
        // the schema stands for the union.
        self.by_schema.insert(ptr.clone(), id);
        self.set_kind(id, TypeKind::Untagged(UntaggedUnion { variants: out }));
        TypeRef::Named(id)
    }

    /// A readable variant name for an untagged variant, before it is lowered.
    fn variant_base_name(&self, variant: &SchemaPtr) -> String {
        let Some(node) = self.node(variant) else {
            return "Variant".into();
        };
        if let Some(text) = node.get("$ref").and_then(Node::as_str)
            && let Ok(target) = resolve::resolve(self.docs, variant, text)
        {
            if let Some(&id) = self.by_schema.get(&target) {
                return self.space.get(id).name.clone();
            }
            return target.last_token().unwrap_or_else(|| "Root".into());
        }
        if let Some(title) = node.get("title").and_then(Node::as_str) {
            return title.to_string();
        }
        if node.get("enum").is_some() {
            return "Enum".into();
        }
        if let Some(value) = node.get("const").and_then(Node::as_str) {
            return value.to_string();
        }
        match super::scalar::types_of(node).ok().as_deref() {
            Some([single]) => json_type_variant(single).into(),
            _ => "Variant".into(),
        }
    }

    /// Finds a property that is a distinct string constant in every variant (`type` first).
    fn discriminator(&self, variants: &[SchemaPtr]) -> Option<Discriminator> {
        let resolved: Vec<SchemaPtr> = variants
            .iter()
            .map(|v| resolve::follow(self.docs, v).ok())
            .collect::<Option<_>>()?;
        let nodes: Vec<&Node> = resolved
            .iter()
            .map(|r| self.node(r))
            .collect::<Option<_>>()?;
        let first = nodes[0].get("properties")?.members()?;
        let candidates = std::iter::once("type").chain(
            first
                .iter()
                .map(|m| m.key.as_str())
                .filter(|k| *k != "type"),
        );
        for tag in candidates {
            let values: Option<Vec<String>> = resolved
                .iter()
                .zip(&nodes)
                .map(|(ptr, node)| self.tag_value(ptr, node, tag))
                .collect();
            let Some(values) = values else { continue };
            let mut unique = values.clone();
            unique.sort();
            unique.dedup();
            if unique.len() != values.len() {
                continue;
            }
            let content = common_payload(&nodes, tag);
            return Some(Discriminator {
                tag: tag.to_string(),
                content,
                values,
                resolved,
            });
        }
        None
    }

    /// The constant string a variant gives its tag property, if any.
    fn tag_value(&self, ptr: &SchemaPtr, node: &Node, tag: &str) -> Option<String> {
        node.get("properties")?.get(tag)?;
        // A variant that may leave its tag out cannot be told apart by it.
        if !self.requires(ptr, node, tag, 0) {
            return None;
        }
        let property = resolve::follow(self.docs, &ptr.child("properties").child(tag)).ok()?;
        let schema = self.node(&property)?;
        if let Some(value) = schema.get("const").and_then(Node::as_str) {
            return Some(value.to_string());
        }
        match schema.get("enum").and_then(Node::items) {
            Some([single]) => single.as_str().map(str::to_string),
            _ => None,
        }
    }

    /// Whether a schema (or one of its `allOf` members) lists `name` in `required`.
    fn requires(&self, ptr: &SchemaPtr, node: &Node, name: &str, depth: usize) -> bool {
        if node
            .get("required")
            .and_then(Node::items)
            .is_some_and(|names| names.iter().any(|n| n.as_str() == Some(name)))
        {
            return true;
        }
        let Some(members) = node.get("allOf").and_then(Node::items) else {
            return false;
        };
        depth < 16
            && (0..members.len()).any(|i| {
                let member = ptr.child("allOf").child(&i.to_string());
                resolve::follow(self.docs, &member).is_ok_and(|target| {
                    self.node(&target)
                        .is_some_and(|n| self.requires(&target, n, name, depth + 1))
                })
            })
    }

    /// Records, for every internally tagged union in a file, that its variants leave the tag
    /// property to the union. Runs before any type is lowered, so a variant declared in
    /// `$defs` is lowered without its tag whatever the order.
    pub(super) fn scan_unions(&mut self, file: FileId, node: &Node, pointer: &mut String) {
        match &node.value {
            Value::Object(members) => {
                // Only a node with a union keyword needs its pointer as a `SchemaPtr`.
                let has_union = node.get("oneOf").is_some() || node.get("anyOf").is_some();
                let union = has_union
                    .then(|| self.union_keyword(&SchemaPtr::new(file, pointer.as_str()), node))
                    .flatten();
                if let Some((_, variants)) = union {
                    let written = variants.len();
                    let variants: Vec<SchemaPtr> = variants
                        .into_iter()
                        .filter(|v| !self.is_null_schema(v))
                        .collect();
                    // The same rule as `union`: a lone variant is a union only when it was
                    // written alone.
                    if (variants.len() >= 2 || written == 1)
                        && let Some(found) = self.discriminator(&variants)
                        && found.content.is_none()
                    {
                        for resolved in found.resolved {
                            self.excluded_tags.insert(resolved, found.tag.clone());
                        }
                    }
                }
                // One pointer buffer for the whole walk, cut back after each child.
                let len = pointer.len();
                for member in members {
                    json::push_token(pointer, &member.key);
                    self.scan_unions(file, &member.value, pointer);
                    pointer.truncate(len);
                }
            }
            Value::Array(items) => {
                let len = pointer.len();
                for (i, item) in items.iter().enumerate() {
                    json::push_token(pointer, &i.to_string());
                    self.scan_unions(file, item, pointer);
                    pointer.truncate(len);
                }
            }
            _ => {}
        }
    }
}

/// Whether a variant declares nothing but its tag.
fn carries_only_tag(node: &Node, tag: &str) -> bool {
    let only_tag = node
        .get("properties")
        .and_then(Node::members)
        .is_none_or(|m| m.iter().all(|m| m.key == tag));
    only_tag && node.get("allOf").is_none() && node.get("additionalProperties").is_none()
}

/// The payload property when every variant is exactly the tag plus that one property.
fn common_payload(nodes: &[&Node], tag: &str) -> Option<String> {
    let mut payload: Option<&str> = None;
    for node in nodes {
        let members = node.get("properties")?.members()?;
        if members.len() != 2 || node.get("allOf").is_some() {
            return None;
        }
        let other = members.iter().find(|m| m.key != tag)?.key.as_str();
        // An optional payload cannot be adjacent content: `{"kind": "x"}` alone is valid.
        let required = node
            .get("required")
            .and_then(Node::items)
            .unwrap_or_default();
        if !required.iter().any(|r| r.as_str() == Some(other)) {
            return None;
        }
        match payload {
            Some(existing) if existing != other => return None,
            _ => payload = Some(other),
        }
    }
    payload.map(str::to_string)
}

/// Variant name for a JSON type.
fn json_type_variant(type_name: &str) -> &'static str {
    match type_name {
        "boolean" => "Boolean",
        "integer" => "Integer",
        "number" => "Number",
        "string" => "String",
        "array" => "Array",
        "object" => "Object",
        _ => "Null",
    }
}
