//! The [`Simulator`] handle a test holds: where the server listens, clients pointed at it, the
//! seeded ids, and the knobs a test turns while it runs (faults, latency, job outcomes, the
//! journal). Dropping it stops the server. How one starts is in `builder.rs`.

use std::net::SocketAddr;
use std::time::Duration;

use tokio::task::JoinHandle;

use crate::testing::faults::{Fault, FaultRule, RandomFaults, RecordedRequest};
use crate::testing::shared::Sim;
use crate::testing::state::{ResourceKind, Timeline};

/// A running HeyGen simulator: a real HTTP server on `127.0.0.1` speaking the v3 API, with
/// state, time-driven job statuses, fault injection and a request journal. Dropping it stops
/// the server.
///
/// ```no_run
/// # async fn run() -> heygen_sdk::Result<()> {
/// use heygen_sdk::testing::Simulator;
/// let sim = Simulator::start().await;
/// let client = sim.client();
/// let me = client.users().me().await?;
/// assert_eq!(me.username, "simulator");
/// sim.fail_next(1, 503); // the next request answers 503
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Simulator {
    pub(super) shared: Sim,
    pub(super) addr: SocketAddr,
    pub(super) server: JoinHandle<()>,
}

impl Drop for Simulator {
    fn drop(&mut self) {
        // Aborting the accept loop drops its `JoinSet`, which aborts every connection task.
        self.server.abort();
    }
}

impl Simulator {
    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API key the simulator accepts (as `x-api-key`, or as `Authorization: Bearer …`).
    pub fn api_key(&self) -> &str {
        &self.shared.api_key
    }

    /// A client for this simulator, with the default client settings.
    pub fn client(&self) -> crate::Client {
        self.client_builder()
            .build()
            .expect("a client for the simulator")
    }

    /// A client builder already pointed at this simulator with its key, to change other
    /// settings (retries, timeouts) before building.
    pub fn client_builder(&self) -> crate::ClientBuilder {
        crate::Client::builder()
            .api_key(self.api_key())
            .base_url(self.base_url())
    }

    /// The id of a seeded, completed avatar look, for `avatar_id` (`None` with no seeded avatars).
    pub fn avatar_id(&self) -> Option<String> {
        self.shared
            .state()
            .looks
            .first()
            .map(|look| look.id.clone())
    }

    /// The id of a seeded voice, for `voice_id` (`None` with no seeded voices).
    pub fn voice_id(&self) -> Option<String> {
        self.shared
            .state()
            .voices
            .first()
            .map(|voice| voice.voice_id.clone())
    }

    /// How many resources of a kind exist (deleted ones excluded; for avatars, created looks).
    pub fn count(&self, kind: ResourceKind) -> usize {
        let state = self.shared.state();
        match kind {
            ResourceKind::Video => state.videos.len(),
            ResourceKind::VideoTranslation => state.translations.len(),
            ResourceKind::Proofread => state.proofreads.len(),
            ResourceKind::Lipsync => state.lipsyncs.len(),
            ResourceKind::VideoAgentSession => state.sessions.len(),
            ResourceKind::Avatar => state.looks.iter().filter(|look| !look.public).count(),
            ResourceKind::AiClipping => state.clippings.len(),
            ResourceKind::BackgroundRemoval => state.removals.len(),
            ResourceKind::VoiceClone => state.voice_clones.len(),
            ResourceKind::AssetUpload => state.asset_batches.iter().map(|b| b.files.len()).sum(),
        }
    }

    /// Queues a fault rule; rules apply in the order queued.
    pub fn inject(&self, rule: FaultRule) {
        self.shared.faults().push(rule);
    }

    /// Draws a fault at random for each request from now on (after any queued rule); see
    /// [`RandomFaults`]. [`Simulator::clear_faults`] stops it.
    pub fn inject_random(&self, faults: RandomFaults) {
        self.shared.faults().set_random(faults);
    }

    /// The next `n` requests answer `status` with a `StandardAPIError` body (429 gets
    /// `Retry-After: 1`), without being handled.
    pub fn fail_next(&self, n: usize, status: u16) {
        self.inject(FaultRule::new(Fault::Status(status)).times(n));
    }

    /// The next `n` requests answer 429 `rate_limit_exceeded` with `Retry-After`.
    pub fn rate_limit(&self, n: usize, retry_after_secs: u64) {
        self.inject(FaultRule::new(Fault::RateLimited { retry_after_secs }).times(n));
    }

    /// The next `n` requests are handled, then their connection closes without an answer.
    pub fn drop_connection_next(&self, n: usize) {
        self.inject(FaultRule::new(Fault::DropConnection).times(n));
    }

    /// The next `n` requests are handled, then their connection closes halfway through the body.
    pub fn drop_mid_body_next(&self, n: usize) {
        self.inject(FaultRule::new(Fault::DropMidBody).times(n));
    }

    /// The next `n` requests are handled and answered with half of their JSON body.
    pub fn truncate_next(&self, n: usize) {
        self.inject(FaultRule::new(Fault::Truncate).times(n));
    }

    /// Forgets every queued fault and stops random ones (latency stays).
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// Every request waits this long (tokio time) before it is handled; `Duration::ZERO` to stop.
    pub fn latency(&self, latency: Duration) {
        self.shared.faults().latency = latency;
    }

    /// Resources of `kind` created from now on pass through `status` (a value the API
    /// description does not list, like `"thinking"`) right after their first status, for
    /// [`Timeline::injected`].
    pub fn inject_status(&self, kind: ResourceKind, status: impl Into<String>) {
        self.shared.state().injected.insert(kind, status.into());
    }

    /// Stops injecting statuses.
    pub fn clear_injected_statuses(&self) {
        self.shared.state().injected.clear();
    }

    /// Whether jobs created from now on end in `failed` instead of `completed`.
    pub fn fail_jobs(&self, fail: bool) {
        self.shared.state().fail_jobs = fail;
    }

    /// The timeline of jobs created from now on.
    pub fn set_timeline(&self, timeline: Timeline) {
        self.shared.state().timeline = timeline;
    }

    /// The most jobs (videos, video translations, lipsyncs) unfinished at once since the
    /// simulator started, by the simulator's clock: a job counts from its creation until it
    /// completes or fails. With
    /// [`SimulatorBuilder::max_concurrent_jobs`](crate::testing::SimulatorBuilder::max_concurrent_jobs),
    /// never above it (a create past it is refused with 429).
    pub fn peak_concurrent_jobs(&self) -> usize {
        self.shared.state().gauge.peak()
    }

    /// Jobs unfinished now; see [`Simulator::peak_concurrent_jobs`].
    pub fn concurrent_jobs(&self) -> usize {
        self.shared
            .state()
            .gauge
            .unfinished(tokio::time::Instant::now())
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.journal().clone()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.journal().clear();
    }
}
