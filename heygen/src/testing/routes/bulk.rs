//! How job statuses read in the batch and bulk statuses shapes (`queued`, `processing`,
//! `completed`, `failed`), and a batch as read: for the batches of videos, video translations
//! and lipsyncs, and the asset upload batches alike.

use heygen_sys::types::{Batch, BatchItem, BatchItemStatus, BatchStatus, StatusEntry};
use serde_json::{Map, Value, json};
use tokio::time::Instant;

use crate::testing::reply::{Cursor, paginate, typed};
use crate::testing::state::{Job, ResourceKind, Slot, State, find};

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

/// An item's bulk status and its error (code, message).
pub(crate) type Status = (String, Option<(String, String)>);

/// An error (code, message) as the batch and statuses shapes write it.
fn error_map(error: Option<(String, String)>) -> Option<Map<String, Value>> {
    error.map(|(code, message)| {
        let mut map = Map::new();
        map.insert("code".into(), Value::String(code));
        map.insert("message".into(), Value::String(message));
        map
    })
}

/// The statuses entry of a job read by its id.
pub(crate) fn job_entry(id: String, (status, error): Status) -> StatusEntry {
    typed::<StatusEntry>(json!({
        "error": error_map(error),
        "status": status,
        "video_id": id,
    }))
}

/// The statuses entries of a batch read by its id: one per item (its index, status and error,
/// and the id of what it made), or, for a batch the account does not have (`None`), one
/// `not_found` entry.
pub(crate) fn batch_entries(
    batch_id: String,
    items: Option<Vec<(Status, Option<String>)>>,
) -> Vec<StatusEntry> {
    let Some(items) = items else {
        return vec![typed::<StatusEntry>(json!({
            "batch_id": batch_id,
            "status": "not_found".to_string(),
        }))];
    };
    (items.into_iter().enumerate())
        .map(|(index, ((status, error), id))| {
            typed::<StatusEntry>(json!({
                "batch_id": batch_id,
                "error": error_map(error),
                "item_index": index as i64,
                "status": status,
                "video_id": id,
            }))
        })
        .collect()
}

/// What the batch endpoints answer for a batch whose items, in order, read `items` (each its
/// status and error, and the id of what it made): counts by status, the aggregate status
/// (`processing` while an item is unfinished, `failed` when every item failed, else
/// `completed`), and the page of items at `cursor`.
pub(crate) fn read_batch(
    batch_id: &str,
    title: Option<String>,
    created_at: i64,
    items: Vec<(Status, Option<String>)>,
    cursor: Cursor,
) -> Batch {
    let total_items = items.len();
    let mut counts = Map::new();
    let mut page = Vec::with_capacity(total_items);
    let (mut running, mut failed) = (0, 0);
    for (index, ((status, error), id)) in items.into_iter().enumerate() {
        match status.as_str() {
            "completed" => {}
            "failed" => failed += 1,
            _ => running += 1,
        }
        let count = counts.entry(status.clone()).or_insert(json!(0));
        *count = json!(count.as_u64().unwrap_or(0) + 1);
        page.push((
            index as u64,
            typed::<BatchItem>(json!({
                "error": error_map(error),
                "item_index": index as i64,
                "status": BatchItemStatus::from(status.as_str()),
                "video_id": id,
            })),
        ));
    }
    let status = if running > 0 {
        BatchStatus::Processing
    } else if failed == total_items {
        BatchStatus::Failed
    } else {
        BatchStatus::Completed
    };
    let (items, has_more, next_token) = paginate(page, cursor, false);
    typed::<Batch>(json!({
        "batch_id": batch_id.to_string(),
        "counts_by_status": counts,
        "created_at": created_at,
        "has_more": has_more,
        "items": items,
        "next_token": next_token,
        "status": status,
        "title": title,
        "total_items": total_items as i64,
    }))
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
