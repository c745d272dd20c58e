//! Decodes one payload many times, for profilers and quiet single-process timings.
//!
//! `profile_decode VARIANT PAYLOAD [RUNS]`, with a payload named as in the decode benchmark
//! (`msgen_bench::payloads::NAMES`, e.g. "datacrazy list × 1000") and a variant among
//! `typed` and `plain` (through the client's `runtime::decode`), `value`
//! (`serde_json::from_slice`), `value-text` (`Value` through `runtime::decode`), `skip`
//! (`IgnoredAny`: parsing only, the floor every decoder pays) and `owned-strings` (parsing
//! and a copy of every string value: the floor of any decoder into owned types). Fewer
//! `RUNS` (default 1,000) suit `valgrind --tool=callgrind`, whose instruction counts do not
//! depend on what else the machine is doing; the difference between two run counts cancels
//! the set-up.

use std::hint::black_box;

use msgen_bench::payloads;

fn main() {
    let mut args = std::env::args().skip(1);
    let variant = args.next().unwrap_or_else(|| "typed".into());
    let name = args
        .next()
        .unwrap_or_else(|| "datacrazy list × 1000".into());
    let runs: u32 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1_000);
    let bytes = payloads::input(&name);
    let decode = |bytes: &[u8]| match variant.as_str() {
        "typed" => payloads::typed(&name, bytes),
        "plain" => payloads::plain(&name, bytes),
        "value" => payloads::value(bytes),
        "value-text" => payloads::value_as_text(bytes),
        "skip" => payloads::skip(bytes),
        "owned-strings" => payloads::owned_strings(bytes),
        other => panic!("unknown variant {other}"),
    };
    let start = std::time::Instant::now();
    for _ in 0..runs {
        black_box(decode(black_box(&bytes)));
    }
    let per_run = start.elapsed() / runs.max(1);
    let mb_s = bytes.len() as f64 / per_run.as_secs_f64() / 1e6;
    eprintln!("{variant} {name}: {per_run:?} per decode, {mb_s:.1} MB/s");
}
