//! The deadline of a whole call, beside the timeout of each attempt: it cuts a running
//! attempt short, stops retries whose wait would end after it, and refuses a rate-limit
//! wait that would; the error says it was the deadline and keeps the attempts. Requests
//! are counted; time is only bounded loosely from above.

mod common;
mod raw_server;

use std::time::{Duration, Instant};

use msgen_sdk::datacrazy::{Client, Error, ListConversationsQuery, SendMessageRequest};
use msgen_sdk::runtime::{RateLimit, RetryPolicy, TransportErrorKind};
use raw_server::{RawServer, Script};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// Slack for the end of a call after its deadline: timers and a loaded machine.
const SLACK: Duration = Duration::from_millis(500);

fn many_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(10)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(20))
}

fn client(uri: String) -> Client {
    Client::builder()
        .base_url(uri)
        .token("t")
        .retry_policy(many_retries())
        .build()
        .expect("client")
}

fn list(
    client: &Client,
) -> msgen_sdk::runtime::Call<'_, msgen_sdk::datacrazy::ListConversationsResponse, serde_json::Value>
{
    client.list_conversations(&ListConversationsQuery::new())
}

#[tokio::test]
async fn a_deadline_cuts_the_running_attempt_short() {
    let server = RawServer::start(vec![Script::Stall(Duration::from_secs(5)); 10]).await;
    let deadline = Duration::from_millis(400);
    let started = Instant::now();
    // No attempt timeout: only the deadline ends the call.
    let error = list(&client(server.uri()))
        .timeout(None)
        .deadline(deadline)
        .await
        .expect_err("the server never answers");
    let elapsed = started.elapsed();
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Deadline, "{error}");
    assert!(transport.is_deadline() && transport.is_timeout());
    assert_eq!(transport.attempts, 1, "the first attempt was cut short");
    assert_eq!(server.requests(), 1);
    assert!(elapsed < deadline + SLACK, "{elapsed:?}");
    assert!(
        error.to_string().contains("deadline"),
        "the message says it: {error}"
    );
}

#[tokio::test]
async fn a_deadline_ends_retries_of_a_slow_503() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).set_delay(Duration::from_millis(300)))
        .mount(&server)
        .await;
    let deadline = Duration::from_millis(1000);
    let started = Instant::now();
    let error = list(&client(server.uri()))
        .timeout(Duration::from_millis(400))
        .deadline(deadline)
        .await
        .expect_err("always 503");
    let elapsed = started.elapsed();
    // Depending on where the deadline falls, it cut an attempt short or left no room
    // for the next backoff (then the last 503 is returned): both end the call in time.
    match &error {
        Error::Transport(e) => assert!(e.is_deadline(), "{error}"),
        Error::Status(e) => assert_eq!(e.status.as_u16(), 503),
        other => panic!("expected the deadline or the 503, got {other}"),
    }
    let attempts = error.attempts();
    assert!(
        (2..10).contains(&attempts),
        "retried, but not every attempt was made: {attempts}"
    );
    let seen = server.received_requests().await.expect("recorded").len();
    assert_eq!(u32::try_from(seen).ok(), Some(attempts));
    assert!(elapsed < deadline + SLACK, "{elapsed:?}");
}

#[tokio::test]
async fn the_client_deadline_applies_to_every_call_and_a_call_can_lift_it() {
    let server = RawServer::start(vec![Script::Stall(Duration::from_secs(5)); 2]).await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("t")
        .retry_policy(RetryPolicy::none())
        .timeout(Duration::from_millis(600))
        .deadline(Duration::from_millis(200))
        .build()
        .expect("client");
    let query = ListConversationsQuery::new();
    let call = || client.list_conversations(&query);
    let error = call().await.expect_err("never answers");
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Deadline, "{error}");

    // Without the deadline, the attempt's own timeout ends it.
    let error = call().deadline(None).await.expect_err("never answers");
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Timeout, "{error}");
    assert_eq!(server.requests(), 2);
}

#[tokio::test]
async fn a_rate_limit_wait_past_the_deadline_is_not_started() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(common::fixture("datacrazy", "send_message.response.json")),
        )
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("t")
        .rate_limit(RateLimit::new(1, Duration::from_secs(30)))
        .build()
        .expect("client");
    let request: SendMessageRequest =
        serde_json::from_value(common::fixture("datacrazy", "send_message.request.json"))
            .expect("fixture is a request");
    client
        .send_message("c1", &request)
        .await
        .expect("the bucket's one token");
    let started = Instant::now();
    let error = client
        .send_message("c1", &request)
        .deadline(Duration::from_millis(300))
        .await
        .expect_err("the next token is 30 s away");
    let Error::Transport(transport) = &error else {
        panic!("expected a transport error, got {error}")
    };
    assert_eq!(transport.kind, TransportErrorKind::Deadline, "{error}");
    assert_eq!(transport.attempts, 0);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "no wait was started"
    );
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}
