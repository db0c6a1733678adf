//! `createAvatarVideoV3` → `createVideo`: the flat body of `POST /v3/videos` as it was until
//! April 2026, and its conversion into the `type`-discriminated body the API takes now.

use heygen_sys::types::{
    AssetId, AssetInput, AssetUrl, BackgroundSetting, CreateAvatarVideoResponse,
    CreateVideoFromAvatar, CreateVideoFromAvatarScript, CreateVideoFromImage,
    CreateVideoFromImageScript, CreateVideoV3RequestBody, Expressiveness, OutputFormat,
    VideoAspectRatio, VideoResolution, VoiceSettingsInput,
};
use serde::{Deserialize, Serialize};

use crate::error::Error;

/// The API's message when a legacy body names no visual source or several.
pub const VISUAL_SOURCE_MESSAGE: &str =
    "Exactly one visual source required: avatar_id, image_url, or image_asset_id.";

/// The message when a legacy body has no speech source or several (`script` is mutually
/// exclusive with `audio_url`/`audio_asset_id`).
pub const AUDIO_SOURCE_MESSAGE: &str =
    "Exactly one audio source required: script, audio_url, or audio_asset_id.";

/// The flat request body of the old `POST /v3/videos` (operation `createAvatarVideoV3`, until
/// April 2026), field for field as HeyGen's 2026-04-06 description lists it.
///
/// It deserialises the JSON users stored for the old call (`null` counts as absent; a field the
/// old body did not have is an error rather than silently dropped) and converts with
/// [`TryFrom`] into the new [`CreateVideoV3RequestBody`]:
///
/// | legacy field | new body |
/// |---|---|
/// | `avatar_id` | `type: "avatar"`, `avatar_id` |
/// | `image_url` | `type: "image"`, `image: {type: "url", url}` |
/// | `image_asset_id` | `type: "image"`, `image: {type: "asset_id", asset_id}` |
/// | every other field | the same name in the chosen variant |
///
/// Exactly one visual source (`avatar_id`, `image_url`, `image_asset_id`) and exactly one speech
/// source (`script`, `audio_url`, `audio_asset_id`) are required; a `script` needs a `voice_id`.
///
/// ```
/// use heygen_sdk::migrate::LegacyCreateVideoRequest;
/// use heygen_sdk::types::CreateVideoV3RequestBody;
///
/// let stored = r#"{"image_url": "https://example.com/me.png", "script": "Hi!", "voice_id": "v1"}"#;
/// let legacy: LegacyCreateVideoRequest = serde_json::from_str(stored)?;
/// let body = CreateVideoV3RequestBody::try_from(legacy)?;
/// assert_eq!(
///     serde_json::to_value(&body)?,
///     serde_json::json!({
///         "type": "image",
///         "image": {"type": "url", "url": "https://example.com/me.png"},
///         "script": "Hi!",
///         "voice_id": "v1",
///         "output_format": "mp4"
///     })
/// );
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// A body with two visual sources is refused with the API's own words:
///
/// ```
/// use heygen_sdk::migrate::LegacyCreateVideoRequest;
/// use heygen_sdk::types::CreateVideoV3RequestBody;
///
/// let legacy = LegacyCreateVideoRequest {
///     avatar_id: Some("a1".into()),
///     image_url: Some("https://example.com/me.png".into()),
///     script: Some("Hi!".into()),
///     voice_id: Some("v1".into()),
///     ..Default::default()
/// };
/// let error = CreateVideoV3RequestBody::try_from(legacy).unwrap_err();
/// assert!(matches!(
///     error,
///     heygen_sdk::Error::InvalidRequest { field: Some(ref f), ref message }
///         if f == "avatar_id, image_url"
///         && message == "Exactly one visual source required: avatar_id, image_url, or image_asset_id."
/// ));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[doc(alias = "createAvatarVideoV3")]
pub struct LegacyCreateVideoRequest {
    /// HeyGen avatar ID (photo avatar or video avatar). Mutually exclusive with `image_url` and
    /// `image_asset_id`. Becomes `type: "avatar"` with `avatar_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub avatar_id: Option<String>,
    /// Public URL of an image to animate. Becomes `type: "image"` with
    /// `image: {type: "url", url}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
    /// HeyGen asset ID of an uploaded image. Becomes `type: "image"` with
    /// `image: {type: "asset_id", asset_id}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_asset_id: Option<String>,
    /// Voice ID for text-to-speech or speech-to-speech. Required when `script` is provided.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_id: Option<String>,
    /// Text script for the avatar to speak. Requires `voice_id`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<String>,
    /// Public URL of an audio file to lip-sync. Mutually exclusive with `script`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_url: Option<String>,
    /// HeyGen asset ID of an uploaded audio file. Mutually exclusive with `script`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio_asset_id: Option<String>,
    /// Display title for the video in the HeyGen dashboard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Output video resolution (`1080p`, `720p`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<VideoResolution>,
    /// Output video aspect ratio (`16:9`, `9:16`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aspect_ratio: Option<VideoAspectRatio>,
    /// Background settings (`color` with `value`, or `image` with `url` or `asset_id`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub background: Option<BackgroundSetting>,
    /// Remove the avatar background.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub remove_background: Option<bool>,
    /// Avatar expressiveness level (`high`, `medium`, `low`). Photo avatars only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expressiveness: Option<Expressiveness>,
    /// Natural-language prompt controlling avatar body motion. Photo avatars only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub motion_prompt: Option<String>,
    /// Voice tuning parameters (speed 0.5–1.5, pitch −50–+50, locale).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voice_settings: Option<VoiceSettingsInput>,
    /// Webhook URL to receive a POST notification when the video is ready.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_url: Option<String>,
    /// Caller-defined identifier echoed back in the webhook payload.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub callback_id: Option<String>,
}

/// The one visual source of a valid legacy body.
enum Visual {
    Avatar(String),
    Image(AssetInput),
}

/// Exactly one of `fields` must be set; else an error naming the set ones (or, when none
/// is, the first).
fn exactly_one<const N: usize>(
    fields: [(&'static str, &Option<String>); N],
    message: &str,
) -> crate::Result<()> {
    let set: Vec<&str> = fields
        .iter()
        .filter(|(_, value)| value.is_some())
        .map(|(name, _)| *name)
        .collect();
    match set.len() {
        1 => Ok(()),
        0 => Err(Error::invalid(fields[0].0, message)),
        _ => Err(Error::invalid(set.join(", "), message)),
    }
}

impl LegacyCreateVideoRequest {
    /// Checks the rules the old endpoint enforced (and that the new schema cannot express),
    /// without converting: one visual source, one speech source, `voice_id` with `script`,
    /// a non-empty `script`, `voice_settings` within range.
    pub fn validate(&self) -> crate::Result<()> {
        let visual = [
            ("avatar_id", &self.avatar_id),
            ("image_url", &self.image_url),
            ("image_asset_id", &self.image_asset_id),
        ];
        let speech = [
            ("script", &self.script),
            ("audio_url", &self.audio_url),
            ("audio_asset_id", &self.audio_asset_id),
        ];
        exactly_one(visual, VISUAL_SOURCE_MESSAGE)?;
        exactly_one(speech, AUDIO_SOURCE_MESSAGE)?;
        if let Some(script) = &self.script {
            if script.is_empty() {
                return Err(Error::invalid("script", "script must not be empty."));
            }
            if self.voice_id.is_none() {
                return Err(Error::invalid(
                    "voice_id",
                    "voice_id is required when script is provided.",
                ));
            }
        }
        if let Some(settings) = &self.voice_settings {
            if !(0.5..=1.5).contains(&settings.speed) {
                return Err(Error::invalid(
                    "voice_settings.speed",
                    format!(
                        "Playback speed multiplier must be 0.5 (half speed) to 1.5 (1.5x speed); got {}.",
                        settings.speed
                    ),
                ));
            }
            if !(-50.0..=50.0).contains(&settings.pitch) {
                return Err(Error::invalid(
                    "voice_settings.pitch",
                    format!(
                        "Pitch adjustment in semitones must be -50 to +50; got {}.",
                        settings.pitch
                    ),
                ));
            }
        }
        Ok(())
    }
}

impl TryFrom<LegacyCreateVideoRequest> for CreateVideoV3RequestBody {
    type Error = Error;

    /// Converts the flat body into the union; see [`LegacyCreateVideoRequest`] for the rules.
    fn try_from(legacy: LegacyCreateVideoRequest) -> crate::Result<Self> {
        legacy.validate()?;
        let LegacyCreateVideoRequest {
            avatar_id,
            image_url,
            image_asset_id,
            voice_id,
            script,
            audio_url,
            audio_asset_id,
            title,
            resolution,
            aspect_ratio,
            background,
            remove_background,
            expressiveness,
            motion_prompt,
            voice_settings,
            callback_url,
            callback_id,
        } = legacy;
        let visual = match (avatar_id, image_url, image_asset_id) {
            (Some(id), None, None) => Visual::Avatar(id),
            (None, Some(url), None) => Visual::Image(AssetInput::Url(AssetUrl {
                type_: Default::default(),
                url,
            })),
            (None, None, Some(asset_id)) => Visual::Image(AssetInput::AssetId(AssetId {
                type_: Default::default(),
                asset_id,
            })),
            // `validate` already refused every other combination.
            _ => return Err(Error::invalid("avatar_id", VISUAL_SOURCE_MESSAGE)),
        };
        let script_error =
            |e: heygen_sys::types::error::ConversionError| Error::invalid("script", e.to_string());
        Ok(match visual {
            Visual::Avatar(avatar_id) => CreateVideoV3RequestBody::Avatar(CreateVideoFromAvatar {
                aspect_ratio,
                audio_asset_id,
                audio_url,
                avatar_id,
                background,
                callback_id,
                callback_url,
                // Fields the API added later than the flat body: their defaults.
                caption: None,
                engine: None,
                expressiveness,
                fit: None,
                motion_prompt,
                output_format: OutputFormat::Mp4,
                remove_background,
                resolution,
                script: script
                    .map(CreateVideoFromAvatarScript::try_from)
                    .transpose()
                    .map_err(script_error)?,
                title,
                type_: Default::default(),
                voice_id,
                voice_settings,
                watermark: None,
            }),
            Visual::Image(image) => CreateVideoV3RequestBody::Image(CreateVideoFromImage {
                aspect_ratio,
                audio_asset_id,
                audio_url,
                background,
                callback_id,
                callback_url,
                caption: None,
                expressiveness,
                fit: None,
                image,
                motion_prompt,
                output_format: OutputFormat::Mp4,
                remove_background,
                resolution,
                script: script
                    .map(CreateVideoFromImageScript::try_from)
                    .transpose()
                    .map_err(script_error)?,
                title,
                type_: Default::default(),
                voice_id,
                voice_settings,
                watermark: None,
            }),
        })
    }
}

impl crate::resources::videos::Videos {
    /// The old `createAvatarVideoV3` call: converts the flat legacy body into the new union
    /// (see [`LegacyCreateVideoRequest`]) and sends it with [`create`](Self::create)
    /// (`createVideo`, `POST /v3/videos`). A body the conversion refuses is not sent; the call
    /// fails with [`Error::InvalidRequest`] naming the fields.
    ///
    /// ```no_run
    /// # #![allow(deprecated)]
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// let stored = r#"{"avatar_id": "Angela-inblackskirt-20220820", "script": "Hi!", "voice_id": "v1"}"#;
    /// let legacy = serde_json::from_str(stored).unwrap();
    /// let video = client.videos().create_avatar_video_v3(legacy).await?;
    /// println!("{} {}", video.video_id, video.status);
    /// # Ok(()) }
    /// ```
    #[deprecated(
        since = "0.1.0",
        note = "`createAvatarVideoV3` is now `createVideo`: use videos().create, which takes the legacy body \
                as it is (or a CreateVideoFromAvatar builder); see MIGRATING.md"
    )]
    #[doc(alias = "createAvatarVideoV3")]
    pub async fn create_avatar_video_v3(
        &self,
        legacy: LegacyCreateVideoRequest,
    ) -> crate::Result<CreateAvatarVideoResponse> {
        self.create(legacy).await
    }
}
