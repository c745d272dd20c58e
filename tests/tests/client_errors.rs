//! What an error says: its `Display` names what happened once, and its `source()` chain
//! leads to the underlying cause without repeating itself. No message in the chain (nor
//! the `Debug` output) shows the request URL, whose path may carry a secret.

mod common;
mod raw_server;

use std::time::Duration;

use msgen_sdk::datacrazy::{Client, Error, SendMessageRequest};
use msgen_sdk::runtime::{BuildErrorKind, RetryPolicy};
use raw_server::{RawServer, Script};
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A path parameter standing in for a secret that rides in a URL path.
const IN_PATH: &str = "path-SECRET-7731";

fn client(uri: String) -> Client {
    Client::builder()
        .base_url(uri)
        .token("t")
        .retry_policy(RetryPolicy::default().initial_backoff(Duration::from_millis(5)))
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client")
}

fn request() -> SendMessageRequest {
    serde_json::from_value(common::fixture("datacrazy", "send_message.request.json"))
        .expect("fixture is a request")
}

/// The error's message and each cause's, outermost first.
fn chain(error: &Error) -> Vec<String> {
    let mut messages = vec![error.to_string()];
    let mut next = std::error::Error::source(error);
    while let Some(cause) = next {
        messages.push(cause.to_string());
        next = cause.source();
    }
    messages
}

/// Checks the chain and returns it, for the caller's own assertions.
fn checked(error: &Error) -> Vec<String> {
    let messages = chain(error);
    for pair in messages.windows(2) {
        assert_ne!(pair[0], pair[1], "a message repeats: {messages:#?}");
    }
    for text in messages
        .iter()
        .chain(std::iter::once(&format!("{error:?}")))
    {
        assert!(!text.contains(IN_PATH), "the URL leaked: {text}");
        assert!(!text.contains("/messages"), "the URL leaked: {text}");
    }
    messages
}

#[tokio::test]
async fn transport_errors_name_their_kind_once_and_chain_to_the_cause() {
    let cut = Script::CutBody {
        promised: 100,
        sent: 10,
        reset: false,
    };
    let cases = [
        (
            Script::Close,
            "closed or reset before the response (after 1 attempt)",
        ),
        (
            Script::Reset,
            "closed or reset before the response (after 1 attempt)",
        ),
        (cut, "the response body was cut off (after 1 attempt)"),
    ];
    for (script, expected) in cases {
        let server = RawServer::start(vec![script]).await;
        let error = client(server.uri())
            .send_message(IN_PATH, &request())
            .await
            .expect_err("a transport fault");
        let messages = checked(&error);
        assert!(messages[0].ends_with(expected), "{messages:#?}");
        assert!(messages.len() >= 2, "the cause is chained: {messages:#?}");
    }

    let server = RawServer::start(vec![Script::Stall(Duration::from_secs(3))]).await;
    let error = client(server.uri())
        .send_message(IN_PATH, &request())
        .timeout(Duration::from_millis(100))
        .await
        .expect_err("too slow");
    let messages = checked(&error);
    assert_eq!(messages[0], "the request timed out (after 1 attempt)");
    assert!(
        messages.iter().skip(1).any(|m| m.contains("timed out")),
        "{messages:#?}"
    );

    // A timeout while the body is read: reqwest wraps that error in its own twice.
    let slow_body = Script::CutBody {
        promised: 100,
        sent: 10,
        reset: false,
    };
    let server = RawServer::start(vec![slow_body]).await;
    let error = client(server.uri())
        .send_message(IN_PATH, &request())
        .timeout(Duration::from_millis(25))
        .await
        .expect_err("too slow");
    let messages = checked(&error);
    assert_eq!(messages[0], "the request timed out (after 1 attempt)");
}

#[tokio::test]
async fn a_refused_connection_chains_to_the_os_error() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let address = listener.local_addr().expect("address");
    drop(listener);
    let error = client(format!("http://{address}"))
        .send_message(IN_PATH, &request())
        .await
        .expect_err("nothing listens");
    let messages = checked(&error);
    assert_eq!(
        messages[0],
        "could not connect to the provider (after 3 attempts)"
    );
    assert!(messages.len() >= 3, "down to the OS error: {messages:#?}");
}

#[tokio::test]
async fn status_decode_and_build_errors_say_it_once() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).set_body_raw("bad request", "text/plain"))
        .mount(&server)
        .await;
    let error = client(server.uri())
        .send_message(IN_PATH, &request())
        .await
        .expect_err("400");
    assert_eq!(
        checked(&error),
        ["the provider answered 400 Bad Request: bad request"]
    );

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("[1", "application/json"))
        .mount(&server)
        .await;
    let error = client(server.uri())
        .send_message(IN_PATH, &request())
        .await
        .expect_err("not a message");
    let messages = checked(&error);
    assert_eq!(messages.len(), 1, "{messages:#?}");
    assert!(messages[0].starts_with("cannot decode the 200 OK response"));

    let error = client(server.uri())
        .send_message(IN_PATH, &request())
        .header("bad header", "v")
        .await
        .expect_err("an invalid header name");
    let Error::Build(build) = &error else {
        panic!("expected a build error, got {error}")
    };
    assert_eq!(build.kind, BuildErrorKind::Header);
    assert_eq!(
        checked(&error),
        [
            "cannot build the request: invalid header name `bad header`",
            "invalid HTTP header name"
        ]
    );
}

#[test]
fn a_client_build_error_says_client() {
    let error = msgen_sdk::ziik::Client::builder()
        .token("z")
        .build()
        .expect_err("Ziik has no public base URL");
    assert_eq!(error.kind, BuildErrorKind::Client);
    assert!(
        error.to_string().starts_with("cannot build the client: "),
        "{error}"
    );
    let error = Client::builder()
        .base_url("not a url")
        .token("t")
        .build()
        .expect_err("invalid base URL");
    assert!(
        error.to_string().starts_with("cannot build the client: "),
        "{error}"
    );
    let cause = std::error::Error::source(&error).expect("the parser's error");
    assert_ne!(cause.to_string(), error.to_string());
}
