//! The simulator's data: what exists, and how each job's status follows from the clock.
//!
//! Statuses are never stored: a job keeps its creation instant and its steps, and its status
//! is computed from `tokio::time::Instant::now()` whenever it is read. A test that pauses the
//! clock (`#[tokio::test(start_paused = true)]`) and calls `tokio::time::advance` moves every
//! job forward, and no timer runs inside the simulator.

use std::collections::HashMap;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::testing::batch::SimBatch;
use crate::testing::catalog::Catalog;
use crate::testing::gauge::Gauge;
use crate::testing::reply::response;
use axum::body::Bytes;
use heygen_sys::types::{
    AiClippingClipAspectRatio, AudioVoiceItem, AudioVoiceType, AvatarLookType,
    PreferredOrientation, SessionMessage, SessionMessageType,
};
use tokio::time::Instant;

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
///
/// `injected` is how long a status added with
/// [`Simulator::inject_status`](super::Simulator::inject_status) lasts.
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
}

/// One stretch of a job's life.
#[derive(Debug, Clone)]
pub(crate) enum Step {
    /// This status for this long.
    Timed(String, Duration),
    /// This status until the job is released (avatar consent).
    Gate(String),
}

/// Where a job is at an instant.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Phase {
    /// Still working: the status, and the fraction of the timed work done (0..1).
    Active { status: String, fraction: f64 },
    /// Finished at `at`.
    Done { failed: bool, at: Instant },
}

impl Phase {
    /// The status as the API writes it: the active one, `completed` or `failed`.
    pub(crate) fn status(&self) -> &str {
        match self {
            Phase::Active { status, .. } => status,
            Phase::Done { failed: false, .. } => "completed",
            Phase::Done { failed: true, .. } => "failed",
        }
    }

    pub(crate) fn completed(&self) -> bool {
        matches!(self, Phase::Done { failed: false, .. })
    }

    pub(crate) fn failed(&self) -> bool {
        matches!(self, Phase::Done { failed: true, .. })
    }

    /// The instant it finished.
    pub(crate) fn done_at(&self) -> Option<Instant> {
        match self {
            Phase::Done { at, .. } => Some(*at),
            Phase::Active { .. } => None,
        }
    }

    /// Progress in percent (100 once done).
    pub(crate) fn percent(&self) -> i64 {
        match self {
            Phase::Active { fraction, .. } => (fraction * 100.0).floor().clamp(0.0, 99.0) as i64,
            Phase::Done { .. } => 100,
        }
    }
}

/// A job: created at `start`, walking through `steps`, then completed or failed.
#[derive(Debug, Clone)]
pub(crate) struct Job {
    pub start: Instant,
    pub steps: Vec<Step>,
    pub fail: bool,
    /// When the job's gate opened.
    pub release: Option<Instant>,
    /// When the job was stopped (it then counts as failed, unless already done).
    pub stopped: Option<Instant>,
}

impl Job {
    /// The job of a new resource of `kind`.
    pub(crate) fn new(
        kind: ResourceKind,
        start: Instant,
        timeline: &Timeline,
        injected: Option<&str>,
        fail: bool,
        gated: bool,
    ) -> Self {
        let timed = |status: &str, duration: Duration| Step::Timed(status.to_string(), duration);
        let (first, second) = (timeline.pending, timeline.processing);
        let mut steps = match kind {
            ResourceKind::Video => vec![timed("pending", first), timed("processing", second)],
            ResourceKind::VideoTranslation | ResourceKind::Lipsync => {
                vec![timed("pending", first), timed("running", second)]
            }
            ResourceKind::Proofread => vec![timed("processing", first + second)],
            ResourceKind::VideoAgentSession if gated => {
                vec![
                    timed("thinking", first),
                    Step::Gate("waiting_for_input".into()),
                    timed("generating", second),
                ]
            }
            ResourceKind::VideoAgentSession => {
                vec![timed("thinking", first), timed("generating", second)]
            }
            ResourceKind::Avatar if gated => {
                vec![
                    timed("processing", first),
                    Step::Gate("pending_consent".into()),
                    timed("processing", second),
                ]
            }
            ResourceKind::Avatar => vec![timed("processing", first + second)],
            ResourceKind::AiClipping => vec![timed("pending", first), timed("running", second)],
            ResourceKind::BackgroundRemoval => {
                vec![timed("pending", first), timed("processing", second)]
            }
            ResourceKind::VoiceClone => vec![timed("processing", first + second)],
        };
        if let Some(status) = injected {
            steps.insert(1, timed(status, timeline.injected));
        }
        Self {
            start,
            steps,
            fail,
            release: None,
            stopped: None,
        }
    }

    /// When the job ends, unless a gate holds it (or it is stopped).
    pub(crate) fn ends_at(&self) -> Option<Instant> {
        let mut at = self.start;
        for step in &self.steps {
            match step {
                Step::Timed(_, duration) => at += *duration,
                Step::Gate(_) => return None,
            }
        }
        Some(at)
    }

    /// When the job reached its gate (the timed steps before it done), if it has one.
    pub(crate) fn gate_reached(&self) -> Option<Instant> {
        let mut at = self.start;
        for step in &self.steps {
            match step {
                Step::Timed(_, duration) => at += *duration,
                Step::Gate(_) => return Some(at),
            }
        }
        None
    }

    /// Whether the job waits at its gate at `now`.
    pub(crate) fn at_gate(&self, now: Instant) -> bool {
        self.gate_reached().is_some_and(|at| at <= now)
            && self.release.is_none()
            && self.phase(now).done_at().is_none()
    }

    /// The job's phase at `now`.
    pub(crate) fn phase(&self, now: Instant) -> Phase {
        match self.stopped {
            Some(stopped) if stopped <= now => match self.walk(stopped) {
                Phase::Active { .. } => Phase::Done {
                    failed: true,
                    at: stopped,
                },
                done => done,
            },
            _ => self.walk(now),
        }
    }

    fn walk(&self, now: Instant) -> Phase {
        let total: Duration = self
            .steps
            .iter()
            .map(|s| {
                if let Step::Timed(_, d) = s {
                    *d
                } else {
                    Duration::ZERO
                }
            })
            .sum();
        let fraction = |done: Duration| {
            if total.is_zero() {
                1.0
            } else {
                done.as_secs_f64() / total.as_secs_f64()
            }
        };
        let mut at = self.start;
        let mut worked = Duration::ZERO;
        for step in &self.steps {
            match step {
                Step::Timed(status, duration) => {
                    if now < at + *duration {
                        let done = worked + now.saturating_duration_since(at);
                        return Phase::Active {
                            status: status.clone(),
                            fraction: fraction(done),
                        };
                    }
                    at += *duration;
                    worked += *duration;
                }
                Step::Gate(status) => match self.release {
                    Some(release) if release <= now => at = at.max(release),
                    _ => {
                        return Phase::Active {
                            status: status.clone(),
                            fraction: fraction(worked),
                        };
                    }
                },
            }
        }
        Phase::Done {
            failed: self.fail,
            at,
        }
    }
}

/// Converts between tokio instants and the Unix timestamps the API writes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock {
    origin: Instant,
    unix_origin: Duration,
}

impl Clock {
    pub(crate) fn new() -> Self {
        Self {
            origin: Instant::now(),
            unix_origin: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default(),
        }
    }

    /// Unix seconds at `at`.
    pub(crate) fn unix(&self, at: Instant) -> i64 {
        (self.unix_origin + at.saturating_duration_since(self.origin)).as_secs() as i64
    }

    /// Unix seconds when the simulator started.
    pub(crate) fn unix_origin(&self) -> i64 {
        self.unix_origin.as_secs() as i64
    }
}

/// RFC 3339 (`2026-04-08T12:00:00Z`) for Unix seconds.
pub(crate) fn rfc3339(unix: i64) -> String {
    chrono::DateTime::from_timestamp(unix, 0)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A video (`/v3/videos`).
#[derive(Debug, Clone)]
pub(crate) struct Video {
    pub seq: u64,
    pub id: String,
    pub title: Option<String>,
    pub folder_id: Option<String>,
    pub callback_id: Option<String>,
    pub job: Job,
    pub duration: f64,
}

/// A video translation.
#[derive(Debug, Clone)]
pub(crate) struct Translation {
    pub seq: u64,
    pub id: String,
    pub title: Option<String>,
    pub callback_id: Option<String>,
    pub input_language: Option<String>,
    pub output_language: String,
    pub translate_audio_only: bool,
    /// Asked for captions (`enable_caption`): the finished translation has caption URLs.
    pub captions: bool,
    pub job: Job,
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
    pub seq: u64,
    pub id: String,
    pub title: Option<String>,
    pub callback_id: Option<String>,
    pub job: Job,
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

/// An avatar group (a character).
#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub seq: u64,
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub gender: Option<String>,
    pub default_voice_id: Option<String>,
    /// Seeded (public) or created through the API (private).
    pub public: bool,
    /// `None` when no consent is needed; `Some(false)` until consent is given.
    pub consent: Option<bool>,
}

/// An avatar look (the id to pass as `avatar_id`).
#[derive(Debug, Clone)]
pub(crate) struct Look {
    pub seq: u64,
    pub id: String,
    pub group_id: String,
    pub name: String,
    pub avatar_type: AvatarLookType,
    pub gender: Option<String>,
    pub default_voice_id: Option<String>,
    pub public: bool,
    pub orientation: PreferredOrientation,
    pub tags: Vec<String>,
    /// `None` for seeded looks (always completed).
    pub job: Option<Job>,
}

/// A webhook endpoint.
#[derive(Debug, Clone)]
pub(crate) struct Endpoint {
    pub seq: u64,
    pub id: String,
    pub url: String,
    pub events: Option<Vec<String>>,
    pub secret: String,
    pub created_at: i64,
}

/// An AI clipping job: one clip per requested duration.
#[derive(Debug, Clone)]
pub(crate) struct Clipping {
    pub seq: u64,
    pub id: String,
    pub title: Option<String>,
    pub callback_id: Option<String>,
    pub input_language: Option<String>,
    pub aspect_ratio: AiClippingClipAspectRatio,
    /// The requested durations as the API writes them (`30`, `60`, `180`, `long`).
    pub durations: Vec<String>,
    pub job: Job,
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

/// A cloned voice, its id the `voice_clone_id`.
#[derive(Debug, Clone)]
pub(crate) struct VoiceClone {
    pub id: String,
    pub name: String,
    pub language: Option<String>,
    pub job: Job,
}

/// An uploaded asset.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    pub seq: u64,
    pub id: String,
    pub name: String,
    pub mime_type: String,
    pub size: u64,
    /// SHA-256 of the content, as hex.
    pub sha256: String,
    pub uploaded_at: i64,
    /// The content of a multipart upload, served back at its URL; a direct upload keeps only
    /// its size and hash.
    pub bytes: Option<Bytes>,
}

/// A direct upload (`createAssetUpload`) until it is completed.
#[derive(Debug, Clone)]
pub(crate) struct Upload {
    pub asset_id: String,
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub checksum_sha256: Option<String>,
    /// The presigned URL's `signature`, and the `x-sim-upload-token` its PUT must carry.
    pub signature: String,
    pub token: String,
    pub expires_at: Instant,
    /// What the last successful PUT stored: its SHA-256 (hex) and first bytes (to sniff).
    pub stored: Option<(String, Vec<u8>)>,
}

/// What `Idempotency-Key` remembers.
#[derive(Debug, Clone)]
pub(crate) enum Remembered {
    /// The first request with the key is still being handled.
    InFlight,
    /// The first request's response.
    Done {
        fingerprint: Fingerprint,
        status: u16,
        content_type: Option<String>,
        body: Bytes,
    },
}

/// What makes two requests "the same" for idempotency.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Fingerprint {
    pub method: String,
    pub path: String,
    pub body: Result<serde_json::Value, Bytes>,
}

/// Settings fixed when the simulator starts.
#[derive(Debug, Clone)]
pub(crate) struct Config {
    pub timeline: Timeline,
    pub fail_jobs: bool,
    pub avatars: usize,
    pub voices: usize,
    pub max_concurrent_jobs: Option<usize>,
}

/// Everything the simulator knows.
#[derive(Debug)]
pub(crate) struct State {
    pub base_url: String,
    pub clock: Clock,
    pub timeline: Timeline,
    pub fail_jobs: bool,
    pub injected: HashMap<ResourceKind, String>,
    seq: u64,
    pub videos: Vec<Video>,
    pub translations: Vec<Translation>,
    pub proofreads: Vec<Proofread>,
    pub lipsyncs: Vec<Lipsync>,
    pub sessions: Vec<Session>,
    pub groups: Vec<Group>,
    pub looks: Vec<Look>,
    pub voices: Vec<AudioVoiceItem>,
    pub endpoints: Vec<Endpoint>,
    pub assets: Vec<Asset>,
    pub uploads: Vec<Upload>,
    pub idempotency: HashMap<String, Remembered>,
    pub gauge: Gauge,
    pub batches: Vec<SimBatch>,
    /// Templates, brand kits and glossaries, audio sounds (July 2026).
    pub catalog: Catalog,
    pub clippings: Vec<Clipping>,
    pub removals: Vec<Removal>,
    pub voice_clones: Vec<VoiceClone>,
}

const AVATAR_NAMES: [&str; 12] = [
    "Abigail", "Brandon", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hiro", "Imani", "Jonas",
    "Keiko", "Luca",
];
const OUTFITS: [&str; 2] = ["office", "casual"];
const VOICE_NAMES: [&str; 12] = [
    "Amber", "Blake", "Camila", "Diego", "Elise", "Felix", "Gia", "Hugo", "Ines", "Jasper", "Kira",
    "Leo",
];
const VOICE_LANGUAGES: [&str; 6] = [
    "English",
    "Spanish",
    "French",
    "German",
    "Japanese",
    "Portuguese",
];

/// Languages the simulated video translation accepts.
pub(crate) const TRANSLATION_LANGUAGES: [&str; 10] = [
    "English",
    "Spanish",
    "French",
    "German",
    "Italian",
    "Japanese",
    "Korean",
    "Portuguese",
    "Hindi",
    "Chinese",
];

fn gender(index: usize) -> &'static str {
    if index.is_multiple_of(2) {
        "female"
    } else {
        "male"
    }
}

impl State {
    pub(crate) fn new(config: &Config, base_url: String) -> Self {
        let mut state = Self {
            base_url,
            clock: Clock::new(),
            timeline: config.timeline,
            fail_jobs: config.fail_jobs,
            injected: HashMap::new(),
            seq: 0,
            videos: Vec::new(),
            translations: Vec::new(),
            proofreads: Vec::new(),
            lipsyncs: Vec::new(),
            sessions: Vec::new(),
            groups: Vec::new(),
            looks: Vec::new(),
            voices: Vec::new(),
            endpoints: Vec::new(),
            assets: Vec::new(),
            uploads: Vec::new(),
            idempotency: HashMap::new(),
            gauge: Gauge::new(config.max_concurrent_jobs),
            batches: Vec::new(),
            catalog: Catalog::default(),
            clippings: Vec::new(),
            removals: Vec::new(),
            voice_clones: Vec::new(),
        };
        state.seed(config.avatars, config.voices);
        state.catalog = Catalog::seed(
            &state.base_url,
            state.clock.unix_origin(),
            state.looks.first().map(|look| look.id.as_str()),
            state.voices.first().map(|voice| voice.voice_id.as_str()),
        );
        state
    }

    fn seed(&mut self, avatars: usize, voices: usize) {
        for index in 0..voices {
            let name = match VOICE_NAMES.get(index) {
                Some(name) => name.to_string(),
                None => format!("Voice {}", index + 1),
            };
            let voice_id = format!(
                "sim_voice_{:02}_{}",
                index + 1,
                name.to_lowercase().replace(' ', "_")
            );
            self.voices.push(response!(AudioVoiceItem {
                gender: gender(index).to_string(),
                language: VOICE_LANGUAGES[index % VOICE_LANGUAGES.len()].to_string(),
                name,
                preview_audio_url: Some(format!("{}/files/voices/{voice_id}.mp3", self.base_url)),
                support_locale: index % 3 == 0,
                support_pause: true,
                type_: AudioVoiceType::Public,
                voice_id,
            }));
        }
        let created_at = self.clock.unix_origin() - 86_400 * 30;
        for index in 0..avatars {
            let name = match AVATAR_NAMES.get(index) {
                Some(name) => name.to_string(),
                None => format!("Avatar{}", index + 1),
            };
            let gender = gender(index).to_string();
            let default_voice_id = {
                let same: Vec<&AudioVoiceItem> =
                    self.voices.iter().filter(|v| v.gender == gender).collect();
                let voice = if same.is_empty() {
                    self.voices.first()
                } else {
                    Some(same[index / 2 % same.len()])
                };
                voice.map(|v| v.voice_id.clone())
            };
            let group_id = format!("sim_group_{}", name.to_lowercase());
            let seq = self.next_seq();
            self.groups.push(Group {
                seq,
                id: group_id.clone(),
                name: name.clone(),
                created_at: created_at + index as i64 * 3600,
                gender: Some(gender.clone()),
                default_voice_id: default_voice_id.clone(),
                public: true,
                consent: None,
            });
            for (n, outfit) in OUTFITS.iter().enumerate() {
                let seq = self.next_seq();
                self.looks.push(Look {
                    seq,
                    id: format!("{name}_{outfit}_front"),
                    group_id: group_id.clone(),
                    name: format!("{name} ({outfit})"),
                    avatar_type: AvatarLookType::StudioAvatar,
                    gender: Some(gender.clone()),
                    default_voice_id: default_voice_id.clone(),
                    public: true,
                    orientation: if n == 0 {
                        PreferredOrientation::Landscape
                    } else {
                        PreferredOrientation::Portrait
                    },
                    tags: vec![outfit.to_string(), "studio".to_string()],
                    job: None,
                });
            }
        }
    }

    /// A fresh sequence number: later resources have larger ones.
    pub(crate) fn next_seq(&mut self) -> u64 {
        self.seq += 1;
        self.seq
    }

    /// The job of a resource created now (counted by the [`Gauge`] for videos, translations
    /// and lipsyncs).
    pub(crate) fn new_job(&mut self, kind: ResourceKind, now: Instant, gated: bool) -> Job {
        let job = Job::new(
            kind,
            now,
            &self.timeline,
            self.injected.get(&kind).map(String::as_str),
            self.fail_jobs,
            gated,
        );
        if let Some(end) = job.ends_at().filter(|_| Gauge::counts(kind)) {
            self.gauge.record(now, end);
        }
        job
    }

    /// A URL on the simulator that serves a stand-in file.
    pub(crate) fn file_url(&self, kind: &str, name: &str) -> String {
        format!("{}/files/{kind}/{name}", self.base_url)
    }

    /// A message of a video agent session.
    pub(crate) fn message(
        &self,
        role: &str,
        content: &str,
        at: Instant,
        resource: Option<&str>,
    ) -> SessionMessage {
        response!(SessionMessage {
            content: content.to_string(),
            created_at: Some(self.clock.unix(at)),
            resource_ids: resource.map(|id| vec![id.to_string()]),
            role: role.to_string(),
            type_: if resource.is_some() {
                SessionMessageType::Resource
            } else {
                SessionMessageType::Text
            },
        })
    }
}

/// A new random id: 32 hex digits, like HeyGen's.
pub(crate) fn new_id() -> String {
    uuid::Uuid::new_v4().simple().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(start_paused = true)]
    async fn jobs_walk_their_steps() {
        let start = Instant::now();
        let timeline = Timeline::default();
        let job = Job::new(
            ResourceKind::Video,
            start,
            &timeline,
            Some("thinking"),
            false,
            false,
        );
        let at = |secs: f64| job.phase(start + Duration::from_secs_f64(secs));
        assert_eq!(at(0.0).status(), "pending");
        assert_eq!(at(1.5).status(), "thinking");
        assert_eq!(at(2.5).status(), "processing");
        assert_eq!(at(4.0).status(), "completed");
        assert_eq!(at(4.0).done_at(), Some(start + Duration::from_secs(4)));

        let mut twin = Job::new(ResourceKind::Avatar, start, &timeline, None, false, true);
        assert_eq!(
            twin.phase(start + Duration::from_secs(100)).status(),
            "pending_consent"
        );
        twin.release = Some(start + Duration::from_secs(100));
        assert_eq!(
            twin.phase(start + Duration::from_secs(101)).status(),
            "processing"
        );
        assert_eq!(
            twin.phase(start + Duration::from_secs(102)).status(),
            "completed"
        );

        let mut stopped = Job::new(
            ResourceKind::VideoAgentSession,
            start,
            &timeline,
            None,
            false,
            false,
        );
        stopped.stopped = Some(start + Duration::from_secs(1));
        assert!(stopped.phase(start + Duration::from_secs(10)).failed());
    }

    #[tokio::test(start_paused = true)]
    async fn a_chat_session_thinks_then_waits_for_input_until_released() {
        let start = Instant::now();
        let timeline = Timeline::default();
        let mut chat = Job::new(
            ResourceKind::VideoAgentSession,
            start,
            &timeline,
            None,
            false,
            true,
        );
        let at = |job: &Job, secs: u64| job.phase(start + Duration::from_secs(secs));
        assert_eq!(at(&chat, 0).status(), "thinking");
        assert!(!chat.at_gate(start));
        assert_eq!(chat.gate_reached(), Some(start + Duration::from_secs(1)));
        assert_eq!(at(&chat, 500).status(), "waiting_for_input");
        assert!(chat.at_gate(start + Duration::from_secs(500)));
        chat.release = Some(start + Duration::from_secs(500));
        assert!(!chat.at_gate(start + Duration::from_secs(500)));
        assert_eq!(at(&chat, 501).status(), "generating");
        assert_eq!(at(&chat, 502).status(), "completed");
        let generate = Job::new(
            ResourceKind::VideoAgentSession,
            start,
            &timeline,
            None,
            false,
            false,
        );
        assert_eq!(generate.gate_reached(), None);
        assert_eq!(at(&generate, 2).status(), "generating");
    }
}
