//! A token in the URL path (Telegram) is percent-encoded into it and never shown: not in
//! `Debug`, `Display`, errors and their sources, or any log line. Alone in its binary:
//! tracing caches callsite interest process-wide, so a test without a subscriber running
//! beside it could hide the spans this one reads.

#![cfg(feature = "client")]

mod common;

use msgen_runtime::__private::{Auth, Method, RequestSpec};
use msgen_runtime::{Error, decode};
use serde_json::Value;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::{Captured, builder};

const SECRET: &str = "s3cr3t/T0KEN?x";

provider!(Telegram, &[Auth::path("token")]);

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true}))
}

async fn get(
    client: &msgen_runtime::__private::Client<Telegram>,
    template: &'static str,
    segments: &[&str],
) -> Result<Value, Error<Value>> {
    client
        .call(RequestSpec::new(Method::GET, template, segments), decode)
        .await
}

#[tokio::test]
async fn a_token_in_the_path_is_encoded_and_never_shown() {
    let captured = Captured::default();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(captured.clone())
        .with_ansi(false)
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/bots3cr3t%2FT0KEN%3Fx/getMe"))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(500).set_body_string("boom"))
        .mount(&server)
        .await;
    let builder = builder::<Telegram>(&server.uri()).token(SECRET);
    let mut shown = vec![format!("{builder:?}")];
    let client = builder.build().expect("client");
    shown.push(format!("{client:?}"));
    // Generated code passes the template's own text for the credential's segment; a user
    // value reading `{token}` elsewhere is sent as it is.
    get(&client, "/bot{token}/getMe", &["bot{token}", "getMe"])
        .await
        .expect("sent");
    let error = client
        .call::<Value, Value>(
            RequestSpec::new(
                Method::POST,
                "/bot{token}/x/{id}",
                &["bot{token}", "x", "{token}"],
            ),
            decode,
        )
        .await
        .expect_err("500");
    shown.push(format!("{error:?}"));
    shown.push(error.to_string());
    let received = server.received_requests().await.expect("recorded");
    assert_eq!(received.len(), 2);
    assert_eq!(
        received[1].url.path(),
        "/bots3cr3t%2FT0KEN%3Fx/x/%7Btoken%7D"
    );

    // A refused connection: reqwest's error would carry the URL, and so the token.
    let closed = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("port");
        format!("http://{}", listener.local_addr().expect("addr"))
    };
    let client = common::builder::<Telegram>(&closed)
        .token(SECRET)
        .build()
        .expect("client");
    let error = get(&client, "/bot{token}/getMe", &["bot{token}", "getMe"])
        .await
        .expect_err("refused");
    shown.push(format!("{error:?}"));
    let mut source = std::error::Error::source(&error);
    while let Some(cause) = source {
        shown.push(format!("{cause} {cause:?}"));
        source = cause.source();
    }
    shown.push(captured.text());
    assert!(
        captured.text().contains("/bot{token}/getMe"),
        "the span shows the template"
    );
    for text in shown {
        assert!(!text.contains("s3cr3t"), "{text}");
    }
}
