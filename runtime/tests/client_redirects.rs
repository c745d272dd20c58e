//! Credentials go only to the provider's own origin: redirects within it are followed with
//! them, redirects elsewhere are not followed (two wiremock servers on different ports are
//! different origins).

#![cfg(feature = "client")]

mod common;

use msgen_runtime::__private::{Auth, Method, RequestSpec};
use msgen_runtime::{Error, decode};
use serde_json::Value;
use wiremock::matchers::{header, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

use common::builder;

provider!(ApiKey, &[Auth::header("apikey", "")]);

fn redirect_to(location: &str) -> ResponseTemplate {
    ResponseTemplate::new(302).insert_header("location", location)
}

async fn get(client: &msgen_runtime::__private::Client<ApiKey>) -> Result<Value, Error<Value>> {
    client
        .call(RequestSpec::new(Method::GET, "/old", &["old"]), decode)
        .await
}

#[tokio::test]
async fn a_redirect_on_the_same_origin_is_followed_with_the_key() {
    let server = MockServer::start().await;
    Mock::given(path("/old"))
        .respond_with(redirect_to("/new"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/new"))
        .and(header("apikey", "K"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"ok": true})))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder::<ApiKey>(&server.uri())
        .token("K")
        .build()
        .expect("client");
    get(&client).await.expect("followed");
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_not_followed() {
    let provider = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(path("/old"))
        .respond_with(redirect_to(&format!("{}/steal", elsewhere.uri())))
        .expect(1)
        .mount(&provider)
        .await;
    Mock::given(path("/steal"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .expect(0)
        .mount(&elsewhere)
        .await;
    let client = builder::<ApiKey>(&provider.uri())
        .token("K")
        .build()
        .expect("client");
    let error = get(&client).await.expect_err("not followed");
    assert_eq!(error.status().map(|s| s.as_u16()), Some(302), "{error:?}");
    assert!(
        elsewhere
            .received_requests()
            .await
            .expect("recorded")
            .is_empty()
    );
}

/// The caveat documented on `http_client`: reqwest's default policy does follow the
/// redirect to another host, and keeps a key that is not in `Authorization`.
#[tokio::test]
async fn reqwests_default_policy_carries_a_custom_header_key_across_origins() {
    let provider = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    Mock::given(path("/old"))
        .respond_with(redirect_to(&format!("{}/steal", elsewhere.uri())))
        .mount(&provider)
        .await;
    Mock::given(path("/steal"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({})))
        .mount(&elsewhere)
        .await;
    let client = builder::<ApiKey>(&provider.uri())
        .token("K")
        .http_client(msgen_runtime::reqwest::Client::new())
        .build()
        .expect("client");
    get(&client).await.expect("followed by reqwest's policy");
    let received = elsewhere.received_requests().await.expect("recorded");
    assert_eq!(received.len(), 1);
    assert_eq!(
        received[0].headers.get("apikey").map(|v| v.as_bytes()),
        Some(&b"K"[..]),
        "if reqwest starts stripping it, update the `http_client` docs"
    );
}
