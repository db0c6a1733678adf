//! A job's life: the steps it walks (timed statuses, and gates such as avatar consent) and the
//! phase it is in at an instant. Statuses are never stored: a job keeps its creation instant and
//! its steps, and its status is computed from the instant asked about, so pausing and advancing
//! tokio's clock moves every job with no timer running inside the simulator.
//!
//! And the account's gauge of jobs in flight ([`Gauge`]): HeyGen's concurrent-job limit (a
//! create past it answers 429 with `Retry-After`) and the peak number of unfinished jobs. A job
//! counts from its creation until it completes or fails (its timeline says when, so the span is
//! known when it is made): videos (those video agents render too), video translations and
//! lipsyncs. A job deleted before it finishes keeps its place until then.

use std::time::Duration;

use tokio::time::Instant;

use super::timeline::{ResourceKind, Timeline};
use crate::testing::reply::ApiErr;

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

    /// Why a failed job failed, as the API writes it: stopped before it finished, or failed
    /// because the simulator was told to fail jobs.
    pub(crate) fn failure_message(&self, stopped: bool) -> Option<String> {
        let message = match stopped {
            true => "Stopped before it finished.",
            false => "The simulator was told to fail this job (fail_jobs).",
        };
        self.failed().then(|| message.to_string())
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
            ResourceKind::BackgroundRemoval | ResourceKind::AssetUpload => {
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

/// The limit and every counted job's span.
#[derive(Debug, Default)]
pub(crate) struct Gauge {
    /// At most this many unfinished jobs; `None`: no limit.
    pub limit: Option<usize>,
    spans: Vec<(Instant, Instant)>,
}

impl Gauge {
    /// No job yet, and this limit.
    pub(crate) fn new(limit: Option<usize>) -> Self {
        Self {
            limit,
            spans: Vec::new(),
        }
    }

    /// Whether jobs of `kind` count.
    pub(crate) fn counts(kind: ResourceKind) -> bool {
        matches!(
            kind,
            ResourceKind::Video | ResourceKind::VideoTranslation | ResourceKind::Lipsync
        )
    }

    /// Notes a job running from `start` until `end`.
    pub(crate) fn record(&mut self, start: Instant, end: Instant) {
        self.spans.push((start, end));
    }

    /// Jobs unfinished at `at`.
    pub(crate) fn unfinished(&self, at: Instant) -> usize {
        self.spans
            .iter()
            .filter(|(start, end)| *start <= at && at < *end)
            .count()
    }

    /// How many more jobs may start at `at` (`usize::MAX` without a limit).
    pub(crate) fn free(&self, at: Instant) -> usize {
        match self.limit {
            None => usize::MAX,
            Some(limit) => limit.saturating_sub(self.unfinished(at)),
        }
    }

    /// Whether `jobs` more may start at `now`: a 429 with `Retry-After` (until the first
    /// running job ends) when they would pass the limit. A request of more jobs than the limit
    /// is let through when nothing runs, or it could never start.
    pub(crate) fn admit(&self, now: Instant, jobs: usize) -> Result<(), ApiErr> {
        let Some(limit) = self.limit else {
            return Ok(());
        };
        let running = self.unfinished(now);
        if running == 0 || running + jobs <= limit {
            return Ok(());
        }
        let first_end = self
            .spans
            .iter()
            .filter(|(start, end)| *start <= now && now < *end)
            .map(|(_, end)| *end)
            .min()
            .unwrap_or(now);
        let wait = first_end.saturating_duration_since(now);
        let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        Err(ApiErr {
            retry_after: Some(seconds.max(1)),
            ..ApiErr::new(
                429,
                "concurrency_limit_exceeded",
                format!(
                    "{running} jobs are running, the account's limit is {limit}: retry when one finishes."
                ),
            )
        })
    }

    /// The most jobs unfinished at once so far.
    pub(crate) fn peak(&self) -> usize {
        let mut events: Vec<(Instant, i64)> = Vec::with_capacity(self.spans.len() * 2);
        for (start, end) in &self.spans {
            if start < end {
                events.push((*start, 1));
                events.push((*end, -1));
            }
        }
        // At one instant, ends before starts: a job that finishes as another starts frees its
        // place.
        events.sort();
        let (mut now, mut peak) = (0i64, 0i64);
        for (_, change) in events {
            now += change;
            peak = peak.max(now);
        }
        peak as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A job of the default timeline, without an injected status, that does not fail.
    fn plain(kind: ResourceKind, start: Instant, gated: bool) -> Job {
        Job::new(kind, start, &Timeline::default(), None, false, gated)
    }

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

        let mut twin = plain(ResourceKind::Avatar, start, true);
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

        let mut stopped = plain(ResourceKind::VideoAgentSession, start, false);
        stopped.stopped = Some(start + Duration::from_secs(1));
        assert!(stopped.phase(start + Duration::from_secs(10)).failed());
    }

    #[tokio::test(start_paused = true)]
    async fn a_chat_session_thinks_then_waits_for_input_until_released() {
        let start = Instant::now();
        let mut chat = plain(ResourceKind::VideoAgentSession, start, true);
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
        let generate = plain(ResourceKind::VideoAgentSession, start, false);
        assert_eq!(generate.gate_reached(), None);
        assert_eq!(at(&generate, 2).status(), "generating");
    }

    #[tokio::test(start_paused = true)]
    async fn the_limit_admits_until_full_and_the_peak_is_the_most_at_once() {
        let t0 = Instant::now();
        let s = Duration::from_secs;
        let mut gauge = Gauge::new(Some(2));
        gauge.admit(t0, 1).unwrap();
        gauge.record(t0, t0 + s(3));
        gauge.record(t0, t0 + s(5));
        let refused = gauge.admit(t0 + s(1), 1).unwrap_err();
        assert_eq!(
            (refused.status.as_u16(), refused.retry_after),
            (429, Some(2))
        );
        assert_eq!(gauge.free(t0 + s(1)), 0);
        // The first ends at 3 s: one place then.
        gauge.admit(t0 + s(3), 1).unwrap();
        gauge.record(t0 + s(3), t0 + s(6));
        assert_eq!(gauge.unfinished(t0 + s(4)), 2);
        assert_eq!(gauge.peak(), 2);
        gauge.record(t0 + s(4), t0 + s(5));
        assert_eq!(gauge.peak(), 3);
        // Too big for the limit, but nothing runs: let through.
        gauge.admit(t0 + s(10), 5).unwrap();
    }
}
