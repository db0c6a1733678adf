//! Waiting for HeyGen's asynchronous jobs: videos, video translations, lipsyncs, proofreads,
//! avatar groups and looks, video-agent sessions and workflow executions.
//!
//! A create answers at once with an id; the result arrives minutes later. One poller,
//! [`poll`], serves every job: an initial delay, then intervals growing from
//! [`WaitOptions::min_delay`] by [`WaitOptions::multiplier`] up to [`WaitOptions::max_delay`],
//! each jittered so that many waiters do not poll in step, and an overall
//! [`WaitOptions::timeout`] with one last poll at the deadline. Dropping the future cancels the
//! wait. Each GET follows the client's retry policy (and the shared 429 pause).
//!
//! Outcomes are typed:
//! - completed: `Ok` with the final resource;
//! - failed: [`Error::JobFailed`] with the resource's failure code and message;
//! - deadline: [`Error::WaitTimeout`] with the last status and resource, elapsed time and polls;
//! - an avatar waiting for consent (`pending_consent`): [`Error::ConsentRequired`];
//! - the id does not exist: the API's 404 ([`Error::Api`]), not an endless wait.
//!
//! A status this SDK does not know (the API adds values over time) counts as still running and
//! is reported to the progress callback with [`Progress::recognized`] `false`.
//!
//! ```no_run
//! # async fn run(client: heygen::Client, request: heygen::types::CreateVideoV3RequestBody) -> heygen::Result<()> {
//! use std::time::Duration;
//! use heygen::wait::WaitOptions;
//!
//! let options = WaitOptions::new()
//!     .timeout(Duration::from_secs(20 * 60))
//!     .on_progress(|p| println!("{} {} after {:?} ({} polls)", p.kind, p.status, p.elapsed, p.polls));
//! let video = client.videos().create_and_wait(request, &options).await?;
//! println!("{}", video.video_url.unwrap_or_default());
//!
//! // An id from elsewhere (a webhook, a database):
//! let video = client.wait_for_video("video_id").await?;
//! # let _ = video; Ok(()) }
//! ```

use std::sync::Arc;
use std::time::Duration;

use futures::future::try_join_all;
use heygen_sys::types::{
    AvatarGroupItem, AvatarLookItem, AvatarStatus, CreateLipsyncRequest, CreateProofreadRequest,
    CreateVideoAgentRequest, CreateVideoTranslationRequest, CreateVideoV3RequestBody,
    GetSessionResponse, LipsyncDetail, ProofreadDetail, ProofreadStatus, VideoAgentSessionStatus,
    VideoDetail, VideoStatus, VideoTranslationDetail, VideoTranslationStatus,
    WorkflowExecutionDetailResponse,
};
use rand::Rng;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use crate::Client;
use crate::error::{Error, Result};
use crate::resources::avatars::Avatars;
use crate::resources::lipsyncs::Lipsyncs;
use crate::resources::video_agents::VideoAgents;
use crate::resources::video_translations::VideoTranslations;
use crate::resources::videos::Videos;

/// Where a polled job stands, as its resource says.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum JobState {
    /// Still working; also every status this SDK does not know.
    Running,
    /// Finished successfully: the wait returns the resource.
    Completed,
    /// Finished with a failure: the wait returns [`Error::JobFailed`].
    Failed {
        /// The resource's failure code, when it has one.
        code: Option<String>,
        /// The resource's failure message, when it has one.
        message: Option<String>,
    },
    /// Cannot finish until someone acts (an avatar's `pending_consent`): the wait returns
    /// [`Error::ConsentRequired`].
    ConsentRequired,
}

/// A resource with a status to wait on.
pub trait Waitable: Serialize {
    /// What it is, for errors and progress: `video`, `lipsync`, …
    const KIND: &'static str;

    /// The status as the API writes it.
    fn status(&self) -> &str;

    /// Whether the status is one this SDK knows (an unknown one counts as running).
    fn recognized(&self) -> bool;

    /// Where the job stands.
    fn state(&self) -> JobState;

    /// The resource's own progress figure (0–100), when it has one.
    fn progress(&self) -> Option<f64> {
        None
    }
}

/// One poll's report to [`WaitOptions::on_progress`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Progress {
    /// What is waited on: `video`, `video_translation`, …
    pub kind: &'static str,
    /// Its id.
    pub id: String,
    /// The status just seen, as the API wrote it.
    pub status: String,
    /// Whether this SDK knows the status; an unknown one is treated as still running.
    pub recognized: bool,
    /// Whether the status differs from the previous poll's (always `true` on the first).
    pub changed: bool,
    /// Time since the wait started.
    pub elapsed: Duration,
    /// Polls made so far, this one included.
    pub polls: u32,
    /// The resource's own progress figure (0–100), when it has one (video-agent sessions).
    pub progress: Option<f64>,
}

type ProgressFn = Arc<dyn Fn(&Progress) + Send + Sync>;

/// How to wait: delays, backoff, jitter, deadline and a progress callback.
///
/// Poll `n` (counting from 0) happens `initial_delay` after the start for `n = 0`, and for
/// `n ≥ 1` one interval after poll `n − 1` answered, where the interval is
/// `base · (1 − u)`, `u` uniform in `[0, jitter)` and
/// `base = min(max_delay, min_delay · multiplier^(n−1))`. The initial delay is jittered the
/// same way. When the next poll would come after the deadline, it happens at the deadline
/// instead, and if the job is still running then, the wait ends with
/// [`Error::WaitTimeout`].
#[derive(Clone)]
pub struct WaitOptions {
    /// Before the first poll (default 0: poll at once).
    pub initial_delay: Duration,
    /// The first interval between polls, before jitter (default 2 s).
    pub min_delay: Duration,
    /// The longest interval between polls (default 30 s).
    pub max_delay: Duration,
    /// Growth of the interval after each poll (default 1.5).
    pub multiplier: f64,
    /// Up to this fraction is taken off each delay at random (default 0.2), so that many
    /// waiters spread their polls.
    pub jitter: f64,
    /// Overall deadline, from the start of the wait (default 1 hour); `None` waits forever.
    pub timeout: Option<Duration>,
    progress: Option<ProgressFn>,
}

impl std::fmt::Debug for WaitOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WaitOptions")
            .field("initial_delay", &self.initial_delay)
            .field("min_delay", &self.min_delay)
            .field("max_delay", &self.max_delay)
            .field("multiplier", &self.multiplier)
            .field("jitter", &self.jitter)
            .field("timeout", &self.timeout)
            .field("on_progress", &self.progress.is_some())
            .finish()
    }
}

impl Default for WaitOptions {
    fn default() -> Self {
        Self {
            initial_delay: Duration::ZERO,
            min_delay: Duration::from_secs(2),
            max_delay: Duration::from_secs(30),
            multiplier: 1.5,
            jitter: 0.2,
            timeout: Some(Duration::from_secs(3600)),
            progress: None,
        }
    }
}

impl WaitOptions {
    /// The defaults: poll at once, then every 2 s growing ×1.5 to 30 s, 20 % jitter, 1 hour
    /// deadline.
    pub fn new() -> Self {
        Self::default()
    }

    /// Wait this long before the first poll.
    pub fn initial_delay(mut self, delay: Duration) -> Self {
        self.initial_delay = delay;
        self
    }

    /// The first interval between polls.
    pub fn min_delay(mut self, delay: Duration) -> Self {
        self.min_delay = delay;
        self
    }

    /// The longest interval between polls.
    pub fn max_delay(mut self, delay: Duration) -> Self {
        self.max_delay = delay;
        self
    }

    /// Interval growth per poll (values below 1 are taken as 1).
    pub fn multiplier(mut self, multiplier: f64) -> Self {
        self.multiplier = multiplier;
        self
    }

    /// Fraction of each delay taken off at random, clamped to `0..=1`.
    pub fn jitter(mut self, jitter: f64) -> Self {
        self.jitter = jitter;
        self
    }

    /// Overall deadline.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// No deadline: wait until the job ends (or the future is dropped).
    pub fn no_timeout(mut self) -> Self {
        self.timeout = None;
        self
    }

    /// Call `callback` after every poll with the status, elapsed time, poll count and the
    /// resource's progress figure.
    pub fn on_progress(mut self, callback: impl Fn(&Progress) + Send + Sync + 'static) -> Self {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// The un-jittered interval after poll number `poll` (1 for the first poll).
    pub fn base_interval(&self, poll: u32) -> Duration {
        let growth = self
            .multiplier
            .max(1.0)
            .powi(poll.saturating_sub(1).min(1000) as i32);
        let base = self.min_delay.as_secs_f64() * growth;
        if !base.is_finite() || base >= self.max_delay.as_secs_f64() {
            self.max_delay.max(self.min_delay)
        } else {
            Duration::from_secs_f64(base)
        }
    }

    fn jittered(&self, delay: Duration) -> Duration {
        let jitter = if self.jitter.is_finite() {
            self.jitter.clamp(0.0, 1.0)
        } else {
            0.0
        };
        if jitter == 0.0 || delay.is_zero() {
            return delay;
        }
        delay.mul_f64(1.0 - rand::rng().random_range(0.0..jitter))
    }
}

/// Polls `fetch` until the resource it returns completes, fails, needs consent, or the
/// deadline passes; see [`WaitOptions`] for the timing and the module docs for the outcomes.
/// `id` names the job in errors and progress reports. An error from `fetch` ends the wait
/// with that error (each GET has already been retried by the client's policy).
///
/// Use it to wait on anything with a status:
///
/// ```no_run
/// # async fn run(client: heygen::Client) -> heygen::Result<()> {
/// use heygen::wait::{WaitOptions, poll};
/// let lipsyncs = client.lipsyncs();
/// let lipsync = poll("lipsync_id", &WaitOptions::new(), || lipsyncs.get("lipsync_id")).await?;
/// # let _ = lipsync; Ok(()) }
/// ```
pub async fn poll<T, F, Fut>(id: &str, options: &WaitOptions, mut fetch: F) -> Result<T>
where
    T: Waitable,
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T>>,
{
    let started = Instant::now();
    let deadline = options.timeout.map(|timeout| started + timeout);
    let mut polls = 0u32;
    let mut last_status: Option<String> = None;
    sleep_until_before(started + options.jittered(options.initial_delay), deadline).await;
    loop {
        let resource = fetch().await?;
        polls += 1;
        let status = resource.status().to_string();
        if let Some(callback) = &options.progress {
            callback(&Progress {
                kind: T::KIND,
                id: id.to_string(),
                status: status.clone(),
                recognized: resource.recognized(),
                changed: last_status.as_deref() != Some(status.as_str()),
                elapsed: started.elapsed(),
                polls,
                progress: resource.progress(),
            });
        }
        match resource.state() {
            JobState::Completed => return Ok(resource),
            JobState::Failed { code, message } => {
                return Err(Error::JobFailed {
                    kind: T::KIND,
                    id: id.to_string(),
                    code,
                    message,
                });
            }
            JobState::ConsentRequired => return Err(Error::ConsentRequired { id: id.to_string() }),
            JobState::Running => {}
        }
        let now = Instant::now();
        if deadline.is_some_and(|deadline| now >= deadline) {
            let last = serde_json::to_value(&resource).unwrap_or(serde_json::Value::Null);
            return Err(Error::WaitTimeout {
                kind: T::KIND,
                id: id.to_string(),
                last_status: status,
                last: Box::new(last),
                elapsed: started.elapsed(),
                polls,
            });
        }
        tracing::debug!(
            kind = T::KIND,
            id,
            status = status.as_str(),
            polls,
            "still running"
        );
        last_status = Some(status);
        sleep_until_before(
            now + options.jittered(options.base_interval(polls)),
            deadline,
        )
        .await;
    }
}

/// Sleeps until `at`, or until `deadline` when that comes first.
async fn sleep_until_before(at: Instant, deadline: Option<Instant>) {
    let at = deadline.map_or(at, |deadline| at.min(deadline));
    if at > Instant::now() {
        tokio::time::sleep_until(at).await;
    }
}

/// The last resource seen by a wait that reached its deadline ([`Error::WaitTimeout`]),
/// decoded as `T`.
///
/// ```no_run
/// # async fn run(client: heygen::Client) {
/// use heygen::types::VideoDetail;
/// if let Err(error) = client.wait_for_video("video_id").await {
///     if let Some(video) = heygen::wait::last_seen::<VideoDetail>(&error) {
///         println!("still {} when the wait gave up", video.status);
///     }
/// }
/// # }
/// ```
pub fn last_seen<T: DeserializeOwned>(error: &Error) -> Option<T> {
    match error {
        Error::WaitTimeout { last, .. } => serde_json::from_value(last.as_ref().clone()).ok(),
        _ => None,
    }
}

// ---- the waitable resources ----

fn failed(code: Option<&String>, message: Option<&String>) -> JobState {
    JobState::Failed {
        code: code.cloned(),
        message: message.cloned(),
    }
}

impl Waitable for VideoDetail {
    const KIND: &'static str = "video";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            VideoStatus::Completed => JobState::Completed,
            VideoStatus::Failed => {
                failed(self.failure_code.as_ref(), self.failure_message.as_ref())
            }
            _ => JobState::Running,
        }
    }
}

impl Waitable for VideoTranslationDetail {
    const KIND: &'static str = "video_translation";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            VideoTranslationStatus::Completed => JobState::Completed,
            VideoTranslationStatus::Failed => failed(None, self.failure_message.as_ref()),
            _ => JobState::Running,
        }
    }
}

impl Waitable for LipsyncDetail {
    const KIND: &'static str = "lipsync";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            VideoTranslationStatus::Completed => JobState::Completed,
            VideoTranslationStatus::Failed => failed(None, self.failure_message.as_ref()),
            _ => JobState::Running,
        }
    }
}

impl Waitable for ProofreadDetail {
    const KIND: &'static str = "proofread";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            ProofreadStatus::Completed => JobState::Completed,
            ProofreadStatus::Failed => failed(None, self.failure_message.as_ref()),
            _ => JobState::Running,
        }
    }
}

/// An avatar without a status is a ready (stock) avatar.
fn avatar_state(
    status: Option<&AvatarStatus>,
    error: Option<&heygen_sys::types::AvatarError>,
) -> JobState {
    match status {
        None | Some(AvatarStatus::Completed) => JobState::Completed,
        Some(AvatarStatus::PendingConsent) => JobState::ConsentRequired,
        Some(AvatarStatus::Failed) => failed(error.map(|e| &e.code), error.map(|e| &e.message)),
        Some(_) => JobState::Running,
    }
}

impl Waitable for AvatarGroupItem {
    const KIND: &'static str = "avatar_group";

    fn status(&self) -> &str {
        self.status
            .as_ref()
            .map_or("completed", AvatarStatus::as_str)
    }

    fn recognized(&self) -> bool {
        !self.status.as_ref().is_some_and(AvatarStatus::is_unknown)
    }

    fn state(&self) -> JobState {
        avatar_state(self.status.as_ref(), self.error.as_ref())
    }
}

impl Waitable for AvatarLookItem {
    const KIND: &'static str = "avatar_look";

    fn status(&self) -> &str {
        self.status
            .as_ref()
            .map_or("completed", AvatarStatus::as_str)
    }

    fn recognized(&self) -> bool {
        !self.status.as_ref().is_some_and(AvatarStatus::is_unknown)
    }

    fn state(&self) -> JobState {
        avatar_state(self.status.as_ref(), self.error.as_ref())
    }
}

impl Waitable for GetSessionResponse {
    const KIND: &'static str = "video_agent_session";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            VideoAgentSessionStatus::Completed => JobState::Completed,
            VideoAgentSessionStatus::Failed => JobState::Failed {
                code: None,
                message: None,
            },
            _ => JobState::Running,
        }
    }

    fn progress(&self) -> Option<f64> {
        Some(self.progress as f64)
    }
}

/// Workflow statuses: `submitted, running, completed, failed, not_found`.
const WORKFLOW_STATUSES: &[&str] = &["submitted", "running", "completed", "failed", "not_found"];

impl Waitable for WorkflowExecutionDetailResponse {
    const KIND: &'static str = "workflow_execution";

    fn status(&self) -> &str {
        &self.status
    }

    fn recognized(&self) -> bool {
        WORKFLOW_STATUSES.contains(&self.status.as_str())
    }

    fn state(&self) -> JobState {
        match self.status.as_str() {
            "completed" => JobState::Completed,
            "failed" => failed(
                self.error.as_ref().map(|e| &e.code),
                self.error.as_ref().map(|e| &e.message),
            ),
            "not_found" => JobState::Failed {
                code: Some("not_found".into()),
                message: Some(format!("no workflow execution {}", self.execution_id)),
            },
            _ => JobState::Running,
        }
    }
}

// ---- entry points ----

impl Videos {
    /// Wait for a video to finish (`getVideoV3` polled); see [`crate::wait`].
    pub async fn wait(&self, video_id: &str, options: &WaitOptions) -> Result<VideoDetail> {
        poll(video_id, options, || self.get(video_id)).await
    }

    /// Create a video, then wait for it to finish.
    ///
    /// ```no_run
    /// # async fn run(client: heygen::Client, request: heygen::types::CreateVideoFromAvatar) -> heygen::Result<()> {
    /// use heygen::wait::WaitOptions;
    /// let video = client.videos().create_and_wait(request, &WaitOptions::new()).await?;
    /// println!("{:?}", video.video_url);
    /// # Ok(()) }
    /// ```
    pub async fn create_and_wait(
        &self,
        request: impl Into<CreateVideoV3RequestBody>,
        options: &WaitOptions,
    ) -> Result<VideoDetail> {
        let created = self.create(request).await?;
        self.wait(&created.video_id, options).await
    }
}

impl VideoTranslations {
    /// Wait for a translation to finish (`getVideoTranslationV3` polled).
    pub async fn wait(
        &self,
        video_translation_id: &str,
        options: &WaitOptions,
    ) -> Result<VideoTranslationDetail> {
        poll(video_translation_id, options, || {
            self.get(video_translation_id)
        })
        .await
    }

    /// Create translations (one per output language), then wait for all of them; the first
    /// failure ends the wait.
    pub async fn create_and_wait(
        &self,
        request: CreateVideoTranslationRequest,
        options: &WaitOptions,
    ) -> Result<Vec<VideoTranslationDetail>> {
        let created = self.create(request).await?;
        try_join_all(
            created
                .video_translation_ids
                .iter()
                .map(|id| self.wait(id, options)),
        )
        .await
    }

    /// Wait for a proofread to finish (`getProofreadV3` polled).
    pub async fn wait_proofread(
        &self,
        proofread_id: &str,
        options: &WaitOptions,
    ) -> Result<ProofreadDetail> {
        poll(proofread_id, options, || self.get_proofread(proofread_id)).await
    }

    /// Create proofreads, then wait for all of them; the first failure ends the wait.
    pub async fn create_proofread_and_wait(
        &self,
        request: CreateProofreadRequest,
        options: &WaitOptions,
    ) -> Result<Vec<ProofreadDetail>> {
        let created = self.create_proofread(request).await?;
        try_join_all(
            created
                .proofread_ids
                .iter()
                .map(|id| self.wait_proofread(id, options)),
        )
        .await
    }
}

impl Lipsyncs {
    /// Wait for a lipsync to finish (`getLipsyncV3` polled).
    pub async fn wait(&self, lipsync_id: &str, options: &WaitOptions) -> Result<LipsyncDetail> {
        poll(lipsync_id, options, || self.get(lipsync_id)).await
    }

    /// Create a lipsync, then wait for it to finish.
    pub async fn create_and_wait(
        &self,
        request: CreateLipsyncRequest,
        options: &WaitOptions,
    ) -> Result<LipsyncDetail> {
        let created = self.create(request).await?;
        self.wait(&created.lipsync_id, options).await
    }
}

impl Avatars {
    /// Wait for an avatar group to be ready (`getAvatarGroup` polled); `pending_consent` ends
    /// the wait with [`Error::ConsentRequired`].
    pub async fn wait(&self, group_id: &str, options: &WaitOptions) -> Result<AvatarGroupItem> {
        poll(group_id, options, || self.get(group_id)).await
    }

    /// Wait for a look to be ready (`getAvatarLook` polled); `pending_consent` ends the wait
    /// with [`Error::ConsentRequired`].
    pub async fn wait_look(&self, look_id: &str, options: &WaitOptions) -> Result<AvatarLookItem> {
        poll(look_id, options, || self.get_look(look_id)).await
    }
}

impl VideoAgents {
    /// Wait for a session to finish (`getVideoAgentSession` polled); the progress callback
    /// gets the session's `progress` figure.
    pub async fn wait_session(
        &self,
        session_id: &str,
        options: &WaitOptions,
    ) -> Result<GetSessionResponse> {
        poll(session_id, options, || self.get_session(session_id)).await
    }

    /// Wait for a session to finish, then for the video it made; one deadline covers both.
    /// A completed session without a `video_id` is [`Error::JobFailed`].
    pub async fn wait_video(&self, session_id: &str, options: &WaitOptions) -> Result<VideoDetail> {
        let started = Instant::now();
        let session = self.wait_session(session_id, options).await?;
        self.video_of(session_id, session.video_id, started, options)
            .await
    }

    /// Create a video from a prompt (`createVideoAgentV3`), then wait for the session and its
    /// video.
    pub async fn create_and_wait(
        &self,
        request: CreateVideoAgentRequest,
        options: &WaitOptions,
    ) -> Result<VideoDetail> {
        let started = Instant::now();
        let created = self.create(request).await?;
        let session = self.wait_session(&created.session_id, options).await?;
        self.video_of(
            &created.session_id,
            session.video_id.or(created.video_id),
            started,
            options,
        )
        .await
    }

    async fn video_of(
        &self,
        session_id: &str,
        video_id: Option<String>,
        started: Instant,
        options: &WaitOptions,
    ) -> Result<VideoDetail> {
        let Some(video_id) = video_id else {
            return Err(Error::JobFailed {
                kind: GetSessionResponse::KIND,
                id: session_id.to_string(),
                code: None,
                message: Some("the session completed without a video_id".into()),
            });
        };
        let mut rest = options.clone();
        rest.timeout = options
            .timeout
            .map(|timeout| timeout.saturating_sub(started.elapsed()));
        self.client.videos().wait(&video_id, &rest).await
    }
}

impl Client {
    /// Wait, with the default [`WaitOptions`], for a video whose id came from elsewhere (a
    /// webhook, a database); see [`Videos::wait`] to choose the options.
    pub async fn wait_for_video(&self, video_id: &str) -> Result<VideoDetail> {
        self.videos().wait(video_id, &WaitOptions::default()).await
    }

    /// Wait, with the default options, for a video translation; see [`VideoTranslations::wait`].
    pub async fn wait_for_video_translation(
        &self,
        video_translation_id: &str,
    ) -> Result<VideoTranslationDetail> {
        self.video_translations()
            .wait(video_translation_id, &WaitOptions::default())
            .await
    }

    /// Wait, with the default options, for a proofread; see [`VideoTranslations::wait_proofread`].
    pub async fn wait_for_proofread(&self, proofread_id: &str) -> Result<ProofreadDetail> {
        self.video_translations()
            .wait_proofread(proofread_id, &WaitOptions::default())
            .await
    }

    /// Wait, with the default options, for a lipsync; see [`Lipsyncs::wait`].
    pub async fn wait_for_lipsync(&self, lipsync_id: &str) -> Result<LipsyncDetail> {
        self.lipsyncs()
            .wait(lipsync_id, &WaitOptions::default())
            .await
    }

    /// Wait, with the default options, for an avatar group; see [`Avatars::wait`].
    pub async fn wait_for_avatar_group(&self, group_id: &str) -> Result<AvatarGroupItem> {
        self.avatars().wait(group_id, &WaitOptions::default()).await
    }

    /// Wait, with the default options, for an avatar look; see [`Avatars::wait_look`].
    pub async fn wait_for_avatar_look(&self, look_id: &str) -> Result<AvatarLookItem> {
        self.avatars()
            .wait_look(look_id, &WaitOptions::default())
            .await
    }

    /// Wait, with the default options, for a video-agent session and then its video; see
    /// [`VideoAgents::wait_video`].
    pub async fn wait_for_video_agent(&self, session_id: &str) -> Result<VideoDetail> {
        self.video_agents()
            .wait_video(session_id, &WaitOptions::default())
            .await
    }

    /// Wait for a v1 workflow execution (`GET /v1/workflows/executions/{id}` polled); a
    /// `not_found` status is [`Error::JobFailed`] with code `not_found`.
    pub async fn wait_for_workflow_execution(
        &self,
        execution_id: &str,
        options: &WaitOptions,
    ) -> Result<WorkflowExecutionDetailResponse> {
        poll(execution_id, options, || async move {
            let raw = self.raw();
            self.data(
                "getWorkflowExecution",
                raw.get_workflow_execution()
                    .execution_id(execution_id)
                    .send(),
                |e| e.data,
            )
            .await
        })
        .await
    }
}
