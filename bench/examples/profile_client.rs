//! Runs one of the two calls of the client benchmark in a loop, for profilers:
//! `profile_client generated|raw [calls]` (default 10,000 after 200 warm-up calls).
//!
//! Instructions per call, independent of machine load: run it under
//! `valgrind --tool=callgrind` with two call counts and divide the difference in total
//! instructions by the difference in calls (setup and warm-up cancel out).

#[path = "../benches/client/loopback.rs"]
mod loopback;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_else(|| "generated".into());
    let calls: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let bench = loopback::Bench::start().await;
        for _ in 0..200 {
            bench.generated().await;
            bench.raw().await;
        }
        match which.as_str() {
            "generated" => {
                for _ in 0..calls {
                    std::hint::black_box(bench.generated().await);
                }
            }
            "raw" => {
                for _ in 0..calls {
                    std::hint::black_box(bench.raw().await);
                }
            }
            other => panic!("`{other}`: expected `generated` or `raw`"),
        }
    });
}
