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
