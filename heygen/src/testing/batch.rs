//! A simulated batch (videos, video translations or lipsyncs): its items wait `queued` until
//! each is created as a job of its own (at once, or when the concurrent-job limit leaves a
//! place), then follow that job's timeline. And how job statuses read in the batch and bulk
//! statuses shapes (`queued`, `processing`, `completed`, `failed`).

use tokio::time::Instant;

use super::lookup::find;
use super::state::{Job, ResourceKind, State};

/// A batch of creates.
#[derive(Debug, Clone)]
pub(crate) struct SimBatch {
    pub id: String,
    pub kind: ResourceKind,
    pub title: Option<String>,
    pub created: Instant,
    pub items: Vec<Slot>,
}

/// One item of a batch: the body of its create, then its job's id, or why its create failed.
#[derive(Debug, Clone)]
pub(crate) struct Slot {
    pub body: serde_json::Value,
    pub job_id: Option<String>,
    /// The create's error code and message.
    pub error: Option<(String, String)>,
    /// Its create is being sent.
    pub starting: bool,
}

impl Slot {
    pub(crate) fn new(body: serde_json::Value) -> Self {
        Self {
            body,
            job_id: None,
            error: None,
            starting: false,
        }
    }

    /// Still waiting for its job to be created.
    pub(crate) fn waiting(&self) -> bool {
        self.job_id.is_none() && self.error.is_none()
    }
}

/// A job status as the batch and statuses endpoints write it: the first status is `queued`,
/// the working ones `processing`; `completed`, `failed`, and statuses injected by a test, as
/// they are.
pub(crate) fn bulk_status(status: &str) -> &str {
    match status {
        "pending" | "waiting" => "queued",
        "processing" | "running" => "processing",
        other => other,
    }
}

/// The job of a resource of `kind` with this id.
pub(crate) fn job_of<'s>(state: &'s State, kind: ResourceKind, id: &str) -> Option<&'s Job> {
    match kind {
        ResourceKind::Video => find(&state.videos, id).ok().map(|v| &v.record.job),
        ResourceKind::VideoTranslation => find(&state.translations, id).ok().map(|t| &t.record.job),
        ResourceKind::Lipsync => find(&state.lipsyncs, id).ok().map(|l| &l.record.job),
        _ => None,
    }
}

/// An item's status at `now`, and its error (code, message) when it failed.
pub(crate) fn slot_status(
    state: &State,
    kind: ResourceKind,
    slot: &Slot,
    now: Instant,
) -> (String, Option<(String, String)>) {
    if let Some(error) = &slot.error {
        return ("failed".into(), Some(error.clone()));
    }
    let Some(id) = slot.job_id.as_deref() else {
        return ("queued".into(), None);
    };
    match job_of(state, kind, id) {
        Some(job) => job_status(job, now),
        // Deleted since: it was made, so it counts as done.
        None => ("completed".into(), None),
    }
}

/// A job's bulk status at `now`, and its error when it failed.
pub(crate) fn job_status(job: &Job, now: Instant) -> (String, Option<(String, String)>) {
    let phase = job.phase(now);
    let error = phase.failed().then(|| {
        (
            "simulated_failure".to_string(),
            "The simulator was told to fail this job (fail_jobs).".to_string(),
        )
    });
    (bulk_status(phase.status()).to_string(), error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn job_statuses_read_as_bulk_statuses() {
        assert_eq!(bulk_status("pending"), "queued");
        assert_eq!(bulk_status("running"), "processing");
        assert_eq!(bulk_status("processing"), "processing");
        assert_eq!(bulk_status("completed"), "completed");
        assert_eq!(bulk_status("thinking"), "thinking");
    }
}
