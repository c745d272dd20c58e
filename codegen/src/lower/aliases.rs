//! Type aliases that contain themselves. `{"type": "array", "items": {"$ref": "#"}}` is a
//! valid schema (arrays of arrays, as deep as you like), but `type A = Vec<A>;` is not valid
//! Rust: a recursive type needs a struct or enum between its uses. Until the IR has newtypes,
//! such a cycle is reported as an error at the definition, instead of emitting code that
//! does not compile.

use super::Lowerer;
use crate::diag::Diagnostic;
use crate::ir::{TypeId, TypeKind, TypeRef};

impl Lowerer<'_> {
    /// Reports every alias that reaches itself through aliases, arrays, maps and `null`.
    pub(super) fn check_alias_cycles(&mut self) {
        for id in 0..self.space.types.len() {
            if !matches!(self.space.get(TypeId(id)).kind, TypeKind::Alias(_)) {
                continue;
            }
            if self.alias_reaches(TypeId(id), TypeId(id)) {
                let def = self.space.get(TypeId(id));
                let diagnostic = Diagnostic::error(
                    Some(def.origin.clone()),
                    format!(
                        "`{}` contains itself with no object in between, which Rust cannot express",
                        def.name
                    ),
                )
                .with_help("make the recursive part a property of an object schema");
                self.diags.push(diagnostic);
            }
        }
    }

    /// Whether the alias `from` reaches `target` without passing a struct, enum or union.
    fn alias_reaches(&self, from: TypeId, target: TypeId) -> bool {
        let mut stack = vec![from];
        let mut seen = vec![false; self.space.types.len()];
        while let Some(id) = stack.pop() {
            let TypeKind::Alias(ty) = &self.space.get(id).kind else {
                continue;
            };
            let mut refs = Vec::new();
            named_in(ty, &mut refs);
            for next in refs {
                if next == target {
                    return true;
                }
                if !std::mem::replace(&mut seen[next.0], true) {
                    stack.push(next);
                }
            }
        }
        false
    }
}

/// The named types a type reference mentions directly (through containers).
fn named_in(ty: &TypeRef, out: &mut Vec<TypeId>) {
    match ty {
        TypeRef::Named(id) => out.push(*id),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            named_in(inner, out);
        }
        _ => {}
    }
}
