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
//! (`serde_json::from_slice`) and through the same entry as the typed decodes.
//!
//! `cargo bench -p msgen-bench --bench decode`

use std::path::Path;

use divan::counter::BytesCount;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

fn main() {
    divan::main();
}

fn fixture(provider: &str, file: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(provider)
        .join("fixtures")
        .join(file);
    std::fs::read(path).expect("fixture")
}

/// A page of `n` items cloned from the first item of `field` in a fixture.
fn page(provider: &str, file: &str, field: &str, n: usize) -> Vec<u8> {
    let mut value: Value = serde_json::from_slice(&fixture(provider, file)).expect("json");
    let item = value[field][0].clone();
    value[field] = Value::Array(
        (0..n)
            .map(|i| {
                let mut item = item.clone();
                item["id"] = match &item["id"] {
                    Value::Number(_) => json!(i),
                    _ => json!(format!("3c90c3cc-0d44-4b50-8888-{i:012}")),
                };
                item
            })
            .collect(),
    );
    serde_json::to_vec(&value).expect("encodes")
}

const CASES: &[(&str, &str, &str)] = &[
    (
        "datacrazy",
        "list_conversations.response.json",
        "datacrazy list (fixture)",
    ),
    (
        "datacrazy",
        "send_message.response.json",
        "datacrazy message",
    ),
    (
        "wegly",
        "send_message.response.json",
        "wegly page (fixture)",
    ),
    ("ziik", "create_message.response.json", "ziik message"),
    (
        "interflow",
        "send_message.response.json",
        "interflow envelope",
    ),
    (
        "interflow",
        "message_status.webhook.json",
        "interflow webhook",
    ),
];

fn input(name: &str) -> Vec<u8> {
    match name {
        "datacrazy list × 1000" => page(
            "datacrazy",
            "list_conversations.response.json",
            "data",
            1000,
        ),
        "wegly page × 1000" => page("wegly", "send_message.response.json", "records", 1000),
        other => {
            let (provider, file, _) = CASES.iter().find(|(_, _, n)| *n == other).expect("a case");
            fixture(provider, file)
        }
    }
}

/// Decodes as the generated client does.
fn go<T: DeserializeOwned>(bytes: &[u8]) -> usize {
    dropped(msgen_sdk::runtime::decode::<T>(bytes).expect("decodes"))
}

/// Drops a decoded value inside the timed closure. divan drops what a closure returns after
/// the sample is timed, so a returned value would not pay for freeing what it allocated;
/// every variant here pays it, as a program that decodes and uses a response does.
fn dropped<T>(value: T) -> usize {
    std::mem::size_of_val(&value)
}

fn typed(name: &str, bytes: &[u8]) -> usize {
    match name {
        "datacrazy list (fixture)" | "datacrazy list × 1000" => {
            go::<msgen_sdk::datacrazy::ListConversationsResponse>(bytes)
        }
        "datacrazy message" => go::<msgen_sdk::datacrazy::Message>(bytes),
        "wegly page (fixture)" | "wegly page × 1000" => {
            go::<msgen_sdk::wegly::SendMessageResponse>(bytes)
        }
        "ziik message" => go::<msgen_sdk::ziik::Message>(bytes),
        "interflow envelope" => go::<msgen_sdk::interflow::SendMessageResponse>(bytes),
        "interflow webhook" => go::<msgen_sdk::interflow::MessageStatusWebhook>(bytes),
        other => panic!("no type for {other}"),
    }
}

const NAMES: &[&str] = &[
    "datacrazy list (fixture)",
    "datacrazy list × 1000",
    "datacrazy message",
    "wegly page (fixture)",
    "wegly page × 1000",
    "ziik message",
    "interflow envelope",
    "interflow webhook",
];

#[divan::bench(args = NAMES)]
fn generated_types(bencher: divan::Bencher, name: &str) {
    let bytes = input(name);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| typed(name, divan::black_box(&bytes)));
}

/// The payloads with a plain-derive mirror.
const PLAIN_NAMES: &[&str] = &[
    "datacrazy list (fixture)",
    "datacrazy list × 1000",
    "interflow envelope",
    "interflow webhook",
];

fn plain(name: &str, bytes: &[u8]) -> usize {
    use msgen_bench::plain::{datacrazy, interflow};
    match name {
        "datacrazy list (fixture)" | "datacrazy list × 1000" => {
            go::<datacrazy::ListConversationsResponse>(bytes)
        }
        "interflow envelope" => go::<interflow::SendMessageResponse>(bytes),
        "interflow webhook" => go::<interflow::MessageStatusWebhook>(bytes),
        other => panic!("no plain mirror for {other}"),
    }
}

#[divan::bench(args = PLAIN_NAMES)]
fn plain_derive(bencher: divan::Bencher, name: &str) {
    let bytes = input(name);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| plain(name, divan::black_box(&bytes)));
}

/// `Value` as `reqwest::Response::json` decodes it.
#[divan::bench(args = NAMES)]
fn json_value(bencher: divan::Bencher, name: &str) {
    let bytes = input(name);
    bencher.counter(BytesCount::of_slice(&bytes)).bench(|| {
        dropped(serde_json::from_slice::<Value>(divan::black_box(&bytes)).expect("json"))
    });
}

/// `Value` through the typed decodes' entry.
#[divan::bench(args = NAMES)]
fn json_value_as_text(bencher: divan::Bencher, name: &str) {
    let bytes = input(name);
    bencher
        .counter(BytesCount::of_slice(&bytes))
        .bench(|| go::<Value>(divan::black_box(&bytes)));
}
