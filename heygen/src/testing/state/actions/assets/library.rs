//! The asset library's rules: the multipart upload (`POST /v3/assets`), the listing and the
//! deletion.

use axum::body::Bytes;
use sha2::Digest as _;
use tokio::time::Instant;

use crate::testing::reply::ApiErr;
use crate::testing::state::assets::{Asset, OWNER, hex, sniff, supported};
use crate::testing::state::store::take;
use crate::testing::state::world::{State, new_id};

/// The largest multipart upload accepted.
const MAX_ASSET: usize = 32 * 1024 * 1024;

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
