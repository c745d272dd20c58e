//! A compact public-API summary per provider (types, fields with wire names, variants, and
//! which payload each operation uses), snapshotted so a schema change shows its effect on
//! the SDK's surface. The generated code itself is guarded by `cargo xtask gen --check`.

mod common;

use std::fmt::Write as _;

use msgen_codegen::diag::Diagnostics;
use msgen_codegen::documents::Documents;

#[test]
fn provider_api_summaries() {
    let root = common::workspace();
    for provider in common::providers() {
        let mut docs = Documents::new(root.join("schemas"), "schemas/".into());
        let mut diags = Diagnostics::default();
        let model = msgen_codegen::provider::build(&mut docs, &provider.dir, &mut diags)
            .unwrap_or_else(|| panic!("{} does not build: {diags:?}", provider.name));
        let mut text = String::new();
        for payload in &model.payloads {
            let ty = msgen_codegen::emit::type_text(&model.space, &payload.ty, "support");
            let status = payload.status.map(|s| format!(" {s}")).unwrap_or_default();
            let _ = writeln!(
                text,
                "payload {} {}{status}: {}",
                payload.of,
                payload.kind.as_str(),
                ty
            );
        }
        for op in &model.client.operations {
            let _ = writeln!(text, "{}", operation_signature(&model, op));
        }
        text.push('\n');
        text.push_str(&msgen_codegen::emit::summary(&model.space));
        insta::assert_snapshot!(format!("api_{}", provider.name), text);
    }
}

/// `fn id(params) -> Success` with the HTTP method and path, for the summary.
fn operation_signature(
    model: &msgen_codegen::provider::ProviderModel,
    op: &msgen_codegen::client_model::Operation,
) -> String {
    use msgen_codegen::client_model::{ArgType, Encoding, Success};
    use msgen_codegen::ir::{TypeKind, TypeRef};
    let ty = |t: &TypeRef| msgen_codegen::emit::type_text(&model.space, t, "support");
    let mut params: Vec<String> = op
        .args
        .iter()
        .map(|a| match &a.ty {
            ArgType::Str => format!("{}: &str", a.name),
            ArgType::Value(t) => format!("{}: {}", a.name, ty(t)),
        })
        .collect();
    if let Some(query) = &op.query {
        params.push(format!("query: {}", model.space.get(query.ty).name));
    }
    let bodies: Vec<String> = op
        .methods
        .iter()
        .filter_map(|m| m.body.as_ref())
        .map(|b| match b.encoding {
            Encoding::Json => format!("json {}", ty(&b.ty)),
            Encoding::Multipart { .. } => format!("multipart {}", ty(&b.ty)),
        })
        .collect();
    let (success, unwrap) = match &op.success {
        Success::Empty => ("()".to_string(), String::new()),
        Success::Body(body) => (ty(body), String::new()),
        Success::Unwrap {
            envelope,
            holder,
            field,
        } => {
            let wire = match &model.space.get(*holder).kind {
                TypeKind::Struct(s) => s.fields[*field].wire_name.clone(),
                _ => unreachable!("an envelope is a struct"),
            };
            (ty(envelope), format!(" (returns .{wire})"))
        }
    };
    let stream = if op.stream.is_some() { " + stream" } else { "" };
    format!(
        "fn {}({}) [{}] -> {success}{unwrap}{stream}: {} {}",
        op.id,
        params.join(", "),
        bodies.join(", "),
        op.verb,
        op.template
    )
}
