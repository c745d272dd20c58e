// The corpus runner's fixed part, copied into the scratch crate's `main.rs` (not compiled as
// part of xtask). `cargo xtask corpus` appends the `ROOTS` table: one probe per schema.
//
// Input: a jobs file (JSON array of {"module", "file", "path"}). Output: one JSON line per
// instance, {"module", "file", "outcome", "detail"}, where outcome is `equal`, `differs`,
// `decode`, `encode` or `panic`.

use serde::{Serialize, de::DeserializeOwned};
use serde_json::Value;

type Probe = fn(&str) -> (&'static str, String);

/// Decodes `text` as `T`, re-encodes it and compares with the original.
fn probe<T: DeserializeOwned + Serialize>(text: &str) -> (&'static str, String) {
    let original: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => return ("decode", format!("the instance is not JSON: {e}")),
    };
    let decoded: T = match serde_json::from_str(text) {
        Ok(decoded) => decoded,
        Err(e) => return ("decode", e.to_string()),
    };
    let again = match serde_json::to_value(&decoded) {
        Ok(again) => again,
        Err(e) => return ("encode", e.to_string()),
    };
    match difference(&original, &again, "") {
        None => ("equal", String::new()),
        Some(detail) => ("differs", detail),
    }
}

/// The first place where the re-encoded value differs, or `None` when they are equal. The
/// one normalization allowed: another RFC 3339 spelling of the same instant.
fn difference(original: &Value, again: &Value, at: &str) -> Option<String> {
    let show = |v: &Value| {
        let text = v.to_string();
        if text.chars().count() > 60 {
            format!("{}…", text.chars().take(60).collect::<String>())
        } else {
            text
        }
    };
    let here = if at.is_empty() { "/" } else { at };
    match (original, again) {
        (Value::Object(x), Value::Object(y)) => {
            for (key, value) in x {
                let path = format!("{at}/{}", key.replace('~', "~0").replace('/', "~1"));
                match y.get(key) {
                    None => return Some(format!("key dropped at {path}")),
                    Some(other) => {
                        if let Some(found) = difference(value, other, &path) {
                            return Some(found);
                        }
                    }
                }
            }
            let added = y.keys().find(|k| !x.contains_key(*k))?;
            Some(format!("key added at {at}/{added}: {}", show(&y[added])))
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| difference(v, w, &format!("{at}/{i}"))),
        (Value::String(x), Value::String(y)) if x != y => {
            match (
                chrono::DateTime::parse_from_rfc3339(x),
                chrono::DateTime::parse_from_rfc3339(y),
            ) {
                (Ok(p), Ok(q)) if p == q => None,
                _ => Some(format!("value changed at {here}: {} → {}", show(original), show(again))),
            }
        }
        (Value::Number(x), Value::Number(y)) if x != y => {
            let kind = if x.is_f64() == y.is_f64() { "value" } else { "number kind" };
            Some(format!("{kind} changed at {here}: {x} → {y}"))
        }
        _ if original == again => None,
        _ => Some(format!("value changed at {here}: {} → {}", show(original), show(again))),
    }
}

#[derive(serde::Deserialize)]
struct Job {
    module: String,
    file: String,
    path: String,
}

fn main() {
    let Some(jobs) = std::env::args().nth(1) else {
        eprintln!("usage: runner <jobs.json>");
        std::process::exit(2);
    };
    let jobs: Vec<Job> = match std::fs::read_to_string(&jobs)
        .map_err(|e| e.to_string())
        .and_then(|text| serde_json::from_str(&text).map_err(|e| e.to_string()))
    {
        Ok(jobs) => jobs,
        Err(e) => {
            eprintln!("cannot read the jobs: {e}");
            std::process::exit(2);
        }
    };
    std::panic::set_hook(Box::new(|_| {}));
    for job in jobs {
        let Some((_, probe)) = ROOTS.iter().find(|(module, _)| *module == job.module) else {
            continue;
        };
        let (outcome, detail) = match std::fs::read_to_string(&job.path) {
            Err(e) => ("decode", format!("cannot read the instance: {e}")),
            Ok(text) => std::panic::catch_unwind(|| probe(&text)).unwrap_or_else(|payload| {
                let message = payload
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                ("panic", message)
            }),
        };
        let line = serde_json::json!({
            "module": job.module,
            "file": job.file,
            "outcome": outcome,
            "detail": detail,
        });
        println!("{line}");
    }
}
