//! How to wait ([`WaitOptions`]: delays, backoff, jitter, deadline) and what each poll reports
//! to the progress callback ([`Progress`]).

use std::sync::Arc;
use std::time::Duration;

use rand::Rng;

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
/// [`Error::WaitTimeout`](crate::Error::WaitTimeout). A deadline too far to represent means no deadline.
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
    pub(crate) progress: Option<ProgressFn>,
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

    pub(crate) fn jittered(&self, delay: Duration) -> Duration {
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
