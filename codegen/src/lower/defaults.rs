//! `default`: real schemas hold defaults of the wrong type, so a default is checked against
//! the field's final type once everything is lowered. One the type can hold is kept on the
//! field (an `_or_default()` accessor); one it cannot is a warning and stays in the docs only.

use super::Lowerer;
use crate::ir::{IntType, TypeKind, TypeRef, TypeSpace};

/// Whether a default fits a type.
#[derive(Debug, PartialEq, Eq)]
enum Fit {
    /// It fits and an accessor can build it.
    Accessor,
    /// It fits (or cannot be judged), documentation only.
    DocsOnly,
    /// It cannot be a value of the type.
    Mismatch,
}

impl Lowerer<'_> {
    /// Checks every recorded field default against its field's type.
    pub(super) fn check_defaults(&mut self) {
        for (id, index, at, value) in std::mem::take(&mut self.defaults) {
            let Some(field) = (match &self.space.get(id).kind {
                TypeKind::Struct(s) => s.fields.get(index),
                _ => None,
            }) else {
                continue;
            };
            let fit = if value.is_null() && field.nullable {
                Fit::DocsOnly
            } else {
                fits(&self.space, &field.ty, &value, 0)
            };
            match fit {
                Fit::Accessor if !field.required && !field.nullable && !field.boxed => {
                    if let TypeKind::Struct(s) = &mut self.space.get_mut(id).kind
                        && let Some(field) = s.fields.get_mut(index)
                    {
                        field.default = Some(value);
                    }
                }
                Fit::Accessor | Fit::DocsOnly => {}
                Fit::Mismatch => {
                    let message = format!(
                        "`default` {value} is not a value of the field's type; it is kept in the docs only"
                    );
                    self.warning(&at, message);
                }
            }
        }
    }
}

/// Whether `value` is a value of `ty`.
fn fits(space: &TypeSpace, ty: &TypeRef, value: &serde_json::Value, depth: usize) -> Fit {
    use serde_json::Value;
    let judge = |ok: bool| if ok { Fit::Accessor } else { Fit::Mismatch };
    match (ty, value) {
        (TypeRef::Bool, _) => judge(value.is_boolean()),
        (TypeRef::Int(width), Value::Number(n)) => judge(match width {
            IntType::I32 => n.as_i64().is_some_and(|v| i32::try_from(v).is_ok()),
            IntType::I64 => n.is_i64(),
            IntType::U32 => n.as_u64().is_some_and(|v| u32::try_from(v).is_ok()),
            IntType::U64 => n.is_u64(),
        }),
        (TypeRef::Float, Value::Number(_)) => Fit::Accessor,
        (TypeRef::String, _) => judge(value.is_string()),
        (TypeRef::Int(_) | TypeRef::Float, _) => Fit::Mismatch,
        (TypeRef::Array(_), _) => judge_docs(value.is_array()),
        (TypeRef::Map(_) | TypeRef::JsonObject, _) => judge_docs(value.is_object()),
        (TypeRef::Named(id), _) if depth < 32 => match &space.get(*id).kind {
            TypeKind::Enum(_) => judge(value.is_string()),
            TypeKind::Struct(_) => judge_docs(value.is_object()),
            TypeKind::Alias(target) => fits(space, target, value, depth + 1),
            _ => Fit::DocsOnly,
        },
        _ => Fit::DocsOnly,
    }
}

fn judge_docs(ok: bool) -> Fit {
    if ok { Fit::DocsOnly } else { Fit::Mismatch }
}
