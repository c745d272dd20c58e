//! Request bodies (form, JSON, none) and success responses (204, other 2xx, JSON labelled
//! as something else), against wiremock.

#![cfg(feature = "client")]

mod common;

use msgen_runtime::__private::{Method, RequestSpec, no_content};
use msgen_runtime::{BuildErrorKind, Error, decode};
use serde_json::{Value, json};
use wiremock::matchers::{body_string, header, method};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use common::{NoAuth, builder};

#[tokio::test]
async fn a_form_body_with_a_json_field() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string(
            "To=%2B5511&message=%7B%22text%22%3A%22ol%C3%A1%22%2C%22type%22%3A%22text%22%7D",
        ))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"sid": "SM1"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    let body = json!({"To": "+5511", "message": {"type": "text", "text": "olá"}, "skip": null});
    let sent: Value = client
        .call::<Value, Value>(
            RequestSpec::new(Method::POST, "/m", &["m"]).form(&body),
            decode,
        )
        .await
        .expect("a 201 is a success");
    assert_eq!(sent["sid"], "SM1");
}

#[tokio::test]
async fn a_form_that_is_not_an_object_is_not_sent() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(200))
        .expect(0)
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    let error = client
        .call::<Value, Value>(
            RequestSpec::new(Method::POST, "/m", &["m"]).form(&[1]),
            decode,
        )
        .await
        .expect_err("not an object");
    assert!(
        matches!(&error, Error::Build(e) if e.kind == BuildErrorKind::Body),
        "{error:?}"
    );
}

#[tokio::test]
async fn an_empty_request_and_a_204() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(|request: &Request| {
            request.body.is_empty() && !request.headers.contains_key("content-type")
        })
        .respond_with(ResponseTemplate::new(204).insert_header("content-type", "text/plain"))
        .expect(1)
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    client
        .call::<(), Value>(
            RequestSpec::new(Method::DELETE, "/m/{id}", &["m", "1"]),
            no_content,
        )
        .await
        .expect("no content");
}

#[tokio::test]
async fn json_labelled_text_html_is_decoded_only_when_the_operation_says_so() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(
            ResponseTemplate::new(202)
                .set_body_raw(r#"{"status":"submitted"}"#, "text/html; charset=UTF-8"),
        )
        .expect(2)
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    let strict = client
        .call::<Value, Value>(RequestSpec::new(Method::POST, "/m", &["m"]), decode)
        .await
        .expect_err("not labelled JSON");
    assert!(
        matches!(&strict, Error::Decode(e) if e.message.contains("text/html")),
        "{strict:?}"
    );
    let lenient: Value = client
        .call::<Value, Value>(
            RequestSpec::new(Method::POST, "/m", &["m"]).lenient_content_type(),
            decode,
        )
        .await
        .expect("decoded anyway");
    assert_eq!(lenient["status"], "submitted");
}
