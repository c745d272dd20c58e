//! What the client benchmark and `examples/profile_client.rs` share: a minimal HTTP/1.1
//! keep-alive server on loopback answering every request with the Interflow fixture, and the
//! two calls compared (the generated `send_message`, and the same request by hand with raw
//! reqwest + serde_json). Kept in one file so the profiler runs exactly what is measured.

use msgen_sdk::interflow::{Client, Message, SendMessageRequest, SendMessageResponse};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// The `User-Agent` both clients send, so the two requests are the same bytes on the wire.
pub const USER_AGENT: &str = "msgen-bench";
const TOKEN: &str = "if_bench";

pub fn fixture(file: &str) -> Vec<u8> {
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
        // Small writes must not wait for the peer's ACK (Nagle + delayed ACK).
        let _ = socket.set_nodelay(true);
        let response = response.clone();
        tokio::spawn(async move {
            let mut buffer = Vec::with_capacity(8192);
            let mut chunk = [0u8; 8192];
            loop {
                // Read one request: headers, then Content-Length bytes of body.
                let (header_end, length) = loop {
                    if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        break (end + 4, content_length(&buffer[..end]));
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

fn content_length(head: &[u8]) -> usize {
    head.split(|&b| b == b'\n')
        .find_map(|line| {
            let (name, value) = line.split_at(line.iter().position(|&b| b == b':')?);
            name.eq_ignore_ascii_case(b"content-length").then(|| {
                std::str::from_utf8(&value[1..])
                    .ok()
                    .and_then(|v| v.trim().parse().ok())
                    .unwrap_or(0)
            })
        })
        .unwrap_or(0)
}

/// The two clients under test and the request they send.
pub struct Bench {
    client: Client,
    http: reqwest::Client,
    url: String,
    request: SendMessageRequest,
}

impl Bench {
    /// Starts the server on the current runtime and builds both clients. They share one
    /// `reqwest::Client`, so both calls go over the same keep-alive connection to the same
    /// server task: only the client-side work differs.
    pub async fn start() -> Bench {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let base = format!("http://{}", listener.local_addr().expect("address"));
        tokio::spawn(serve(listener, fixture("send_message.response.json")));
        let request =
            serde_json::from_slice(&fixture("send_message.request.json")).expect("request");
        let http = reqwest::Client::new();
        let client = Client::builder()
            .base_url(&base)
            .token(TOKEN)
            .user_agent(USER_AGENT)
            .http_client(http.clone())
            .build()
            .expect("client");
        Bench {
            client,
            http,
            url: format!("{base}/v1/messages/send"),
            request,
        }
    }

    /// The generated client's call: build, send, check, decode, unwrap the envelope.
    pub async fn generated(&self) -> Message {
        self.client
            .send_message(&self.request)
            .await
            .expect("sends")
    }

    /// The same request by hand: the same headers and body, decoded into the same type.
    pub async fn raw(&self) -> Message {
        let response = self
            .http
            .post(&self.url)
            .bearer_auth(TOKEN)
            .header("user-agent", USER_AGENT)
            .header("accept", "application/json")
            .header("content-type", "application/json")
            .body(serde_json::to_vec(&self.request).expect("encodes"))
            .send()
            .await
            .expect("sends");
        let bytes = response.bytes().await.expect("body");
        let envelope: SendMessageResponse = serde_json::from_slice(&bytes).expect("decodes");
        envelope.data
    }
}
