//! The record a wait on many keeps of each job: where it stands between the statuses rounds
//! and its own GET ([`Stage`]), its deadline, its polls and the last status seen (what a
//! [`Error::WaitTimeout`](crate::Error::WaitTimeout) reports), and the progress report a poll
//! makes of it. One record per distinct id; it leaves the set when its outcome is queued.

use tokio::time::Instant;

use super::bulk_status::KNOWN_STATUSES;
use crate::wait::options::{Progress, WaitOptions};

/// Where a job of the set stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Stage {
    /// Polled through the statuses rounds.
    Running,
    /// Its GET is queued or in flight.
    Fetching,
    /// Its GET failed and may succeed: sent again at the next round.
    Refetch,
}

/// One job of the set.
#[derive(Debug)]
pub(super) struct Job {
    /// Its place in the order of `add`: rounds and expiries go in that order.
    pub(super) seq: u64,
    pub(super) added: Instant,
    pub(super) deadline: Option<Instant>,
    pub(super) polls: u32,
    pub(super) stage: Stage,
    /// The last status seen and the entry or resource that said it.
    pub(super) last: Option<(String, serde_json::Value)>,
}

/// Tells the progress callback what a poll saw of one job.
pub(super) fn report(
    options: &WaitOptions,
    kind: &'static str,
    id: &str,
    job: &Job,
    status: &str,
    now: Instant,
) {
    if let Some(callback) = &options.progress {
        callback(&Progress {
            kind,
            id: id.to_string(),
            status: status.to_string(),
            recognized: KNOWN_STATUSES.contains(&status),
            changed: job.last.as_ref().map(|(s, _)| s.as_str()) != Some(status),
            elapsed: now.saturating_duration_since(job.added),
            polls: job.polls,
            progress: None,
        });
    }
}
