//! Paths: the template parsed once by the manifest rules, its placeholders bound to the
//! method's arguments, and the types a path parameter may have.

use crate::ir::{TypeKind, TypeRef, TypeSpace};
use crate::path_template::{PathTemplate, Piece};

use super::model::PathPiece;

/// The template's segments with each placeholder bound to the index of its argument in
/// `params` (the placeholder names of the path arguments, in argument order). The
/// manifest rules checked that every placeholder has its parameter; one without would be
/// left out of `params` only if lowering had failed, which stops the run before this.
pub(super) fn bind(template: &PathTemplate, params: &[&str]) -> Vec<Vec<PathPiece>> {
    template
        .segments
        .iter()
        .map(|segment| {
            segment
                .iter()
                .map(|piece| match piece {
                    Piece::Literal(text) => PathPiece::Literal(text.clone()),
                    Piece::Param(name) => match params.iter().position(|p| p == name) {
                        Some(index) => PathPiece::Arg(index),
                        None => PathPiece::Literal(format!("{{{name}}}")),
                    },
                })
                .collect()
        })
        .collect()
}

/// Whether values of `ty` go into a path as their wire text: the client writes them with
/// `Display`, which for these types is exactly what JSON would carry (a string enum's
/// value, a UUID's hyphenated form, a number's digits). A date-time's `Display` is not
/// RFC 3339, and objects have none.
pub(super) fn fits_path(space: &TypeSpace, ty: &TypeRef) -> bool {
    match space.unalias(ty) {
        TypeRef::String | TypeRef::Int(_) | TypeRef::Float | TypeRef::Bool | TypeRef::Uuid => true,
        TypeRef::Named(id) => matches!(space.get(*id).kind, TypeKind::Enum(_)),
        _ => false,
    }
}

/// Whether values of `ty` are `Copy`, so a stream can hand the same value to every page's
/// call without cloning it.
pub(super) fn is_copy(space: &TypeSpace, ty: &TypeRef) -> bool {
    matches!(
        space.unalias(ty),
        TypeRef::Bool
            | TypeRef::Int(_)
            | TypeRef::Float
            | TypeRef::Uuid
            | TypeRef::UnixTime
            | TypeRef::DateTime
    )
}
