//! The decode benchmark's payloads: each provider's response fixtures, and 1,000-item pages
//! built from them, with the generated type, the plain-derive mirror (where there is one) and
//! `serde_json::Value` decoders for each. Shared by `benches/decode.rs` and
//! `examples/profile_decode.rs`, so the wall-clock and the instruction-count views measure
//! the same thing.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Every payload, by name.
pub const NAMES: &[&str] = &[
    "datacrazy list (fixture)",
    "datacrazy list × 1000",
    "datacrazy message",
    "wegly page (fixture)",
    "wegly page × 1000",
    "ziik message",
    "interflow envelope",
    "interflow webhook",
];

/// The payloads with a plain-derive mirror (`crate::plain`).
pub const PLAIN_NAMES: &[&str] = &[
    "datacrazy list (fixture)",
    "datacrazy list × 1000",
    "interflow envelope",
    "interflow webhook",
];

/// Fixture payloads: name, provider, file.
const FIXTURES: &[(&str, &str, &str)] = &[
    (
        "datacrazy list (fixture)",
        "datacrazy",
        "list_conversations.response.json",
    ),
    (
        "datacrazy message",
        "datacrazy",
        "send_message.response.json",
    ),
    (
        "wegly page (fixture)",
        "wegly",
        "send_message.response.json",
    ),
    ("ziik message", "ziik", "create_message.response.json"),
    (
        "interflow envelope",
        "interflow",
        "send_message.response.json",
    ),
    (
        "interflow webhook",
        "interflow",
        "message_status.webhook.json",
    ),
];

fn fixture(provider: &str, file: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas")
        .join(provider)
        .join("fixtures")
        .join(file);
    std::fs::read(path).expect("fixture")
}

/// A page of `n` items cloned from the first item of `field` in a fixture, with distinct ids.
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

/// The bytes of a payload. Panics on an unknown name (a benchmark's own table is wrong).
pub fn input(name: &str) -> Vec<u8> {
    match name {
        "datacrazy list × 1000" => page(
            "datacrazy",
            "list_conversations.response.json",
            "data",
            1000,
        ),
        "wegly page × 1000" => page("wegly", "send_message.response.json", "records", 1000),
        other => {
            let (_, provider, file) = FIXTURES
                .iter()
                .find(|(n, _, _)| *n == other)
                .expect("a payload");
            fixture(provider, file)
        }
    }
}

/// Decodes as the generated client does (`runtime::decode`) and drops the result; returns
/// its size so the work is not optimized away.
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> usize {
    dropped(msgen_sdk::runtime::decode::<T>(bytes).expect("decodes"))
}

/// Drops a decoded value where the caller is timing. divan drops what a closure returns
/// after the sample is timed, so a returned value would not pay for freeing what it
/// allocated; every decoder here pays it, as a program that decodes and uses a response does.
pub fn dropped<T>(value: T) -> usize {
    std::mem::size_of_val(&value)
}

/// Decodes a payload into its generated type.
pub fn typed(name: &str, bytes: &[u8]) -> usize {
    use msgen_sdk::{datacrazy, interflow, wegly, ziik};
    match name {
        "datacrazy list (fixture)" | "datacrazy list × 1000" => {
            decode::<datacrazy::ListConversationsResponse>(bytes)
        }
        "datacrazy message" => decode::<datacrazy::Message>(bytes),
        "wegly page (fixture)" | "wegly page × 1000" => {
            decode::<wegly::SendMessageResponse>(bytes)
        }
        "ziik message" => decode::<ziik::Message>(bytes),
        "interflow envelope" => decode::<interflow::SendMessageResponse>(bytes),
        "interflow webhook" => decode::<interflow::MessageStatusWebhook>(bytes),
        other => panic!("no type for {other}"),
    }
}

/// Decodes a payload into its plain-derive mirror.
pub fn plain(name: &str, bytes: &[u8]) -> usize {
    use crate::plain::{datacrazy, interflow};
    match name {
        "datacrazy list (fixture)" | "datacrazy list × 1000" => {
            decode::<datacrazy::ListConversationsResponse>(bytes)
        }
        "interflow envelope" => decode::<interflow::SendMessageResponse>(bytes),
        "interflow webhook" => decode::<interflow::MessageStatusWebhook>(bytes),
        other => panic!("no plain mirror for {other}"),
    }
}

/// Decodes into `Value` as `reqwest::Response::json` does (`serde_json::from_slice`).
pub fn value(bytes: &[u8]) -> usize {
    dropped(serde_json::from_slice::<Value>(bytes).expect("json"))
}

/// Decodes into `Value` through the typed decodes' entry (`runtime::decode`), to separate
/// what the entry saves from what the types save.
pub fn value_as_text(bytes: &[u8]) -> usize {
    decode::<Value>(bytes)
}

/// Parses and copies every string value (`floor::OwnedStrings`): the floor of any decoder
/// into owned types, through the typed decodes' entry.
pub fn owned_strings(bytes: &[u8]) -> usize {
    decode::<crate::floor::OwnedStrings>(bytes)
}

/// Only parses (`IgnoredAny`): the floor every decoder pays.
pub fn skip(bytes: &[u8]) -> usize {
    dropped(serde_json::from_slice::<serde::de::IgnoredAny>(bytes).expect("json"))
}
