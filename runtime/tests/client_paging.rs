//! Each paging style against wiremock, with the requests counted, and every way a list
//! ends: a short or empty page, the total, no next cursor or URL, a repeated one, the page
//! cap, and a next URL on another origin (not requested).

#![cfg(feature = "client")]

mod common;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use msgen_runtime::__private::{Client, Locator, Method, Paging, RequestSpec};
use msgen_runtime::{BuildErrorKind, DecodeFailure, Error, TryStreamExt, decode};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use common::{NoAuth, QueryKey, builder};

#[derive(serde::Deserialize)]
struct List {
    data: Vec<Value>,
}

fn data(body: &[u8]) -> Result<Vec<Value>, DecodeFailure> {
    decode::<List>(body).map(|list| list.data)
}

fn query(request: &Request, name: &str) -> Option<String> {
    request
        .url
        .query_pairs()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
}

fn page(items: std::ops::Range<u64>) -> Value {
    json!({"data": items.map(|i| json!(i)).collect::<Vec<_>>()})
}

async fn all(client: &Client<NoAuth>, paging: Paging) -> Result<Vec<Value>, Error<Value>> {
    let spec = RequestSpec::new(Method::GET, "/list", &["list"]).query(vec![("q", "x".into())]);
    client.items(spec, data, paging).try_collect().await
}

async fn received(server: &MockServer) -> usize {
    server.received_requests().await.expect("recorded").len()
}

#[tokio::test]
async fn offset_stops_at_a_short_page_and_at_the_total() {
    let server = MockServer::start().await;
    Mock::given(path("/list"))
        .respond_with(|request: &Request| {
            let offset: u64 = query(request, "offset")
                .and_then(|v| v.parse().ok())
                .unwrap_or(99);
            assert_eq!(query(request, "limit").as_deref(), Some("2"));
            assert_eq!(
                query(request, "q").as_deref(),
                Some("x"),
                "the list's own query stays"
            );
            let end = (offset + 2).min(5);
            ResponseTemplate::new(200)
                .set_body_json(page(offset..end))
                .insert_header("x-total", "5")
        })
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    let items = all(&client, Paging::offset("offset", "limit", 2))
        .await
        .expect("items");
    assert_eq!(items, [0, 1, 2, 3, 4].map(|i| json!(i)));
    assert_eq!(received(&server).await, 3);

    // With the total known, a full last page is not followed by another request.
    server.reset().await;
    Mock::given(path("/list"))
        .respond_with(|request: &Request| {
            let offset: u64 = query(request, "offset")
                .and_then(|v| v.parse().ok())
                .unwrap_or(99);
            ResponseTemplate::new(200)
                .set_body_json(page(offset..offset + 2))
                .insert_header("x-total", "4")
        })
        .mount(&server)
        .await;
    let paging = Paging::offset("offset", "limit", 2).total(Locator::Header("x-total"));
    assert_eq!(all(&client, paging).await.expect("items").len(), 4);
    assert_eq!(received(&server).await, 2);
}

#[tokio::test]
async fn page_numbers_with_the_total_in_a_header_and_an_empty_page() {
    let server = MockServer::start().await;
    Mock::given(path("/list"))
        .respond_with(|request: &Request| {
            let page_no: u64 = query(request, "page")
                .and_then(|v| v.parse().ok())
                .unwrap_or(99);
            assert_eq!(query(request, "size").as_deref(), Some("2"));
            let items = if page_no <= 2 {
                (page_no - 1) * 2..page_no * 2
            } else {
                0..0
            };
            ResponseTemplate::new(200)
                .set_body_json(page(items))
                .insert_header("x-total", "4")
                .insert_header("x-page", page_no.to_string().as_str())
        })
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    let with_total = Paging::page_number("page", "size", 2).total(Locator::Header("x-total"));
    assert_eq!(all(&client, with_total).await.expect("items").len(), 4);
    assert_eq!(received(&server).await, 2);
    // Without the total, the empty third page ends it.
    let pages: Vec<_> = client
        .pages::<Value, Value>(
            RequestSpec::new(Method::GET, "/list", &["list"]),
            data,
            Paging::page_number("page", "size", 2),
        )
        .try_collect()
        .await
        .expect("pages");
    assert_eq!(pages.len(), 2, "the empty page is not yielded");
    assert_eq!(received(&server).await, 2 + 3);
}

#[tokio::test]
async fn a_cursor_from_the_body_ends_when_absent_or_repeated() {
    let server = MockServer::start().await;
    Mock::given(path("/list"))
        .respond_with(|request: &Request| {
            let body = match query(request, "after").as_deref() {
                None => json!({"data": [1], "paging": {"cursors": {"after": "c1"}}}),
                Some("c1") => json!({"data": [2], "paging": {"cursors": {"after": "c2"}}}),
                _ => json!({"data": [3], "paging": {}}),
            };
            ResponseTemplate::new(200).set_body_json(body)
        })
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    let paging = Paging::cursor("after", Locator::Body("/paging/cursors/after"));
    assert_eq!(
        all(&client, paging).await.expect("items"),
        [json!(1), json!(2), json!(3)]
    );
    assert_eq!(received(&server).await, 3);

    server.reset().await;
    Mock::given(path("/list"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": [1], "next_cursor": "same"})),
        )
        .mount(&server)
        .await;
    let paging = Paging::cursor("starting_after", Locator::Body("/next_cursor"));
    assert_eq!(all(&client, paging).await.expect("items").len(), 2);
    assert_eq!(
        received(&server).await,
        2,
        "the repeated cursor is not followed"
    );
}

#[tokio::test]
async fn the_page_cap_ends_a_list_that_never_does() {
    let server = MockServer::start().await;
    let counter = Arc::new(AtomicU32::new(0));
    let seen = Arc::clone(&counter);
    Mock::given(path("/list"))
        .respond_with(move |_: &Request| {
            let n = seen.fetch_add(1, Ordering::SeqCst);
            ResponseTemplate::new(200).set_body_json(json!({"data": [n], "next": format!("c{n}")}))
        })
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    let paging = Paging::cursor("cursor", Locator::Body("/next")).max_pages(3);
    assert_eq!(all(&client, paging).await.expect("items").len(), 3);
    assert_eq!(counter.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn next_urls_relative_absolute_repeated_and_on_another_origin() {
    let server = MockServer::start().await;
    let elsewhere = MockServer::start().await;
    let base = server.uri();
    let other = elsewhere.uri();
    Mock::given(method("GET"))
        .respond_with(move |request: &Request| {
            let body = match query(request, "Page").as_deref() {
                // Twilio: a path relative to the host; the key must still be sent.
                None => json!({"data": [1], "meta": {"next_page_url": "/list?Page=1"}}),
                Some("1") => {
                    json!({"data": [2], "meta": {"next_page_url": format!("{base}/list?Page=2")}})
                }
                Some("2") => {
                    json!({"data": [3], "meta": {"next_page_url": format!("{base}/list?Page=2")}})
                }
                _ => json!({"data": []}),
            };
            ResponseTemplate::new(200).set_body_json(body)
        })
        .mount(&server)
        .await;
    let client = builder::<QueryKey>(&server.uri())
        .token("K")
        .build()
        .expect("client");
    let paging = Paging::next_url(Locator::Body("/meta/next_page_url"));
    let items: Vec<Value> = client
        .items::<Value, Value>(
            RequestSpec::new(Method::GET, "/list", &["list"]),
            data,
            paging,
        )
        .try_collect()
        .await
        .expect("items");
    assert_eq!(
        items,
        [json!(1), json!(2), json!(3)],
        "the repeated URL is not followed"
    );
    let requests = server.received_requests().await.expect("recorded");
    assert_eq!(requests.len(), 3);
    assert!(
        requests
            .iter()
            .all(|r| query(r, "key").as_deref() == Some("K"))
    );

    // A next URL on another origin is not requested: the page comes, then the error.
    server.reset().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": [1], "paging": {"next": format!("{other}/list?after=x&access_token=K")}}),
        ))
        .mount(&server)
        .await;
    let results: Vec<_> =
        msgen_runtime::StreamExt::collect::<Vec<_>>(client.pages::<Value, Value>(
            RequestSpec::new(Method::GET, "/list", &["list"]),
            data,
            Paging::next_url(Locator::Body("/paging/next")),
        ))
        .await;
    assert_eq!(results.len(), 2);
    assert!(results[0].is_ok());
    let Err(Error::Build(error)) = &results[1] else {
        panic!("{:?}", results[1]);
    };
    assert_eq!(error.kind, BuildErrorKind::NextPageUrl);
    assert!(!error.to_string().contains("access_token"), "{error}");
    assert_eq!(received(&elsewhere).await, 0);
}

#[tokio::test]
async fn the_link_header() {
    let server = MockServer::start().await;
    let base = server.uri();
    Mock::given(path("/list"))
        .and(query_param("page", "2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(2..4)))
        .mount(&server)
        .await;
    Mock::given(path("/list"))
        .respond_with(move |_: &Request| {
            ResponseTemplate::new(200)
                .set_body_json(page(0..2))
                .insert_header(
                    "link",
                    format!(
                        r#"<{base}/list?page=1>; rel="prev", <{base}/list?page=2>; rel="next""#
                    )
                    .as_str(),
                )
        })
        .mount(&server)
        .await;
    let client = builder::<NoAuth>(&server.uri()).build().expect("client");
    assert_eq!(
        all(&client, Paging::link_header())
            .await
            .expect("items")
            .len(),
        4
    );
    assert_eq!(received(&server).await, 2);
}
