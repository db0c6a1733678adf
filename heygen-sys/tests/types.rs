//! The generated types users rely on: tagged unions, open enums, defaulted tags.

use heygen_sys::types::{
    AssetInput, AssetUrl, AvatarStatus, CreateAvatarRequestBody, CreateVideoFromAvatar,
    CreateVideoFromImage, CreateVideoV3RequestBody, VideoStatus,
};
use serde_json::json;

fn avatar_video() -> CreateVideoV3RequestBody {
    let avatar: CreateVideoFromAvatar = CreateVideoFromAvatar::builder()
        .avatar_id("avatar_1".to_string())
        .script(Some("Hello".parse().unwrap()))
        .voice_id(Some("voice_1".to_string()))
        .try_into()
        .unwrap();
    avatar.into()
}

#[test]
fn avatar_and_image_videos_serialise_with_their_tags() {
    let json = serde_json::to_value(avatar_video()).unwrap();
    assert_eq!(json["type"], "avatar");
    assert_eq!(json["avatar_id"], "avatar_1");
    let url: AssetUrl = AssetUrl::builder()
        .url("https://example.com/face.png".to_string())
        .try_into()
        .unwrap();
    let image: CreateVideoFromImage = CreateVideoFromImage::builder()
        .image(AssetInput::from(url))
        .audio_url(Some("https://example.com/a.mp3".to_string()))
        .try_into()
        .unwrap();
    let json = serde_json::to_value(CreateVideoV3RequestBody::from(image)).unwrap();
    assert_eq!(json["type"], "image");
    assert_eq!(
        json["image"],
        json!({"type": "url", "url": "https://example.com/face.png"})
    );
}

#[test]
fn unions_deserialise_by_tag_and_name_an_unknown_tag() {
    let parsed: CreateVideoV3RequestBody = serde_json::from_value(
        json!({"type": "image", "image": {"type": "asset_id", "asset_id": "a1"}}),
    )
    .unwrap();
    let CreateVideoV3RequestBody::Image(image) = parsed else {
        panic!("wrong variant")
    };
    assert!(matches!(image.image, AssetInput::AssetId(ref a) if a.asset_id == "a1"));
    let err = serde_json::from_value::<CreateVideoV3RequestBody>(
        json!({"type": "video", "avatar_id": "x"}),
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("unknown type `video`") && err.contains("`avatar`, `image`"),
        "{err}"
    );
    let err = serde_json::from_value::<AssetInput>(json!({"url": "x"}))
        .unwrap_err()
        .to_string();
    assert!(err.contains("missing field `type`"), "{err}");
    let err = serde_json::from_value::<AssetInput>(json!({"type": "base64", "data": "AA=="}))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("AssetInput with type `base64`") && err.contains("media_type"),
        "{err}"
    );
    // TAGS is the document's member list: each tag is one, and no other is.
    let tags = CreateAvatarRequestBody::TAGS;
    assert!(!tags.is_empty());
    for tag in tags {
        let err = serde_json::from_value::<CreateAvatarRequestBody>(json!({"type": tag}))
            .map(|_| String::new())
            .unwrap_or_else(|e| e.to_string());
        assert!(!err.contains("unknown type"), "{tag}: {err}");
    }
    let err = serde_json::from_value::<CreateAvatarRequestBody>(json!({"type": "no_such_member"}))
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("unknown type `no_such_member`") && tags.iter().all(|t| err.contains(t)),
        "{err}"
    );
}

#[test]
fn unknown_statuses_deserialise_keep_the_raw_string_and_round_trip() {
    let status: VideoStatus = serde_json::from_value(json!("queued")).unwrap();
    assert_eq!(status, VideoStatus::Unknown("queued".into()));
    assert_eq!(serde_json::to_value(&status).unwrap(), json!("queued"));
    let avatar: AvatarStatus = serde_json::from_value(json!("training")).unwrap();
    assert!(avatar.is_unknown());
    assert_eq!(serde_json::to_string(&avatar).unwrap(), "\"training\"");
    let known: VideoStatus = serde_json::from_value(json!("completed")).unwrap();
    assert_eq!(known, VideoStatus::Completed);
    assert_eq!(known.to_string(), "completed");
    assert!(
        VideoStatus::KNOWN.contains(&"waiting"),
        "the overlay adds `waiting`"
    );
}

#[test]
fn the_asset_input_union_is_one_type_everywhere() {
    // Each of these fields compiles only if it is the shared `AssetInput`.
    fn takes(_: &AssetInput) {}
    let url: AssetUrl = AssetUrl::builder().url("u".to_string()).try_into().unwrap();
    let input = AssetInput::from(url);
    takes(&input);
    let photo: heygen_sys::types::CreatePhotoAvatarRequest =
        heygen_sys::types::CreatePhotoAvatarRequest::builder()
            .file(input.clone())
            .name("n".to_string())
            .try_into()
            .unwrap();
    takes(&photo.file);
    let image: CreateVideoFromImage = CreateVideoFromImage::builder()
        .image(input)
        .try_into()
        .unwrap();
    takes(&image.image);
}

/// With the `schemars` feature (the contract tests crate turns it on for workspace runs).
#[cfg(feature = "schemars")]
#[test]
fn request_types_expose_a_json_schema() {
    let schema = schemars::schema_for!(CreateVideoV3RequestBody);
    let text = serde_json::to_string(&schema).unwrap();
    assert!(
        text.contains("\"oneOf\"")
            && text.contains("CreateVideoFromAvatar")
            && text.contains("avatar_id"),
        "{text}"
    );
}
