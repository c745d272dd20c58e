//! Pagination, resolved against the operation: `offset` and `limit` must name integer query
//! parameters, `items` an array property and `total` an integer property of the payload
//! the list method returns (after any `unwrap`). Each mistake is reported at its manifest
//! field, with the names it could have meant.

use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::Documents;
use crate::hints::{did_you_mean, listed};
use crate::ir::{Field, IntType, TypeId, TypeKind, TypeRef, TypeSpace};
use crate::manifest::{Operation, Pagination, ParameterLocation};
use crate::source::FileId;

use super::model::{PageField, Presence};

/// What the list method returns, where pages are read from.
pub(super) enum Returned<'a> {
    /// No success body.
    Nothing,
    /// A value of this type, described for messages (`the success body \`Page\``).
    Value(&'a TypeRef, String),
    /// An unwrapped field that may be absent (`unwrap` names it).
    MaybeAbsent(&'a str),
}

/// Where one operation's pagination is resolved.
pub(super) struct Source<'a> {
    pub docs: &'a Documents,
    pub file: FileId,
    pub space: &'a TypeSpace,
    /// The operation's index in the manifest.
    pub index: usize,
    pub op: &'a Operation,
    pub query: Option<TypeId>,
    pub returned: Returned<'a>,
}

/// A resolved pagination.
pub(super) struct Resolved {
    pub offset: PageField,
    pub limit: PageField,
    pub items: PageField,
    pub total: Option<PageField>,
    pub item: TypeRef,
}

/// What a pagination field must name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Want {
    /// An integer: offset, limit, total.
    Integer,
    /// An array: the items.
    Array,
}

/// The names a pagination field may choose from: a query's parameters or a payload's
/// properties.
struct Names<'a> {
    /// Whose they are, for messages (`` `list` ``, ``the success body `Page` ``).
    of: String,
    /// `query parameter` or `property`.
    what: &'static str,
    fields: Vec<&'a Field>,
}

/// Resolves `pagination`, reporting every field that names nothing usable.
pub(super) fn resolve(
    src: &Source<'_>,
    pagination: &Pagination,
    diags: &mut Diagnostics,
) -> Option<Resolved> {
    let query = query_names(src);
    let offset = query_field(src, &query, "offset", &pagination.offset, diags);
    let mut limit = query_field(src, &query, "limit", &pagination.limit, diags);
    if limit.is_some() && pagination.limit == pagination.offset {
        limit = None;
        diags.push(
            Diagnostic::error(
                Some(src.location("limit")),
                format!(
                    "pagination offset and limit both name `{}`",
                    pagination.limit
                ),
            )
            .with_help(
                "the offset counts the items to skip and the limit the page size: two query \
                 parameters",
            ),
        );
    }
    let payload = payload_names(src, diags);
    let items = payload.as_ref().and_then(|names| {
        let wire = &pagination.items;
        let field = lookup(src, names, "items", wire, Want::Array, diags)?;
        match src.space.unalias(&field.ty) {
            TypeRef::Array(item) => Some((page_field(field, wire, None), (**item).clone())),
            _ => None,
        }
    });
    let total = match (&pagination.total, &payload) {
        (None, _) => Some(None),
        (Some(_), None) => None,
        (Some(wire), Some(names)) => lookup(src, names, "total", wire, Want::Integer, diags)
            .map(|field| Some(page_field(field, wire, integer_type(src.space, field)))),
    };
    let ((items, item), total) = (items?, total?);
    Some(Resolved {
        offset: offset?,
        limit: limit?,
        items,
        total,
        item,
    })
}

impl Source<'_> {
    fn location(&self, field: &str) -> crate::diag::Location {
        self.docs.location(
            self.file,
            &format!("/operations/{}/pagination/{field}", self.index),
        )
    }
}

fn query_names<'a>(src: &Source<'a>) -> Names<'a> {
    let fields = src
        .query
        .and_then(|q| src.space.struct_of(&TypeRef::Named(q)))
        .map(|(_, s)| s.fields.iter().collect())
        .unwrap_or_default();
    Names {
        of: format!("`{}`", src.op.id),
        what: "query parameter",
        fields,
    }
}

/// The query field `wire` names, as an integer the stream can set.
fn query_field(
    src: &Source<'_>,
    names: &Names<'_>,
    role: &str,
    wire: &str,
    diags: &mut Diagnostics,
) -> Option<PageField> {
    let field = lookup(src, names, role, wire, Want::Integer, diags)?;
    Some(page_field(field, wire, integer_type(src.space, field)))
}

/// The payload's properties, or why there are none to page through.
fn payload_names<'a>(src: &Source<'a>, diags: &mut Diagnostics) -> Option<Names<'a>> {
    let id = &src.op.id;
    let location = Some(src.location("items"));
    let (ty, what) = match &src.returned {
        Returned::Nothing => {
            diags.push(
                Diagnostic::error(
                    location,
                    format!("`{id}` has no success body to page through"),
                )
                .with_help("add a 2xx response whose schema holds the page"),
            );
            return None;
        }
        Returned::MaybeAbsent(unwrap) => {
            diags.push(
                Diagnostic::error(
                    location,
                    format!("`{id}` pages through `{unwrap}`, which may be absent"),
                )
                .with_help(format!(
                    "the stream reads every page from the `{unwrap}` it unwraps: make it \
                     required and not nullable, or drop `unwrap`"
                )),
            );
            return None;
        }
        Returned::Value(ty, what) => (*ty, what),
    };
    let Some((_, payload)) = src.space.struct_of(ty) else {
        diags.push(
            Diagnostic::error(
                location,
                format!("`{id}` pages through {what}, which is not an object"),
            )
            .with_help("pagination reads the items and the total from properties of the payload"),
        );
        return None;
    };
    Some(Names {
        of: what.clone(),
        what: "property",
        fields: payload.fields.iter().filter(|f| !f.flatten).collect(),
    })
}

/// The field `wire` names among `names`, when it is what the role needs; every other case
/// is reported with the names the role could take.
fn lookup<'a>(
    src: &Source<'_>,
    names: &Names<'a>,
    role: &str,
    wire: &str,
    want: Want,
    diags: &mut Diagnostics,
) -> Option<&'a Field> {
    let location = Some(src.location(role));
    let fitting = || -> String {
        let (article, adjective) = match want {
            Want::Integer => ("an", "integer"),
            Want::Array => ("an", "array"),
        };
        let fit: Vec<&str> = names
            .fields
            .iter()
            .filter(|f| fits(src.space, f, want))
            .map(|f| f.wire_name.as_str())
            .collect();
        match (fit.is_empty(), names.what) {
            (true, "query parameter") => format!(
                "{} has no integer query parameters: add the {role} to `parameters` with \
                 `\"in\": \"query\"`",
                names.of
            ),
            (true, what) => format!("{} has no {adjective} {}", names.of, plural(what)),
            (false, what) => format!(
                "the {role} must name {article} {adjective} {what} of {}: {}",
                names.of,
                listed(fit)
            ),
        }
    };
    if let Some(field) = names.fields.iter().find(|f| f.wire_name == wire) {
        if fits(src.space, field, want) {
            return Some(field);
        }
        let expected = match want {
            Want::Integer => "an integer",
            Want::Array => "an array",
        };
        let kind = kind(src.space, &field.ty);
        diags.push(
            Diagnostic::error(
                location,
                format!("pagination {role} `{wire}` must be {expected}, not {kind}"),
            )
            .with_help(fitting()),
        );
        return None;
    }
    // A parameter of the operation that is not in the query: say where it is.
    let elsewhere = (names.what == "query parameter")
        .then(|| src.op.parameters.iter().find(|p| p.name == wire))
        .flatten()
        .map(|p| match p.location {
            ParameterLocation::Path => "path",
            ParameterLocation::Header => "header",
            ParameterLocation::Query => "query",
        });
    let message = match elsewhere {
        Some(place) => format!(
            "pagination {role} `{wire}` is a {place} parameter of {}, not a query parameter",
            names.of
        ),
        None => format!(
            "pagination {role} `{wire}` is not a {} of {}",
            names.what, names.of
        ),
    };
    let all = names.fields.iter().map(|f| f.wire_name.as_str());
    let help = did_you_mean(wire, all).unwrap_or_else(fitting);
    diags.push(Diagnostic::error(location, message).with_help(help));
    None
}

fn plural(what: &str) -> String {
    match what.strip_suffix('y') {
        Some(stem) => format!("{stem}ies"),
        None => format!("{what}s"),
    }
}

fn fits(space: &TypeSpace, field: &Field, want: Want) -> bool {
    matches!(
        (want, space.unalias(&field.ty)),
        (Want::Integer, TypeRef::Int(_)) | (Want::Array, TypeRef::Array(_))
    )
}

fn integer_type(space: &TypeSpace, field: &Field) -> Option<IntType> {
    match space.unalias(&field.ty) {
        TypeRef::Int(int) => Some(*int),
        _ => None,
    }
}

fn page_field(field: &Field, wire: &str, int: Option<IntType>) -> PageField {
    PageField {
        field: field.name.clone(),
        wire: wire.to_string(),
        presence: Presence::of(field),
        int,
    }
}

/// What a type is, in a message.
fn kind(space: &TypeSpace, ty: &TypeRef) -> String {
    match space.unalias(ty) {
        TypeRef::Bool => "a boolean".into(),
        TypeRef::Int(_) => "an integer".into(),
        TypeRef::Float => "a number".into(),
        TypeRef::String | TypeRef::DateTime | TypeRef::Uuid => "a string".into(),
        TypeRef::UnixTime => "a Unix time".into(),
        TypeRef::File => "a file".into(),
        TypeRef::Json => "any JSON value".into(),
        TypeRef::JsonObject | TypeRef::Map(_) => "an object".into(),
        TypeRef::Array(_) => "an array".into(),
        TypeRef::Nullable(inner) => kind(space, inner),
        TypeRef::Named(id) => {
            let def = space.get(*id);
            let what = match def.kind {
                TypeKind::Struct(_) => "an object",
                TypeKind::Enum(_) => "a string enum",
                TypeKind::Tagged(_) | TypeKind::Untagged(_) => "a union",
                TypeKind::Alias(_) | TypeKind::Pending => "a type",
            };
            format!("{what} (`{}`)", def.name)
        }
    }
}
