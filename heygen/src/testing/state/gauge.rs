//! The simulator's in-flight jobs gauge: HeyGen's concurrent-job limit (a create past it
//! answers 429 with `Retry-After`) and the peak number of unfinished jobs, for tests that a
//! client keeps within it.
//!
//! A job counts from its creation until it completes or fails (its timeline says when, so the
//! span is known when it is made): videos (those video agents render too), video translations
//! and lipsyncs. A job deleted before it finishes keeps its place until then.

use tokio::time::Instant;

use super::timeline::ResourceKind;
use crate::testing::reply::ApiErr;

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
    use std::time::Duration;

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
