//! The schemas a manifest names, lowered: per operation its parameters, a synthesized
//! `{Op}Query` struct, its bodies and success type; per webhook its payload. This is the
//! lowering of the manifest's own schemas through the same [`Lowerer`] as every other
//! schema; what a client makes of them (names, pagination, auth) is the client model's job.

use crate::ir::{TypeId, TypeRef};
use crate::lower::Lowerer;
use crate::manifest::{ContentType, FixtureKind, Manifest, ParameterLocation};
use crate::names::type_name;
use crate::path_template::PathTemplate;
use crate::resolve::SchemaPtr;
use crate::source::FileId;

/// A payload type the provider sends or receives.
#[derive(Debug, Clone)]
pub struct Payload {
    /// Operation or webhook id.
    pub of: String,
    /// Which payload.
    pub kind: FixtureKind,
    /// Status code, for responses and errors.
    pub status: Option<u16>,
    /// The type.
    pub ty: TypeRef,
}

/// A parameter's lowered type, by its index in the operation's `parameters`.
#[derive(Debug, Clone)]
pub struct LoweredParam {
    /// Index in `parameters`.
    pub index: usize,
    /// Its type.
    pub ty: TypeRef,
}

/// A body or response's lowered type, by its index in the manifest list it comes from
/// (`request_body.content` or `responses`).
#[derive(Debug, Clone)]
pub struct LoweredPayload {
    /// Index in its list.
    pub index: usize,
    /// Its type.
    pub ty: TypeRef,
}

/// The types of one operation, in manifest order with the operations.
#[derive(Debug, Clone)]
pub struct LoweredOperation {
    /// Path parameters in the order the template names them.
    pub path_params: Vec<LoweredParam>,
    /// Header parameters in manifest order.
    pub header_params: Vec<LoweredParam>,
    /// The struct of the query parameters, when there are any.
    pub query: Option<TypeId>,
    /// The JSON body.
    pub json_body: Option<LoweredPayload>,
    /// The `multipart/form-data` body.
    pub multipart_body: Option<LoweredPayload>,
    /// The success body (the first 2xx response with a body).
    pub success: Option<LoweredPayload>,
}

/// Everything lowered from the manifest's own schemas.
#[derive(Debug, Default)]
pub struct Lowered {
    /// The operations' types, one per operation.
    pub operations: Vec<LoweredOperation>,
    /// Request, response, error and webhook payloads, in manifest order.
    pub payloads: Vec<Payload>,
    /// The webhook payloads, one per webhook.
    pub webhooks: Vec<TypeRef>,
    /// The types users send (bodies and parameters), for usage marking.
    pub inputs: Vec<TypeRef>,
}

/// Lowers every operation's and webhook's schemas. `templates` are the operations' parsed
/// paths, one per operation.
pub fn lower(
    lowerer: &mut Lowerer<'_>,
    manifest: &Manifest,
    file: FileId,
    templates: &[PathTemplate],
) -> Lowered {
    let at = |pointer: String| SchemaPtr::new(file, pointer);
    let mut out = Lowered::default();
    for ((i, op), template) in manifest.operations.iter().enumerate().zip(templates) {
        let op_name = type_name(&op.id);
        let mut param = |lowerer: &mut Lowerer<'_>, j: usize| {
            let name = &op.parameters[j].name;
            let shape = lowerer.root(
                &at(format!("/operations/{i}/parameters/{j}/schema")),
                &format!("{op_name}{}", type_name(name)),
            );
            out.inputs.push(shape.ty.clone());
            LoweredParam {
                index: j,
                ty: shape.ty,
            }
        };
        // Template order: a method's arguments read as its path does.
        let mut path_params = Vec::new();
        for name in template.placeholders() {
            let found = op
                .parameters
                .iter()
                .position(|p| p.location == ParameterLocation::Path && p.name == name);
            if let Some(j) = found {
                path_params.push(param(lowerer, j));
            }
        }
        let mut header_params = Vec::new();
        let mut query_fields = Vec::new();
        for (j, parameter) in op.parameters.iter().enumerate() {
            match parameter.location {
                ParameterLocation::Path => {}
                ParameterLocation::Header => header_params.push(param(lowerer, j)),
                ParameterLocation::Query => {
                    let docs = parameter
                        .description
                        .iter()
                        .flat_map(|d| d.lines().map(str::to_string))
                        .collect();
                    query_fields.push((
                        parameter.name.clone(),
                        at(format!("/operations/{i}/parameters/{j}/schema")),
                        parameter.required,
                        docs,
                    ));
                }
            }
        }
        let query = (!query_fields.is_empty()).then(|| {
            let docs = vec![format!("Query parameters of `{}`.", op.id)];
            let id = lowerer.synthetic_struct(
                &format!("{op_name}Query"),
                &at(format!("/operations/{i}/parameters")),
                docs,
                query_fields,
            );
            out.inputs.push(TypeRef::Named(id));
            id
        });
        let (mut json_body, mut multipart_body) = (None, None);
        if let Some(body) = &op.request_body {
            for (k, media) in body.content.iter().enumerate() {
                let suffix = match media.content_type {
                    ContentType::Json => "Request",
                    ContentType::Multipart => "MultipartRequest",
                };
                let shape = lowerer.root(
                    &at(format!("/operations/{i}/request_body/content/{k}/schema")),
                    &format!("{op_name}{suffix}"),
                );
                out.inputs.push(shape.ty.clone());
                let lowered = Some(LoweredPayload {
                    index: k,
                    ty: shape.ty.clone(),
                });
                match media.content_type {
                    ContentType::Json => {
                        out.payloads.push(Payload {
                            of: op.id.clone(),
                            kind: FixtureKind::Request,
                            status: None,
                            ty: shape.ty,
                        });
                        json_body = lowered;
                    }
                    ContentType::Multipart => multipart_body = lowered,
                }
            }
        }
        let mut success = None;
        for (k, response) in op.responses.iter().enumerate() {
            if response.schema.is_none() {
                continue;
            }
            let is_success = (200..300).contains(&response.status);
            let (hint, kind) = if is_success {
                (format!("{op_name}Response"), FixtureKind::Response)
            } else {
                (format!("{op_name}Error"), FixtureKind::Error)
            };
            let shape = lowerer.root(&at(format!("/operations/{i}/responses/{k}/schema")), &hint);
            if is_success && success.is_none() {
                success = Some(LoweredPayload {
                    index: k,
                    ty: shape.ty.clone(),
                });
            }
            out.payloads.push(Payload {
                of: op.id.clone(),
                kind,
                status: Some(response.status),
                ty: shape.ty,
            });
        }
        out.operations.push(LoweredOperation {
            path_params,
            header_params,
            query,
            json_body,
            multipart_body,
            success,
        });
    }
    for (i, webhook) in manifest.webhooks.iter().enumerate() {
        let shape = lowerer.root(
            &at(format!("/webhooks/{i}/schema")),
            &format!("{}Webhook", type_name(&webhook.id)),
        );
        out.payloads.push(Payload {
            of: webhook.id.clone(),
            kind: FixtureKind::Webhook,
            status: None,
            ty: shape.ty.clone(),
        });
        out.webhooks.push(shape.ty);
    }
    out
}
