//! A compact, reviewable summary of a module's public surface: every type with its fields
//! (Rust name, Rust type, wire name) or variants. Snapshotted per provider, so a schema
//! change shows what it does to the API without diffing generated code.

use std::fmt::Write as _;

use super::structs::field_type;
use super::{Ctx, EmitOptions};
use crate::ir::{TypeKind, TypeSpace};

/// The summary text, one block per type in emission order.
pub fn summary(space: &TypeSpace) -> String {
    let options = EmitOptions::default();
    let mut out = String::new();
    for def in space
        .types
        .iter()
        .filter(|def| def.usage.input || def.usage.output)
    {
        let ctx = Ctx::new(space, &options, def);
        let flow = match (def.usage.input, def.usage.output) {
            (true, true) => " (in, out)",
            (true, false) => " (in)",
            (false, true) => " (out)",
            (false, false) => "",
        };
        match &def.kind {
            TypeKind::Struct(s) => {
                let _ = writeln!(out, "struct {}{flow}", def.name);
                for field in &s.fields {
                    let ty = short_type(&field_type(&ctx, field));
                    let wire = if field.flatten {
                        " [flattened]".to_string()
                    } else if field.wire_name != field.name {
                        format!(" [{}]", field.wire_name)
                    } else {
                        String::new()
                    };
                    let _ = writeln!(out, "    {}: {ty}{wire}", field.name);
                }
            }
            TypeKind::Enum(e) => {
                let values: Vec<&str> = e.variants.iter().map(|v| v.value.as_str()).collect();
                let _ = writeln!(
                    out,
                    "enum {}{flow} = {} | {}(String)",
                    def.name,
                    values.join(" | "),
                    e.catch_all
                );
            }
            TypeKind::Tagged(t) => {
                let layout = match &t.content {
                    Some(content) => format!("tag `{}`, content `{content}`", t.tag),
                    None => format!("tag `{}`", t.tag),
                };
                let _ = writeln!(out, "union {}{flow} ({layout})", def.name);
                for v in &t.variants {
                    let payload = v
                        .payload
                        .as_ref()
                        .map(|p| format!("({})", short_type(&ctx.ty(p))))
                        .unwrap_or_default();
                    let _ = writeln!(out, "    {}{payload} [{}]", v.name, v.tag_value);
                }
                if def.usage.output {
                    let _ = writeln!(out, "    {}(serde_json::Value)", t.catch_all);
                }
            }
            TypeKind::Untagged(u) => {
                let _ = writeln!(out, "untagged {}{flow}", def.name);
                for v in &u.variants {
                    let _ = writeln!(out, "    {}({})", v.name, short_type(&ctx.ty(&v.ty)));
                }
            }
            TypeKind::Alias(ty) => {
                let _ = writeln!(out, "type {}{flow} = {}", def.name, short_type(&ctx.ty(ty)));
            }
            TypeKind::Pending => {}
        }
    }
    out
}

/// A type as compact text, with support types named without their module.
fn short_type(ty: &syn::Type) -> String {
    super::compact(ty).replace("msgen_runtime::", "")
}
