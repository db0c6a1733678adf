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
//! **Bodies are bounded.** A delivery is a few hundred bytes; [`Event::parse`] refuses a body
//! over [`MAX_BODY_BYTES`] (1 MiB) with [`ParseErrorKind::TooLarge`] before reading any of it
//! ([`Event::parse_with_limit`] sets another cap), and reads the rest once: the body is parsed
//! into [`Event::raw`], and the typed payload is read from it field by field (only the fields it
//! does not know are copied, into `extra`). So parsing holds the parsed body at most twice.
//! Read the request body under the same cap in the web framework (e.g. axum's
//! `DefaultBodyLimit::max(MAX_BODY_BYTES)`), so that an endpoint never buffers more.
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

/// The largest body [`Event::parse`] reads: 1 MiB. HeyGen's deliveries are a few hundred
/// bytes; a larger body is refused before it is parsed.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

/// A body that is not a webhook delivery: larger than the cap, not JSON, not an object, no
/// `event_type` string, an `event_data` that is not an object, or a typed field of the wrong
/// type. [`ParseError::kind`] tells a body over the cap from the others.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a HeyGen webhook delivery: {message}")]
pub struct ParseError {
    kind: ParseErrorKind,
    message: String,
}

/// What kind of body [`Event::parse`] refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// The body is larger than the cap; none of it was parsed.
    TooLarge {
        /// The body's length, in bytes.
        len: usize,
        /// The cap, in bytes.
        limit: usize,
    },
    /// The body is not a delivery (not JSON, not the delivery's shape).
    Invalid,
}

impl ParseError {
    fn new(message: impl Into<String>) -> Self {
        Self {
            kind: ParseErrorKind::Invalid,
            message: message.into(),
        }
    }

    /// Why the body was refused.
    pub fn kind(&self) -> ParseErrorKind {
        self.kind
    }
}

impl Event {
    /// Parses a delivery's raw body (`{"event_type": …, "event_data": {…}}`); a body over
    /// [`MAX_BODY_BYTES`] is refused unread.
    ///
    /// ```
    /// use heygen_sdk::webhooks::{Event, MAX_BODY_BYTES, ParseErrorKind};
    ///
    /// let huge = vec![b' '; MAX_BODY_BYTES + 1];
    /// let error = Event::parse(&huge).unwrap_err();
    /// assert!(matches!(error.kind(), ParseErrorKind::TooLarge { limit: MAX_BODY_BYTES, .. }));
    /// ```
    pub fn parse(body: &[u8]) -> Result<Event, ParseError> {
        Self::parse_with_limit(body, MAX_BODY_BYTES)
    }

    /// [`Event::parse`] with another cap than [`MAX_BODY_BYTES`], in bytes.
    pub fn parse_with_limit(body: &[u8], max_bytes: usize) -> Result<Event, ParseError> {
        if body.len() > max_bytes {
            return Err(ParseError {
                kind: ParseErrorKind::TooLarge {
                    len: body.len(),
                    limit: max_bytes,
                },
                message: format!(
                    "the body is {} bytes, over the {max_bytes}-byte limit",
                    body.len()
                ),
            });
        }
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
        let empty = Map::new();
        let data = match body.get("event_data") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(data)) => data,
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
    /// The typed payload of `data`, read from it in place: each known field deserialized from
    /// its value, the others copied into `extra` (no copy of the whole data first, no buffering
    /// of `#[serde(flatten)]`).
    fn read(event_type: &EventType, data: &Map<String, Value>) -> Result<Payload, ParseError> {
        // By the type's prefix, so that outcomes added later (`video_translate.preflight…`)
        // keep their family's payload.
        let family = event_type
            .as_str()
            .split_once('.')
            .map_or(event_type.as_str(), |(family, _)| family);
        let mut f = Fields {
            event_type,
            data,
            known: Vec::new(),
        };
        Ok(match family {
            "avatar_video" | "avatar_video_gif" | "avatar_video_caption" => {
                Payload::Video(VideoEvent {
                    video_id: f.get("video_id")?,
                    url: f.get("url")?,
                    msg: f.get("msg")?,
                    callback_id: f.get("callback_id")?,
                    extra: f.extra(),
                })
            }
            "video_translate" => Payload::Translation(TranslationEvent {
                video_translate_id: f.get("video_translate_id")?,
                url: f.get("url")?,
                message: f.get("message")?,
                callback_id: f.get("callback_id")?,
                output_language: f.get("output_language")?,
                extra: f.extra(),
            }),
            "personalized_video" => Payload::PersonalizedVideo(PersonalizedVideoEvent {
                project_id: f.get("project_id")?,
                video_id: f.get("video_id")?,
                video_url: f.get("video_url")?,
                landing_page_url: f.get("landing_page_url")?,
                gif_url: f.get("gif_url")?,
                gif_html: f.get("gif_html")?,
                contact_info: f.get("contact_info")?,
                extra: f.extra(),
            }),
            "video_agent" => Payload::VideoAgent(VideoAgentEvent {
                session_id: f.get("session_id")?,
                video_id: f.get("video_id")?,
                url: f.get("url")?,
                msg: f.get("msg")?,
                callback_id: f.get("callback_id")?,
                extra: f.extra(),
            }),
            _ => Payload::Other(data.clone()),
        })
    }
}

/// The fields of an `event_data`, read one by one.
struct Fields<'a> {
    event_type: &'a EventType,
    data: &'a Map<String, Value>,
    /// The fields read so far: not part of `extra`.
    known: Vec<&'static str>,
}

impl Fields<'_> {
    /// Field `key` as `T`; `None` when missing or `null`.
    fn get<T: serde::de::DeserializeOwned>(
        &mut self,
        key: &'static str,
    ) -> Result<Option<T>, ParseError> {
        self.known.push(key);
        match self.data.get(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => T::deserialize(value).map(Some).map_err(|e| {
                ParseError::new(format!("`event_data` of {}: `{key}`: {e}", self.event_type))
            }),
        }
    }

    /// Every field not read, as delivered.
    fn extra(&self) -> Map<String, Value> {
        self.data
            .iter()
            .filter(|(key, _)| !self.known.contains(&key.as_str()))
            .map(|(key, value)| (key.clone(), value.clone()))
            .collect()
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
