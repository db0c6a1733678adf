//! Webhook deliveries: the body HeyGen POSTs to your endpoint, parsed into an [`Event`].
//!
//! ```
//! use heygen_sdk::webhooks::{Event, EventType, Payload};
//!
//! let body = br#"{"event_type": "avatar_video.success",
//!                 "event_data": {"video_id": "v1", "url": "https://files.example/v1.mp4", "callback_id": "order-42"}}"#;
//! let event = Event::parse(body)?;
//! assert_eq!(event.event_type, EventType::AvatarVideoSuccess);
//! assert_eq!(event.succeeded(), Some(true));
//! match &event.payload {
//!     Payload::Video(video) => assert_eq!(video.url.as_deref(), Some("https://files.example/v1.mp4")),
//!     other => panic!("{other:?}"),
//! }
//! assert_eq!((event.job_id(), event.callback_id()), (Some("v1"), Some("order-42")));
//! # Ok::<(), heygen_sdk::webhooks::ParseError>(())
//! ```
//!
//! The event type is the API description's open enum ([`EventType`], with `Unknown` for a type
//! it does not list yet). The payloads of the video, translation, personalized-video and
//! video-agent events are typed, after HeyGen's guide "Using HeyGen's Webhook Events"; every
//! field is optional (a delivery may leave any out) and fields this SDK does not know are kept
//! in `extra`. Every other event type's data is [`Payload::Other`], as delivered, and the whole
//! body stays in [`Event::raw`].
//!
//! **Signatures are not verified here.** An endpoint's signing secret (`whsec_…`) comes back
//! from [`Webhooks::create_endpoint`](crate::resources::webhooks::Webhooks::create_endpoint)
//! and [`rotate_secret`](crate::resources::webhooks::Webhooks::rotate_secret), but HeyGen does
//! not document how deliveries are signed (header, payload, algorithm), so this SDK does not
//! guess: checking a delivery is left to the application until HeyGen documents the scheme. Until
//! then, treat a delivery as a hint and confirm it with the API (`client.videos().get(id)`)
//! before acting on it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use heygen_sys::types::WebhookEventResponse;
pub use heygen_sys::types::WebhookEventType as EventType;

/// One webhook delivery.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Event {
    /// `avatar_video.success`, `video_translate.fail`, …; `Unknown` keeps a type this SDK does
    /// not know.
    pub event_type: EventType,
    /// The delivery's id, when the body has one (deliveries listed by
    /// [`Webhooks::list_events`](crate::resources::webhooks::Webhooks::list_events) do): use it
    /// to drop a delivery seen before.
    pub event_id: Option<String>,
    /// The `event_data`, typed by event type.
    pub payload: Payload,
    /// The whole body, as delivered.
    pub raw: Value,
}

/// An event's `event_data`.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Payload {
    /// `avatar_video.*`, `avatar_video_gif.*` (the GIF's URL in `url`) and
    /// `avatar_video_caption.*`.
    Video(VideoEvent),
    /// `video_translate.*`.
    Translation(TranslationEvent),
    /// `personalized_video`.
    PersonalizedVideo(PersonalizedVideoEvent),
    /// `video_agent.*`.
    VideoAgent(VideoAgentEvent),
    /// Any other event type's data (avatars, proofreads, types added later), as delivered.
    Other(Map<String, Value>),
}

/// The data of a video event: `{video_id, url, callback_id}` on success, `{video_id, msg,
/// callback_id}` on failure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct VideoEvent {
    /// The video.
    pub video_id: Option<String>,
    /// On success, the video's (or the GIF's) URL: presigned, it expires; download it soon or
    /// ask the API for a fresh one.
    pub url: Option<String>,
    /// On failure, what went wrong.
    pub msg: Option<String>,
    /// The `callback_id` given when the video was created.
    pub callback_id: Option<String>,
    /// Every other field, as delivered.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The data of a translation event: `{video_translate_id, url, callback_id, output_language}`
/// on success, `{video_translate_id, message, callback_id, output_language}` on failure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct TranslationEvent {
    /// The translation.
    pub video_translate_id: Option<String>,
    /// On success, the translated video's URL.
    pub url: Option<String>,
    /// On failure, what went wrong.
    pub message: Option<String>,
    /// The `callback_id` given when the translation was created.
    pub callback_id: Option<String>,
    /// The translation's language.
    pub output_language: Option<String>,
    /// Every other field, as delivered.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The data of a `personalized_video` event.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct PersonalizedVideoEvent {
    /// The personalized-video project.
    pub project_id: Option<String>,
    /// The video made for this contact.
    pub video_id: Option<String>,
    /// Its URL.
    pub video_url: Option<String>,
    /// Its landing page.
    pub landing_page_url: Option<String>,
    /// Its GIF preview.
    pub gif_url: Option<String>,
    /// HTML embedding the GIF preview.
    pub gif_html: Option<String>,
    /// The contact the video was made for, as delivered (its shape is not documented).
    pub contact_info: Option<Value>,
    /// Every other field, as delivered.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// The data of a `video_agent.*` event. HeyGen's guide lists the event types but not their
/// data; these are the ids the API's video-agent sessions carry, read when present, and
/// `video_id`/`url`/`msg`/`callback_id` as in [`VideoEvent`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
#[non_exhaustive]
pub struct VideoAgentEvent {
    /// The video-agent session.
    pub session_id: Option<String>,
    /// The video the session made.
    pub video_id: Option<String>,
    /// On success, the video's URL, when the delivery carries it.
    pub url: Option<String>,
    /// On failure, what went wrong, when the delivery says.
    pub msg: Option<String>,
    /// The `callback_id` given at creation, if any.
    pub callback_id: Option<String>,
    /// Every other field, as delivered.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

/// A body that is not a webhook delivery: not JSON, not an object, no `event_type` string, an
/// `event_data` that is not an object, or a typed field of the wrong type.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a HeyGen webhook delivery: {message}")]
pub struct ParseError {
    message: String,
}

impl ParseError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
        }
    }
}

impl Event {
    /// Parses a delivery's raw body (`{"event_type": …, "event_data": {…}}`).
    pub fn parse(body: &[u8]) -> Result<Event, ParseError> {
        let raw: Value =
            serde_json::from_slice(body).map_err(|e| ParseError::new(format!("not JSON ({e})")))?;
        Self::from_value(raw)
    }

    /// Reads a delivery already parsed as JSON.
    pub fn from_value(raw: Value) -> Result<Event, ParseError> {
        let Some(body) = raw.as_object() else {
            return Err(ParseError::new("the body is not a JSON object"));
        };
        let Some(event_type) = body.get("event_type").and_then(Value::as_str) else {
            return Err(ParseError::new("no `event_type` string"));
        };
        let event_type = EventType::from(event_type);
        let data = match body.get("event_data") {
            None | Some(Value::Null) => Map::new(),
            Some(Value::Object(data)) => data.clone(),
            Some(_) => return Err(ParseError::new("`event_data` is not an object")),
        };
        let event_id = body
            .get("event_id")
            .and_then(Value::as_str)
            .map(str::to_string);
        let payload = Payload::read(&event_type, data)?;
        Ok(Event {
            event_type,
            event_id,
            payload,
            raw,
        })
    }

    /// `Some(true)` for a `….success` event, `Some(false)` for a `….fail`, `None` for the
    /// others (`personalized_video`, …).
    pub fn succeeded(&self) -> Option<bool> {
        let event_type = self.event_type.as_str();
        if event_type.ends_with(".success") {
            Some(true)
        } else if event_type.ends_with(".fail") {
            Some(false)
        } else {
            None
        }
    }

    /// The id of the job the event is about: the video, translation or video-agent session
    /// (for other events, their data's `id`-like field is in [`Payload::Other`]).
    pub fn job_id(&self) -> Option<&str> {
        match &self.payload {
            Payload::Video(video) => video.video_id.as_deref(),
            Payload::Translation(translation) => translation.video_translate_id.as_deref(),
            Payload::PersonalizedVideo(video) => video.video_id.as_deref(),
            Payload::VideoAgent(agent) => agent.session_id.as_deref(),
            Payload::Other(_) => None,
        }
    }

    /// The `callback_id` given when the job was created, when the event carries one.
    pub fn callback_id(&self) -> Option<&str> {
        match &self.payload {
            Payload::Video(video) => video.callback_id.as_deref(),
            Payload::Translation(translation) => translation.callback_id.as_deref(),
            Payload::VideoAgent(agent) => agent.callback_id.as_deref(),
            Payload::PersonalizedVideo(_) => None,
            Payload::Other(data) => data.get("callback_id").and_then(Value::as_str),
        }
    }
}

impl Payload {
    fn read(event_type: &EventType, data: Map<String, Value>) -> Result<Payload, ParseError> {
        fn typed<T: serde::de::DeserializeOwned>(
            event_type: &EventType,
            data: Map<String, Value>,
        ) -> Result<T, ParseError> {
            serde_json::from_value(Value::Object(data))
                .map_err(|e| ParseError::new(format!("`event_data` of {event_type}: {e}")))
        }
        // By the type's prefix, so that outcomes added later (`video_translate.preflight…`)
        // keep their family's payload.
        let family = event_type
            .as_str()
            .split_once('.')
            .map_or(event_type.as_str(), |(family, _)| family);
        Ok(match family {
            "avatar_video" | "avatar_video_gif" | "avatar_video_caption" => {
                Payload::Video(typed(event_type, data)?)
            }
            "video_translate" => Payload::Translation(typed(event_type, data)?),
            "personalized_video" => Payload::PersonalizedVideo(typed(event_type, data)?),
            "video_agent" => Payload::VideoAgent(typed(event_type, data)?),
            _ => Payload::Other(data),
        })
    }
}

impl TryFrom<WebhookEventResponse> for Event {
    type Error = ParseError;

    /// A delivered event as listed by
    /// [`Webhooks::list_events`](crate::resources::webhooks::Webhooks::list_events).
    fn try_from(listed: WebhookEventResponse) -> Result<Event, ParseError> {
        let raw = serde_json::to_value(&listed)
            .map_err(|e| ParseError::new(format!("the listed event does not serialise: {e}")))?;
        Event::from_value(raw)
    }
}
