//! Waiting for HeyGen's asynchronous jobs: videos, video translations, lipsyncs, proofreads,
//! avatar groups and looks, video-agent sessions, workflow executions, AI clippings,
//! background removals and voice clones.
//!
//! A create answers at once with an id; the result arrives minutes later. One poller,
//! [`poll`], serves every job: an initial delay, then intervals growing from
//! [`WaitOptions::min_delay`] by [`WaitOptions::multiplier`] up to [`WaitOptions::max_delay`],
//! each jittered so that many waiters do not poll in step, and an overall
//! [`WaitOptions::timeout`] with one last poll at the deadline; the deadline also cuts short a
//! poll still in flight. Dropping the future cancels the wait. Each GET follows the client's
//! retry policy (and the shared 429 pause), and a poll that still fails with a retryable error
//! (a 5xx, a timeout, a dropped connection) does not end the wait: the next poll comes after
//! the usual interval, until the deadline.
//!
//! Outcomes are typed, and every error names the job:
//! - completed: `Ok` with the final resource;
//! - failed: [`Error::JobFailed`] with the resource's failure code and message;
//! - deadline: [`Error::WaitTimeout`] with the last status and resource, elapsed time and polls;
//! - an avatar waiting for consent (`pending_consent`): [`Error::ConsentRequired`];
//! - a video-agent session waiting for the caller's reply (`waiting_for_input`):
//!   [`Error::InputRequired`] (`video_agents().wait_session` returns it as a
//!   [`SessionOutcome`](crate::resources::video_agents::SessionOutcome) instead);
//! - a poll failing for good (the id does not exist: the API's 404, a revoked key …):
//!   [`Error::Wait`] with the job's id around the call's error, not an endless wait.
//!
//! Each resource has `wait(id)` and `create_and_wait(request)` with the default
//! [`WaitOptions`], and `wait_with(id, &options)` / `create_and_wait_with(request, &options)`.
//! `create_and_wait` returns the create's own error when the create fails (with the
//! `Idempotency-Key` it used, to retry without duplicating), and after it, errors naming the
//! new job: a caller never needs to create again to find out what happened.
//!
//! A status this SDK does not know (the API adds values over time) counts as still running and
//! is reported to the progress callback with [`Progress::recognized`] `false`.
//!
//! Testing a wait on tokio's paused clock: serve from the test's own runtime (the
//! `heygen_sdk::testing` simulator does). A wait keeps a timer at its deadline while it polls, and a
//! paused clock jumps to the next timer whenever the runtime waits on I/O from outside, such as
//! a mock server on a thread of its own.
//!
//! ```no_run
//! # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
//! use std::time::Duration;
//! use heygen_sdk::types::CreateVideoFromAvatar;
//! use heygen_sdk::wait::WaitOptions;
//!
//! let request = CreateVideoFromAvatar::builder().avatar_id("a").voice_id("v").script("Hello");
//! let options = WaitOptions::new()
//!     .timeout(Duration::from_secs(20 * 60))
//!     .on_progress(|p| println!("{} {} after {:?} ({} polls)", p.kind, p.status, p.elapsed, p.polls));
//! let video = client.videos().create_and_wait_with(request, &options).await?;
//! println!("{}", video.video_url.unwrap_or_default());
//!
//! // An id from elsewhere (a webhook, a database), with the default options:
//! let video = client.videos().wait("video_id").await?;
//! # let _ = video; Ok(()) }
//! ```

use std::sync::Arc;
use std::time::Duration;

use rand::Rng;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::time::Instant;

use crate::error::{Error, Result};

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
    /// Cannot go on until the caller answers (a video-agent session's `waiting_for_input`):
    /// the wait returns [`Error::InputRequired`] with the agent's last message.
    InputRequired {
        /// What the agent asked, when it wrote something.
        question: Option<String>,
    },
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
/// same way. No interval between polls is shorter than [`MIN_POLL_INTERVAL`], whatever the
/// settings. When the next poll would come after the deadline, it happens at the deadline
/// instead, and if the job is still running then, the wait ends with
/// [`Error::WaitTimeout`]. A deadline too far to represent means no deadline.
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
            Duration::try_from_secs_f64(base).unwrap_or(self.max_delay)
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

/// The shortest interval between two polls, whatever [`WaitOptions`] say (a zero
/// `min_delay` or a jitter of 1 would otherwise poll in a tight loop).
pub const MIN_POLL_INTERVAL: Duration = Duration::from_millis(250);

/// How long a poll still in flight at the deadline (the last one, made at the deadline,
/// included) may take before the wait ends with [`Error::WaitTimeout`] without it.
pub const DEADLINE_GRACE: Duration = Duration::from_secs(5);

/// Polls `fetch` until the resource it returns completes, fails, needs consent, or the
/// deadline passes; see [`WaitOptions`] for the timing and the module docs for the outcomes.
/// `id` names the job in errors and progress reports. A poll that fails with a retryable error
/// ([`Error::is_retryable`]) is followed by the next one; any other failure ends the wait with
/// [`Error::Wait`] naming `id`.
///
/// Use it to wait on anything with a status:
///
/// ```no_run
/// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
/// use heygen_sdk::wait::{WaitOptions, poll};
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
    // A deadline past what an `Instant` can hold is no deadline.
    let deadline = options
        .timeout
        .and_then(|timeout| started.checked_add(timeout));
    let mut polls = 0u32;
    let mut last: Option<(String, serde_json::Value)> = None;
    let timed_out = |last: Option<(String, serde_json::Value)>, polls| {
        let (last_status, last) =
            last.unwrap_or_else(|| ("unknown".to_string(), serde_json::Value::Null));
        Error::WaitTimeout {
            kind: T::KIND,
            id: id.to_string(),
            last_status,
            last: Box::new(last),
            elapsed: started.elapsed(),
            polls,
        }
    };
    sleep_before(started, options.jittered(options.initial_delay), deadline).await;
    // A poll in flight is cut short a little after the deadline.
    let cutoff = deadline.and_then(|deadline| deadline.checked_add(DEADLINE_GRACE));
    loop {
        let fetched = match cutoff {
            Some(cutoff) => match tokio::time::timeout_at(cutoff, fetch()).await {
                Ok(fetched) => fetched,
                Err(_) => return Err(timed_out(last, polls)),
            },
            None => fetch().await,
        };
        polls = polls.saturating_add(1);
        let now = Instant::now();
        match fetched {
            Ok(resource) => {
                let status = resource.status().to_string();
                if let Some(callback) = &options.progress {
                    callback(&Progress {
                        kind: T::KIND,
                        id: id.to_string(),
                        status: status.clone(),
                        recognized: resource.recognized(),
                        changed: last.as_ref().map(|(s, _)| s.as_str()) != Some(status.as_str()),
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
                    JobState::ConsentRequired => {
                        return Err(Error::ConsentRequired { id: id.to_string() });
                    }
                    JobState::InputRequired { question } => {
                        return Err(Error::InputRequired {
                            id: id.to_string(),
                            question,
                        });
                    }
                    JobState::Running => {}
                }
                tracing::debug!(
                    kind = T::KIND,
                    id,
                    status = status.as_str(),
                    polls,
                    "still running"
                );
                let json = serde_json::to_value(&resource).unwrap_or(serde_json::Value::Null);
                last = Some((status, json));
            }
            Err(error) if error.is_retryable() => {
                tracing::debug!(kind = T::KIND, id, polls, %error, "poll failed; polling on");
            }
            Err(error) => {
                return Err(Error::Wait {
                    kind: T::KIND,
                    ids: vec![id.to_string()],
                    source: Box::new(error),
                });
            }
        }
        if deadline.is_some_and(|deadline| now >= deadline) {
            return Err(timed_out(last, polls));
        }
        let interval = options
            .jittered(options.base_interval(polls))
            .max(MIN_POLL_INTERVAL);
        sleep_before(now, interval, deadline).await;
    }
}

/// Sleeps until `delay` after `from`, or until `deadline` when that comes first.
async fn sleep_before(from: Instant, delay: Duration, deadline: Option<Instant>) {
    match (from.checked_add(delay), deadline) {
        (Some(at), deadline) => {
            let at = deadline.map_or(at, |deadline| at.min(deadline));
            if at > Instant::now() {
                tokio::time::sleep_until(at).await;
            }
        }
        (None, Some(deadline)) => tokio::time::sleep_until(deadline).await,
        // Too far to hold in an `Instant`: tokio sleeps "forever" on such a duration.
        (None, None) => tokio::time::sleep(delay).await,
    }
}

/// The error of one of several jobs waited on together, naming all of them (so that none is
/// created again by a caller who only learnt of the failed one).
pub(crate) fn naming_all(kind: &'static str, ids: &[String], error: Error) -> Error {
    let source = match error {
        Error::Wait { source, .. } => source,
        other => Box::new(other),
    };
    Error::Wait {
        kind,
        ids: ids.to_vec(),
        source,
    }
}

/// The last resource seen by a wait that reached its deadline ([`Error::WaitTimeout`]),
/// decoded as `T`.
///
/// ```no_run
/// # async fn run(client: heygen_sdk::Client) {
/// use heygen_sdk::types::VideoDetail;
/// if let Err(error) = client.videos().wait("video_id").await {
///     if let Some(video) = heygen_sdk::wait::last_seen::<VideoDetail>(&error) {
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

pub mod create_many;
mod jobs;
pub mod many;
mod media_jobs;
mod workflows;

pub use create_many::{DEFAULT_CONCURRENT_JOBS, Finished, FinishedStream};
pub use many::WaitMany;
