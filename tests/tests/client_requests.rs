//! Each operation against a real HTTP server on loopback (wiremock): the exact request on
//! the wire, and the typed value decoded from the docs' own fixture as the reply.

mod common;

use std::time::Duration;

use futures_util::StreamExt;
use msgen_sdk::runtime::RetryPolicy;
use serde_json::{Value, json};
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use common::fixture;

fn reply(status: u16, body: &Value) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_json(body)
}

fn no_retry() -> RetryPolicy {
    RetryPolicy::none()
}

#[tokio::test]
async fn datacrazy_list_conversations_sends_typed_query_and_decodes_the_fixture() {
    use msgen_sdk::datacrazy::{Client, ListConversationsQuery};
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/api/api/v1/conversations"))
        .and(query_param("skip", "10"))
        .and(query_param("take", "5"))
        .and(query_param("filter", r#"{"name":"Patrick"}"#))
        .and(header("authorization", "Bearer dc_token"))
        .and(header("accept", "application/json"))
        .respond_with(reply(
            200,
            &fixture("datacrazy", "list_conversations.response.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(format!("{}/v1/api", server.uri()))
        .token("dc_token")
        .build()
        .expect("client");
    let mut filter = serde_json::Map::new();
    filter.insert("name".into(), json!("Patrick"));
    let query = ListConversationsQuery::default()
        .with_skip(10)
        .with_take(5)
        .with_filter(filter);
    let page = client.list_conversations(&query).await.expect("decodes");
    assert_eq!(page.count, Some(100));
    assert_eq!(
        page.data.expect("data")[0].name.as_deref(),
        Some("Patrick Almeida")
    );
}

#[tokio::test]
async fn datacrazy_send_message_encodes_the_id_and_sends_the_json_body() {
    use msgen_sdk::datacrazy::{Client, SendMessageRequest};
    let server = MockServer::start().await;
    let request = fixture("datacrazy", "send_message.request.json");
    Mock::given(method("POST"))
        .and(path("/api/v1/conversations/a%2Fb%20c%3F/messages"))
        .and(header("content-type", "application/json"))
        .and(body_json(&request))
        .respond_with(reply(
            200,
            &fixture("datacrazy", "send_message.response.json"),
        ))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("t")
        .build()
        .expect("client");
    let body: SendMessageRequest = serde_json::from_value(request).expect("fixture is a request");
    let message = client.send_message("a/b c?", &body).await.expect("decodes");
    assert_eq!(message.id, "68597f2a95fb0298e5c128b5");
    assert_eq!(message.erro_code.as_deref(), Some("402"));
}

#[tokio::test]
async fn a_path_parameter_that_would_change_the_endpoint_is_refused_before_sending() {
    use msgen_sdk::datacrazy::{Client, Error, SendMessageRequest};
    use msgen_sdk::runtime::BuildErrorKind;
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(reply(
            200,
            &fixture("datacrazy", "send_message.response.json"),
        ))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("t")
        .build()
        .expect("client");
    let body: SendMessageRequest =
        serde_json::from_value(fixture("datacrazy", "send_message.request.json"))
            .expect("fixture is a request");
    for (value, shown) in [("..", "is `..`"), (".", "is `.`"), ("", "is empty")] {
        let error = client
            .send_message(value, &body)
            .await
            .expect_err("would post elsewhere");
        let Error::Build(build) = &error else {
            panic!("{value:?}: expected a build error, got {error}")
        };
        assert_eq!(
            build.kind,
            BuildErrorKind::PathParameter {
                name: Some("id"),
                value,
            }
        );
        assert_eq!(
            error.to_string(),
            format!(
                "cannot build the request: path parameter `id` {shown}, which would change the endpoint"
            )
        );
        assert_eq!(error.attempts(), 0);
    }
    assert_eq!(
        server.received_requests().await.expect("recorded").len(),
        0,
        "nothing was sent"
    );
    // Dots inside a value are plain text.
    client
        .send_message("...", &body)
        .await
        .expect("a three-dot id is an id");
    let seen = server.received_requests().await.expect("recorded");
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].url.path(), "/api/v1/conversations/.../messages");
}

#[tokio::test]
async fn datacrazy_stream_walks_every_page_and_stops_at_count() {
    use msgen_sdk::datacrazy::{Client, ListConversationsQuery};
    let server = MockServer::start().await;
    let conversation = fixture("datacrazy", "list_conversations.response.json")["data"][0].clone();
    Mock::given(method("GET"))
        .and(path("/api/v1/conversations"))
        .respond_with(move |request: &Request| {
            let skip: usize = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "skip")
                .map_or(0, |(_, v)| v.parse().unwrap_or(0));
            let take: usize = request
                .url
                .query_pairs()
                .find(|(k, _)| k == "take")
                .map_or(0, |(_, v)| v.parse().unwrap_or(0));
            let items: Vec<Value> = (skip..(skip + take).min(5))
                .map(|i| {
                    let mut c = conversation.clone();
                    c["id"] = json!(format!("conv-{i}"));
                    c
                })
                .collect();
            reply(200, &json!({"count": 5, "data": items}))
        })
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("t")
        .build()
        .expect("client");
    let ids: Vec<String> = client
        .list_conversations_stream(&ListConversationsQuery::new().with_take(2))
        .map(|item| item.expect("page decodes").id)
        .collect()
        .await;
    assert_eq!(ids, ["conv-0", "conv-1", "conv-2", "conv-3", "conv-4"]);
    let requests = server.received_requests().await.expect("recorded");
    let skips: Vec<String> = requests
        .iter()
        .map(|r| {
            r.url
                .query_pairs()
                .find(|(k, _)| k == "skip")
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        })
        .collect();
    assert_eq!(
        skips,
        ["0", "2", "4"],
        "advances skip by take and stops at count"
    );
}

#[tokio::test]
async fn wegly_send_message_json_with_origin_and_referer() {
    use msgen_sdk::wegly::{Client, SendMessageRequest};
    let server = MockServer::start().await;
    let request = fixture("wegly", "send_message.request.json");
    let chat = "3c90c3cc-0d44-4b50-8888-8dd25736052a";
    Mock::given(method("POST"))
        .and(path(format!(
            "/integrations/external/chats/{chat}/messages"
        )))
        .and(header("authorization", "Bearer wg"))
        .and(header("origin", "https://app.example.com"))
        .and(header("referer", "https://app.example.com"))
        .and(body_json(&request))
        .respond_with(reply(200, &fixture("wegly", "send_message.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("wg")
        .allowed_domain("https://app.example.com")
        .build()
        .expect("client");
    let body: SendMessageRequest = serde_json::from_value(request).expect("fixture is a request");
    let page = client
        .send_message(chat.parse().expect("uuid"), &body)
        .await
        .expect("decodes");
    assert_eq!(page.total, Some(123));
    let quoted = page.records.expect("records")[0]
        .quoted_message
        .clone()
        .expect("quoted");
    assert_eq!(quoted.page, Some(2));
}

#[tokio::test]
async fn wegly_send_message_multipart_with_a_file() {
    use msgen_sdk::runtime::FilePart;
    use msgen_sdk::wegly::{Client, SendMessageMultipartRequest, SendMessageType};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(reply(200, &fixture("wegly", "send_message.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("wg")
        .build()
        .expect("client");
    let file = FilePart::from_bytes(&b"%PDF-1.4 test"[..], "contrato.pdf", "application/pdf");
    let body = SendMessageMultipartRequest::new(SendMessageType::Document, file)
        .with_body("Segue o contrato");
    client
        .send_message_multipart(uuid::Uuid::nil(), &body)
        .await
        .expect("decodes");
    let requests = server.received_requests().await.expect("recorded");
    let request = &requests[0];
    let content_type = request
        .headers
        .get("content-type")
        .expect("content type")
        .to_str()
        .expect("ascii");
    assert!(
        content_type.starts_with("multipart/form-data; boundary="),
        "{content_type}"
    );
    let body = String::from_utf8_lossy(&request.body);
    assert!(body.contains("name=\"type\"\r\n\r\ndocument\r\n"), "{body}");
    assert!(
        body.contains("name=\"body\"\r\n\r\nSegue o contrato\r\n"),
        "{body}"
    );
    assert!(body.contains("name=\"file\"; filename=\"contrato.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4 test"), "{body}");
    assert!(
        !body.contains("reference_wamid"),
        "absent fields are left out: {body}"
    );
}

#[tokio::test]
async fn ziik_needs_a_base_url_and_sends_an_explicit_null_parent() {
    use msgen_sdk::ziik::{Client, CreateMessageRequest};
    let error = Client::builder()
        .token("z")
        .build()
        .expect_err("no base URL");
    assert!(error.to_string().contains("base_url"), "{error}");
    assert!(
        error.to_string().starts_with("cannot build the client: "),
        "{error}"
    );

    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/conversations/42/messages"))
        .and(body_json(json!({"message": "Hello!", "parent_id": null})))
        .respond_with(reply(201, &fixture("ziik", "create_message.response.json")))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("z")
        .build()
        .expect("client");
    let message = client
        .create_message(
            42,
            &CreateMessageRequest::new("Hello!").with_parent_id(None),
        )
        .await
        .expect("decodes");
    assert_eq!(message.id, 1);
    assert_eq!(message.parent, Some(Value::Null));
}

#[tokio::test]
async fn interflow_unwraps_the_envelope_and_sends_each_documented_request() {
    use msgen_sdk::interflow::{Client, MessageContent, MessageStatus, Plan, SendMessageRequest};
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v1/messages/send"))
        .and(header("authorization", "Bearer if_live_abc123"))
        .respond_with(reply(
            201,
            &fixture("interflow", "send_message.response.json"),
        ))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("if_live_abc123")
        .plan(Plan::Enterprise)
        .build()
        .expect("client");
    let files = ["", ".image", ".document", ".location", ".template"];
    for suffix in files {
        let request = fixture("interflow", &format!("send_message.request{suffix}.json"));
        let body: SendMessageRequest =
            serde_json::from_value(request.clone()).expect("fixture is a request");
        let message = client.send_message(&body).await.expect("decodes");
        assert_eq!(message.status, MessageStatus::Sent);
        assert!(matches!(message.message_content, MessageContent::Text(_)));
        let sent = server
            .received_requests()
            .await
            .expect("recorded")
            .last()
            .expect("a request")
            .body_json::<Value>()
            .expect("json");
        assert_eq!(sent, request, "the wire body equals the doc example");
    }
    assert_eq!(
        server.received_requests().await.expect("recorded").len(),
        files.len()
    );
}

#[tokio::test]
async fn response_access_gives_status_headers_and_raw_body() {
    use msgen_sdk::interflow::{Client, SendMessageRequest};
    let server = MockServer::start().await;
    let body = fixture("interflow", "send_message.response.json");
    Mock::given(method("POST"))
        .respond_with(reply(201, &body).insert_header("x-request-id", "r-1"))
        .mount(&server)
        .await;
    let client = Client::builder()
        .base_url(server.uri())
        .token("t")
        .retry_policy(no_retry())
        .timeout(Duration::from_secs(5))
        .build()
        .expect("client");
    let request: SendMessageRequest =
        serde_json::from_value(fixture("interflow", "send_message.request.json")).expect("request");
    let response = client
        .send_message(&request)
        .header("x-trace", "abc")
        .send_with_response()
        .await
        .expect("decodes");
    assert_eq!(response.status.as_u16(), 201);
    assert_eq!(
        response
            .headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok()),
        Some("r-1")
    );
    assert_eq!(
        serde_json::from_slice::<Value>(&response.raw).expect("json"),
        body
    );
    assert_eq!(response.value.id, "msg_abc123xyz");
    let seen = server.received_requests().await.expect("recorded");
    assert_eq!(
        seen[0].headers.get("x-trace").and_then(|v| v.to_str().ok()),
        Some("abc")
    );
}
