//! The two public knobs of job progress: [`Timeline`] (how long each status lasts) and
//! [`ResourceKind`] (which resources progress at all). Their own file because a test
//! configures them through the public API, while the rest of the simulator's data is private.

use std::time::Duration;

/// How long a simulated job spends in each status before it completes (or fails).
///
/// `pending` is the first status of a job and `processing` the second; per resource:
///
/// | resource | first (`pending`) | second (`processing`) |
/// |---|---|---|
/// | video | `pending` | `processing` |
/// | video translation, lipsync | `pending` | `running` |
/// | video agent session | `thinking` | `generating` (a `chat` session waits in `waiting_for_input` between them, until a message answers) |
/// | proofread | `processing` for both durations | |
/// | avatar | `processing` for both (a digital twin waits in `pending_consent` between them) | |
/// | AI clipping | `pending` | `running` |
/// | background removal | `pending` | `processing` |
/// | voice clone | `processing` for both | |
/// | file of an asset upload batch, from the batch's completion | `pending` (read as `queued`) | `processing` |
///
/// `injected` is how long a status added with
/// [`Simulator::inject_status`](crate::testing::Simulator::inject_status) lasts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeline {
    /// Time in the first status (default 1 s).
    pub pending: Duration,
    /// Time in the second status (default 2 s).
    pub processing: Duration,
    /// Time in an injected status (default 1 s).
    pub injected: Duration,
}

impl Default for Timeline {
    fn default() -> Self {
        Self {
            pending: Duration::from_secs(1),
            processing: Duration::from_secs(2),
            injected: Duration::from_secs(1),
        }
    }
}

impl Timeline {
    /// A timeline with these two durations; an injected status lasts as long as `pending`.
    pub fn new(pending: Duration, processing: Duration) -> Self {
        Self {
            pending,
            processing,
            injected: pending,
        }
    }

    /// Jobs that are finished as soon as they are created.
    pub fn instant() -> Self {
        Self {
            pending: Duration::ZERO,
            processing: Duration::ZERO,
            injected: Duration::ZERO,
        }
    }

    /// Time from creation to the end of a job without injected statuses or consent.
    pub fn total(&self) -> Duration {
        self.pending + self.processing
    }
}

/// The kinds of simulated resources whose status progresses over time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ResourceKind {
    /// `/v3/videos`.
    Video,
    /// `/v3/video-translations`.
    VideoTranslation,
    /// `/v3/video-translations/proofreads`.
    Proofread,
    /// `/v3/lipsyncs`.
    Lipsync,
    /// `/v3/video-agents` (a session's run).
    VideoAgentSession,
    /// `/v3/avatars` created through the API (groups and looks).
    Avatar,
    /// `/v3/ai-clipping`.
    AiClipping,
    /// `/v3/background-removals`.
    BackgroundRemoval,
    /// `/v3/voices/clone` (a cloned voice, read at `/v3/voices/{voice_id}`).
    VoiceClone,
    /// `/v3/assets/complete/batches`: each file of a completed asset upload batch, ingested
    /// (read at `/v3/assets/batches/{batch_id}`).
    AssetUpload,
}
