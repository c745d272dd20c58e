//! Every kind of credential placement, against wiremock, and the credentials absent from
//! every `Debug`, `Display`, error and log line.

#![cfg(feature = "client")]

mod common;

use msgen_runtime::__private::{Auth, Method, RequestSpec};
use msgen_runtime::{BuildErrorKind, Error, decode};
use serde_json::Value;
use wiremock::matchers::{header, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::{QueryKey, builder};

const SECRET: &str = "s3cr3t/T0KEN?x";

provider!(Basic, &[Auth::basic()]);
provider!(ApiKey, &[Auth::header("apikey", "")]);
provider!(AppKey, &[Auth::header("Authorization", "App ")]);

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
