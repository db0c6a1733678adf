//! A direct upload, from its create to its completion: the create checks the request and opens
//! an upload with the headers its PUT must carry (the PUT itself is in `storage.rs`); the
//! completion turns the bytes PUT into an asset, once they are of the declared kind.

use std::time::Duration;

use heygen_sys::types::CreateAssetUploadRequest;
use tokio::time::Instant;

use crate::testing::house_rules::given;
use crate::testing::reply::ApiErr;
use crate::testing::state::assets::{Asset, Upload, from_hex, sniff, supported};
use crate::testing::state::store::{Identified, find, take};
use crate::testing::state::world::{State, new_id};

/// The largest direct upload accepted (5 GiB, S3's single-PUT limit).
const MAX_DIRECT: u64 = 5 * 1024 * 1024 * 1024;
/// How long an upload URL is valid.
pub(crate) const EXPIRES_IN_SECS: u64 = 3600;

impl Identified for Upload {
    const WHAT: &'static str = "Asset";
    fn id(&self) -> &str {
        &self.asset_id
    }
}

impl Upload {
    /// The upload a request opens at `now`, once checked: a non-blank filename, a supported
    /// type (or ZIP), 1 byte to 5 GiB, and a checksum of 64 hex digits (kept in lower case).
    /// `at` is where its fields are in the request body (`files[2].` in a batch).
    pub(crate) fn open(
        request: &CreateAssetUploadRequest,
        at: &str,
        now: Instant,
    ) -> Result<Self, ApiErr> {
        let refuse =
            |name: &str, message: &str| ApiErr::invalid(Some(&format!("{at}{name}")), message);
        if given(Some(&request.filename)).is_none() {
            return Err(refuse("filename", "'filename' must not be empty."));
        }
        if !supported(&request.content_type) && request.content_type != "application/zip" {
            return Err(refuse(
                "content_type",
                "Unsupported content type: upload a PNG, JPEG, MP4, WebM, MP3, WAV, PDF or ZIP file.",
            ));
        }
        let size = u64::try_from(request.size_bytes)
            .ok()
            .filter(|size| (1..=MAX_DIRECT).contains(size))
            .ok_or_else(|| refuse("size_bytes", "'size_bytes' must be between 1 and 5 GiB."))?;
        let checksum = request
            .checksum_sha256
            .as_deref()
            .map(str::to_ascii_lowercase);
        if (checksum.as_deref()).is_some_and(|sum| from_hex(sum).is_none_or(|d| d.len() != 32)) {
            return Err(refuse(
                "checksum_sha256",
                "'checksum_sha256' must be 64 hex digits.",
            ));
        }
        Ok(Self {
            asset_id: new_id(),
            filename: request.filename.clone(),
            content_type: request.content_type.clone(),
            size,
            checksum_sha256: checksum,
            signature: new_id(),
            token: new_id(),
            expires_at: now + Duration::from_secs(EXPIRES_IN_SECS),
            stored: None,
        })
    }
}

impl State {
    /// Opens the direct upload a request asks for.
    pub(crate) fn open_upload(
        &mut self,
        request: &CreateAssetUploadRequest,
        now: Instant,
    ) -> Result<Upload, ApiErr> {
        let upload = Upload::open(request, "", now)?;
        self.uploads.push(upload.clone());
        Ok(upload)
    }

    /// Completes the direct upload of `asset_id`, idempotently: an asset it made already is
    /// answered again (when `checksum` is its own).
    pub(crate) fn complete_upload(
        &mut self,
        asset_id: &str,
        checksum: Option<&str>,
    ) -> Result<Asset, ApiErr> {
        let checksum = checksum.map(str::to_ascii_lowercase);
        if let Ok(asset) = find(&self.assets, asset_id) {
            return match checksum {
                Some(sum) if sum != asset.sha256 => Err(mismatch()),
                _ => Ok(asset.clone()),
            };
        }
        self.ingest(asset_id, checksum)
    }

    /// Turns the upload of `asset_id`, once its bytes were PUT, into an asset, checking them
    /// against the checksum given and their kind against the declared type; a refused upload
    /// stays as it is.
    pub(in crate::testing::state) fn ingest(
        &mut self,
        asset_id: &str,
        checksum: Option<String>,
    ) -> Result<Asset, ApiErr> {
        let upload = find(&self.uploads, asset_id)?;
        let Some((sha256, head)) = upload.stored.clone() else {
            return Err(ApiErr::invalid(
                None,
                "No file has been uploaded for this asset: PUT it to its upload_url first.",
            ));
        };
        if checksum.is_some_and(|sum| sum != sha256) {
            return Err(mismatch());
        }
        let declared = &upload.content_type;
        if let Some(found) =
            sniff(&head).filter(|found| found.split('/').next() != declared.split('/').next())
        {
            return Err(ApiErr::invalid(
                Some("content_type"),
                format!("The uploaded bytes are {found}, not the declared {declared}."),
            ));
        }
        let upload = take(&mut self.uploads, asset_id)?;
        let asset = Asset {
            seq: self.next_seq(),
            id: upload.asset_id,
            name: upload.filename,
            mime_type: upload.content_type,
            size: upload.size,
            sha256,
            uploaded_at: self.clock.unix(Instant::now()),
            bytes: None,
        };
        self.assets.push(asset.clone());
        Ok(asset)
    }
}

/// A checksum that is not the uploaded bytes'.
fn mismatch() -> ApiErr {
    ApiErr::invalid(
        Some("checksum_sha256"),
        "'checksum_sha256' does not match the uploaded bytes.",
    )
}
