//! Asset upload batches: `POST /v3/assets/direct-uploads/batches` opens a direct upload per
//! file (checked like a single one, and all of them before any is opened), whose bytes go to
//! the same presigned `PUT /upload/{asset_id}`; `POST /v3/assets/complete/batches` ingests every
//! file that was uploaded, each by itself: one without bytes, or with bytes that are not of the
//! declared kind, fails alone. `GET /v3/assets/batches/{batch_id}` reads the batch in the video
//! batches' shape, each item's `video_id` its asset id.
//!
//! A file is `queued` until the batch is completed, then follows a job of its own on the
//! simulator's clock ([`ResourceKind::AssetUpload`](crate::testing::state::ResourceKind):
//! `queued`, `processing`, then `completed` or `failed`); its asset is in the library from the
//! completion, as the API says the ids are usable from then. Completing again re-drives the
//! files that were refused. The completion answers 202 with the batch id, as its description
//! says (the overlay gives the document's 200 and 202 that body); the document lists no 404: an
//! unknown batch is a 400 on `batch_id`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use heygen_sys::types::{
    CompleteAssetUploadBatchRequest, CompleteAssetUploadBatchResponse,
    CreateAssetUploadBatchRequest, CreateAssetUploadBatchResponse,
};
use serde_json::json;
use tokio::time::Instant;

use super::bulk::{Status, job_status, read_batch};
use super::direct_uploads::pending;
use crate::testing::reply::{Listing, Reply, data, data_with, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{BatchFile, Ingest, find};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/assets/direct-uploads/batches", post(create))
        .route("/v3/assets/complete/batches", post(complete))
        .route("/v3/assets/batches/{batch_id}", get(show))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateAssetUploadBatchRequest = parse(&body)?;
    let mut state = sim.state();
    let (batch_id, uploads) = state.open_asset_batch(&request, Instant::now())?;
    let items: Vec<_> = (uploads.iter())
        .map(|upload| pending(&state, upload))
        .collect();
    data(typed::<CreateAssetUploadBatchResponse>(
        json!({"batch_id": batch_id, "items": items}),
    ))
}

/// Answers 202 (Accepted) with the batch id.
async fn complete(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CompleteAssetUploadBatchRequest = parse(&body)?;
    (sim.state()).complete_asset_batch(&request.batch_id, Instant::now())?;
    let completed =
        typed::<CompleteAssetUploadBatchResponse>(json!({"batch_id": request.batch_id}));
    data_with(StatusCode::ACCEPTED, completed)
}

/// A file's bulk status at `now`, and its error when it failed.
pub(super) fn file_status(file: &BatchFile, now: Instant) -> Status {
    let Some(Ingest { job, refused }) = &file.ingest else {
        return ("queued".into(), None);
    };
    let (status, error) = job_status(job, now);
    let error = (status == "failed")
        .then(|| refused.clone().or(error))
        .flatten();
    (status, error)
}

/// A file of a batch as the batch shapes list it: its status, and its asset id.
pub(super) fn file_item(file: &BatchFile, now: Instant) -> (Status, Option<String>) {
    (file_status(file, now), Some(file.asset_id.clone()))
}

async fn show(
    State(sim): State<Sim>,
    Path(batch_id): Path<String>,
    Listing { cursor, .. }: Listing,
) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    let batch = find(&state.asset_batches, &batch_id)?;
    let items = (batch.files.iter())
        .map(|file| file_item(file, now))
        .collect();
    let created_at = state.clock.unix(batch.created);
    data(read_batch(
        &batch.id,
        batch.title.clone(),
        created_at,
        items,
        cursor,
    ))
}
