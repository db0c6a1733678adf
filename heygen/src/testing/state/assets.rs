//! Uploaded assets (multipart or direct) and the direct uploads still waiting for their bytes:
//! the only state the simulator holds content for, and the only one with an expiry of its own.

use axum::body::Bytes;
use tokio::time::Instant;

/// An uploaded asset.
#[derive(Debug, Clone)]
pub(crate) struct Asset {
    pub seq: u64,
    pub id: String,
    pub name: String,
    pub mime_type: String,
    pub size: u64,
    /// SHA-256 of the content, as hex.
    pub sha256: String,
    pub uploaded_at: i64,
    /// The content of a multipart upload, served back at its URL; a direct upload keeps only
    /// its size and hash.
    pub bytes: Option<Bytes>,
}

/// A direct upload (`createAssetUpload`) until it is completed.
#[derive(Debug, Clone)]
pub(crate) struct Upload {
    pub asset_id: String,
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub checksum_sha256: Option<String>,
    /// The presigned URL's `signature`, and the `x-sim-upload-token` its PUT must carry.
    pub signature: String,
    pub token: String,
    pub expires_at: Instant,
    /// What the last successful PUT stored: its SHA-256 (hex) and first bytes (to sniff).
    pub stored: Option<(String, Vec<u8>)>,
}

/// The MIME type from the file's first bytes, as HeyGen detects it.
pub(crate) fn sniff(bytes: &[u8]) -> Option<&'static str> {
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

pub(crate) fn supported(mime: &str) -> bool {
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

/// Lower-case hex.
pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
