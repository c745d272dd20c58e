//! One standalone JSON Schema file → one Rust module: the focused test cases and any schema
//! users bring. Every type is treated as both sent and received, so it gets constructors
//! and catch-all variants alike.

use std::path::{Path, PathBuf};

use proc_macro2::TokenStream;
use quote::quote;

use crate::analyze;
use crate::diag::{Diagnostic, Diagnostics};
use crate::documents::{self, Documents};
use crate::emit::{self, EmitOptions};
use crate::ir::{TypeRef, TypeSpace};
use crate::json::Node;
use crate::lower::{Lowerer, Shape};
use crate::names::type_name;
use crate::resolve::{self, SchemaPtr};
use crate::source::FileId;
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
#[derive(Debug, Clone)]
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

impl Default for Options {
    fn default() -> Self {
        Options {
            root_name: None,
            root_pointer: None,
            emit: EmitOptions::standalone(),
            keep_unknown_keys: false,
            display_prefix: String::new(),
        }
    }
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

/// A schema file and every file its `$ref`s reach, parsed and resolved.
#[derive(Debug)]
pub struct Loaded {
    docs: Documents,
    file: FileId,
    referenced: Vec<FileId>,
    path: PathBuf,
    diags: Diagnostics,
}

/// The lowered, analyzed types of a schema file.
#[derive(Debug)]
pub struct Lowered {
    space: TypeSpace,
    root: Option<Shape>,
}

/// Generates the Rust types of a schema file: [`load`] → [`lower`] → [`emit`] → [`format`].
pub fn generate(path: &Path, options: &Options) -> Result<Standalone, Failure> {
    let mut loaded = load_in(path, &options.display_prefix)?;
    let lowered = lower(&mut loaded, options)?;
    let code = crate::output::format_items(lowered.space.types.len(), |i| {
        emit::type_item(&lowered.space, i, &options.emit)
    })
    .map_err(|message| {
        let mut diags = Diagnostics::default();
        diags.push(Diagnostic::error(
            None,
            format!("internal error: {message}"),
        ));
        render_failure(&loaded.docs, diags)
    })?;
    let root_type = lowered.root.as_ref().map(|shape| {
        let ty = emit::rust_type(
            &lowered.space,
            &shape.ty,
            &options.emit.runtime_path(),
            None,
        );
        let ty = if shape.nullable && shape.ty != TypeRef::Json {
            quote!(Option<#ty>)
        } else {
            quote!(#ty)
        };
        ty.to_string()
    });
    let (warnings, warning_count) = crate::render(&loaded.docs, std::mem::take(&mut loaded.diags));
    Ok(Standalone {
        code,
        root_type,
        warnings,
        warning_count,
    })
}

/// Stage 1 and 2: reads and parses the file and every file it references, and resolves
/// every `$ref` (so a dangling one is reported even in a schema nothing uses).
pub fn load(path: &Path) -> Result<Loaded, Failure> {
    load_in(path, "")
}

/// [`load`], with file names in diagnostics shown after `display_prefix`.
pub fn load_in(path: &Path, display_prefix: &str) -> Result<Loaded, Failure> {
    // Normalized, so a path given as `../x/schema.json` stays inside its own folder.
    let path =
        documents::normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let mut docs = Documents::new(folder, display_prefix.to_string());
    let mut diags = Diagnostics::default();
    let Some(file) = docs.load(&path, &mut diags, None) else {
        return Err(render_failure(&docs, diags));
    };
    let referenced = crate::load::load_referenced(&mut docs, file, &mut diags);
    let mut files = vec![file];
    files.extend(&referenced);
    resolve::check_all(&docs, &files, &mut diags);
    if diags.has_errors() {
        return Err(render_failure(&docs, diags));
    }
    Ok(Loaded {
        docs,
        file,
        referenced,
        path,
        diags,
    })
}

/// Stage 3: lowers every schema to the type IR, then marks usage and boxes cycles. Every
/// type is treated as both sent and received.
pub fn lower(loaded: &mut Loaded, options: &Options) -> Result<Lowered, Failure> {
    let Loaded {
        docs,
        file,
        referenced,
        path,
        diags,
    } = loaded;
    let file = *file;
    let mut lowerer = Lowerer::new(docs, diags);
    lowerer.keep_unknown_keys(options.keep_unknown_keys);
    lowerer.declare_file(file);
    for other in referenced.iter() {
        lowerer.declare_file(*other);
    }
    let mut root = None;
    if let Some(tree) = docs.tree(file) {
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "Root".into());
        let title = tree.get("title").and_then(Node::as_str).map(str::to_string);
        let name = options.root_name.clone().or(title).unwrap_or(stem);
        let pointer = match &options.root_pointer {
            Some(pointer) => Some(pointer.clone()),
            None => ROOT_KEYWORDS
                .iter()
                .any(|k| tree.get(k).is_some())
                .then(String::new),
        };
        if let Some(pointer) = pointer {
            root = Some(lowerer.root(&SchemaPtr::new(file, pointer), &type_name(&name)));
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
        return Err(render_failure(docs, std::mem::take(diags)));
    }
    Ok(Lowered { space, root })
}

impl Lowered {
    /// The tokens of each type, for formatting item by item.
    pub fn items(&self, options: &Options) -> Result<Vec<TokenStream>, String> {
        emit::type_items(&self.space, &options.emit)
    }
}

/// Stage 4: the module's tokens.
pub fn emit(lowered: &Lowered, options: &Options) -> Result<TokenStream, String> {
    emit::types(&lowered.space, &options.emit)
}

/// Stage 5: parses the tokens back (catching malformed emission) and formats them.
pub fn format(tokens: TokenStream) -> Result<String, String> {
    let file: syn::File = syn::parse2(tokens)
        .map_err(|e| format!("internal error: generated tokens do not parse: {e}"))?;
    Ok(crate::output::format_file(file))
}
