//! Scaling: generation time and peak heap for synthetic schemas of 500 to 10,000 types,
//! with the `typify` crate on the same schemas in the same run, reported as a ratio.
//!
//! `cargo bench -p msgen-bench --bench scaling` prints a Markdown table (copied into
//! BENCHMARKS.md). `MSGEN_BENCH_RUNS` sets the runs per measurement (default 3; the best
//! is reported).

use std::time::Duration;

use msgen_bench::alloc::{self, Counting};
use msgen_bench::{ms, synthetic, time_runs};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const SIZES: [usize; 5] = [500, 1_000, 2_000, 5_000, 10_000];

fn msgen(path: &std::path::Path) -> usize {
    let options = msgen_codegen::standalone::Options::default();
    match msgen_codegen::standalone::generate(path, &options) {
        Ok(generated) => generated.code.len(),
        Err(failure) => panic!("msgen failed on a synthetic schema:\n{failure}"),
    }
}

fn typify(text: &str) -> Result<usize, String> {
    let schema: schemars08::schema::RootSchema =
        serde_json::from_str(text).map_err(|e| e.to_string())?;
    let mut settings = typify::TypeSpaceSettings::default();
    settings.with_struct_builder(false);
    let mut space = typify::TypeSpace::new(&settings);
    space.add_root_schema(schema).map_err(|e| e.to_string())?;
    let file: syn::File = syn::parse2(space.to_stream()).map_err(|e| e.to_string())?;
    Ok(prettyplease::unparse(&file).len())
}

/// Best time over `runs`, and the peak heap of one run.
fn measure(runs: usize, mut f: impl FnMut()) -> (Duration, usize) {
    let baseline = alloc::live();
    alloc::reset_peak();
    f();
    let peak = alloc::peak_since(baseline);
    let best = time_runs(runs, f)[0];
    (best, peak)
}

fn mib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let runs: usize = std::env::var("MSGEN_BENCH_RUNS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3);
    let dir = std::env::temp_dir().join(format!("msgen-scaling-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    println!("Allocator: {} (both generators).\n", alloc::name());
    println!(
        "| types | schema KiB | msgen ms | msgen peak MiB | growth vs previous | typify ms | typify peak MiB | msgen / typify |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|");
    let mut previous: Option<(usize, Duration)> = None;
    for size in SIZES {
        let text = synthetic::schema(size).to_string();
        let path = dir.join(format!("synthetic-{size}.json"));
        std::fs::write(&path, &text).expect("write schema");
        let (ours, our_peak) = measure(runs, || {
            std::hint::black_box(msgen(&path));
        });
        let theirs = std::panic::catch_unwind(|| {
            let mut failure = None;
            let measured = measure(runs, || {
                if let Err(e) = typify(&text) {
                    failure = Some(e);
                }
            });
            failure.map_or(Ok(measured), Err)
        });
        let growth = previous.map_or("–".to_string(), |(prev_size, prev_time)| {
            let time_ratio = ours.as_secs_f64() / prev_time.as_secs_f64();
            format!(
                "{time_ratio:.2}× time for {:.1}× types",
                size as f64 / prev_size as f64
            )
        });
        let (their_ms, their_peak, ratio) = match theirs {
            Ok(Ok((time, peak))) => (
                ms(time),
                mib(peak),
                format!("{:.2}", ours.as_secs_f64() / time.as_secs_f64()),
            ),
            Ok(Err(e)) => (format!("error: {e}"), "–".into(), "–".into()),
            Err(_) => ("panicked".into(), "–".into(), "–".into()),
        };
        println!(
            "| {size} | {} | {} | {} | {growth} | {their_ms} | {their_peak} | {ratio} |",
            text.len() / 1024,
            ms(ours),
            mib(our_peak)
        );
        previous = Some((size, ours));
    }
    let _ = std::fs::remove_dir_all(&dir);
}
