//! The generated builders take plain values (the post-pass's `optional_setters` and
//! `member_builders`): `&str` for text, constrained text checked in the setter, the old
//! `Some(…)` / `None` / `String` / newtype forms, nested builders, and a union member's builder
//! wherever the union is expected.

use heygen_sys::types::error::ConversionError;
use heygen_sys::types::{
    AssetReference, AssetUrl, CreateVideoAgentRequest, CreateVideoFromAvatar,
    CreateVideoFromAvatarScript, CreateVideoTranslationRequest, CreateVideoV3RequestBody,
    VideoDetail, VideoStatus, VoiceSettingsInput,
};

#[test]
fn text_setters_take_str_for_required_and_optional_fields() {
    let callback = String::from("c");
    let video = CreateVideoFromAvatar::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id("a")
            .voice_id("v")
            .script("Hello")
            .title("x")
            .callback_id(&callback),
    )
    .unwrap();
    assert_eq!(video.avatar_id, "a");
    assert_eq!(video.voice_id.as_deref(), Some("v"));
    assert_eq!(video.script.as_deref().map(String::as_str), Some("Hello"));
    assert_eq!(video.title.as_deref(), Some("x"));
    assert_eq!(video.callback_id.as_deref(), Some("c"));
    let json = serde_json::to_value(&video).unwrap();
    assert_eq!(json["script"], "Hello");
    assert_eq!(json["type"], "avatar");
}

#[test]
fn the_old_forms_still_compile_and_mean_the_same() {
    let script: CreateVideoFromAvatarScript = "Hello".parse().unwrap();
    let new = CreateVideoFromAvatar::builder()
        .avatar_id("a")
        .voice_id("v")
        .script("Hello");
    let old = CreateVideoFromAvatar::builder()
        .avatar_id("a".to_string())
        .voice_id(Some("v".to_string()))
        .script(Some("Hello".parse().unwrap()))
        .title(None);
    let newtype = CreateVideoFromAvatar::builder()
        .avatar_id("a")
        .voice_id("v".to_string())
        .script(script.clone());
    let owned = CreateVideoFromAvatar::builder()
        .avatar_id("a")
        .voice_id("v")
        .script(String::from("Hello"));
    let expected = CreateVideoFromAvatar::try_from(new).unwrap();
    for builder in [old, newtype, owned] {
        assert_eq!(CreateVideoFromAvatar::try_from(builder).unwrap(), expected);
    }
    // `None` clears a field set before.
    let cleared = CreateVideoFromAvatar::builder()
        .avatar_id("a")
        .title("x")
        .title(None);
    assert_eq!(
        CreateVideoFromAvatar::try_from(cleared).unwrap().title,
        None
    );
}

#[test]
fn constrained_text_is_checked_in_the_setter_and_fails_the_conversion() {
    let builder = CreateVideoFromAvatar::builder()
        .avatar_id("a")
        .voice_id("v")
        .script("");
    let error: ConversionError = CreateVideoFromAvatar::try_from(builder).unwrap_err();
    let message = error.to_string();
    assert!(message.contains("script"), "{message}");
    assert!(message.contains("shorter than 1"), "{message}");
    // A later valid value replaces the rejected one.
    let fixed = CreateVideoFromAvatar::builder()
        .avatar_id("a")
        .script("")
        .script("Hi");
    assert!(CreateVideoFromAvatar::try_from(fixed).is_ok());
}

#[test]
fn a_required_constrained_text_field_takes_str_too() {
    let request = CreateVideoAgentRequest::try_from(
        CreateVideoAgentRequest::builder().prompt("A product demo"),
    )
    .unwrap();
    assert_eq!(request.prompt.as_str(), "A product demo");
    let error = CreateVideoAgentRequest::try_from(CreateVideoAgentRequest::builder().prompt(""))
        .unwrap_err();
    assert!(error.to_string().contains("prompt"), "{error}");
}

#[test]
fn a_missing_required_field_names_it() {
    let error =
        CreateVideoFromAvatar::try_from(CreateVideoFromAvatar::builder().script("Hi")).unwrap_err();
    assert!(error.to_string().contains("avatar_id"), "{error}");
}

#[test]
fn a_union_members_builder_converts_to_the_union() {
    let body = CreateVideoV3RequestBody::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id("a")
            .voice_id("v")
            .script("Hello"),
    )
    .unwrap();
    let CreateVideoV3RequestBody::Avatar(video) = &body else {
        panic!("not the avatar member: {body:?}")
    };
    assert_eq!(video.avatar_id, "a");
    assert_eq!(serde_json::to_value(&body).unwrap()["type"], "avatar");

    let error = CreateVideoV3RequestBody::try_from(
        CreateVideoFromAvatar::builder().avatar_id("a").script(""),
    )
    .unwrap_err();
    assert!(error.to_string().contains("script"), "{error}");
}

/// The shape of a resource method that takes its request as `impl TryInto<Union>`.
#[derive(Debug)]
struct CallError(String);

impl From<ConversionError> for CallError {
    fn from(error: ConversionError) -> Self {
        Self(error.to_string())
    }
}

impl From<std::convert::Infallible> for CallError {
    fn from(never: std::convert::Infallible) -> Self {
        match never {}
    }
}

fn create<E: Into<CallError>>(
    request: impl TryInto<CreateVideoV3RequestBody, Error = E>,
) -> Result<&'static str, CallError> {
    Ok(request.try_into().map_err(Into::into)?.tag())
}

#[test]
fn a_method_taking_try_into_the_union_accepts_the_builder_the_member_and_the_union() {
    let builder = || {
        CreateVideoFromAvatar::builder()
            .avatar_id("a")
            .voice_id("v")
            .script("Hello")
    };
    assert_eq!(create(builder()).unwrap(), "avatar");
    let member = CreateVideoFromAvatar::try_from(builder()).unwrap();
    assert_eq!(create(member.clone()).unwrap(), "avatar");
    assert_eq!(
        create(CreateVideoV3RequestBody::from(member)).unwrap(),
        "avatar"
    );
    let CallError(message) = create(builder().script("")).unwrap_err();
    assert!(message.contains("script"), "{message}");
}

#[test]
fn optional_fields_take_nested_builders_and_union_members() {
    let video = CreateVideoFromAvatar::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id("a")
            .voice_settings(VoiceSettingsInput::builder().speed(1.25)),
    )
    .unwrap();
    assert_eq!(video.voice_settings.unwrap().speed, 1.25);

    let translation = CreateVideoTranslationRequest::try_from(
        CreateVideoTranslationRequest::builder()
            .video(AssetUrl::builder().url("https://example.com/v.mp4"))
            .output_languages(vec!["fr".to_string()])
            .audio(AssetUrl::builder().url("https://example.com/a.mp3")),
    )
    .unwrap();
    assert!(matches!(&translation.video, AssetReference::Url(u) if u.url.ends_with("v.mp4")));
    assert!(matches!(&translation.audio, Some(AssetReference::Url(u)) if u.url.ends_with("a.mp3")));
}

#[test]
fn response_types_are_built_through_their_builders() {
    let video = VideoDetail::try_from(
        VideoDetail::builder()
            .id("v1")
            .status(VideoStatus::Completed)
            .video_url("https://example.com/v.mp4"),
    )
    .unwrap();
    assert_eq!(video.id, "v1");
    assert_eq!(
        video.video_url.as_deref(),
        Some("https://example.com/v.mp4")
    );
}
