//! The token never appears in `Debug`, `Display` or a log line.

mod common;

use std::io::Write;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use msgen_sdk::interflow::{Client, SendMessageRequest};
use msgen_sdk::runtime::RetryPolicy;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

const TOKEN: &str = "if_live_SUPERSECRET_4242";

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().expect("lock").extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn the_token_is_in_no_debug_display_or_log_output() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503).set_body_string("upstream down"))
        .mount(&server)
        .await;
    let builder = Client::builder()
        .base_url(server.uri())
        .token(TOKEN)
        .timeout(Duration::from_secs(5));
    let mut shown = vec![format!("{builder:?}")];
    let client = builder
        .retry_policy(
            RetryPolicy::default()
                .initial_backoff(Duration::from_millis(5))
                .retry_non_idempotent(true),
        )
        .build()
        .expect("client");
    shown.push(format!("{client:?}"));
    let path = common::workspace().join("schemas/interflow/fixtures/send_message.request.json");
    let request: SendMessageRequest =
        serde_json::from_value(common::read_json(&path)).expect("request");
    let error = client.send_message(&request).await.expect_err("503");
    shown.push(format!("{error:?}"));
    shown.push(error.to_string());
    let mut cause = std::error::Error::source(&error);
    while let Some(next) = cause {
        shown.push(next.to_string());
        cause = next.source();
    }

    let seen = server.received_requests().await.expect("recorded");
    assert_eq!(seen.len(), 3);
    let auth = seen[0]
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok());
    assert_eq!(
        auth,
        Some(format!("Bearer {TOKEN}").as_str()),
        "the token does go on the wire"
    );

    let logs = String::from_utf8(captured.0.lock().expect("lock").clone()).expect("utf-8");
    assert!(
        logs.contains("msgen.request"),
        "each attempt is a span: {logs}"
    );
    assert!(logs.contains("attempt=3"), "{logs}");
    for text in shown.iter().chain(std::iter::once(&logs)) {
        assert!(!text.contains("SUPERSECRET"), "the token leaked: {text}");
    }
}
