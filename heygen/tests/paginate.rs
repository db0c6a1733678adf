//! Auto-pagination: order, laziness, max_items, repeated cursors, and every cursor list of the
//! document reachable through `.items()`.

mod spec_cache;

use std::collections::BTreeSet;

use futures::TryStreamExt;
use heygen_sdk::{Client, Error, Paginator};
use serde_json::{Value, json};
use wiremock::matchers::{method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap()
}

fn page(ids: std::ops::Range<u32>, next: Option<&str>) -> Value {
    let data: Vec<Value> = ids
        .map(|i| json!({"id": format!("v{i}"), "status": "completed"}))
        .collect();
    json!({"data": data, "has_more": next.is_some(), "next_token": next})
}

async fn five_pages(server: &MockServer) {
    Mock::given(method("GET"))
        .and(path("/v3/videos"))
        .and(query_param_is_missing("token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0..3, Some("t1"))))
        .mount(server)
        .await;
    for n in 1..5u32 {
        let next = (n < 4).then(|| format!("t{}", n + 1));
        Mock::given(method("GET"))
            .and(path("/v3/videos"))
            .and(query_param("token", format!("t{n}")))
            .respond_with(
                ResponseTemplate::new(200).set_body_json(page(n * 3..n * 3 + 3, next.as_deref())),
            )
            .mount(server)
            .await;
    }
}

#[tokio::test]
async fn five_pages_yield_every_item_once_in_order() {
    let server = MockServer::start().await;
    five_pages(&server).await;
    let paginator = client(&server)
        .videos()
        .list_with(|r| r.limit(std::num::NonZeroU64::new(3).unwrap()));
    assert!(
        server.received_requests().await.unwrap().is_empty(),
        "lazy: nothing sent before polling"
    );
    let ids: Vec<String> = paginator
        .items()
        .map_ok(|v| v.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, (0..15).map(|i| format!("v{i}")).collect::<Vec<_>>());
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 5);
    assert!(
        requests
            .iter()
            .all(|r| r.url.query().unwrap_or("").contains("limit=3"))
    );
}

#[tokio::test]
async fn max_items_stops_without_an_extra_request_and_exposes_the_cursor() {
    let server = MockServer::start().await;
    five_pages(&server).await;
    let mut items = client(&server).videos().list().max_items(6).items();
    let mut ids = Vec::new();
    while let Some(v) = items.try_next().await.unwrap() {
        ids.push(v.id);
    }
    assert_eq!(ids.len(), 6);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
    assert_eq!(items.next_token().as_deref(), Some("t2"));
    let resumed: Vec<String> = client(&server)
        .videos()
        .list()
        .resume_from("t2")
        .items()
        .map_ok(|v| v.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(resumed.first().map(String::as_str), Some("v6"));
}

#[tokio::test]
async fn a_repeated_cursor_ends_the_stream_with_an_error() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(query_param_is_missing("token"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(0..2, Some("same"))))
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(query_param("token", "same"))
        .respond_with(ResponseTemplate::new(200).set_body_json(page(2..4, Some("same"))))
        .mount(&server)
        .await;
    let results: Vec<Result<heygen_sdk::types::VideoDetail, Error>> =
        futures::StreamExt::collect(client(&server).videos().list().items()).await;
    assert_eq!(results.len(), 5, "4 items then the error, then the end");
    assert!(
        matches!(&results[4], Err(Error::RepeatedCursor { cursor, operation: "listVideosV3" }) if cursor == "same"),
        "{:?}",
        results[4]
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

/// A listing of one item a page (the cursor the page was fetched at, `-` for the first) whose
/// next cursors `next` gives.
fn chain(next: fn(&str) -> &'static str) -> Paginator<String> {
    Paginator::new(move |token: Option<String>| async move {
        let at = token.unwrap_or_else(|| "-".to_string());
        let next_token = Some(next(&at).to_string());
        Ok(heygen_sdk::Page {
            items: vec![at],
            has_more: true,
            next_token,
        })
    })
}

async fn listed(pages: Paginator<String>) -> Vec<Result<String, String>> {
    let items: Vec<Result<String, Error>> = futures::StreamExt::collect(pages.items()).await;
    items
        .into_iter()
        .map(|item| {
            item.map_err(|error| match error {
                Error::RepeatedCursor { cursor, .. } => format!("repeated {cursor}"),
                other => format!("{other:?}"),
            })
        })
        .collect()
}

#[tokio::test]
async fn a_cursor_met_again_pages_later_or_the_one_resumed_from_is_caught() {
    // - → a → b → c → a: the fourth page sends the first page's cursor again.
    let cycle = chain(|at| match at {
        "-" => "a",
        "a" => "b",
        "b" => "c",
        _ => "a",
    });
    let ok = |s: &str| Ok(s.to_string());
    assert_eq!(
        listed(cycle).await,
        [
            ok("-"),
            ok("a"),
            ok("b"),
            ok("c"),
            Err("repeated a".to_string())
        ]
    );
    // Resumed from r, whose page points back at r.
    let back = chain(|at| if at == "r" { "s" } else { "r" }).resume_from("r");
    assert_eq!(
        listed(back).await,
        [ok("r"), ok("s"), Err("repeated r".to_string())]
    );
}

#[tokio::test]
async fn the_first_error_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(401).set_body_json(
                json!({"error": {"code": "authentication_failed", "message": "no"}}),
            ),
        )
        .mount(&server)
        .await;
    let results: Vec<_> =
        futures::StreamExt::collect::<Vec<_>>(client(&server).videos().list().pages()).await;
    assert_eq!(results.len(), 1);
    assert_eq!(
        results[0].as_ref().unwrap_err().code(),
        Some("authentication_failed")
    );
}

async fn serve(server: &MockServer, token: Option<&str>, body: Value) {
    let mock = Mock::given(method("GET")).and(path("/v3/videos"));
    let mock = match token {
        Some(token) => mock.and(query_param("token", token)),
        None => mock.and(query_param_is_missing("token")),
    };
    mock.respond_with(ResponseTemplate::new(200).set_body_json(body))
        .mount(server)
        .await;
}

fn videos(ids: std::ops::Range<u32>) -> Value {
    ids.map(|i| json!({"id": format!("v{i}"), "status": "completed"}))
        .collect()
}

#[tokio::test]
async fn has_more_without_a_cursor_is_an_error_after_the_page() {
    let server = MockServer::start().await;
    serve(
        &server,
        None,
        json!({"data": videos(0..2), "has_more": true}),
    )
    .await;
    let results: Vec<_> =
        futures::StreamExt::collect::<Vec<_>>(client(&server).videos().list().items()).await;
    assert_eq!(results.len(), 3, "{results:?}");
    assert!(
        matches!(
            &results[2],
            Err(Error::MissingCursor {
                operation: "listVideosV3"
            })
        ),
        "{:?}",
        results[2]
    );
    // With an empty cursor, likewise.
    let server = MockServer::start().await;
    serve(
        &server,
        None,
        json!({"data": videos(0..1), "has_more": true, "next_token": ""}),
    )
    .await;
    let err = client(&server).videos().list().collect().await.unwrap_err();
    assert!(matches!(err, Error::MissingCursor { .. }), "{err:?}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_missing_has_more_follows_the_cursor_when_there_is_one() {
    let server = MockServer::start().await;
    serve(
        &server,
        None,
        json!({"data": videos(0..2), "next_token": "t1"}),
    )
    .await;
    serve(&server, Some("t1"), json!({"data": videos(2..3)})).await;
    let ids: Vec<String> = client(&server)
        .videos()
        .list()
        .items()
        .map_ok(|v| v.id)
        .try_collect()
        .await
        .unwrap();
    assert_eq!(ids, ["v0", "v1", "v2"]);
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_run_of_empty_pages_ends_the_listing() {
    let server = MockServer::start().await;
    serve(
        &server,
        None,
        json!({"data": [], "has_more": true, "next_token": "e1"}),
    )
    .await;
    for n in 1..30 {
        serve(
            &server,
            Some(&format!("e{n}")),
            json!({"data": [], "has_more": true, "next_token": format!("e{}", n + 1)}),
        )
        .await;
    }
    let err = client(&server)
        .videos()
        .list()
        .max_empty_pages(5)
        .collect()
        .await
        .unwrap_err();
    assert!(
        matches!(
            err,
            Error::EmptyPages {
                pages: 5,
                operation: "listVideosV3"
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.received_requests().await.unwrap().len(), 5);
    let err = client(&server).videos().list().collect().await.unwrap_err();
    assert!(
        matches!(err, Error::EmptyPages { pages, .. } if pages == heygen_sdk::paginate::DEFAULT_MAX_EMPTY_PAGES),
        "{err:?}"
    );
}

/// Operation id → the SDK's paginator for it (first page only, items as JSON).
fn paginators(client: &Client) -> Vec<(&'static str, Paginator<Value>)> {
    vec![
        (
            "listVideoAgentStyles",
            first(client.video_agents().list_styles()),
        ),
        ("listAvatarGroups", first(client.avatars().list())),
        ("listAudioVoices", first(client.voices().list_v1())),
        ("listVoicesV3", first(client.voices().list())),
        ("listVideos", first(client.videos().list_v2())),
        ("listVideosV3", first(client.videos().list())),
        (
            "listVideoTranslationsV3",
            first(client.video_translations().list()),
        ),
        ("listLipsyncsV3", first(client.lipsyncs().list())),
        ("listAvatarLooks", first(client.avatars().list_looks())),
        (
            "listWebhookEndpoints",
            first(client.webhooks().list_endpoints()),
        ),
        ("listWebhookEvents", first(client.webhooks().list_events())),
        (
            "listVideoAgentSessions",
            first(client.video_agents().list_sessions()),
        ),
    ]
}

fn first<T: serde::Serialize + Send + 'static>(p: Paginator<T>) -> Paginator<Value> {
    let p = std::sync::Arc::new(p);
    Paginator::new(move |_| {
        let p = p.clone();
        async move {
            let page = p.first_page().await?;
            Ok(heygen_sdk::Page {
                items: page
                    .items
                    .iter()
                    .map(|i| serde_json::to_value(i).unwrap())
                    .collect(),
                has_more: false,
                next_token: None,
            })
        }
    })
}

fn cursor_lists_in_the_document() -> BTreeSet<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let lock = std::fs::read_to_string(root.join("openapi/spec.lock")).unwrap();
    let file = lock
        .lines()
        .find_map(|l| l.strip_prefix("file = "))
        .unwrap()
        .trim_matches('"');
    let path = spec_cache::cached(&root, file).unwrap_or_else(|e| panic!("{e}"));
    let text = std::fs::read_to_string(path).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    let mut out = BTreeSet::new();
    for item in doc["paths"].as_object().unwrap().values() {
        for op in item.as_object().unwrap().values() {
            let takes_token = op["parameters"]
                .as_array()
                .into_iter()
                .flatten()
                .any(|p| p["name"] == "token" && p["in"] == "query");
            if takes_token {
                out.insert(op["operationId"].as_str().unwrap().to_string());
            }
        }
    }
    out
}

#[tokio::test]
async fn every_cursor_list_of_the_document_is_reachable_through_items() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200).set_body_json(json!({"data": [], "has_more": false})),
        )
        .mount(&server)
        .await;
    let client = client(&server);
    let table = paginators(&client);
    let covered: BTreeSet<String> = table.iter().map(|(op, _)| op.to_string()).collect();
    let in_document = cursor_lists_in_the_document();
    // Every paginator lists an operation of the document; a cursor list the next document adds
    // is reached through `client.raw_pages` until a resource method covers it.
    assert!(covered.is_subset(&in_document), "{covered:?}");
    assert!(!covered.is_empty());
    let requests = covered.len();
    for (op, paginator) in table {
        let items = paginator
            .items()
            .try_collect::<Vec<_>>()
            .await
            .unwrap_or_else(|e| panic!("{op}: {e}"));
        assert!(items.is_empty(), "{op}");
    }
    assert_eq!(server.received_requests().await.unwrap().len(), requests);
}
