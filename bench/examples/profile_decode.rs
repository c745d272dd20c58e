//! Decodes a 1,000-conversation Datacrazy page many times, for profilers.

fn main() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas/datacrazy/fixtures/list_conversations.response.json");
    let mut value: serde_json::Value =
        serde_json::from_slice(&std::fs::read(path).expect("fixture")).expect("json");
    let item = value["data"][0].clone();
    value["data"] = serde_json::Value::Array(vec![item; 1000]);
    let bytes = serde_json::to_vec(&value).expect("encodes");
    let which = std::env::args().nth(1).unwrap_or_default();
    let start = std::time::Instant::now();
    for _ in 0..50 {
        if which == "value" {
            std::hint::black_box(
                serde_json::from_slice::<serde_json::Value>(&bytes).expect("json"),
            );
        } else {
            std::hint::black_box(
                serde_json::from_slice::<msgen_sdk::datacrazy::ListConversationsResponse>(&bytes)
                    .expect("decodes"),
            );
        }
    }
    eprintln!("{which}: {:?} per page", start.elapsed() / 50);
}
