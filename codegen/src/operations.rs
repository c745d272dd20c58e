//! Operations → the client model: for each manifest operation, the typed pieces a client
//! method needs (path parameters, a query struct, bodies, the success type and its
//! envelope, pagination), lowered through the same [`Lowerer`] as every other schema.

use crate::diag::Diagnostic;
use crate::ir::{TypeId, TypeRef};
use crate::lower::Lowerer;
use crate::manifest::{
    ContentType, FixtureKind, HttpMethod, Manifest, Pagination, ParameterLocation,
};
use crate::names::{field_name, type_name};
use crate::provider::Payload;
use crate::resolve::SchemaPtr;
use crate::source::FileId;

/// A path parameter: a method argument.
#[derive(Debug, Clone)]
pub struct PathParam {
    /// Name in the path template.
    pub name: String,
    /// Rust argument name.
    pub arg: String,
    /// Its type.
    pub ty: TypeRef,
    /// What it is.
    pub description: Option<String>,
}

/// An operation, ready to become a client method.
#[derive(Debug, Clone)]
pub struct OperationModel {
    /// Stable id; the method name.
    pub id: String,
    /// One-line summary.
    pub summary: String,
    /// Longer description.
    pub description: Option<String>,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template.
    pub path: String,
    /// Path parameters in template order.
    pub path_params: Vec<PathParam>,
    /// The struct of the query parameters, when there are any.
    pub query: Option<TypeId>,
    /// The JSON body type.
    pub json_body: Option<TypeRef>,
    /// The `multipart/form-data` body type.
    pub multipart_body: Option<TypeRef>,
    /// The success body type (the first 2xx response with a body).
    pub success: Option<TypeRef>,
    /// The envelope property holding the payload the method returns.
    pub unwrap: Option<String>,
    /// Offset pagination.
    pub pagination: Option<Pagination>,
}

/// Lowers every operation's schemas, recording payloads and the types users send.
pub fn lower(
    lowerer: &mut Lowerer<'_>,
    manifest: &Manifest,
    file: FileId,
    payloads: &mut Vec<Payload>,
    inputs: &mut Vec<TypeRef>,
) -> Result<Vec<OperationModel>, Diagnostic> {
    let at = |pointer: String| SchemaPtr::new(file, pointer);
    let mut out = Vec::new();
    for (i, op) in manifest.operations.iter().enumerate() {
        let op_name = type_name(&op.id);
        let mut path_params = Vec::new();
        let mut query_fields = Vec::new();
        for (j, param) in op.parameters.iter().enumerate() {
            let schema = at(format!("/operations/{i}/parameters/{j}/schema"));
            match param.location {
                ParameterLocation::Path => {
                    let shape =
                        lowerer.root(&schema, &format!("{op_name}{}", type_name(&param.name)));
                    inputs.push(shape.ty.clone());
                    path_params.push(PathParam {
                        name: param.name.clone(),
                        arg: field_name(&param.name),
                        ty: shape.ty,
                        description: param.description.clone(),
                    });
                }
                ParameterLocation::Query => {
                    let docs = param
                        .description
                        .iter()
                        .flat_map(|d| d.lines().map(str::to_string))
                        .collect();
                    query_fields.push((param.name.clone(), schema, param.required, docs));
                }
                ParameterLocation::Header => {
                    return Err(Diagnostic::error(
                        Some(lowerer.location(&at(format!("/operations/{i}/parameters/{j}/in")))),
                        "header parameters are not supported yet",
                    )
                    .with_help(
                        "send the header with `Call::header` or the builder's `default_header`",
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
            inputs.push(TypeRef::Named(id));
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
                inputs.push(shape.ty.clone());
                match media.content_type {
                    ContentType::Json => {
                        payloads.push(Payload {
                            of: op.id.clone(),
                            kind: FixtureKind::Request,
                            status: None,
                            ty: shape.ty.clone(),
                        });
                        json_body = Some(shape.ty);
                    }
                    ContentType::Multipart => multipart_body = Some(shape.ty),
                }
            }
        }
        let mut success = None;
        let mut unwrap = None;
        for (k, response) in op.responses.iter().enumerate() {
            if response.schema.is_none() {
                continue;
            }
            let is_success = (200..300).contains(&response.status);
            let hint = if is_success {
                format!("{op_name}Response")
            } else {
                format!("{op_name}Error")
            };
            let shape = lowerer.root(&at(format!("/operations/{i}/responses/{k}/schema")), &hint);
            let kind = if is_success {
                FixtureKind::Response
            } else {
                FixtureKind::Error
            };
            if is_success && success.is_none() {
                success = Some(shape.ty.clone());
                unwrap = response.unwrap.clone();
            }
            payloads.push(Payload {
                of: op.id.clone(),
                kind,
                status: Some(response.status),
                ty: shape.ty,
            });
        }
        out.push(OperationModel {
            id: op.id.clone(),
            summary: op.summary.clone(),
            description: op.description.clone(),
            method: op.method,
            path: op.path.clone(),
            path_params,
            query,
            json_body,
            multipart_body,
            success,
            unwrap,
            pagination: op.pagination.clone(),
        });
    }
    Ok(out)
}
