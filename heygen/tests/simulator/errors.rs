//! Error answers: 401 without the key, 400 naming the param, 404 for unknown ids, all in the
//! `StandardAPIError` shape.

use heygen_sdk::testing::{ResourceKind, Simulator};
use serde_json::{Value, json};

use crate::support::{api, assert_standard_error, avatar_video, http, raw_post};

#[tokio::test]
async fn a_missing_or_wrong_key_is_401_authentication_failed() {
    let sim = Simulator::start().await;
    let http = http();
    let url = format!("{}/v3/users/me", sim.base_url());
    for request in [
        http.get(&url),
        http.get(&url).header("x-api-key", "wrong"),
        http.get(&url).bearer_auth("wrong"),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
        let body: Value = response.json().await.unwrap();
        assert_standard_error(&body, "authentication_failed", None);
        assert_eq!(
            body["error"]["message"],
            "Invalid or expired API key. Verify your x-api-key header."
        );
    }

    let wrong = Simulator::builder().api_key("another_key").start().await;
    let error = heygen_sdk::Client::builder()
        .api_key("sim_test_key")
        .base_url(wrong.base_url())
        .build()
        .unwrap()
        .users()
        .me()
        .await
        .unwrap_err();
    let api = api(&error);
    assert_eq!(
        (api.status, api.code.as_deref(), api.attempts),
        (401, Some("authentication_failed"), 1)
    );
    assert!(
        api.request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("sim_req_"))
    );

    // The key also works as a bearer token.
    let bearer = heygen_sdk::Client::builder()
        .bearer_token(sim.api_key())
        .base_url(sim.base_url())
        .build()
        .unwrap();
    assert_eq!(bearer.users().me().await.unwrap().username, "simulator");
}

#[tokio::test]
async fn bad_video_bodies_are_400_invalid_parameter_naming_the_param() {
    let sim = Simulator::start().await;
    let (avatar, voice) = (sim.avatar_id().unwrap(), sim.voice_id().unwrap());
    let cases = [
        (
            json!({"avatar_id": avatar, "script": "Hi", "voice_id": voice}),
            "type",
        ),
        (
            json!({"type": "hologram", "avatar_id": avatar, "script": "Hi", "voice_id": voice}),
            "type",
        ),
        (
            json!({"type": "avatar", "avatar_id": avatar, "script": "Hi"}),
            "voice_id",
        ),
        (
            json!({"type": "avatar", "avatar_id": avatar, "script": "Hi", "voice_id": voice, "audio_url": "https://example.com/a.mp3"}),
            "script",
        ),
        (json!({"type": "avatar", "avatar_id": avatar}), "script"),
        (
            json!({"type": "avatar", "script": "Hi", "voice_id": voice}),
            "avatar_id",
        ),
        (
            json!({"type": "avatar", "avatar_id": "no_such_look", "script": "Hi", "voice_id": voice}),
            "avatar_id",
        ),
        (
            json!({"type": "avatar", "avatar_id": avatar, "script": "Hi", "voice_id": "no_such_voice"}),
            "voice_id",
        ),
        (
            json!({"type": "image", "script": "Hi", "voice_id": voice}),
            "image",
        ),
        (
            json!({"type": "image", "image": {"type": "asset_id", "asset_id": "nope"}, "script": "Hi", "voice_id": voice}),
            "image.asset_id",
        ),
    ];
    for (body, param) in cases {
        let (status, answer) = raw_post(&sim, "/v3/videos", body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert_standard_error(&answer, "invalid_parameter", Some(param));
    }
    let (status, answer) = raw_post(&sim, "/v3/videos", json!([1, 2])).await;
    assert_eq!(status, 400);
    assert_standard_error(&answer, "invalid_parameter", None);
    assert_eq!(sim.count(ResourceKind::Video), 0);

    // The client sees the same as a typed error.
    let client = sim.client();
    let mut request = avatar_video(&sim, "Hi");
    request.voice_id = None;
    let error = client.videos().create(request).await.unwrap_err();
    let api = api(&error);
    assert_eq!(
        (api.status, api.code.as_deref(), api.param.as_deref()),
        (400, Some("invalid_parameter"), Some("voice_id"))
    );
}

#[tokio::test]
async fn unknown_ids_are_404_not_found_everywhere() {
    let sim = Simulator::start().await;
    let http = http();
    for path in [
        "/v3/videos/nope",
        "/v3/avatars/nope",
        "/v3/avatars/looks/nope",
        "/v3/lipsyncs/nope",
        "/v3/video-translations/nope",
        "/v3/video-translations/proofreads/nope",
        "/v3/video-agents/nope",
        "/v3/no-such-endpoint",
    ] {
        let response = http
            .get(format!("{}{path}", sim.base_url()))
            .header("x-api-key", sim.api_key())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_standard_error(&response.json().await.unwrap(), "not_found", None);
    }
    let error = sim.client().lipsyncs().get("nope").await.unwrap_err();
    assert_eq!(api(&error).message, "Lipsync not found.");
}

#[tokio::test]
async fn operations_without_a_route_answer_501_not_simulated_naming_them() {
    let missing = Simulator::not_simulated_operations().await;
    let sim = Simulator::start().await;
    let http = http();
    // Operations without a body or a required query parameter: a request is validated
    // against the document before any route answers it.
    let bare = |op: &&heygen_sys::request_rules::Operation| {
        op.body.is_none()
            && (op.parameters.iter())
                .all(|p| !p.required || p.location == heygen_sys::request_rules::Location::Path)
    };
    let mut checked = 0;
    for operation in heygen_sys::request_rules::OPERATIONS.iter().filter(bare) {
        let path: Vec<&str> = (operation.path.split('/'))
            .map(|s| if s.starts_with('{') { "sim" } else { s })
            .collect();
        let method = reqwest::Method::from_bytes(operation.method.as_bytes()).unwrap();
        let response = http
            .request(method, format!("{}{}", sim.base_url(), path.join("/")))
            .header("x-api-key", sim.api_key())
            .send()
            .await
            .unwrap();
        let status = response.status().as_u16();
        let body: Value = response.json().await.unwrap_or_default();
        let listed = missing.contains(&operation.id);
        assert_eq!(status == 501, listed, "{} {status} {body}", operation.id);
        if listed {
            assert_standard_error(&body, "not_simulated", None);
            let message = body["error"]["message"].as_str().unwrap_or_default();
            assert!(message.contains(operation.id), "{message}");
            checked += 1;
        }
    }
    let bare_missing = (heygen_sys::request_rules::OPERATIONS.iter())
        .filter(bare)
        .filter(|op| missing.contains(&op.id));
    assert_eq!(checked, bare_missing.count());
}
