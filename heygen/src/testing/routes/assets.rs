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

use crate::testing::reply::{ApiErr, Reply, ok};
use crate::testing::shared::Sim;
use crate::testing::state::{Asset, new_id};

const MAX_ASSET: usize = 32 * 1024 * 1024;

pub(super) fn routes() -> Router<Sim> {
    Router::new().route("/v3/assets", post(upload))
}

/// The MIME type from the file's first bytes, as HeyGen detects it.
pub(super) fn sniff(bytes: &[u8]) -> Option<&'static str> {
    let starts = |prefix: &[u8]| bytes.starts_with(prefix);
    if starts(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if starts(b"\xff\xd8\xff") {
        Some("image/jpeg")
    } else if starts(b"%PDF-") {
        Some("application/pdf")
    } else if starts(b"ID3") || (bytes.len() > 1 && bytes[0] == 0xff && bytes[1] & 0xe0 == 0xe0) {
        Some("audio/mpeg")
    } else if starts(b"RIFF") && bytes.get(8..12) == Some(b"WAVE") {
        Some("audio/wav")
    } else if bytes.get(4..8) == Some(b"ftyp") {
        Some("video/mp4")
    } else if starts(b"\x1a\x45\xdf\xa3") {
        Some("video/webm")
    } else {
        None
    }
}

pub(super) fn supported(mime: &str) -> bool {
    [
        "image/png",
        "image/jpeg",
        "video/mp4",
        "video/webm",
        "audio/mpeg",
        "audio/mp3",
        "audio/wav",
        "audio/x-wav",
        "application/pdf",
    ]
    .contains(&mime)
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
    let sha256 = super::direct_uploads::hex(&sha2::Sha256::digest(&bytes));
    let mut state = sim.state();
    let id = new_id();
    let response = UploadAssetV3Response {
        asset_id: id.clone(),
        mime_type: mime_type.clone(),
        size_bytes: bytes.len() as i64,
        url: state.file_url("assets", &id),
    };
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
    ok(json!({ "data": response }))
}
