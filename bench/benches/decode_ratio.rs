//! Decode ratio, paired: for each payload, the generated types, `serde_json::Value` (two
//! entries) and the owned-data floor decode in alternating batches (the order rotated every
//! round), and each ratio is taken round by round, so a swing of the machine falls on all. The divan bench (`decode.rs`) gives each
//! variant's own throughput; on this kind of VM its rows move by tens of percent between
//! runs, which is as large as the differences it is meant to show.
//!
//! The last column times `payloads::owned_strings` (parse, and copy every string value) against
//! `Value`: the most any response types that own their strings could reach.
//!
//! `cargo bench -p msgen-bench --bench decode_ratio` prints a Markdown table;
//! `MSGEN_BENCH_ROUNDS` sets the rounds (default 60).

use std::time::{Duration, Instant};

use msgen_bench::payloads::{self, NAMES, input};

/// Each batch runs about this long, so timer and loop overhead do not count.
const BATCH: Duration = Duration::from_millis(2);

type Decoder = fn(&str, &[u8]) -> usize;

const VARIANTS: [(&str, Decoder); 4] = [
    ("typed", payloads::typed),
    ("value", |_, bytes| payloads::value(bytes)),
    ("value as text", |_, bytes| payloads::value_as_text(bytes)),
    ("owned strings", |_, bytes| payloads::owned_strings(bytes)),
];

fn batch(decode: Decoder, name: &str, bytes: &[u8], n: usize) -> Duration {
    let start = Instant::now();
    for _ in 0..n {
        std::hint::black_box(decode(name, std::hint::black_box(bytes)));
    }
    start.elapsed()
}

/// The `q`-quantile of unsorted values.
fn quantile(values: &[f64], q: f64) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    sorted[((sorted.len() - 1) as f64 * q).round() as usize]
}

fn main() {
    if msgen_bench::listing_only() {
        return;
    }
    let rounds = msgen_bench::env_or("MSGEN_BENCH_ROUNDS", 60).max(1);
    println!(
        "| payload | typed MB/s | `Value` MB/s | typed / `Value`, median round (10–90 %) | typed / `Value` as text, median round (10–90 %) | owned strings / `Value`: the ceiling for owned types |"
    );
    println!("|---|---:|---:|---:|---:|---:|");
    for name in NAMES {
        let bytes = input(name);
        // Calibrate on the slowest variant so every batch lasts about `BATCH`.
        let one = batch(VARIANTS[1].1, name, &bytes, 20) / 20;
        let n = (BATCH.as_nanos() / one.as_nanos().max(1)).max(1) as usize;
        let mut times: [Vec<f64>; VARIANTS.len()] = Default::default();
        for round in 0..rounds {
            for k in 0..VARIANTS.len() {
                let v = (round + k) % VARIANTS.len();
                times[v].push(batch(VARIANTS[v].1, name, &bytes, n).as_secs_f64());
            }
        }
        // How many times longer `slow` took than `fast`, round by round.
        let ratios = |slow: usize, fast: usize| -> Vec<f64> {
            (0..rounds)
                .map(|r| times[slow][r] / times[fast][r])
                .collect()
        };
        let mb_s = |v: usize| bytes.len() as f64 * n as f64 / quantile(&times[v], 0.5) / 1e6;
        let show = |r: &[f64]| {
            format!(
                "{:.2}× ({:.2}–{:.2})",
                quantile(r, 0.5),
                quantile(r, 0.1),
                quantile(r, 0.9)
            )
        };
        println!(
            "| {name} | {:.0} | {:.0} | {} | {} | {} |",
            mb_s(0),
            mb_s(1),
            show(&ratios(1, 0)),
            show(&ratios(2, 0)),
            show(&ratios(1, 3))
        );
    }
}
