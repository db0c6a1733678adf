//! An uploaded asset: its record, what its bytes are (sniffed from the first ones, as HeyGen
//! detects them), the multipart upload (`POST /v3/assets`), and the library's listing and
//! deletion.

use axum::body::Bytes;
use sha2::Digest as _;
use tokio::time::Instant;

use super::super::store::take;
use super::super::world::{State, new_id};
use crate::testing::reply::ApiErr;

/// The simulated account's username: the owner of every asset.
pub(crate) const OWNER: &str = "simulator";

/// The largest multipart upload accepted.
const MAX_ASSET: usize = 32 * 1024 * 1024;

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

/// Whether an asset may be of this MIME type.
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

/// Lower-case hex.
pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl State {
    /// Keeps the `file` part of a multipart upload as an asset: not empty, at most 32 MB, and
    /// of a supported type by its bytes (or, when they say nothing, by its declared type).
    pub(crate) fn upload_asset(
        &mut self,
        name: String,
        declared: Option<&str>,
        bytes: Bytes,
    ) -> Result<Asset, ApiErr> {
        let refuse = |message: &str| ApiErr::invalid(Some("file"), message);
        if bytes.is_empty() {
            return Err(refuse("The file is empty."));
        }
        if bytes.len() > MAX_ASSET {
            return Err(refuse("The file is larger than 32 MB."));
        }
        let mime_type = (sniff(&bytes).or(declared.filter(|declared| supported(declared))))
            .ok_or_else(|| {
                refuse(
                    "Unsupported file type: upload a PNG, JPEG, MP4, WebM, MP3, WAV or PDF file.",
                )
            })?
            .to_string();
        let asset = Asset {
            seq: self.next_seq(),
            id: new_id(),
            name,
            mime_type,
            size: bytes.len() as u64,
            sha256: hex(&sha2::Sha256::digest(&bytes)),
            uploaded_at: self.clock.unix(Instant::now()),
            bytes: Some(bytes),
        };
        self.assets.push(asset.clone());
        Ok(asset)
    }

    /// The assets `GET /v3/assets` lists for `username` in `folder_id`: the account's owner
    /// has them all at the space's root (no folder named), anyone else or any folder none.
    pub(crate) fn assets_of(
        &self,
        username: Option<&str>,
        folder_id: Option<&str>,
    ) -> impl DoubleEndedIterator<Item = &Asset> {
        let listed = username == Some(OWNER) && folder_id.is_none();
        self.assets.iter().filter(move |_| listed)
    }

    /// Deletes an asset, or a direct upload not completed yet.
    pub(crate) fn delete_asset(&mut self, asset_id: &str) -> Result<(), ApiErr> {
        match take(&mut self.assets, asset_id) {
            Ok(_) => Ok(()),
            Err(_) => take(&mut self.uploads, asset_id).map(drop),
        }
    }
}
