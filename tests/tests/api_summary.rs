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
        for op in &model.operations {
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
    op: &msgen_codegen::operations::OperationModel,
) -> String {
    let ty =
        |t: &msgen_codegen::ir::TypeRef| msgen_codegen::emit::type_text(&model.space, t, "support");
    let mut params: Vec<String> = op
        .path_params
        .iter()
        .map(|p| format!("{}: {}", p.arg, ty(&p.ty)))
        .collect();
    if let Some(query) = op.query {
        params.push(format!("query: {}", model.space.get(query).name));
    }
    let mut bodies = Vec::new();
    if let Some(body) = &op.json_body {
        bodies.push(format!("json {}", ty(body)));
    }
    if let Some(body) = &op.multipart_body {
        bodies.push(format!("multipart {}", ty(body)));
    }
    let success = op.success.as_ref().map(ty).unwrap_or_else(|| "()".into());
    let unwrap = op
        .unwrap
        .as_ref()
        .map(|u| format!(" (returns .{u})"))
        .unwrap_or_default();
    let stream = if op.pagination.is_some() {
        " + stream"
    } else {
        ""
    };
    format!(
        "fn {}({}) [{}] -> {success}{unwrap}{stream}: {} {}",
        op.id,
        params.join(", "),
        bodies.join(", "),
        op.method.as_str(),
        op.path
    )
}
