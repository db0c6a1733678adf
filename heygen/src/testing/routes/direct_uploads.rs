//! The direct upload: `POST /v3/assets/direct-uploads` hands out a presigned URL on this
//! server (`PUT /upload/{asset_id}?signature=…`, outside `/v3`, like a storage bucket) with
//! the headers its PUT must carry; the PUT streams the bytes, keeping only their size and
//! SHA-256; `POST /v3/assets/{asset_id}/complete` turns them into an asset.
//!
//! The PUT is checked as a storage service would (the signature, the expiry, the signed
//! headers, the exact `Content-Length`, the checksum) and more strictly: it must carry no
//! `x-api-key` or `Authorization`, since the API key must never leave the API. Its errors are
//! S3's XML. It needs no API key, and faults apply to it like to any request.

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use base64::Engine as _;
use futures::StreamExt as _;
use heygen_sys::types::{
    CompleteAssetUploadRequest, CompleteAssetUploadResponse, CreateAssetUploadRequest,
    CreateAssetUploadResponse,
};
use serde_json::json;
use serde_json::{Map, Value};
use sha2::Digest as _;
use tokio::time::Instant;

use crate::testing::house_rules::given;
use crate::testing::reply::{ApiErr, Query, Reply, data, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Asset, State as SimState, Upload, hex, new_id, sniff, supported};

/// Where presigned uploads go.
pub(crate) const UPLOAD_PATH: &str = "/upload/";
/// The largest direct upload accepted (5 GiB, S3's single-PUT limit).
const MAX_DIRECT: u64 = 5 * 1024 * 1024 * 1024;
/// How long an upload URL is valid.
const EXPIRES_IN_SECS: u64 = 3600;
/// The headers the PUT must send as handed out.
const TOKEN_HEADER: &str = "x-sim-upload-token";
const CHECKSUM_HEADER: &str = "x-amz-checksum-sha256";

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

fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateAssetUploadRequest = parse(&body)?;
    let checked = check(&request, "")?;
    let mut state = sim.state();
    let slot = open_slot(&mut state, &request, checked, Instant::now());
    data(slot)
}

/// A direct upload's request, checked: its size and its checksum (lower-case hex). `at` is
/// where its fields are in the request body (`files[2].` in a batch).
pub(super) fn check(
    request: &CreateAssetUploadRequest,
    at: &str,
) -> Result<(u64, Option<String>), ApiErr> {
    let field = |name: &str| format!("{at}{name}");
    if given(Some(&request.filename)).is_none() {
        return Err(ApiErr::invalid(
            Some(&field("filename")),
            "'filename' must not be empty.",
        ));
    }
    if !supported(&request.content_type) && request.content_type != "application/zip" {
        return Err(ApiErr::invalid(
            Some(&field("content_type")),
            "Unsupported content type: upload a PNG, JPEG, MP4, WebM, MP3, WAV, PDF or ZIP file.",
        ));
    }
    let size = match u64::try_from(request.size_bytes) {
        Ok(size) if (1..=MAX_DIRECT).contains(&size) => size,
        _ => {
            return Err(ApiErr::invalid(
                Some(&field("size_bytes")),
                "'size_bytes' must be between 1 and 5 GiB.",
            ));
        }
    };
    match request
        .checksum_sha256
        .as_deref()
        .map(str::to_ascii_lowercase)
    {
        Some(sum) if from_hex(&sum).is_none_or(|digest| digest.len() != 32) => {
            Err(ApiErr::invalid(
                Some(&field("checksum_sha256")),
                "'checksum_sha256' must be 64 hex digits.",
            ))
        }
        checksum => Ok((size, checksum)),
    }
}

/// Opens the upload of a checked request (its size and checksum): a new asset id, and the
/// presigned URL on this server with the headers its PUT must carry.
pub(super) fn open_slot(
    state: &mut SimState,
    request: &CreateAssetUploadRequest,
    (size, checksum): (u64, Option<String>),
    now: Instant,
) -> CreateAssetUploadResponse {
    let asset_id = new_id();
    let upload = Upload {
        asset_id: asset_id.clone(),
        filename: request.filename.clone(),
        content_type: request.content_type.clone(),
        size,
        checksum_sha256: checksum.clone(),
        signature: new_id(),
        token: new_id(),
        expires_at: now + std::time::Duration::from_secs(EXPIRES_IN_SECS),
        stored: None,
    };
    let mut headers = Map::new();
    headers.insert("content-type".into(), request.content_type.clone().into());
    headers.insert(TOKEN_HEADER.into(), upload.token.clone().into());
    if let Some(digest) = checksum.as_deref().and_then(from_hex) {
        let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
        headers.insert(CHECKSUM_HEADER.into(), Value::String(encoded));
    }
    let upload_url = format!(
        "{}{UPLOAD_PATH}{asset_id}?signature={}&expires={}",
        state.base_url,
        upload.signature,
        state.clock.unix(upload.expires_at)
    );
    state.uploads.push(upload);
    typed::<CreateAssetUploadResponse>(json!({
        "asset_id": asset_id,
        "expires_in_seconds": EXPIRES_IN_SECS as i64,
        "max_bytes": request.size_bytes,
        "status": "pending_upload",
        "upload_headers": headers,
        "upload_url": upload_url,
    }))
}

/// A storage service's error: S3's XML.
struct StorageErr {
    status: StatusCode,
    code: &'static str,
    message: String,
}

impl StorageErr {
    fn new(status: u16, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_REQUEST),
            code,
            message: message.into(),
        }
    }
}

impl IntoResponse for StorageErr {
    fn into_response(self) -> Response {
        let body = format!(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{}</Code><Message>{}</Message><RequestId>sim</RequestId></Error>",
            self.code, self.message
        );
        (
            self.status,
            [(header::CONTENT_TYPE, "application/xml")],
            body,
        )
            .into_response()
    }
}

/// `PUT /upload/{asset_id}?signature=…`: the presigned upload.
async fn receive(
    State(sim): State<Sim>,
    Path(asset_id): Path<String>,
    RawQuery(query): RawQuery,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let slot = {
        let state = sim.state();
        state
            .uploads
            .iter()
            .find(|u| u.asset_id == asset_id)
            .cloned()
    };
    if let Err(refused) = admit(slot.as_ref(), query.as_deref(), &headers) {
        drain(body).await;
        return refused.into_response();
    }
    let Some(slot) = slot else {
        return StorageErr::new(404, "NoSuchUpload", "No such upload.").into_response();
    };
    // Streamed: only the size, the hash and the first bytes are kept.
    let mut hasher = sha2::Sha256::new();
    let mut head = Vec::with_capacity(16);
    let mut received = 0u64;
    let mut chunks = body.into_data_stream();
    while let Some(chunk) = chunks.next().await {
        let Ok(chunk) = chunk else {
            // The client went away: nothing is stored, and no one reads this answer.
            return StorageErr::new(400, "IncompleteBody", "The connection closed early.")
                .into_response();
        };
        received += chunk.len() as u64;
        if received > slot.size {
            drain_stream(chunks).await;
            return StorageErr::new(400, "EntityTooLarge", "More bytes than were signed.")
                .into_response();
        }
        let room = 16usize.saturating_sub(head.len()).min(chunk.len());
        head.extend_from_slice(&chunk[..room]);
        hasher.update(&chunk);
    }
    if received != slot.size {
        return StorageErr::new(
            400,
            "IncompleteBody",
            format!("{received} bytes received, {} signed.", slot.size),
        )
        .into_response();
    }
    let digest = hex(&hasher.finalize());
    if slot
        .checksum_sha256
        .as_ref()
        .is_some_and(|sum| *sum != digest)
    {
        return StorageErr::new(
            400,
            "BadDigest",
            "The SHA-256 you specified did not match the calculated checksum.",
        )
        .into_response();
    }
    let etag = format!("\"{}\"", &digest[..32]);
    let mut state = sim.state();
    match state.uploads.iter_mut().find(|u| u.asset_id == asset_id) {
        Some(upload) => {
            upload.stored = Some((digest, head));
            (StatusCode::OK, [(header::ETAG, etag)]).into_response()
        }
        None => StorageErr::new(404, "NoSuchUpload", "The upload was deleted meanwhile.")
            .into_response(),
    }
}

async fn drain_stream(mut chunks: axum::body::BodyDataStream) {
    while let Some(Ok(_)) = chunks.next().await {}
}

/// The checks made before any byte is read: no API credentials, a known upload, its
/// signature, not expired, the signed headers as handed out, the exact length.
fn admit(
    slot: Option<&Upload>,
    query: Option<&str>,
    headers: &HeaderMap,
) -> Result<(), StorageErr> {
    let header = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    for credential in ["x-api-key", "authorization"] {
        if headers.contains_key(credential) {
            return Err(StorageErr::new(
                400,
                "InvalidArgument",
                format!(
                    "Only one auth mechanism allowed: the presigned URL authorises this request, so it must carry no {credential} header (the API key never leaves the API)."
                ),
            ));
        }
    }
    let Some(slot) = slot else {
        return Err(StorageErr::new(404, "NoSuchUpload", "No such upload."));
    };
    if Query::parse(query).get("signature") != Some(slot.signature.as_str()) {
        return Err(StorageErr::new(
            403,
            "SignatureDoesNotMatch",
            "The request signature we calculated does not match the signature you provided.",
        ));
    }
    if Instant::now() > slot.expires_at {
        return Err(StorageErr::new(403, "AccessDenied", "Request has expired."));
    }
    let mut signed = vec![
        ("content-type", slot.content_type.clone()),
        (TOKEN_HEADER, slot.token.clone()),
    ];
    if let Some(digest) = slot.checksum_sha256.as_deref().and_then(from_hex) {
        signed.push((
            CHECKSUM_HEADER,
            base64::engine::general_purpose::STANDARD.encode(digest),
        ));
    }
    for (name, value) in signed {
        if header(name) != Some(value.as_str()) {
            return Err(StorageErr::new(
                403,
                "SignatureDoesNotMatch",
                format!(
                    "The signed header '{name}' is missing or differs from the one handed out."
                ),
            ));
        }
    }
    if headers.contains_key(header::TRANSFER_ENCODING) {
        return Err(StorageErr::new(
            411,
            "MissingContentLength",
            "You must provide the Content-Length HTTP header (no chunked uploads).",
        ));
    }
    match header("content-length").map(str::parse::<u64>) {
        Some(Ok(length)) if length == slot.size => Ok(()),
        Some(Ok(length)) => Err(StorageErr::new(
            403,
            "SignatureDoesNotMatch",
            format!("Content-Length {length} is not the signed {}.", slot.size),
        )),
        _ => Err(StorageErr::new(
            411,
            "MissingContentLength",
            "You must provide the Content-Length HTTP header.",
        )),
    }
}

/// The answer of a completed upload.
fn completion(state: &SimState, asset: &Asset) -> CompleteAssetUploadResponse {
    typed::<CompleteAssetUploadResponse>(json!({
        "asset_id": asset.id,
        "mime_type": asset.mime_type,
        "size_bytes": asset.size as i64,
        "status": "completed",
        "url": state.file_url("assets", &asset.id),
    }))
}

/// `POST /v3/assets/{asset_id}/complete`: idempotent; the body (a checksum) is optional.
async fn complete(State(sim): State<Sim>, Path(asset_id): Path<String>, body: Bytes) -> Reply {
    let request: CompleteAssetUploadRequest = if body.iter().all(u8::is_ascii_whitespace) {
        CompleteAssetUploadRequest::default()
    } else {
        parse(&body)?
    };
    let checksum = request
        .checksum_sha256
        .as_deref()
        .map(str::to_ascii_lowercase);
    let mut state = sim.state();
    if let Some(asset) = state.assets.iter().find(|a| a.id == asset_id) {
        if checksum.as_ref().is_some_and(|sum| *sum != asset.sha256) {
            return Err(mismatch());
        }
        let done = completion(&state, asset);
        return data(done);
    }
    let Some(index) = state.uploads.iter().position(|u| u.asset_id == asset_id) else {
        return Err(ApiErr::not_found("Asset"));
    };
    let asset = ingest(&mut state, index, checksum)?;
    let done = completion(&state, &asset);
    state.assets.push(asset);
    data(done)
}

/// Turns the upload at `index`, once its bytes were PUT, into an asset (the caller keeps it),
/// checking them against the checksum given and their kind against the declared type; a
/// refused upload stays as it is.
pub(super) fn ingest(
    state: &mut SimState,
    index: usize,
    checksum: Option<String>,
) -> Result<Asset, ApiErr> {
    let upload = &state.uploads[index];
    let Some((sha256, head)) = upload.stored.clone() else {
        return Err(ApiErr::invalid(
            None,
            "No file has been uploaded for this asset: PUT it to its upload_url first.",
        ));
    };
    if checksum.is_some_and(|sum| sum != sha256) {
        return Err(mismatch());
    }
    let declared = upload.content_type.clone();
    let kind = |mime: &str| mime.split('/').next().unwrap_or_default().to_string();
    let mime_type = match sniff(&head) {
        Some(found) if kind(found) != kind(&declared) => {
            return Err(ApiErr::invalid(
                Some("content_type"),
                format!("The uploaded bytes are {found}, not the declared {declared}."),
            ));
        }
        _ => declared,
    };
    let upload = state.uploads.remove(index);
    let (seq, uploaded_at) = (state.next_seq(), state.clock.unix(Instant::now()));
    Ok(Asset {
        seq,
        id: upload.asset_id,
        name: upload.filename,
        mime_type,
        size: upload.size,
        sha256,
        uploaded_at,
        bytes: None,
    })
}

/// A checksum that is not the uploaded bytes'.
fn mismatch() -> ApiErr {
    ApiErr::invalid(
        Some("checksum_sha256"),
        "'checksum_sha256' does not match the uploaded bytes.",
    )
}
