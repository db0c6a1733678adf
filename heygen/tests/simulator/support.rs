//! Helpers the simulator tests share: request builders, the API error inside an `Error`, raw
//! HTTP calls, and the `StandardAPIError` shape.

use heygen_sdk::Error;
use heygen_sdk::testing::Simulator;
use heygen_sdk::types::{
    AssetReference, AssetUrl, AssetUrlType, CreateVideoFromAvatar, CreateVideoFromAvatarScript,
};
use serde_json::Value;

pub(crate) fn avatar_video(sim: &Simulator, script: &str) -> CreateVideoFromAvatar {
    CreateVideoFromAvatar::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id(sim.avatar_id().expect("seeded avatars"))
            .script(CreateVideoFromAvatarScript::try_from(script).expect("a script"))
            .voice_id(sim.voice_id().expect("seeded voices")),
    )
    .expect("a complete request")
}

pub(crate) fn url(url: &str) -> AssetReference {
    AssetReference::Url(AssetUrl {
        type_: AssetUrlType::Url,
        url: url.to_string(),
    })
}

/// From JSON, for request types with many defaulted fields.
pub(crate) fn from_json<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("a valid request")
}

/// The API error inside an `Error`, or a panic naming what came instead.
pub(crate) fn api(error: &Error) -> &heygen_sdk::ApiError {
    match error {
        Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

/// A plain HTTP client (with the TLS provider the crate installs).
pub(crate) fn http() -> reqwest::Client {
    heygen_sdk::http_client_builder()
        .unwrap()
        .build()
        .expect("an HTTP client")
}

pub(crate) async fn raw_post(sim: &Simulator, path: &str, body: Value) -> (u16, Value) {
    let response = http()
        .post(format!("{}{path}", sim.base_url()))
        .header("x-api-key", sim.api_key())
        .json(&body)
        .send()
        .await
        .expect("the simulator answers");
    (
        response.status().as_u16(),
        response.json().await.expect("a JSON body"),
    )
}

/// Asserts the v3 `StandardAPIError` shape: exactly `code`, `message`, `param`, `doc_url`.
pub(crate) fn assert_standard_error(body: &Value, code: &str, param: Option<&str>) {
    let error = body["error"]
        .as_object()
        .unwrap_or_else(|| panic!("no `error` object in {body}"));
    let mut keys: Vec<&str> = error.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["code", "doc_url", "message", "param"], "{body}");
    assert_eq!(error["code"], code, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(error["param"].as_str(), param, "{body}");
    assert!(error["doc_url"].is_null(), "{body}");
}

/// The id of the first avatar group the simulator lists.
pub(crate) async fn sim_group(client: &heygen_sdk::Client) -> String {
    client.avatars().list().first_page().await.unwrap().items[0]
        .id
        .clone()
}
