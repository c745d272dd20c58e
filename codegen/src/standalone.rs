//! One standalone JSON Schema file → one Rust module: the focused test cases and any schema
//! users bring. Every type is treated as both sent and received, so it gets constructors
//! and catch-all variants alike.

use std::path::Path;

use quote::quote;

use crate::analyze;
use crate::diag::{Diagnostic, Diagnostics};
use crate::emit::{self, EmitOptions};
use crate::ir::TypeRef;
use crate::json::Node;
use crate::load::{self, Documents};
use crate::lower::Lowerer;
use crate::names::type_name;
use crate::resolve::SchemaPtr;
use crate::{Failure, render_failure};

/// Keywords that make the root of a schema file a type of its own (rather than only a
/// container of `$defs`).
const ROOT_KEYWORDS: &[&str] = &[
    "type",
    "properties",
    "oneOf",
    "anyOf",
    "allOf",
    "enum",
    "const",
    "$ref",
    "items",
    "additionalProperties",
];

/// What to generate from a standalone schema.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Name of the root type; default: the schema's `title`, else the file name.
    pub root_name: Option<String>,
    /// JSON pointer of the schema to treat as the root (default: the document itself, when
    /// it is more than a container of `$defs`).
    pub root_pointer: Option<String>,
    /// How emitted code reaches the support module.
    pub emit: EmitOptions,
    /// Keep the keys a struct's schema does not list (when it says nothing about them) in a
    /// flattened `extra` map, so any valid instance re-encodes as it was.
    pub keep_unknown_keys: bool,
    /// Shown before file names (relative to the schema's folder) in diagnostics, so they
    /// read the same on every machine (`tests/bad/refs/dangling/`).
    pub display_prefix: String,
}

/// The generated module.
#[derive(Debug, Clone)]
pub struct Standalone {
    /// The formatted Rust code.
    pub code: String,
    /// The Rust type of the root schema, when there is one (`Config`, `Vec<Item>`).
    pub root_type: Option<String>,
    /// Rendered warnings (empty when there were none): what the generator accepted but
    /// could not express, or found suspicious.
    pub warnings: String,
    /// Number of warnings.
    pub warning_count: usize,
}

/// Generates the Rust types of a schema file.
pub fn generate(path: &Path, options: &Options) -> Result<Standalone, Failure> {
    // Normalized, so a path given as `../x/schema.json` stays inside its own folder.
    let path = load::normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut docs = Documents::new(folder, options.display_prefix.clone());
    let mut diags = Diagnostics::default();
    let Some(file) = docs.load(&path, &mut diags, None) else {
        return Err(render_failure(&docs, diags));
    };
    let referenced = load::load_referenced(&mut docs, file, &mut diags);
    if diags.has_errors() {
        return Err(render_failure(&docs, diags));
    }
    let root = docs.tree(file).cloned();
    let mut lowerer = Lowerer::new(&docs, &mut diags);
    lowerer.keep_unknown_keys(options.keep_unknown_keys);
    lowerer.declare_file(file);
    for other in referenced {
        lowerer.declare_file(other);
    }
    let mut root_type = None;
    if let Some(root) = &root {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Root".into());
        let title = root.get("title").and_then(Node::as_str).map(str::to_string);
        let name = options.root_name.clone().or(title).unwrap_or(stem);
        let pointer = match &options.root_pointer {
            Some(pointer) => Some(pointer.clone()),
            None => ROOT_KEYWORDS
                .iter()
                .any(|k| root.get(k).is_some())
                .then(String::new),
        };
        if let Some(pointer) = pointer {
            root_type = Some(lowerer.root(&SchemaPtr::new(file, pointer), &type_name(&name)));
        }
    }
    lowerer.define_declared();
    let mut space = lowerer.finish();
    let everything: Vec<TypeRef> = (0..space.types.len())
        .map(|i| TypeRef::Named(crate::ir::TypeId(i)))
        .collect();
    analyze::mark_usage(&mut space, &everything, false);
    analyze::mark_usage(&mut space, &everything, true);
    analyze::box_cycles(&mut space);
    if diags.has_errors() {
        return Err(render_failure(&docs, diags));
    }
    let tokens = emit::types(&space, &options.emit);
    let file: syn::File = syn::parse2(quote!(#tokens)).map_err(|e| {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(
            None,
            format!("internal error: generated tokens do not parse: {e}"),
        ));
        render_failure(&docs, diags)
    })?;
    let root_type = root_type.map(|shape| {
        let ty = emit::rust_type(&space, &shape.ty, &options.emit.support, None);
        let ty = if shape.nullable && shape.ty != TypeRef::Json {
            quote!(Option<#ty>)
        } else {
            ty
        };
        ty.to_string()
    });
    let (warnings, warning_count) = crate::render(&docs, diags);
    Ok(Standalone {
        code: crate::output::format_file(file),
        root_type,
        warnings,
        warning_count,
    })
}
