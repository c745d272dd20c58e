//! Client overhead: the generated Interflow client's `send_message` against the same
//! request made with raw reqwest + serde_json (decoding into the same type), both against a
//! minimal HTTP/1.1 server on loopback that answers with the docs' fixture. Reports p50 and
//! p99 latency and the overhead. Goal: ≤ 5 % at p50 and p99.
//!
//! `cargo bench -p msgen-bench --bench client` (`MSGEN_BENCH_REQUESTS`, default 3,000).

use std::time::{Duration, Instant};

use msgen_bench::quantile;
use msgen_sdk::interflow::{Client, SendMessageRequest, SendMessageResponse};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

fn fixture(file: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../schemas/interflow/fixtures")
        .join(file);
    std::fs::read(path).expect("fixture")
}

/// Serves every request on a connection with the same 201 response, keep-alive.
async fn serve(listener: TcpListener, body: Vec<u8>) {
    let head = format!(
        "HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let response: Vec<u8> = [head.as_bytes(), &body].concat();
    loop {
        let Ok((mut socket, _)) = listener.accept().await else {
            return;
        };
        let response = response.clone();
        tokio::spawn(async move {
            let mut buffer = Vec::with_capacity(8192);
            let mut chunk = [0u8; 8192];
            loop {
                // Read one request: headers, then Content-Length bytes of body.
                let (header_end, length) = loop {
                    if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        let headers = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                        let length = headers
                            .lines()
                            .find_map(|l| {
                                l.strip_prefix("content-length:")
                                    .map(|v| v.trim().parse::<usize>().unwrap_or(0))
                            })
                            .unwrap_or(0);
                        break (end + 4, length);
                    }
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                };
                while buffer.len() < header_end + length {
                    match socket.read(&mut chunk).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => buffer.extend_from_slice(&chunk[..n]),
                    }
                }
                buffer.drain(..header_end + length);
                if socket.write_all(&response).await.is_err() {
                    return;
                }
            }
        });
    }
}

async fn measure<F, Fut>(requests: usize, mut call: F) -> Vec<Duration>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    for _ in 0..requests / 10 {
        call().await;
    }
    let mut times = Vec::with_capacity(requests);
    for _ in 0..requests {
        let start = Instant::now();
        call().await;
        times.push(start.elapsed());
    }
    times.sort();
    times
}

fn main() {
    if std::env::args().any(|a| a == "--list" || a == "--test") {
        return;
    }
    let requests: usize = std::env::var("MSGEN_BENCH_REQUESTS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(3_000);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(serve(listener, fixture("send_message.response.json")));
        let request: SendMessageRequest =
            serde_json::from_slice(&fixture("send_message.request.json")).expect("request");

        let http = reqwest::Client::new();
        let client = Client::builder()
            .base_url(&base)
            .token("if_bench")
            .http_client(http.clone())
            .build()
            .expect("client");
        let url = format!("{base}/v1/messages/send");
        // Alternate the two so machine noise hits both alike.
        let mut generated = Vec::new();
        let mut raw = Vec::new();
        for _ in 0..5 {
            generated.extend(
                measure(requests / 5, || async {
                    std::hint::black_box(client.send_message(&request).await.expect("sends"));
                })
                .await,
            );
            raw.extend(
                measure(requests / 5, || async {
                    let response = http
                        .post(&url)
                        .bearer_auth("if_bench")
                        .header("accept", "application/json")
                        .header("content-type", "application/json")
                        .body(serde_json::to_vec(&request).expect("encodes"))
                        .send()
                        .await
                        .expect("sends");
                    let bytes = response.bytes().await.expect("body");
                    let envelope: SendMessageResponse =
                        serde_json::from_slice(&bytes).expect("decodes");
                    std::hint::black_box(envelope.data);
                })
                .await,
            );
        }
        generated.sort();
        raw.sort();
        println!("| client ({requests} requests each) | p50 µs | p99 µs |");
        println!("|---|---:|---:|");
        let us = |d: Duration| format!("{:.1}", d.as_secs_f64() * 1e6);
        println!(
            "| generated `send_message` | {} | {} |",
            us(quantile(&generated, 0.5)),
            us(quantile(&generated, 0.99))
        );
        println!(
            "| raw reqwest + serde_json | {} | {} |",
            us(quantile(&raw, 0.5)),
            us(quantile(&raw, 0.99))
        );
        let overhead = |q: f64| {
            (quantile(&generated, q).as_secs_f64() / quantile(&raw, q).as_secs_f64() - 1.0) * 100.0
        };
        println!(
            "| overhead | {:+.1} % | {:+.1} % |",
            overhead(0.5),
            overhead(0.99)
        );
    });
}
