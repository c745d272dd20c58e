//! Generates one synthetic schema of `N` types (default 5,000) once, stage by stage, for
//! profilers: `cargo run --release -p msgen-bench --example profile_scaling -- 5000`.
//! `ONLY_GENERATE=1` skips the stage-by-stage run and profiles `generate` alone; `TYPIFY=1`
//! runs typify on the same schema instead, as the scaling bench does.

use std::time::Instant;

use msgen_codegen::standalone;

#[path = "../benches/scaling/typify.rs"]
mod typify_run;

// The allocator the scaling benchmark and `cargo xtask` run on.
#[global_allocator]
static ALLOCATOR: msgen_bench::alloc::Counting = msgen_bench::alloc::Counting;

fn main() {
    let size: usize = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5_000);
    let path = std::env::temp_dir().join(format!("msgen-profile-{size}.json"));
    std::fs::write(&path, msgen_bench::synthetic::schema(size).to_string()).expect("write");
    if std::env::var_os("TYPIFY").is_some() {
        let text = std::fs::read_to_string(&path).expect("read");
        let t = Instant::now();
        let bytes = typify_run::typify(&text).expect("typify generates");
        eprintln!("typify: {:?}, {bytes} bytes", t.elapsed());
        return;
    }
    let options = standalone::Options::default();
    if std::env::var_os("ONLY_GENERATE").is_none() {
        stages(size, &path, &options);
    }
    let t = Instant::now();
    let generated = standalone::generate(&path, &options).expect("generates");
    eprintln!(
        "generate (emit and format fused, in parallel): {:?}, {} bytes",
        t.elapsed(),
        generated.code.len()
    );
}

/// Each stage alone, timed, and the staged output compared with `generate`'s.
fn stages(size: usize, path: &std::path::Path, options: &standalone::Options) {
    let t = Instant::now();
    let mut loaded = standalone::load(path).expect("loads");
    let load = t.elapsed();
    let t = Instant::now();
    let lowered = standalone::lower(&mut loaded, options).expect("lowers");
    let lower = t.elapsed();
    let t = Instant::now();
    let tokens = standalone::emit(&lowered, options).expect("emits");
    let emit = t.elapsed();
    if std::env::var_os("PER_ITEM").is_some() {
        per_item(lowered.items(options).expect("emits"));
    }
    if std::env::var_os("SPLIT").is_some() {
        split_format(tokens.clone());
    }
    let t = Instant::now();
    let code = standalone::format(tokens).expect("formats");
    let format = t.elapsed();
    eprintln!(
        "{size} types, {} bytes of Rust: load {load:?}, lower {lower:?}, emit {emit:?}, format {format:?}",
        code.len()
    );
    let generated = standalone::generate(path, options).expect("generates");
    eprintln!(
        "staged output same as generate's: {}",
        generated.code == code
    );
}

fn split_format(tokens: proc_macro2::TokenStream) {
    let t = Instant::now();
    let file: syn::File = syn::parse2(tokens).expect("parses");
    let parse = t.elapsed();
    let t = Instant::now();
    let text = prettyplease::unparse(&file);
    eprintln!(
        "parse {parse:?}, unparse {:?} ({} bytes)",
        t.elapsed(),
        text.len()
    );
}

/// Formats type by type instead of as one file, to compare.
pub fn per_item(items: Vec<proc_macro2::TokenStream>) -> usize {
    let t = Instant::now();
    let mut total = 0;
    let mut parse = std::time::Duration::ZERO;
    for tokens in items {
        let p = Instant::now();
        let file: syn::File = syn::parse2(tokens).expect("parses");
        parse += p.elapsed();
        total += prettyplease::unparse(&file).len();
    }
    eprintln!("per item: parse {parse:?}, total {:?}", t.elapsed());
    total
}
