//! Inputs for msgen's benchmarks: synthetic schemas of any size, a counting allocator for
//! peak memory, the decode payloads with plain-derive mirrors of generated types, the
//! owned-data floor of decoding, and small statistics helpers.

pub mod alloc;
pub mod floor;
pub mod payloads;
pub mod plain;
pub mod synthetic;

use std::time::{Duration, Instant};

/// Whether a custom-harness bench was started only to be listed or tested (`--list`,
/// `--test`, as `cargo test --benches` does): it then measures nothing.
pub fn listing_only() -> bool {
    std::env::args().any(|a| a == "--list" || a == "--test")
}

/// A count from the environment (`MSGEN_BENCH_RUNS` and the like), or `default`.
pub fn env_or(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `f` `runs` times and returns the sorted durations.
pub fn time_runs(runs: usize, mut f: impl FnMut()) -> Vec<Duration> {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times
}

/// The `q`-quantile (0.0–1.0) of sorted durations.
pub fn quantile(sorted: &[Duration], q: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let index = ((sorted.len() - 1) as f64 * q).round() as usize;
    sorted[index.min(sorted.len() - 1)]
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}
