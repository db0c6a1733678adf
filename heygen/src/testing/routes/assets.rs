//! `POST /v3/assets`: multipart upload of one `file` (at most 32 MB); the asset is kept and
//! served back at its `url`.

use axum::Router;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, State};
use axum::routing::post;
use heygen_sys::types::UploadAssetV3Response;
use serde_json::json;
use sha2::Digest as _;
use tokio::time::Instant;

use crate::testing::reply::{ApiErr, Reply, data, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Asset, hex, new_id, sniff, supported};

const MAX_ASSET: usize = 32 * 1024 * 1024;

pub(super) fn routes() -> Router<Sim> {
    Router::new().route("/v3/assets", post(upload))
}

async fn upload(State(sim): State<Sim>, multipart: Result<Multipart, MultipartRejection>) -> Reply {
    let required = || {
        ApiErr::invalid(
            Some("file"),
            "A 'file' part is required: upload it as multipart/form-data.",
        )
    };
    let mut multipart = multipart.map_err(|_| required())?;
    let mut file = None;
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|e| ApiErr::invalid(Some("file"), format!("Unreadable multipart body: {e}.")))?
    {
        if field.name() == Some("file") {
            let declared = field.content_type().map(str::to_string);
            let name = field.file_name().unwrap_or("upload").to_string();
            let bytes = field.bytes().await.map_err(|e| {
                ApiErr::invalid(Some("file"), format!("Unreadable file part: {e}."))
            })?;
            file = Some((declared, name, bytes));
            break;
        }
    }
    let (declared, name, bytes) = file.ok_or_else(required)?;
    if bytes.is_empty() {
        return Err(ApiErr::invalid(Some("file"), "The file is empty."));
    }
    if bytes.len() > MAX_ASSET {
        return Err(ApiErr::invalid(
            Some("file"),
            "The file is larger than 32 MB.",
        ));
    }
    let mime_type = match (sniff(&bytes), declared.as_deref()) {
        (Some(sniffed), _) => sniffed.to_string(),
        (None, Some(declared)) if supported(declared) => declared.to_string(),
        _ => {
            return Err(ApiErr::invalid(
                Some("file"),
                "Unsupported file type: upload a PNG, JPEG, MP4, WebM, MP3, WAV or PDF file.",
            ));
        }
    };
    let sha256 = hex(&sha2::Sha256::digest(&bytes));
    let mut state = sim.state();
    let id = new_id();
    let answer = json!({
        "asset_id": id,
        "mime_type": mime_type,
        "size_bytes": bytes.len(),
        "url": state.file_url("assets", &id),
    });
    let answer: UploadAssetV3Response = typed(answer);
    let (seq, uploaded_at) = (state.next_seq(), state.clock.unix(Instant::now()));
    state.assets.push(Asset {
        seq,
        id,
        name,
        mime_type,
        size: bytes.len() as u64,
        sha256,
        uploaded_at,
        bytes: Some(bytes),
    });
    data(answer)
}
