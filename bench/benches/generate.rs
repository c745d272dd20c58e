//! Generation speed: `gen` for all four providers end to end (load → formatted files), and
//! each stage on its own (load, resolve, lower, emit, format). Goal: under 50 ms warm.
//!
//! `cargo bench -p msgen-bench --bench generate`

use std::path::{Path, PathBuf};

use msgen_codegen::diag::Diagnostics;
use msgen_codegen::documents::Documents;
use msgen_codegen::provider::{self, ProviderModel};

/// The allocator `cargo xtask gen` runs with.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    divan::main();
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("bench/ is in the workspace")
        .to_path_buf()
}

fn providers() -> Vec<PathBuf> {
    let schemas = root().join("schemas");
    msgen_codegen::provider_dirs(&schemas)
        .expect("schemas/")
        .into_iter()
        .map(|name| schemas.join(name))
        .collect()
}

fn documents() -> Documents {
    Documents::new(root().join("schemas"), "schemas/".into())
}

fn models() -> Vec<ProviderModel> {
    let mut docs = documents();
    let mut diags = Diagnostics::default();
    providers()
        .iter()
        .map(|dir| provider::build(&mut docs, dir, &mut diags).expect("provider builds"))
        .collect()
}

/// Everything `cargo xtask gen` computes (the files are compared, not written).
#[divan::bench]
fn end_to_end() -> usize {
    let generation = msgen_codegen::generate(&root(), None).expect("generates");
    generation.files.len()
}

/// Reading and parsing every provider's files, and checking the manifests.
#[divan::bench]
fn stage_load() -> usize {
    let mut docs = documents();
    let mut diags = Diagnostics::default();
    providers()
        .iter()
        .filter_map(|dir| provider::load(&mut docs, dir, &mut diags))
        .count()
}

/// Resolving every `$ref`.
#[divan::bench]
fn stage_resolve(bencher: divan::Bencher) {
    let mut docs = documents();
    let mut diags = Diagnostics::default();
    let loaded: Vec<_> = providers()
        .iter()
        .filter_map(|dir| provider::load(&mut docs, dir, &mut diags))
        .collect();
    bencher.bench_local(|| {
        let mut diags = Diagnostics::default();
        for provider in &loaded {
            provider::resolve(&docs, provider, &mut diags);
        }
        diags.has_errors()
    });
}

/// Lowering to the type IR, usage and cycles.
#[divan::bench]
fn stage_lower(bencher: divan::Bencher) {
    let root = root();
    bencher
        .with_inputs(|| {
            let mut docs = Documents::new(root.join("schemas"), "schemas/".into());
            let mut diags = Diagnostics::default();
            let loaded: Vec<_> = providers()
                .iter()
                .filter_map(|dir| provider::load(&mut docs, dir, &mut diags))
                .collect();
            (docs, loaded)
        })
        .bench_local_values(|(docs, loaded)| {
            let mut diags = Diagnostics::default();
            loaded
                .into_iter()
                .filter_map(|l| provider::lower(&docs, l, &mut diags))
                .count()
        });
}

/// Emitting tokens for every module, client and the registry.
#[divan::bench]
fn stage_emit(bencher: divan::Bencher) {
    let models = models();
    bencher.bench_local(|| {
        models
            .iter()
            .map(|m| msgen_codegen::module::tokens(m).expect("emits").len())
            .sum::<usize>()
    });
}

/// Parsing the tokens back and printing them with prettyplease.
#[divan::bench]
fn stage_format(bencher: divan::Bencher) {
    let models = models();
    bencher
        .with_inputs(|| {
            models
                .iter()
                .flat_map(|m| msgen_codegen::module::tokens(m).expect("emits"))
                .collect::<Vec<_>>()
        })
        .bench_local_values(|files| {
            files
                .into_iter()
                .map(|(path, tokens)| {
                    msgen_codegen::output::rust_file(path, "schemas/", tokens)
                        .expect("formats")
                        .contents
                        .len()
                })
                .sum::<usize>()
        });
}
