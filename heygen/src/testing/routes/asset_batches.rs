//! Asset upload batches: `POST /v3/assets/direct-uploads/batches` opens a direct upload per
//! file (checked like a single one, and all of them before any is opened), whose bytes go to
//! the same presigned `PUT /upload/{asset_id}`; `POST /v3/assets/complete/batches` ingests every
//! file that was uploaded, each by itself: one without bytes, or with bytes that are not of the
//! declared kind, fails alone. `GET /v3/assets/batches/{batch_id}` reads the batch in the video
//! batches' shape, each item's `video_id` its asset id.
//!
//! A file is `queued` until the batch is completed, then follows a job of its own on the
//! simulator's clock ([`ResourceKind::AssetUpload`]: `queued`, `processing`, then `completed`
//! or `failed`); its asset is in the library from the completion, as the API says the ids are
//! usable from then. Completing again re-drives the files that were refused. The completion
//! answers 202 with the batch id, as its description says (the overlay gives the document's 200
//! and 202 that body); the document lists no 404: an unknown batch is a 400 on `batch_id`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use heygen_sys::types::{
    CompleteAssetUploadBatchRequest, CompleteAssetUploadBatchResponse,
    CreateAssetUploadBatchRequest, CreateAssetUploadBatchResponse,
};
use serde_json::json;
use tokio::time::Instant;

use super::bulk::{Status, job_status, read_batch};
use super::direct_uploads::{check, ingest, open_slot};
use crate::testing::house_rules::{batch_size, check_url, given};
use crate::testing::reply::{ApiErr, Query, Reply, cursor, data, data_with, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{
    AssetBatch, BatchFile, Ingest, ResourceKind, State as SimState, new_id,
};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/assets/direct-uploads/batches", post(create))
        .route("/v3/assets/complete/batches", post(complete))
        .route("/v3/assets/batches/{batch_id}", get(show))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateAssetUploadBatchRequest = parse(&body)?;
    if let Some(url) = given(request.callback_url.as_deref()) {
        check_url(url, "callback_url")?;
    }
    batch_size(request.files.len(), "files")?;
    let checked = (request.files.iter().enumerate())
        .map(|(i, file)| check(file, &format!("files[{i}].")))
        .collect::<Result<Vec<_>, _>>()?;
    let now = Instant::now();
    let mut state = sim.state();
    let items: Vec<_> = (request.files.iter().zip(checked))
        .map(|(file, checked)| open_slot(&mut state, file, checked, now))
        .collect();
    let batch = AssetBatch {
        id: new_id(),
        title: given(request.title.as_deref()).map(str::to_string),
        created: now,
        files: (items.iter())
            .map(|slot| BatchFile {
                asset_id: slot.asset_id.clone(),
                ingest: None,
            })
            .collect(),
    };
    let batch_id = batch.id.clone();
    state.asset_batches.push(batch);
    data(typed::<CreateAssetUploadBatchResponse>(
        json!({"batch_id": batch_id, "items": items}),
    ))
}

/// Ingests every file not ingested yet, or refused before: each gets a job, failing when its
/// file is refused (or the simulator fails jobs). Answers 202 (Accepted) with the batch id.
async fn complete(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CompleteAssetUploadBatchRequest = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let Some(batch) = (state.asset_batches.iter()).position(|b| b.id == request.batch_id) else {
        return Err(ApiErr::invalid(
            Some("batch_id"),
            format!("Batch '{}' not found.", request.batch_id),
        ));
    };
    for file in 0..state.asset_batches[batch].files.len() {
        let BatchFile {
            asset_id,
            ingest: done,
        } = &state.asset_batches[batch].files[file];
        if done.as_ref().is_some_and(|done| done.refused.is_none()) {
            continue;
        }
        let asset_id = asset_id.clone();
        let mut job = state.new_job(ResourceKind::AssetUpload, now, false);
        let refused = if job.fail {
            None
        } else {
            ingest_file(&mut state, &asset_id).err()
        };
        job.fail |= refused.is_some();
        state.asset_batches[batch].files[file].ingest = Some(Ingest { job, refused });
    }
    let completed =
        typed::<CompleteAssetUploadBatchResponse>(json!({"batch_id": request.batch_id}));
    data_with(StatusCode::ACCEPTED, completed)
}

/// Ingests one file's upload into the library, or says why not (code, message).
fn ingest_file(state: &mut SimState, asset_id: &str) -> Result<(), (String, String)> {
    let Some(index) = state.uploads.iter().position(|u| u.asset_id == asset_id) else {
        return Err((
            "not_found".into(),
            "The file's upload was deleted before the batch was completed.".into(),
        ));
    };
    let asset = ingest(state, index, None).map_err(|e| (e.code, e.message))?;
    state.assets.push(asset);
    Ok(())
}

/// A file's bulk status at `now`, and its error when it failed.
pub(super) fn file_status(file: &BatchFile, now: Instant) -> Status {
    let Some(Ingest { job, refused }) = &file.ingest else {
        return ("queued".into(), None);
    };
    let (status, error) = job_status(job, now);
    let error = if status == "failed" {
        refused.clone().or(error)
    } else {
        None
    };
    (status, error)
}

async fn show(
    State(sim): State<Sim>,
    Path(batch_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Reply {
    let cursor = cursor(
        &Query::parse(query.as_deref()),
        "/v3/assets/batches/{batch_id}",
    )?;
    let now = Instant::now();
    let state = sim.state();
    let batch = (state.asset_batches.iter())
        .find(|b| b.id == batch_id)
        .ok_or_else(|| ApiErr::not_found("Batch"))?;
    let items = (batch.files.iter())
        .map(|file| (file_status(file, now), Some(file.asset_id.clone())))
        .collect();
    let created_at = state.clock.unix(batch.created);
    let read = read_batch(&batch.id, batch.title.clone(), created_at, items, cursor);
    data(read)
}
