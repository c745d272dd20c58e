//! Decodes one payload many times, for profilers and quiet single-process timings.
//!
//! `profile_decode [typed|plain|value|value-text|skip] [datacrazy|interflow] [RUNS]`: a
//! 1,000-conversation Datacrazy page (50 times), or the Interflow envelope fixture (200,000
//! times), into the generated types or the plain-derive mirrors (`msgen_bench::plain`)
//! through the client's `runtime::decode`, into `serde_json::Value` with `from_slice` or
//! through `runtime::decode` (`value-text`), or only parsed (`skip`: `IgnoredAny`, the
//! floor any decode pays).
//! Fewer `RUNS` suit `valgrind --tool=callgrind`, whose instruction counts do not depend on
//! what else the machine is doing.

use std::hint::black_box;

use msgen_bench::plain;

fn fixture(path: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(path).expect("fixture")
}

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "typed".into());
    let payload = args.next().unwrap_or_else(|| "datacrazy".into());
    let (bytes, runs) = if payload == "interflow" {
        (
            fixture("../schemas/interflow/fixtures/send_message.response.json"),
            200_000,
        )
    } else {
        let mut value: serde_json::Value = serde_json::from_slice(&fixture(
            "../schemas/datacrazy/fixtures/list_conversations.response.json",
        ))
        .expect("json");
        let item = value["data"][0].clone();
        value["data"] = serde_json::Value::Array(vec![item; 1000]);
        (serde_json::to_vec(&value).expect("encodes"), 50)
    };
    let runs = args.next().and_then(|n| n.parse().ok()).unwrap_or(runs);
    use msgen_sdk::runtime::decode as sdk_decode;
    let decode = |bytes: &[u8]| match (which.as_str(), payload.as_str()) {
        ("value", _) => {
            black_box(serde_json::from_slice::<serde_json::Value>(bytes).expect("json"));
        }
        ("value-text", _) => {
            black_box(sdk_decode::<serde_json::Value>(bytes).expect("json"));
        }
        ("skip", _) => {
            black_box(serde_json::from_slice::<serde::de::IgnoredAny>(bytes).expect("json"));
        }
        ("plain", "interflow") => {
            black_box(sdk_decode::<plain::interflow::SendMessageResponse>(bytes).expect("decodes"));
        }
        ("plain", _) => {
            black_box(
                sdk_decode::<plain::datacrazy::ListConversationsResponse>(bytes).expect("decodes"),
            );
        }
        (_, "interflow") => {
            black_box(
                sdk_decode::<msgen_sdk::interflow::SendMessageResponse>(bytes).expect("decodes"),
            );
        }
        _ => {
            black_box(
                sdk_decode::<msgen_sdk::datacrazy::ListConversationsResponse>(bytes)
                    .expect("decodes"),
            );
        }
    };
    let start = std::time::Instant::now();
    for _ in 0..runs {
        decode(&bytes);
    }
    let per_run = start.elapsed() / runs.max(1);
    let mb_s = bytes.len() as f64 / per_run.as_secs_f64() / 1e6;
    eprintln!("{which} {payload}: {per_run:?} per decode, {mb_s:.1} MB/s");
}
