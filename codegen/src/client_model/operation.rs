//! One manifest operation → its methods: positional arguments (path and header
//! parameters), the query struct, one method per body encoding, what a call returns (an
//! envelope's field resolved), and the stream of a paged list. Method names are only
//! proposed here, with the manifest node that asks for each; `mod.rs` claims them.

use crate::diag::{Diagnostic, Diagnostics, Location};
use crate::documents::Documents;
use crate::hints::{did_you_mean, listed};
use crate::ir::{TypeRef, TypeSpace};
use crate::manifest::Operation as ManifestOperation;
use crate::names::{Scope, field_name};
use crate::operations::{LoweredOperation, LoweredParam};
use crate::path_template::PathTemplate;
use crate::source::FileId;

use super::model::{
    Arg, ArgType, Body, Encoding, Method, Operation, Presence, Query, Sent, Stream, Success,
};
use super::names::Claimant;
use super::pagination::{self, Returned};
use super::paths;

/// Locals of the generated method bodies (`spec`, `pairs`, …) and the query and body
/// arguments: a parameter never takes their names, so it cannot shadow them.
const TAKEN_ARGS: &[&str] = &[
    "query",
    "body",
    "spec",
    "pairs",
    "headers",
    "call",
    "start",
    "page_size",
    "offset",
    "limit",
    "page",
];

/// What one operation needs from the run.
pub(super) struct Input<'a> {
    pub docs: &'a Documents,
    pub file: FileId,
    pub space: &'a TypeSpace,
    /// The operation's index in the manifest.
    pub index: usize,
    pub op: &'a ManifestOperation,
    pub lowered: &'a LoweredOperation,
    pub template: &'a PathTemplate,
}

/// An operation and the names its methods ask for: the operation's own first, then the
/// derived ones (`_multipart`, `_stream`), which are claimed after every operation's own.
pub(super) struct Built {
    pub operation: Operation,
    pub own: Claimant,
    pub derived: Vec<(String, Claimant)>,
}

impl Input<'_> {
    fn location(&self, pointer: &str) -> Location {
        self.docs
            .location(self.file, &format!("/operations/{}{pointer}", self.index))
    }
}

/// Builds the operation, reporting what in the manifest it cannot use.
pub(super) fn build(input: &Input<'_>, diags: &mut Diagnostics) -> Built {
    let op = input.op;
    let mut arg_names = Scope::with_reserved(TAKEN_ARGS);
    let mut args = Vec::new();
    let mut placeholders = Vec::new();
    for param in &input.lowered.path_params {
        let manifest_param = &op.parameters[param.index];
        if !paths::fits_path(input.space, &param.ty) {
            diags.push(
                Diagnostic::error(
                    Some(input.location(&format!("/parameters/{}/schema", param.index))),
                    format!(
                        "path parameter `{}` must be a string, number, boolean, UUID or string enum",
                        manifest_param.name
                    ),
                )
                .with_help("a path segment is text: other values have no one way to be written in it"),
            );
        }
        placeholders.push(manifest_param.name.as_str());
        args.push(arg(input, param, &mut arg_names, Sent::Path, false));
    }
    // Header parameters are arguments too: a required one is a value to give, an optional
    // one an `Option` (a struct of optional headers would be a second query-like type for
    // one or two values; `None` reads as plainly as a setter).
    for param in &input.lowered.header_params {
        let manifest_param = &op.parameters[param.index];
        let sent = Sent::Header(manifest_param.name.clone());
        args.push(arg(
            input,
            param,
            &mut arg_names,
            sent,
            !manifest_param.required,
        ));
    }
    let query = input.lowered.query.map(|ty| Query {
        arg: "query".into(),
        ty,
        fields: input
            .space
            .struct_of(&TypeRef::Named(ty))
            .map(|(_, s)| {
                s.fields
                    .iter()
                    .map(|f| (f.name.clone(), f.wire_name.clone()))
                    .collect()
            })
            .unwrap_or_default(),
    });
    let (success, returned) = success(input, diags);
    let (methods, mut derived) = methods(input, diags);
    let stream = op.pagination.as_ref().and_then(|pagination| {
        let source = pagination::Source {
            docs: input.docs,
            file: input.file,
            space: input.space,
            index: input.index,
            op,
            query: input.lowered.query,
            returned,
        };
        let resolved = pagination::resolve(&source, pagination, diags)?;
        let name = field_name(&format!("{}_stream", op.id));
        derived.push((
            name.clone(),
            Claimant {
                location: input.location("/pagination"),
                what: format!("the stream of paged operation `{}`", op.id),
                fix: "rename one of the two operations".into(),
            },
        ));
        let plain_call = args.is_empty() && methods.first().is_some_and(|m| m.body.is_none());
        let example_query = input.lowered.query.filter(|_| plain_call).and_then(|q| {
            let (_, fields) = input.space.struct_of(&TypeRef::Named(q))?;
            let required = fields.fields.iter().any(|f| f.required);
            (!required).then(|| input.space.get(q).name.clone())
        });
        Some(Stream {
            name,
            item: resolved.item,
            offset: resolved.offset,
            limit: resolved.limit,
            items: resolved.items,
            total: resolved.total,
            default_limit: pagination.default_limit,
            example_query,
        })
    });
    Built {
        operation: Operation {
            id: op.id.clone(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            verb: op.method.as_str(),
            template: input.template.text.clone(),
            segments: paths::bind(input.template, &placeholders),
            args,
            query,
            success,
            methods,
            stream,
        },
        own: Claimant {
            location: input.location("/id"),
            what: format!("operation `{}`", op.id),
            fix: "rename the operation".into(),
        },
        derived,
    }
}

fn arg(
    input: &Input<'_>,
    param: &LoweredParam,
    names: &mut Scope,
    sent: Sent,
    optional: bool,
) -> Arg {
    let manifest_param = &input.op.parameters[param.index];
    let ty = match &param.ty {
        TypeRef::String => ArgType::Str,
        other => ArgType::Value(other.clone()),
    };
    let copy = match &ty {
        ArgType::Str => false,
        ArgType::Value(ty) => paths::is_copy(input.space, ty),
    };
    Arg {
        name: names.claim(field_name(&manifest_param.name)),
        ty,
        optional,
        copy,
        description: manifest_param.description.clone(),
        sent,
    }
}

/// The methods, one per body encoding, and the derived names among them.
fn methods(input: &Input<'_>, diags: &mut Diagnostics) -> (Vec<Method>, Vec<(String, Claimant)>) {
    let op = input.op;
    let own = field_name(&op.id);
    let lowered = input.lowered;
    let json = lowered.json_body.as_ref().map(|body| Body {
        arg: "body".into(),
        ty: body.ty.clone(),
        encoding: Encoding::Json,
    });
    let multipart = lowered.multipart_body.as_ref().and_then(|body| {
        let Some((_, form)) = input.space.struct_of(&body.ty) else {
            diags.push(
                Diagnostic::error(
                    Some(input.location(&format!("/request_body/content/{}/schema", body.index))),
                    "a `multipart/form-data` body must be an object: its properties are the form fields",
                )
                .with_help("give the schema `\"type\": \"object\"` and a property per form field"),
            );
            return None;
        };
        let files = form.fields.iter().any(|f| f.is_file_part());
        Some((
            body.index,
            Body {
                arg: "body".into(),
                ty: body.ty.clone(),
                encoding: Encoding::Multipart { files },
            },
        ))
    });
    let mut derived = Vec::new();
    let methods = match (json, multipart) {
        (None, None) => vec![Method {
            name: own,
            body: None,
        }],
        (Some(json), None) => vec![Method {
            name: own,
            body: Some(json),
        }],
        (None, Some((_, form))) => vec![Method {
            name: own,
            body: Some(form),
        }],
        (Some(json), Some((k, form))) => {
            let name = field_name(&format!("{}_multipart", op.id));
            derived.push((
                name.clone(),
                Claimant {
                    location: input.location(&format!("/request_body/content/{k}")),
                    what: format!("the multipart method of operation `{}`", op.id),
                    fix: "rename one of the two operations".into(),
                },
            ));
            vec![
                Method {
                    name: own,
                    body: Some(json),
                },
                Method {
                    name,
                    body: Some(form),
                },
            ]
        }
    };
    (methods, derived)
}

/// What a call returns, and what the stream of a paged list reads its pages from.
fn success<'a>(input: &Input<'a>, diags: &mut Diagnostics) -> (Success, Returned<'a>) {
    let op = input.op;
    let Some(body) = &input.lowered.success else {
        return (Success::Empty, Returned::Nothing);
    };
    let what = match &body.ty {
        TypeRef::Named(id) => format!("the success body `{}`", input.space.get(*id).name),
        _ => "the success body".to_string(),
    };
    let Some(unwrap) = &op.responses[body.index].unwrap else {
        return (
            Success::Body(body.ty.clone()),
            Returned::Value(&body.ty, what),
        );
    };
    let location = Some(input.location(&format!("/responses/{}/unwrap", body.index)));
    let Some((holder, envelope)) = input.space.struct_of(&body.ty) else {
        diags.push(
            Diagnostic::error(
                location,
                format!(
                    "`{}` unwraps `{unwrap}`, but {what} is not an object",
                    op.id
                ),
            )
            .with_help(
                "`unwrap` names a property of an envelope object; remove it to return the body",
            ),
        );
        return (Success::Body(body.ty.clone()), Returned::Nothing);
    };
    let found = envelope
        .fields
        .iter()
        .enumerate()
        .find(|(_, f)| !f.flatten && f.wire_name == *unwrap);
    let Some((field, found)) = found else {
        let names: Vec<&str> = envelope
            .fields
            .iter()
            .filter(|f| !f.flatten)
            .map(|f| f.wire_name.as_str())
            .collect();
        let help = did_you_mean(unwrap, names.iter().copied())
            .unwrap_or_else(|| format!("its properties: {}", listed(names.iter().copied())));
        diags.push(
            Diagnostic::error(
                location,
                format!(
                    "`{}` unwraps `{unwrap}`, which is not a property of {what}",
                    op.id
                ),
            )
            .with_help(help),
        );
        return (Success::Body(body.ty.clone()), Returned::Nothing);
    };
    let returned = match Presence::of(found) {
        Presence::Required => Returned::Value(
            &found.ty,
            format!("`{unwrap}`, the payload `{}` unwraps", op.id),
        ),
        _ => Returned::MaybeAbsent(unwrap),
    };
    (
        Success::Unwrap {
            envelope: body.ty.clone(),
            holder,
            field,
        },
        returned,
    )
}
