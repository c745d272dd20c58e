//! The manifest's rules that neither serde nor the meta-schema can check: the name matches
//! the folder, ids are snake_case and unique, every path placeholder has its path parameter
//! and back, every operation has a success response. They need no schema, so they run with
//! loading and are reported with the other manifest mistakes, before any lowering.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::Documents;
use crate::manifest::{Manifest, ParameterLocation};
use crate::path_template::PathTemplate;
use crate::source::FileId;

/// Checks the rules; returns each operation's parsed path template (`None` where the
/// template is malformed, which is reported).
pub fn check(
    docs: &Documents,
    file: FileId,
    manifest: &Manifest,
    folder: &str,
    diags: &mut Diagnostics,
) -> Vec<Option<PathTemplate>> {
    let here = |pointer: String| Some(docs.location(file, &pointer));
    if manifest.name != folder {
        diags.push(
            Diagnostic::error(
                here("/name".into()),
                format!(
                    "manifest name `{}` differs from its folder `{folder}`",
                    manifest.name
                ),
            )
            .with_help(
                "the name is the module and feature name; rename the folder or the manifest",
            ),
        );
    }
    let mut ids = BTreeSet::new();
    let mut templates = Vec::new();
    for (i, op) in manifest.operations.iter().enumerate() {
        check_id(
            &op.id,
            &format!("/operations/{i}/id"),
            &mut ids,
            docs,
            file,
            diags,
        );
        let template = match PathTemplate::parse(&op.path) {
            Err(message) => {
                diags.error(here(format!("/operations/{i}/path")), message);
                None
            }
            Ok(template) => Some(template),
        };
        if let Some(template) = &template {
            let names = template.placeholders();
            for name in &names {
                if !op
                    .parameters
                    .iter()
                    .any(|p| p.location == ParameterLocation::Path && p.name == *name)
                {
                    diags.push(Diagnostic::error(here(format!("/operations/{i}/path")), format!("path placeholder `{{{name}}}` has no path parameter"))
                        .with_help(format!("add {{\"name\": \"{name}\", \"in\": \"path\", \"required\": true, \"schema\": {{\"type\": \"string\"}}}} to `parameters`")));
                }
            }
            for (j, param) in op.parameters.iter().enumerate() {
                if param.location == ParameterLocation::Path
                    && !names.contains(&param.name.as_str())
                {
                    diags.error(
                        here(format!("/operations/{i}/parameters/{j}/name")),
                        format!(
                            "path parameter `{}` does not appear in `{}`",
                            param.name, op.path
                        ),
                    );
                }
            }
        }
        templates.push(template);
        for (j, param) in op.parameters.iter().enumerate() {
            if param.location == ParameterLocation::Header {
                check_header_name(
                    &param.name,
                    &format!("/operations/{i}/parameters/{j}/name"),
                    docs,
                    file,
                    diags,
                );
            }
        }
        if op.responses.iter().all(|r| !(200..300).contains(&r.status)) {
            diags.error(
                here(format!("/operations/{i}/responses")),
                format!("operation `{}` has no success (2xx) response", op.id),
            );
        }
    }
    for (i, header) in manifest.headers.iter().enumerate() {
        check_header_name(
            &header.name,
            &format!("/headers/{i}/name"),
            docs,
            file,
            diags,
        );
    }
    for (i, webhook) in manifest.webhooks.iter().enumerate() {
        check_id(
            &webhook.id,
            &format!("/webhooks/{i}/id"),
            &mut ids,
            docs,
            file,
            diags,
        );
    }
    templates
}

fn check_id(
    id: &str,
    pointer: &str,
    ids: &mut BTreeSet<String>,
    docs: &Documents,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let location = Some(docs.location(file, pointer));
    let snake = !id.is_empty()
        && id.starts_with(|c: char| c.is_ascii_lowercase())
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
    if !snake {
        diags.push(
            Diagnostic::error(location.clone(), format!("id `{id}` is not snake_case")).with_help(
                format!(
                    "ids become method names: try `{}`",
                    crate::names::field_name(id)
                ),
            ),
        );
    }
    if !ids.insert(id.to_string()) {
        diags.error(
            location,
            format!("duplicate operation or webhook id `{id}`"),
        );
    }
}

/// A header name must be an HTTP token (RFC 9110, section 5.6.2): the client would
/// otherwise fail every call that sends it, at run time.
fn check_header_name(
    name: &str,
    pointer: &str,
    docs: &Documents,
    file: FileId,
    diags: &mut Diagnostics,
) {
    let token = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c));
    if !token {
        diags.push(
            Diagnostic::error(
                Some(docs.location(file, pointer)),
                format!("`{name}` is not a valid HTTP header name"),
            )
            .with_help("a header name is letters, digits and the symbols ! # $ % & ' * + - . ^ _ ` | ~, with no spaces or colon"),
        );
    }
}
