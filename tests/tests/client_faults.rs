//! Faults against a real HTTP server on loopback: each gives its documented outcome, and
//! the number of requests the server saw is asserted (no duplicate messages by default).

mod common;

use std::time::Duration;

use msgen_sdk::interflow::{Client, ErrorCode, SendMessageRequest};
use msgen_sdk::runtime::{Error, RetryPolicy};
use serde_json::{Value, json};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn request() -> SendMessageRequest {
    let path = common::workspace().join("schemas/interflow/fixtures/send_message.request.json");
    serde_json::from_value(common::read_json(&path)).expect("fixture is a request")
}

fn success() -> ResponseTemplate {
    let path = common::workspace().join("schemas/interflow/fixtures/send_message.response.json");
    ResponseTemplate::new(201).set_body_json(common::read_json(&path))
}

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_secs(2))
}

fn client(server: &MockServer, policy: RetryPolicy) -> Client {
    Client::builder()
        .base_url(server.uri())
        .token("if_test")
        .retry_policy(policy)
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

async fn requests(server: &MockServer) -> usize {
    server.received_requests().await.expect("recorded").len()
}

#[tokio::test]
async fn a_429_with_retry_after_is_retried_then_succeeds() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(success())
        .mount(&server)
        .await;
    let started = std::time::Instant::now();
    let message = client(&server, fast_retries())
        .send_message(&request())
        .await
        .expect("second attempt succeeds");
    assert_eq!(message.id, "msg_abc123xyz");
    assert_eq!(requests(&server).await, 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "Retry-After was honoured"
    );
}

#[tokio::test]
async fn a_503_on_a_post_is_not_retried_by_default() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let error = client(&server, fast_retries())
        .send_message(&request())
        .await
        .expect_err("503");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(
        requests(&server).await,
        1,
        "a POST that may have been processed is sent once"
    );
}

#[tokio::test]
async fn a_503_on_a_post_is_retried_when_the_call_opts_in() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(success())
        .mount(&server)
        .await;
    client(&server, fast_retries())
        .send_message(&request())
        .idempotent(true)
        .await
        .expect("retried");
    assert_eq!(requests(&server).await, 2);

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(503))
        .mount(&server)
        .await;
    let policy = fast_retries().retry_non_idempotent(true);
    let error = client(&server, policy)
        .send_message(&request())
        .await
        .expect_err("always 503");
    assert!(
        matches!(&error, Error::Status(e) if e.attempts == 3),
        "{error}"
    );
    assert_eq!(requests(&server).await, 3, "attempts are capped");
}

#[tokio::test]
async fn a_refused_connection_is_retried_and_reported_as_transport() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let client = Client::builder()
        .base_url(format!("http://{address}"))
        .token("t")
        .retry_policy(fast_retries())
        .build()
        .expect("client");
    let error = client
        .send_message(&request())
        .await
        .expect_err("nothing listens");
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error}")
    };
    assert!(transport.is_connect(), "{error}");
    assert_eq!(
        transport.attempts, 3,
        "a refused connection cannot have been processed: retried"
    );
    assert!(
        std::error::Error::source(&error).is_some(),
        "the cause is chained"
    );
}

#[tokio::test]
async fn a_timeout_is_a_transport_error_and_a_post_is_not_repeated() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(success().set_delay(Duration::from_secs(3)))
        .mount(&server)
        .await;
    let error = client(&server, fast_retries())
        .send_message(&request())
        .timeout(Duration::from_millis(200))
        .await
        .expect_err("too slow");
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error}")
    };
    assert!(transport.is_timeout(), "{error}");
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn an_html_error_page_keeps_status_and_raw_body() {
    let server = MockServer::start().await;
    let page = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(502).set_body_raw(page, "text/html"))
        .mount(&server)
        .await;
    let error = client(&server, fast_retries())
        .send_message(&request())
        .await
        .expect_err("502");
    let Error::Status(status) = &error else {
        panic!("expected a status error, got {error}")
    };
    assert_eq!(status.status.as_u16(), 502);
    assert!(status.body.is_none());
    assert_eq!(&status.raw[..], page.as_bytes());
    assert!(
        error.to_string().contains("502") && error.to_string().contains("Bad Gateway"),
        "{error}"
    );
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn invalid_truncated_and_mistyped_success_bodies_are_decode_errors() {
    let cases: [(&str, &str, &str); 3] = [
        (
            "{\"success\": true, \"data\": nope}",
            "application/json",
            "expected",
        ),
        (
            "{\"success\": true, \"data\": {\"id\": \"m\"",
            "application/json",
            "EOF",
        ),
        ("all good", "text/plain", "content type `text/plain`"),
    ];
    for (body, content_type, expected) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(201).set_body_raw(body, content_type))
            .mount(&server)
            .await;
        let error = client(&server, fast_retries())
            .send_message(&request())
            .await
            .expect_err("bad body");
        let Error::Decode(decode) = &error else {
            panic!("expected a decode error, got {error}")
        };
        assert!(decode.message.contains(expected), "{body}: {error}");
        assert!(
            error.to_string().contains(&body[..body.len().min(10)]),
            "the snippet is shown: {error}"
        );
        assert_eq!(requests(&server).await, 1);
    }
}

#[tokio::test]
async fn a_success_missing_a_required_field_names_its_path() {
    let server = MockServer::start().await;
    let body =
        json!({"success": true, "data": {"id": "m1", "type": "text", "content": {"text": "oi"}}});
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(201).set_body_json(body))
        .mount(&server)
        .await;
    let error = client(&server, fast_retries())
        .send_message(&request())
        .await
        .expect_err("status is required");
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error}")
    };
    assert!(decode.message.contains("missing field `status`"), "{error}");
    assert!(decode.path.starts_with("data"), "{}", decode.path);
    assert_eq!(requests(&server).await, 1);
}

#[tokio::test]
async fn interflow_error_envelopes_are_typed_and_unknown_codes_kept() {
    let envelope = |code: &str| json!({"success": false, "error": {"code": code, "message": "m", "details": [{"field": "to", "message": "Campo obrigatório"}]}});
    let cases = [
        (400, "VALIDATION_ERROR", ErrorCode::ValidationError),
        (404, "CHANNEL_NOT_FOUND", ErrorCode::ChannelNotFound),
        (422, "CHANNEL_DISCONNECTED", ErrorCode::ChannelDisconnected),
        (
            400,
            "QUOTA_EXCEEDED",
            ErrorCode::Unknown("QUOTA_EXCEEDED".into()),
        ),
    ];
    for (status, code, expected) in cases {
        let server = MockServer::start().await;
        Mock::given(method("POST"))
            .respond_with(ResponseTemplate::new(status).set_body_json(envelope(code)))
            .mount(&server)
            .await;
        let error = client(&server, fast_retries())
            .send_message(&request())
            .await
            .expect_err("error status");
        let Error::Status(status_error) = &error else {
            panic!("expected a status error, got {error}")
        };
        let body = status_error.body.as_ref().expect("the envelope parses");
        assert_eq!(body.error.code, expected);
        assert_eq!(body.error.details.as_ref().map(Vec::len), Some(1));
        assert_eq!(status_error.status.as_u16(), status);
        assert_eq!(
            serde_json::from_slice::<Value>(&status_error.raw).expect("raw"),
            envelope(code)
        );
        assert_eq!(requests(&server).await, 1);
    }
}

#[tokio::test]
async fn the_opt_in_rate_limiter_spaces_requests() {
    use msgen_sdk::runtime::RateLimit;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(success())
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("t")
        .rate_limit(RateLimit::new(2, Duration::from_millis(600)))
        .build()
        .expect("client");
    let started = std::time::Instant::now();
    for _ in 0..3 {
        client.send_message(&request()).await.expect("sent");
    }
    // Two go out at once (the burst); the third waits for a token: 300 ms.
    assert!(
        started.elapsed() >= Duration::from_millis(250),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(requests(&server).await, 3);
    assert_eq!(
        msgen_sdk::interflow::Plan::Starter.rate_limit(),
        RateLimit::per_minute(60)
    );
    assert_eq!(
        msgen_sdk::interflow::Plan::Enterprise.rate_limit(),
        RateLimit::per_minute(1000)
    );
}
