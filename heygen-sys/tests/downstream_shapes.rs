//! The generated shapes as a downstream crate sees them: unions, open enums, studio scenes.
//!
//! An integration test is compiled as its own crate that depends on `heygen-sys` like any user
//! of it by path: it links the library as built, sees only its `pub` API (no `#[cfg(test)]`
//! items, nothing crate-private), and names the types by their public paths. So what compiles
//! and passes here is what a crate outside the workspace can do: deserialise what HeyGen sends
//! into the generated types and write it back unchanged.

use heygen_sys::types::{
    AvatarVideoSceneInput, CreateVideoFromStudioScene, CreateVideoV3RequestBody,
    GetSessionResponse, VideoAgentSessionStatus, VideoAspectRatio,
};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};

/// Deserialises `value` as `T`, and checks that `T` writes back exactly `value`.
fn round_trip<T: DeserializeOwned + Serialize>(value: Value) -> T {
    let typed: T = serde_json::from_value(value.clone())
        .unwrap_or_else(|e| panic!("{value} does not deserialise: {e}"));
    assert_eq!(serde_json::to_value(&typed).unwrap(), value, "round trip");
    typed
}

#[test]
fn a_session_waiting_for_input_reads_and_writes_back() {
    let body = json!({
        "session_id": "sess_1",
        "status": "waiting_for_input",
        "progress": 40,
        "title": "Teaser",
        "video_id": null,
        "created_at": 1_753_000_000,
        "messages": [
            {"role": "user", "content": "A teaser", "type": "text", "created_at": 1_753_000_000},
            {"role": "assistant", "content": "Shall I go ahead?", "type": "text",
             "created_at": 1_753_000_020, "resource_ids": ["res_1"]}
        ]
    });
    let mut written = body.clone();
    // An absent optional is not written back (`skip_serializing_if`).
    written.as_object_mut().unwrap().remove("video_id");
    let session: GetSessionResponse = serde_json::from_value(body).unwrap();
    assert_eq!(session.status, VideoAgentSessionStatus::WaitingForInput);
    assert_eq!(session.status.as_str(), "waiting_for_input");
    assert_eq!(serde_json::to_value(&session).unwrap(), written);
    let message = json!({"role": "user", "content": "Hi", "type": "text"});
    let thinking = json!({"session_id": "s", "status": "thinking", "progress": 0, "created_at": 1, "messages": [message]});
    let session: GetSessionResponse = round_trip(thinking);
    assert_eq!(session.status, VideoAgentSessionStatus::Thinking);
    // A status HeyGen adds later is kept, not an error.
    let later = json!({"session_id": "s", "status": "rendering_audio", "progress": 0, "created_at": 1, "messages": [message]});
    let session: GetSessionResponse = round_trip(later);
    assert_eq!(
        session.status,
        VideoAgentSessionStatus::Unknown("rendering_audio".into())
    );
}

#[test]
fn every_aspect_ratio_reads_and_writes_back() {
    let ratio: VideoAspectRatio = round_trip(json!("auto"));
    assert_eq!(ratio, VideoAspectRatio::Auto);
    for raw in ["16:9", "9:16", "4:5", "5:4", "1:1", "auto"] {
        let ratio: VideoAspectRatio = round_trip(json!(raw));
        assert!(!ratio.is_unknown(), "{raw}");
        assert_eq!(ratio.as_str(), raw);
    }
}

#[test]
fn a_studio_video_reads_and_writes_back_member_by_member() {
    let body = json!({
        "type": "studio",
        "title": "Launch",
        "aspect_ratio": "auto",
        "scenes": [
            {"type": "avatar_video", "input": {
                "type": "avatar", "avatar_id": "Abigail_office_front",
                "script": "Welcome!", "voice_id": "v1"}},
            {"type": "image", "source": {"type": "url", "url": "https://example.com/slide.png"},
             "duration": 4.0},
            {"type": "video", "source": {"type": "asset_id", "asset_id": "ast_1"}}
        ]
    });
    let request: CreateVideoV3RequestBody = round_trip(body);
    let CreateVideoV3RequestBody::Studio(studio) = &request else {
        panic!("not the studio member: {request:?}")
    };
    assert_eq!(studio.aspect_ratio, Some(VideoAspectRatio::Auto));
    assert!(matches!(
        &studio.scenes[..],
        [
            CreateVideoFromStudioScene::AvatarVideo(first),
            CreateVideoFromStudioScene::Image(_),
            CreateVideoFromStudioScene::Video(_),
        ] if matches!(&first.input, AvatarVideoSceneInput::Avatar(avatar) if avatar.avatar_id == "Abigail_office_front")
    ));
    // A tag this version does not know is an error that names it, not a wrong member.
    let error = serde_json::from_value::<CreateVideoV3RequestBody>(json!({"type": "hologram"}))
        .unwrap_err()
        .to_string();
    assert!(error.contains("hologram"), "{error}");
}
