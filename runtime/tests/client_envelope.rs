//! Telegram-style failures inside a 200: typed as `Error::Status`, retried after the
//! body's `parameters.retry_after` like a `Retry-After`, with the requests counted.

#![cfg(feature = "client")]

mod common;

use std::time::{Duration, Instant};

use msgen_runtime::__private::{Client, Envelope, Method, Provider, RequestSpec};
use msgen_runtime::{Error, RetryPolicy, decode};
use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

struct Telegram;

impl Provider for Telegram {
    const NAME: &'static str = "Telegram";
    const DEFAULT_BASE_URL: Option<&'static str> = None;
    const USER_AGENT: &'static str = "msgen-test";
    const ENVELOPE: Option<Envelope> = Some(
        Envelope::ok_field("/ok")
            .code("/error_code")
            .retry_after("/parameters/retry_after"),
    );
}

#[derive(Debug, serde::Deserialize)]
struct TelegramError {
    error_code: u16,
    description: String,
}

fn flood() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({
        "ok": false,
        "error_code": 429,
        "description": "Too Many Requests: retry after 1",
        "parameters": {"retry_after": 1},
    }))
}

fn client(server: &MockServer, attempts: u32) -> Client<Telegram> {
    Client::<Telegram>::builder()
        .base_url(server.uri())
        .retry_policy(
            RetryPolicy::default()
                .max_attempts(attempts)
                .initial_backoff(Duration::from_millis(10)),
        )
        .build()
        .expect("client")
}

async fn send(client: &Client<Telegram>) -> Result<Value, Error<TelegramError>> {
    let spec = RequestSpec::new(Method::POST, "/sendMessage", &["sendMessage"]);
    client.call(spec, decode).await
}

#[tokio::test]
async fn a_200_with_ok_false_is_retried_after_the_bodys_wait() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(flood())
        .up_to_n_times(1)
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"ok": true, "result": 7})))
        .expect(1)
        .mount(&server)
        .await;
    let started = Instant::now();
    let value = send(&client(&server, 3)).await.expect("the retry succeeds");
    assert_eq!(value["result"], 7);
    assert!(
        started.elapsed() >= Duration::from_millis(950),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn the_final_failure_carries_the_typed_body() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(flood())
        .expect(2)
        .mount(&server)
        .await;
    let error = send(&client(&server, 2)).await.expect_err("still flooded");
    let Error::Status(status) = error else {
        panic!("{error:?}");
    };
    assert_eq!(status.status.as_u16(), 429);
    assert_eq!(status.attempts, 2);
    assert_eq!(status.retry_after(), Some(Duration::from_secs(1)));
    let body = status.body.expect("typed");
    assert_eq!(body.error_code, 429);
    assert!(body.description.starts_with("Too Many Requests"));
}

#[tokio::test]
async fn an_ok_false_that_is_not_retryable_is_sent_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"ok": false, "error_code": 400, "description": "Bad Request: chat not found"}),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let error = send(&client(&server, 3)).await.expect_err("bad request");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(400));
    assert_eq!(error.attempts(), 1);
}
