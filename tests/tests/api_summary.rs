//! A compact public-API summary per provider (types, fields with wire names, variants, and
//! which payload each operation uses), snapshotted so a schema change shows its effect on
//! the SDK's surface. The generated code itself is guarded by `cargo xtask gen --check`.

mod common;

use std::fmt::Write as _;

use msgen_codegen::diag::Diagnostics;
use msgen_codegen::load::Documents;

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
            let ty = msgen_codegen::emit::rust_type(
                &model.space,
                &payload.ty,
                &quote::quote!(support),
                None,
            );
            let status = payload.status.map(|s| format!(" {s}")).unwrap_or_default();
            let _ = writeln!(
                text,
                "payload {} {}{status}: {}",
                payload.of,
                payload.kind.as_str(),
                ty.to_string().replace(' ', "")
            );
        }
        text.push('\n');
        text.push_str(&msgen_codegen::emit::summary(&model.space));
        insta::assert_snapshot!(format!("api_{}", provider.name), text);
    }
}
