//! Decode throughput: each provider's response fixtures, and 1,000-message pages built from
//! them, decoded into the generated types vs into `serde_json::Value`. Goal: typed ≥ 3×
//! `Value`. Divan reports bytes per second for each.
//!
//! Typed decodes go through `msgen_sdk::runtime::decode`, what the generated client runs on
//! a response body (one UTF-8 check of the whole body, then serde from text).
//! `plain_derive` decodes the same bytes the same way into hand-written plain
//! `#[derive(Deserialize)]` mirrors (`msgen_bench::plain`), where one exists: the gap to it
//! is what the generated code adds, the gap from it to `Value` is what owned-`String`
//! decoding costs anyway. `Value` is decoded both as reqwest's `.json()` does
//! (`serde_json::from_slice`) and through the same entry as the typed decodes. Every
//! variant frees its result inside the timed closure (`payloads::dropped`).
//!
//! `cargo bench -p msgen-bench --bench decode`

use divan::counter::BytesCount;
use msgen_bench::payloads::{self, NAMES, PLAIN_NAMES, input};

fn main() {
    divan::main();
}

#[divan::bench(args = NAMES)]
fn generated_types(bencher: divan::Bencher, name: &str) {
    let bytes = input(name);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| payloads::typed(name, divan::black_box(&bytes)));
}

#[divan::bench(args = PLAIN_NAMES)]
fn plain_derive(bencher: divan::Bencher, name: &str) {
    let bytes = input(name);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| payloads::plain(name, divan::black_box(&bytes)));
}

/// `Value` as `reqwest::Response::json` decodes it.
#[divan::bench(args = NAMES)]
fn json_value(bencher: divan::Bencher, name: &str) {
    let bytes = input(name);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| payloads::value(divan::black_box(&bytes)));
}

/// `Value` through the typed decodes' entry.
#[divan::bench(args = NAMES)]
fn json_value_as_text(bencher: divan::Bencher, name: &str) {
    let bytes = input(name);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| payloads::value_as_text(divan::black_box(&bytes)));
}
