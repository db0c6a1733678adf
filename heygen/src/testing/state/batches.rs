//! A batch of videos, video translations or lipsyncs: its items wait `queued` until each is
//! created as a job of its own (at once, or when the concurrent-job limit leaves a place).

use tokio::time::Instant;

use super::timeline::ResourceKind;

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
}

impl Slot {
    pub(crate) fn new(body: serde_json::Value) -> Self {
        Self {
            body,
            job_id: None,
            error: None,
        }
    }

    /// Still waiting for its job to be created.
    pub(crate) fn waiting(&self) -> bool {
        self.job_id.is_none() && self.error.is_none()
    }
}
