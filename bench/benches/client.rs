//! Client overhead: the generated Interflow client's `send_message` against the same
//! request made with raw reqwest + serde_json (the same headers and body, decoding into the
//! same type), both against a minimal HTTP/1.1 server on loopback that answers with the
//! docs' fixture (`client/loopback.rs`). Goal: ≤ 5 % at p50 and p99.
//!
//! The two calls alternate call by call (ABAB…, the order flipped every pair so neither
//! always runs on the caches the other warmed), so a burst of load from another process hits
//! both alike. Besides p50/p99 of each it prints the paired estimate (the median of the
//! per-pair differences) and the spread of the per-round p50 ratios, so the noise is visible.
//!
//! `cargo bench -p msgen-bench --bench client`; `MSGEN_BENCH_REQUESTS` (calls of each
//! client, default 50,000) and `MSGEN_BENCH_ROUNDS` (default 50).

#[path = "client/loopback.rs"]
mod loopback;

use std::time::{Duration, Instant};

use msgen_bench::{env_or, quantile};

/// Times one call.
async fn time<T>(call: impl std::future::Future<Output = T>) -> Duration {
    let start = Instant::now();
    std::hint::black_box(call.await);
    start.elapsed()
}

/// Sorted copy.
fn sorted(times: &[Duration]) -> Vec<Duration> {
    let mut times = times.to_vec();
    times.sort();
    times
}

fn us(d: f64) -> String {
    format!("{:.1}", d * 1e6)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    values[values.len() / 2]
}

fn main() {
    if msgen_bench::listing_only() {
        return;
    }
    let requests = env_or("MSGEN_BENCH_REQUESTS", 50_000).max(1);
    let rounds = env_or("MSGEN_BENCH_ROUNDS", 50).clamp(1, requests);
    let per_round = requests / rounds;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    // One thread runs the server and both clients: the numbers are CPU time of one round
    // trip, with no cross-thread wake-ups adding their own noise.
    let (generated, raw) = runtime.block_on(async {
        let bench = loopback::Bench::start().await;
        for _ in 0..2_000 {
            bench.generated().await;
            bench.raw().await;
        }
        let mut generated = Vec::with_capacity(per_round * rounds);
        let mut raw = Vec::with_capacity(per_round * rounds);
        for i in 0..per_round * rounds {
            if i % 2 == 0 {
                generated.push(time(bench.generated()).await);
                raw.push(time(bench.raw()).await);
            } else {
                raw.push(time(bench.raw()).await);
                generated.push(time(bench.generated()).await);
            }
        }
        (generated, raw)
    });

    let (all_generated, all_raw) = (sorted(&generated), sorted(&raw));
    let q = |times: &[Duration], p: f64| quantile(times, p).as_secs_f64();
    let overhead = |p: f64| (q(&all_generated, p) / q(&all_raw, p) - 1.0) * 100.0;
    println!(
        "| client ({} calls each, alternating) | p50 µs | p99 µs |",
        generated.len()
    );
    println!("|---|---:|---:|");
    for (name, times) in [
        ("generated `send_message`", &all_generated),
        ("raw reqwest + serde_json", &all_raw),
    ] {
        println!(
            "| {name} | {} | {} |",
            us(q(times, 0.5)),
            us(q(times, 0.99))
        );
    }
    println!(
        "| overhead | {:+.1} % | {:+.1} % |",
        overhead(0.5),
        overhead(0.99)
    );

    // Paired: each generated call against the raw call next to it.
    let mut differences: Vec<f64> = generated
        .iter()
        .zip(&raw)
        .map(|(g, r)| g.as_secs_f64() - r.as_secs_f64())
        .collect();
    let paired = median(&mut differences);
    println!(
        "\npaired: median per-pair difference {} µs = {:+.1} % of the raw p50",
        us(paired),
        paired / q(&all_raw, 0.5) * 100.0
    );

    // Per round: how much the p50 and p99 ratios move from one round to the next.
    let (mut p50s, mut p99s): (Vec<f64>, Vec<f64>) = generated
        .chunks(per_round)
        .zip(raw.chunks(per_round))
        .map(|(g, r)| {
            let (g, r) = (sorted(g), sorted(r));
            let ratio = |p| (q(&g, p) / q(&r, p) - 1.0) * 100.0;
            (ratio(0.5), ratio(0.99))
        })
        .unzip();
    for (name, ratios) in [("p50", &mut p50s), ("p99", &mut p99s)] {
        let mid = median(ratios);
        let (low, high) = (ratios[ratios.len() / 10], ratios[ratios.len() * 9 / 10]);
        println!(
            "per-round {name} overhead over {rounds} rounds of {per_round}: median {mid:+.1} %, \
             10–90 % of rounds {low:+.1} % … {high:+.1} %"
        );
    }
}
