//! Passes over the finished IR: which way each type travels (usage), and which references
//! must be boxed because they close a cycle of types stored inline.

use std::collections::VecDeque;

use crate::ir::{TypeId, TypeKind, TypeRef, TypeSpace};

/// Marks every type reachable from `roots` as input or output.
pub fn mark_usage(space: &mut TypeSpace, roots: &[TypeRef], output: bool) {
    let mut queue: VecDeque<TypeId> = VecDeque::new();
    for root in roots {
        named_in(root, &mut |id| queue.push_back(id));
    }
    while let Some(id) = queue.pop_front() {
        let usage = &mut space.get_mut(id).usage;
        let seen = if output {
            std::mem::replace(&mut usage.output, true)
        } else {
            std::mem::replace(&mut usage.input, true)
        };
        if seen {
            continue;
        }
        for child in children(space, id) {
            named_in(child, &mut |id| queue.push_back(id));
        }
    }
}

/// The type references a named type holds directly.
fn children(space: &TypeSpace, id: TypeId) -> Vec<&TypeRef> {
    match &space.get(id).kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
        TypeKind::Tagged(t) => t
            .variants
            .iter()
            .filter_map(|v| v.payload.as_ref())
            .collect(),
        TypeKind::Untagged(u) => u.variants.iter().map(|v| &v.ty).collect(),
        TypeKind::Alias(ty) => vec![ty],
        TypeKind::Enum(_) | TypeKind::Pending => Vec::new(),
    }
}

/// Calls `f` for every named type mentioned in a reference, at any depth.
fn named_in(ty: &TypeRef, f: &mut impl FnMut(TypeId)) {
    match ty {
        TypeRef::Named(id) => f(*id),
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => {
            named_in(inner, f)
        }
        _ => {}
    }
}

/// The named types a reference stores inline (not behind a `Vec` or map), aliases seen
/// through.
fn inline_targets(space: &TypeSpace, ty: &TypeRef, out: &mut Vec<TypeId>, depth: usize) {
    match ty {
        TypeRef::Named(id) => match &space.get(*id).kind {
            TypeKind::Alias(target) if depth < 64 => inline_targets(space, target, out, depth + 1),
            _ => out.push(*id),
        },
        TypeRef::Nullable(inner) => inline_targets(space, inner, out, depth),
        _ => {}
    }
}

/// Boxes every field or variant payload whose inline target is in the same strongly
/// connected component as its owner: exactly the references that would otherwise make an
/// infinitely sized type.
pub fn box_cycles(space: &mut TypeSpace) {
    let n = space.types.len();
    let mut edges: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (i, edge_list) in edges.iter_mut().enumerate() {
        for child in children(space, TypeId(i)) {
            let mut targets = Vec::new();
            inline_targets(space, child, &mut targets, 0);
            edge_list.extend(targets.into_iter().map(|t| t.0));
        }
    }
    let component = strongly_connected(&edges);
    let cyclic = |owner: usize, ty: &TypeRef, space: &TypeSpace| {
        let mut targets = Vec::new();
        inline_targets(space, ty, &mut targets, 0);
        targets.iter().any(|t| component[t.0] == component[owner])
    };
    for owner in 0..n {
        let decisions: Vec<bool> = children(space, TypeId(owner))
            .into_iter()
            .map(|ty| cyclic(owner, ty, space))
            .collect();
        let mut decisions = decisions.into_iter();
        match &mut space.types[owner].kind {
            TypeKind::Struct(s) => s
                .fields
                .iter_mut()
                .for_each(|f| f.boxed = decisions.next().unwrap_or(false)),
            TypeKind::Tagged(t) => t
                .variants
                .iter_mut()
                .filter(|v| v.payload.is_some())
                .for_each(|v| v.boxed = decisions.next().unwrap_or(false)),
            TypeKind::Untagged(u) => u
                .variants
                .iter_mut()
                .for_each(|v| v.boxed = decisions.next().unwrap_or(false)),
            TypeKind::Alias(_) | TypeKind::Enum(_) | TypeKind::Pending => {}
        }
    }
}

/// Tarjan's algorithm, iterative so deep type graphs cannot overflow the stack. Returns the
/// component index of every node.
fn strongly_connected(edges: &[Vec<usize>]) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let n = edges.len();
    let (mut index, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let (mut on_stack, mut stack) = (vec![false; n], Vec::new());
    let (mut next_index, mut next_component) = (0, 0);
    for start in 0..n {
        if index[start] != UNSEEN {
            continue;
        }
        let mut call: Vec<(usize, usize)> = vec![(start, 0)];
        index[start] = next_index;
        low[start] = next_index;
        next_index += 1;
        stack.push(start);
        on_stack[start] = true;
        while let Some(&mut (node, ref mut edge)) = call.last_mut() {
            if let Some(&next) = edges[node].get(*edge) {
                *edge += 1;
                if index[next] == UNSEEN {
                    index[next] = next_index;
                    low[next] = next_index;
                    next_index += 1;
                    stack.push(next);
                    on_stack[next] = true;
                    call.push((next, 0));
                } else if on_stack[next] {
                    low[node] = low[node].min(index[next]);
                }
                continue;
            }
            call.pop();
            if let Some(&(parent, _)) = call.last() {
                low[parent] = low[parent].min(low[node]);
            }
            if low[node] == index[node] {
                while let Some(member) = stack.pop() {
                    on_stack[member] = false;
                    component[member] = next_component;
                    if member == node {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

#[cfg(test)]
mod tests {
    use super::strongly_connected;

    #[test]
    fn components() {
        // 0 → 1 → 2 → 0 is a cycle; 3 → 3 loops on itself; 4 stands alone.
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![0]];
        let c = strongly_connected(&edges);
        assert!(c[0] == c[1] && c[1] == c[2]);
        assert!(c[3] != c[0] && c[4] != c[0] && c[4] != c[3]);
    }
}
