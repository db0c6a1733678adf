//! The direct upload: `POST /v3/assets/direct-uploads` hands out a presigned URL on this
//! server (`PUT /upload/{asset_id}?signature=…`, outside `/v3`, like a storage bucket) with
//! the headers its PUT must carry; the PUT streams the bytes; `POST
//! /v3/assets/{asset_id}/complete` turns them into an asset. The PUT's errors are S3's XML; it
//! needs no API key, and faults apply to it like to any request. The rules of the three steps
//! are the state's (`state/actions/assets/`: `direct.rs`, `storage.rs` for the PUT).

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use futures::StreamExt as _;
use heygen_sys::types::{
    CompleteAssetUploadRequest, CompleteAssetUploadResponse, CreateAssetUploadRequest,
    CreateAssetUploadResponse,
};
use serde_json::{Map, json};
use tokio::time::Instant;

use crate::testing::reply::{Reply, data, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{EXPIRES_IN_SECS, State as SimState, StorageErr, UPLOAD_PATH, Upload};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/assets/direct-uploads", post(create))
        .route("/v3/assets/{asset_id}/complete", post(complete))
        .route("/upload/{asset_id}", put(receive))
}

/// Whether the request is a presigned upload, whose body the server streams to its handler
/// instead of reading it first (it can be far larger than any API request).
pub(crate) fn streams_body(method: &str, path: &str) -> bool {
    method == "PUT" && path.starts_with(UPLOAD_PATH)
}

/// Reads a body to its end and forgets it (an answer sent before the body is read makes the
/// connection close under the client, which would see a reset instead of the answer).
pub(crate) async fn drain(body: Body) {
    let mut chunks = body.into_data_stream();
    while let Some(Ok(_)) = chunks.next().await {}
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateAssetUploadRequest = parse(&body)?;
    let mut state = sim.state();
    let upload = state.open_upload(&request, Instant::now())?;
    data(pending(&state, &upload))
}

/// An opened upload, as its create answers it: where to PUT the bytes, and with which headers.
pub(super) fn pending(state: &SimState, upload: &Upload) -> CreateAssetUploadResponse {
    let headers: Map<_, _> = (upload.signed_headers().into_iter())
        .map(|(name, value)| (name.to_string(), value.into()))
        .collect();
    typed::<CreateAssetUploadResponse>(json!({
        "asset_id": upload.asset_id,
        "expires_in_seconds": EXPIRES_IN_SECS,
        "max_bytes": upload.size,
        "status": "pending_upload",
        "upload_headers": headers,
        "upload_url": state.upload_url(upload),
    }))
}

impl IntoResponse for StorageErr {
    fn into_response(self) -> Response {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message><RequestId>sim</RequestId></Error>",
            self.1, self.2
        );
        let status = StatusCode::from_u16(self.0).unwrap_or(StatusCode::BAD_REQUEST);
        (status, [(header::CONTENT_TYPE, "application/xml")], body).into_response()
    }
}

/// `PUT /upload/{asset_id}?signature=…`: the presigned upload, streamed.
async fn receive(
    State(sim): State<Sim>,
    Path(asset_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let admitted = sim.state().admit_put(&asset_id, query.as_deref(), &headers);
    let mut incoming = match admitted {
        Ok(incoming) => incoming,
        Err(refused) => {
            drain(body).await;
            return refused.into_response();
        }
    };
    let mut chunks = body.into_data_stream();
    while let Some(chunk) = chunks.next().await {
        let Ok(chunk) = chunk else {
            // The client went away: nothing is stored, and no one reads this answer.
            let message = "The connection closed early.".into();
            return StorageErr(400, "IncompleteBody", message).into_response();
        };
        if let Err(refused) = incoming.take(&chunk) {
            while let Some(Ok(_)) = chunks.next().await {}
            return refused.into_response();
        }
    }
    match sim.state().store_put(incoming) {
        Ok(etag) => (StatusCode::OK, [(header::ETAG, etag)]).into_response(),
        Err(refused) => refused.into_response(),
    }
}

/// `POST /v3/assets/{asset_id}/complete`: idempotent; the body (a checksum) is optional.
async fn complete(State(sim): State<Sim>, Path(asset_id): Path<String>, body: Bytes) -> Reply {
    let request: CompleteAssetUploadRequest = if body.iter().all(u8::is_ascii_whitespace) {
        CompleteAssetUploadRequest::default()
    } else {
        parse(&body)?
    };
    let mut state = sim.state();
    let asset = state.complete_upload(&asset_id, request.checksum_sha256.as_deref())?;
    data(typed::<CompleteAssetUploadResponse>(json!({
        "asset_id": asset.id,
        "mime_type": asset.mime_type,
        "size_bytes": asset.size,
        "status": "completed",
        "url": state.file_url("assets", &asset.id),
    })))
}
