//! The retry table of `RetryPolicy`, case by case, for a call that may be repeated (GET,
//! or `.idempotent(true)`) and one that may not (POST): each fault, and how many requests
//! reached the server. Transport faults come from a raw TCP server (`raw_server`), status
//! codes from wiremock. Then `Retry-After`: honoured beyond `max_backoff`, returned at once
//! when it does not fit.

mod common;
mod raw_server;

use std::time::{Duration, Instant};

use msgen_sdk::datacrazy::{Client, Error, ListConversationsQuery, SendMessageRequest};
use msgen_sdk::runtime::{RetryPolicy, TransportErrorKind};
use raw_server::{RawServer, Script};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fast_retries() -> RetryPolicy {
    RetryPolicy::default()
        .max_attempts(3)
        .initial_backoff(Duration::from_millis(10))
        .max_backoff(Duration::from_millis(20))
}

fn client(uri: String) -> Client {
    Client::builder()
        .base_url(uri)
        .token("t")
        .retry_policy(fast_retries())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

fn request() -> SendMessageRequest {
    serde_json::from_value(common::fixture("datacrazy", "send_message.request.json"))
        .expect("fixture is a request")
}

fn list_body() -> String {
    common::fixture("datacrazy", "list_conversations.response.json").to_string()
}

/// The kind and attempts of a transport error; anything else fails the test.
fn transport(error: &Error) -> (TransportErrorKind, u32) {
    match error {
        Error::Transport(e) => (e.kind, e.attempts),
        other => panic!("expected a transport error, got {other}"),
    }
}

async fn get(client: &Client) -> Result<(), Error> {
    client
        .list_conversations(&ListConversationsQuery::new())
        .await
        .map(drop)
}

async fn post(client: &Client) -> Result<(), Error> {
    client.send_message("c1", &request()).await.map(drop)
}

#[tokio::test]
async fn transport_faults_are_retried_only_when_the_call_may_be_repeated() {
    let cut = |reset| Script::CutBody {
        promised: 100,
        sent: 10,
        reset,
    };
    let cases = [
        (
            "closed at once",
            Script::CloseAtOnce,
            TransportErrorKind::Reset,
        ),
        (
            "closed after the request",
            Script::Close,
            TransportErrorKind::Reset,
        ),
        (
            "reset after the request",
            Script::Reset,
            TransportErrorKind::Reset,
        ),
        ("body cut off", cut(false), TransportErrorKind::Body),
        ("body reset mid-way", cut(true), TransportErrorKind::Body),
    ];
    for (name, script, kind) in cases {
        let server = RawServer::start(vec![script.clone(); 3]).await;
        let error = get(&client(server.uri())).await.expect_err(name);
        assert_eq!(transport(&error), (kind, 3), "GET, {name}: {error}");
        assert_eq!(server.connections(), 3, "GET, {name}: retried");

        let server = RawServer::start(vec![script; 3]).await;
        let error = post(&client(server.uri())).await.expect_err(name);
        assert_eq!(transport(&error), (kind, 1), "POST, {name}: {error}");
        assert_eq!(server.connections(), 1, "POST, {name}: sent once");
    }
}

#[tokio::test]
async fn an_attempt_timeout_is_retried_only_when_the_call_may_be_repeated() {
    let stall = || vec![Script::Stall(Duration::from_secs(3)); 3];
    let timeout = Duration::from_millis(150);
    let server = RawServer::start(stall()).await;
    let error = client(server.uri())
        .list_conversations(&ListConversationsQuery::new())
        .timeout(timeout)
        .await
        .expect_err("too slow");
    assert_eq!(
        transport(&error),
        (TransportErrorKind::Timeout, 3),
        "{error}"
    );
    assert_eq!(server.requests(), 3);

    let server = RawServer::start(stall()).await;
    let error = client(server.uri())
        .send_message("c1", &request())
        .timeout(timeout)
        .await
        .expect_err("too slow");
    assert_eq!(
        transport(&error),
        (TransportErrorKind::Timeout, 1),
        "{error}"
    );
    assert_eq!(
        server.requests(),
        1,
        "a POST that may have been processed is sent once"
    );
}

#[tokio::test]
async fn a_refused_connection_is_retried_for_every_call() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let client = client(format!("http://{address}"));
    let error = get(&client).await.expect_err("nothing listens");
    assert_eq!(
        transport(&error),
        (TransportErrorKind::Connect, 3),
        "{error}"
    );
    let error = post(&client).await.expect_err("nothing listens");
    assert_eq!(
        transport(&error),
        (TransportErrorKind::Connect, 3),
        "{error}"
    );
}

#[tokio::test]
async fn a_retried_fault_can_end_in_success() {
    let server = RawServer::start(vec![Script::Close, Script::Json(200, list_body())]).await;
    get(&client(server.uri()))
        .await
        .expect("the second attempt answers");
    assert_eq!(server.connections(), 2);

    // A POST declared idempotent is retried after its body was cut off.
    let message = common::fixture("datacrazy", "send_message.response.json").to_string();
    let cut = Script::CutBody {
        promised: 100,
        sent: 10,
        reset: false,
    };
    let server = RawServer::start(vec![cut, Script::Json(200, message)]).await;
    client(server.uri())
        .send_message("c1", &request())
        .idempotent(true)
        .await
        .expect("the second attempt answers");
    assert_eq!(server.connections(), 2);
}

#[tokio::test]
async fn a_get_declared_not_idempotent_is_not_repeated() {
    let server = RawServer::start(vec![Script::Close; 3]).await;
    let error = client(server.uri())
        .list_conversations(&ListConversationsQuery::new())
        .idempotent(false)
        .await
        .expect_err("closed");
    assert_eq!(transport(&error), (TransportErrorKind::Reset, 1), "{error}");
    assert_eq!(server.connections(), 1);
}

#[tokio::test]
async fn invalid_json_in_a_success_is_not_retried() {
    let server = RawServer::start(vec![Script::Json(200, "{nope".into()); 3]).await;
    let error = get(&client(server.uri())).await.expect_err("not JSON");
    let Error::Decode(decode) = &error else {
        panic!("expected a decode error, got {error}")
    };
    assert_eq!(decode.attempts, 1);
    assert_eq!(server.connections(), 1);
}

/// Requests a wiremock server answering `status` saw, for a GET and for a POST.
async fn attempts_for_status(status: u16) -> (usize, usize) {
    let mut seen = [0; 2];
    for (i, is_get) in [true, false].into_iter().enumerate() {
        let server = MockServer::start().await;
        Mock::given(method(if is_get { "GET" } else { "POST" }))
            .respond_with(ResponseTemplate::new(status))
            .mount(&server)
            .await;
        let client = client(server.uri());
        let error = if is_get {
            get(&client).await
        } else {
            post(&client).await
        }
        .expect_err("an error status");
        let Error::Status(e) = &error else {
            panic!("{status}: expected a status error, got {error}")
        };
        seen[i] = server.received_requests().await.expect("recorded").len();
        assert_eq!(usize::try_from(e.attempts).ok(), Some(seen[i]), "{status}");
    }
    (seen[0], seen[1])
}

#[tokio::test]
async fn error_statuses_are_retried_as_the_table_says() {
    for status in [408, 500, 502, 503, 504] {
        assert_eq!(attempts_for_status(status).await, (3, 1), "{status}");
    }
    assert_eq!(
        attempts_for_status(429).await,
        (3, 3),
        "a 429 was not processed"
    );
    for status in [400, 404, 501, 505] {
        assert_eq!(attempts_for_status(status).await, (1, 1), "{status}");
    }
}

#[tokio::test]
async fn a_retry_after_beyond_max_backoff_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(common::fixture("datacrazy", "send_message.response.json")),
        )
        .mount(&server)
        .await;
    let started = Instant::now();
    // `max_backoff` is 20 ms: it caps our own waits, not the provider's.
    post(&client(server.uri()))
        .await
        .expect("the second attempt succeeds");
    assert_eq!(server.received_requests().await.expect("recorded").len(), 2);
    assert!(
        started.elapsed() >= Duration::from_millis(900),
        "the 1 s Retry-After was waited"
    );
}

#[tokio::test]
async fn a_retry_after_that_does_not_fit_returns_the_response_at_once() {
    // Beyond `max_elapsed` (60 s by default): the 429 comes back, with its Retry-After.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "120"))
        .mount(&server)
        .await;
    let started = Instant::now();
    let error = get(&client(server.uri())).await.expect_err("429");
    let Error::Status(status) = &error else {
        panic!("expected a status error, got {error}")
    };
    assert_eq!(status.status.as_u16(), 429);
    assert_eq!(status.retry_after(), Some(Duration::from_secs(120)));
    assert_eq!(status.attempts, 1);
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "no wait was started"
    );

    // Beyond the call's deadline: the same, for a 503 on a GET.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503).insert_header("retry-after", "2"))
        .mount(&server)
        .await;
    let error = client(server.uri())
        .list_conversations(&ListConversationsQuery::new())
        .deadline(Duration::from_secs(1))
        .await
        .expect_err("503");
    let Error::Status(status) = &error else {
        panic!("expected a status error, got {error}")
    };
    assert_eq!(status.status.as_u16(), 503);
    assert_eq!(status.retry_after(), Some(Duration::from_secs(2)));
    assert_eq!(server.received_requests().await.expect("recorded").len(), 1);
}
