//! Uploaded assets (multipart or direct) and the direct uploads still waiting for their bytes
//! (with the headers their PUT must carry): the only state the simulator holds content for,
//! and the only one with an expiry of its own; and what a file's first bytes say it is, as
//! HeyGen detects it. Their rules are in `actions/assets/`.

use axum::body::Bytes;
use base64::Engine as _;
use tokio::time::Instant;

/// The simulated account's username: the owner of every asset.
pub(crate) const OWNER: &str = "simulator";
/// The header carrying an upload's token, which its PUT must send as handed out.
const TOKEN_HEADER: &str = "x-sim-upload-token";
/// The header carrying the checksum given (base64), which its PUT must send as handed out.
const CHECKSUM_HEADER: &str = "x-amz-checksum-sha256";

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

impl Asset {
    /// The API's file type of its MIME type.
    pub(crate) fn file_type(&self) -> &'static str {
        match self.mime_type.split('/').next().unwrap_or_default() {
            "image" => "image",
            "video" => "video",
            "audio" => "audio",
            _ if self.mime_type == "application/pdf" => "document",
            _ => "file",
        }
    }
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

impl Upload {
    /// The headers its PUT must carry, as handed out: the declared type, the token, and the
    /// checksum (base64) when one was given.
    pub(crate) fn signed_headers(&self) -> Vec<(&'static str, String)> {
        let mut signed = vec![
            ("content-type", self.content_type.clone()),
            (TOKEN_HEADER, self.token.clone()),
        ];
        if let Some(digest) = self.checksum_sha256.as_deref().and_then(from_hex) {
            let encoded = base64::engine::general_purpose::STANDARD.encode(digest);
            signed.push((CHECKSUM_HEADER, encoded));
        }
        signed
    }
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

/// Whether an asset may be of this MIME type.
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

/// The bytes of hex text, if it is hex.
pub(crate) fn from_hex(text: &str) -> Option<Vec<u8>> {
    if !text.len().is_multiple_of(2) || !text.is_ascii() {
        return None;
    }
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).ok())
        .collect()
}
