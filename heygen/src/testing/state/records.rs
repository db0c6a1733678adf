//! The resources that are jobs: videos, translations and their proofreads, lipsyncs, video
//! agent sessions, AI clippings, background removals and voice clones. Those the API creates,
//! lists and calls back about share a [`Record`] (listing key, id, title, `callback_id`, job),
//! so that what they have in common is written, and made, in one place.

use heygen_sys::types::{AiClippingClipAspectRatio, SessionMessage};
use tokio::time::Instant;

use super::jobs::Job;

/// What every job the API creates, lists and calls back about has, whatever its kind.
#[derive(Debug, Clone)]
pub(crate) struct Record {
    /// The listing key: later resources have larger ones.
    pub seq: u64,
    pub id: String,
    pub title: Option<String>,
    pub callback_id: Option<String>,
    pub job: Job,
}

/// A video (`/v3/videos`).
#[derive(Debug, Clone)]
pub(crate) struct Video {
    pub record: Record,
    pub folder_id: Option<String>,
    pub duration: f64,
}

/// A video translation.
#[derive(Debug, Clone)]
pub(crate) struct Translation {
    pub record: Record,
    pub input_language: Option<String>,
    pub output_language: String,
    pub translate_audio_only: bool,
    /// Asked for captions (`enable_caption`): the finished translation has caption URLs.
    pub captions: bool,
    pub duration: f64,
}

/// A proofread of a translation.
#[derive(Debug, Clone)]
pub(crate) struct Proofread {
    pub id: String,
    pub title: String,
    pub input_language: Option<String>,
    pub output_language: String,
    pub submitted: bool,
    pub job: Job,
}

/// A lipsync (overdub).
#[derive(Debug, Clone)]
pub(crate) struct Lipsync {
    pub record: Record,
    pub duration: f64,
}

/// A video agent session: its runs' videos, oldest first (a `chat` session renders nothing
/// until its plan is answered), the current run's job, and the messages so far.
#[derive(Debug, Clone)]
pub(crate) struct Session {
    pub seq: u64,
    pub id: String,
    pub title: Option<String>,
    pub created: Instant,
    pub videos: Vec<String>,
    pub job: Job,
    pub messages: Vec<SessionMessage>,
}

impl Session {
    /// The video of the current run, once it renders one.
    pub(crate) fn video_id(&self) -> Option<&str> {
        self.videos.last().map(String::as_str)
    }
}

/// An AI clipping job: one clip per requested duration.
#[derive(Debug, Clone)]
pub(crate) struct Clipping {
    pub record: Record,
    pub input_language: Option<String>,
    pub aspect_ratio: AiClippingClipAspectRatio,
    /// The requested durations as the API writes them (`30`, `60`, `180`, `long`).
    pub durations: Vec<String>,
}

/// A background-removal job; a create repeating its `request_id` returns it.
#[derive(Debug, Clone)]
pub(crate) struct Removal {
    pub seq: u64,
    pub id: String,
    pub request_id: Option<String>,
    pub layers: Vec<String>,
    pub job: Job,
}
