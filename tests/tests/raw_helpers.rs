//! The helpers for operations reached through `client.raw()` (an operation newer than the
//! SDK's resource methods): `raw_data` unwraps the envelope into any type `data` fits,
//! `raw_pages` pages any cursor list, both with the client's auth and typed errors; shown on
//! two operations of the pinned document (their paths read from it) against a mock server.

use futures::FutureExt as _;
use heygen_contract_tests::Spec;
use heygen_sdk::{Client, Error};
use serde_json::{Value, json};
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder()
        .api_key("raw_helpers_key")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap()
}

#[tokio::test]
async fn raw_pages_follow_the_cursor_and_raw_data_unwraps_the_envelope() {
    let spec = Spec::shared().unwrap();
    let op = spec.operation("listVoicesV3").expect("a cursor-paged list");
    let server = MockServer::start().await;
    let item = |name: &str| {
        json!({"voice_id": name, "name": name, "gender": "female", "language": "English",
               "support_locale": false, "support_pause": false, "type": "public"})
    };
    Mock::given(method("GET"))
        .and(path(op.path.as_str()))
        .and(query_param("token", "second"))
        .and(header("x-api-key", "raw_helpers_key"))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({"data": [item("c")], "has_more": false, "next_token": null})),
        )
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path(op.path.as_str()))
        .and(header("x-api-key", "raw_helpers_key"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": [item("a"), item("b")], "has_more": true, "next_token": "second"}),
        ))
        .mount(&server)
        .await;
    let client = client(&server);

    let names: Vec<Value> = client
        .raw_pages::<Value, _, _, _>(|raw, token| {
            let request = raw.list_voices_v3();
            match token {
                Some(token) => request.token(token).send().boxed(),
                None => request.send().boxed(),
            }
        })
        .collect()
        .await
        .unwrap();
    let names: Vec<&str> = names.iter().filter_map(|v| v["name"].as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);

    // A typed page: the generated item type.
    let first = client
        .raw_pages::<heygen_sdk::types::AudioVoiceItem, _, _, _>(|raw, _| {
            raw.list_voices_v3().send().boxed()
        })
        .first_page()
        .await
        .unwrap();
    assert_eq!(first.items.len(), 2);
    assert_eq!(first.next_token.as_deref(), Some("second"));
}

#[tokio::test]
async fn raw_data_unwraps_or_fails_typed() {
    let spec = Spec::shared().unwrap();
    let op = spec.operation("getUserMeV3").expect("the current user");
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(op.path.as_str()))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {
            "username": "ada", "email": null, "first_name": null, "last_name": null
        }})))
        .mount(&server)
        .await;
    let client = client(&server);
    let me: Value = client
        .raw_data(client.raw().get_user_me_v3().send())
        .await
        .unwrap();
    assert_eq!(me["username"], "ada");
    // `data` is there but is not a number: a typed decode error naming the operation.
    let err = client
        .raw_data::<u64, _, _, _>(client.raw().get_user_me_v3().send())
        .await
        .unwrap_err();
    match err {
        Error::Decode {
            operation, message, ..
        } => {
            assert_eq!(operation, "getUserMeV3");
            assert!(message.contains("does not fit"), "{message}");
        }
        other => panic!("{other:?}"),
    }
}
