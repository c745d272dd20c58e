//! Scaling: generation time and peak heap for synthetic schemas of 500 to 10,000 types,
//! with the `typify` crate on the same schemas in the same run, reported as a ratio.
//!
//! `cargo bench -p msgen-bench --bench scaling` prints a Markdown table (copied into
//! BENCHMARKS.md). `MSGEN_BENCH_RUNS` sets the runs per measurement (default 3; the best
//! is reported). msgen and typify alternate run by run.

use std::time::{Duration, Instant};

#[path = "scaling/typify.rs"]
mod typify_run;

use msgen_bench::alloc::{self, Counting};
use msgen_bench::{ms, synthetic, time_runs};
use typify_run::typify;

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

/// The best time of each of `a` and `b` over `runs` rounds, the two alternating within each
/// round so that the machine's swings (large on this kind of VM) fall on both alike.
fn best_of_alternating(
    runs: usize,
    mut a: impl FnMut(),
    mut b: impl FnMut(),
) -> (Duration, Duration) {
    let mut best = (Duration::MAX, Duration::MAX);
    for _ in 0..runs.max(1) {
        let start = Instant::now();
        a();
        best.0 = best.0.min(start.elapsed());
        let start = Instant::now();
        b();
        best.1 = best.1.min(start.elapsed());
    }
    best
}

fn mib(bytes: usize) -> String {
    format!("{:.1}", bytes as f64 / (1024.0 * 1024.0))
}

fn main() {
    if msgen_bench::listing_only() {
        return;
    }
    let runs = msgen_bench::env_or("MSGEN_BENCH_RUNS", 3);
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
        let our_peak = alloc::peak_of(|| {
            std::hint::black_box(msgen(&path));
        });
        // typify runs once on its own first, for its peak and because it may fail or panic
        // on a schema; then only msgen is timed, and the row says why.
        let typify_once = std::panic::catch_unwind(|| {
            let mut outcome = Ok(0);
            let their_peak = alloc::peak_of(|| outcome = typify(&text));
            outcome.map(|_| their_peak)
        })
        .unwrap_or_else(|_| Err("panicked".into()));
        let (ours, theirs) = match typify_once {
            Ok(their_peak) => {
                let (ours, their_time) = best_of_alternating(
                    runs,
                    || {
                        std::hint::black_box(msgen(&path));
                    },
                    || {
                        std::hint::black_box(typify(&text).ok());
                    },
                );
                (ours, Ok((their_time, their_peak)))
            }
            Err(e) => {
                let ours = time_runs(runs, || {
                    std::hint::black_box(msgen(&path));
                })[0];
                (ours, Err(e))
            }
        };
        let growth = previous.map_or("–".to_string(), |(prev_size, prev_time)| {
            let time_ratio = ours.as_secs_f64() / prev_time.as_secs_f64();
            format!(
                "{time_ratio:.2}× time for {:.1}× types",
                size as f64 / prev_size as f64
            )
        });
        let (their_ms, their_peak, ratio) = match theirs {
            Ok((time, peak)) => (
                ms(time),
                mib(peak),
                format!("{:.2}", ours.as_secs_f64() / time.as_secs_f64()),
            ),
            Err(e) => (format!("error: {e}"), "–".into(), "–".into()),
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
