//! Every kind of credential placement, against wiremock, and the credentials absent from
//! every `Debug`, `Display`, error and log line.

mod common;

use msgen_runtime::__private::{Auth, Method, RequestSpec};
use msgen_runtime::{BuildErrorKind, Error, decode};
use serde_json::Value;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::{Captured, builder};

const SECRET: &str = "s3cr3t/T0KEN?x";

provider!(Basic, &[Auth::basic()]);
provider!(ApiKey, &[Auth::header("apikey", "")]);
provider!(AppKey, &[Auth::header("Authorization", "App ")]);
provider!(QueryKey, &[Auth::query("key")]);
provider!(Telegram, &[Auth::path("token")]);
provider!(
    ZApi,
    &[
        Auth::path("instance").with_credential("instance"),
        Auth::path("token"),
        Auth::header("Client-Token", "").with_credential("client_token"),
    ]
);

fn ok() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true}))
}

async fn get<P: msgen_runtime::__private::Provider>(
    client: &msgen_runtime::__private::Client<P>,
    template: &'static str,
    segments: &[&str],
) -> Result<Value, Error<Value>> {
    client
        .call(RequestSpec::new(Method::GET, template, segments), decode)
        .await
}

#[tokio::test]
async fn bearer_basic_and_header_keys() {
    let server = MockServer::start().await;
    Mock::given(header("authorization", "Bearer tok"))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    // base64("AC123:pw")
    Mock::given(header("authorization", "Basic QUMxMjM6cHc="))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("apikey", "k1"))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(header("authorization", "App k2"))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let bearer = builder::<common::Bearer>(&server.uri())
        .token("tok")
        .build()
        .expect("client");
    get(&bearer, "/m", &["m"]).await.expect("bearer");
    let basic = builder::<Basic>(&server.uri())
        .basic_auth("AC123", "pw")
        .build()
        .expect("client");
    get(&basic, "/m", &["m"]).await.expect("basic");
    let key = builder::<ApiKey>(&server.uri())
        .token("k1")
        .build()
        .expect("client");
    get(&key, "/m", &["m"]).await.expect("apikey");
    let app = builder::<AppKey>(&server.uri())
        .token("k2")
        .build()
        .expect("client");
    get(&app, "/m", &["m"]).await.expect("app");
}

#[tokio::test]
async fn a_query_key() {
    let server = MockServer::start().await;
    Mock::given(query_param("key", SECRET))
        .and(query_param("q", "1"))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let client = builder::<QueryKey>(&server.uri())
        .token(SECRET)
        .build()
        .expect("client");
    client
        .call::<Value, Value>(
            RequestSpec::new(Method::GET, "/m", &["m"]).query(vec![("q", "1".into())]),
            decode,
        )
        .await
        .expect("sent");
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

#[tokio::test]
async fn two_credentials_in_the_path_and_one_in_a_header() {
    let server = MockServer::start().await;
    Mock::given(path("/instances/I1/token/T1/send-text"))
        .and(header("client-token", "C1"))
        .respond_with(ok())
        .expect(1)
        .mount(&server)
        .await;
    let client = builder::<ZApi>(&server.uri())
        .credential("instance", "I1")
        .token("T1")
        .credential("client_token", "C1")
        .build()
        .expect("client");
    get(
        &client,
        "/instances/{instance}/token/{token}/send-text",
        &["instances", "{instance}", "token", "{token}", "send-text"],
    )
    .await
    .expect("sent");
}

#[test]
fn a_missing_credential_fails_the_build_by_name() {
    let error = builder::<ZApi>("http://localhost")
        .credential("instance", "I1")
        .token("T1")
        .build()
        .expect_err("no client token");
    assert_eq!(
        error.kind,
        BuildErrorKind::MissingCredential {
            name: "client_token"
        }
    );
    let error = builder::<Basic>("http://localhost")
        .build()
        .expect_err("no basic auth");
    assert_eq!(
        error.kind,
        BuildErrorKind::MissingCredential { name: "username" }
    );
    assert!(error.to_string().contains("basic_auth"), "{error}");
}

#[test]
fn the_builder_shows_no_credential_and_no_default_header_value() {
    let builder = builder::<ApiKey>("http://localhost")
        .token("tok-SECRET")
        .basic_auth("user-SECRET", "pw-SECRET")
        .default_header("x-extra-key", "hdr-SECRET");
    let shown = format!("{builder:?}");
    assert!(!shown.contains("SECRET"), "{shown}");
    assert!(shown.contains("x-extra-key"), "{shown}");
    let client = builder.build().expect("client");
    assert!(!format!("{client:?}").contains("SECRET"));
}
