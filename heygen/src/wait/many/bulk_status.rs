//! What a kind of job must offer to be waited on many at a time: a bulk statuses GET and a
//! detail GET ([`BulkStatus`]), and how a bulk status is read ([`bulk_state`]). Kept apart from
//! the stream so that the resources (`videos`, `video_translations`, `lipsyncs`) implement a
//! small trait without seeing how the polling works.

use heygen_sys::types::StatusEntry;

use crate::error::Result;
use crate::wait::job_state::Waitable;

/// The statuses the bulk endpoints are known to answer (the detail GETs' own included).
pub(super) const KNOWN_STATUSES: &[&str] = &[
    "queued",
    "waiting",
    "pending",
    "processing",
    "running",
    "completed",
    "failed",
    "not_found",
];

/// A kind of job whose statuses one GET reads many at a time.
pub(crate) trait BulkStatus: Clone + Send + Sync + 'static {
    /// The job's full resource.
    type Detail: Waitable + Send + 'static;

    /// `GET /v3/…/statuses` for these ids (at most
    /// [`MAX_IDS_PER_REQUEST`](super::MAX_IDS_PER_REQUEST), already checked).
    fn fetch_statuses(
        &self,
        ids: Vec<String>,
    ) -> impl Future<Output = Result<Vec<StatusEntry>>> + Send + 'static;

    /// `GET /v3/…/{id}`.
    fn fetch_detail(
        &self,
        id: String,
    ) -> impl Future<Output = Result<Self::Detail>> + Send + 'static;
}

/// What a bulk status says of a job.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BulkState {
    /// Still working, or a status this SDK does not know.
    Running,
    /// Done one way or another (or unknown to the account): its own GET says how.
    Finished,
}

/// Reads a bulk status: `completed`, `failed` and `not_found` end the polling of the job.
pub(crate) fn bulk_state(status: &str) -> BulkState {
    match status {
        "completed" | "failed" | "not_found" => BulkState::Finished,
        _ => BulkState::Running,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finished_unknown_and_running_statuses() {
        for status in ["completed", "failed", "not_found"] {
            assert_eq!(bulk_state(status), BulkState::Finished, "{status}");
        }
        for status in [
            "queued",
            "processing",
            "pending",
            "waiting",
            "rendering",
            "",
        ] {
            assert_eq!(bulk_state(status), BulkState::Running, "{status}");
        }
    }
}
