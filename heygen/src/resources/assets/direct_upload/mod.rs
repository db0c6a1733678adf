//! The direct upload, for files past multipart's 32 MiB: `createAssetUpload` answers an asset
//! id, a presigned `upload_url` and the `upload_headers` to send with it; the file goes in one
//! PUT straight to storage; `completeAssetUpload` makes the bytes a usable asset.
//!
//! The PUT is not an API call: it goes to another host, authorised by the URL's signature. So
//! it is sent outside the transport (which adds the API key), with the same `reqwest` client
//! (whose redirect policy never leaves the origin) and the client's retry policy deciding
//! after each attempt; a retry opens the file again and sends it from the first byte. Answers
//! are read under the 64 KiB error-body cap. The presigned URL is a credential: spans name its
//! host only, and errors show it without its query, which is also scrubbed from any message
//! the storage service sends back.
//!
//! The parts: checking `createAssetUpload`'s answer before any byte is sent (`target`), the PUT
//! and its retries (`put`), and the typed, scrubbed error a failed PUT ends with (`put_error`).

use std::path::Path;

use heygen_sys::types::{
    CompleteAssetUploadRequest, CompleteAssetUploadResponse, CreateAssetUploadRequest,
    CreateAssetUploadResponse,
};

use super::handle::Assets;
use super::multipart::file_name;
use super::upload::{self, UploadOptions};
use crate::error::{Error, Result};

mod put;
mod put_error;
mod target;

pub(super) use target::Target;

impl Assets {
    /// Begin a direct upload (`createAssetUpload`, `POST /v3/assets/direct-uploads`): an
    /// asset id, the presigned `upload_url` to PUT the bytes to, with `upload_headers` exactly
    /// as given and no API key. Most callers want [`Assets::upload_direct`] or
    /// [`Assets::upload_file`], which do all three steps.
    ///
    /// The answer holds a credential: do not log `upload_url`.
    pub async fn create_upload<R>(&self, request: R) -> Result<CreateAssetUploadResponse>
    where
        R: TryInto<CreateAssetUploadRequest>,
        R::Error: Into<Error>,
    {
        let request = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.create_asset_upload().body(request).send(), |e| e.data)
            .await
    }

    /// Finish a direct upload once its PUT succeeded (`completeAssetUpload`, `POST
    /// /v3/assets/{asset_id}/complete`). Idempotent by the API's contract, so it is sent with
    /// an `Idempotency-Key` of its own and retried on 5xx and broken connections.
    pub async fn complete_upload<R>(
        &self,
        asset_id: &str,
        request: R,
    ) -> Result<CompleteAssetUploadResponse>
    where
        R: TryInto<CompleteAssetUploadRequest>,
        R::Error: Into<Error>,
    {
        crate::call::path_id("asset_id", asset_id)?;
        let request = request.try_into().map_err(Into::into)?;
        let client = self
            .client
            .with_idempotency_key(uuid::Uuid::new_v4().to_string());
        let raw = client.raw();
        let call = raw.complete_asset_upload().asset_id(asset_id).body(request);
        client.data(call.send(), |e| e.data).await
    }

    /// Upload a file of any size through the direct upload: `createAssetUpload`, one PUT of
    /// the file (streamed from disk) to the presigned URL with its `upload_headers` and
    /// nothing else, then `completeAssetUpload`. A PUT that fails with a 5xx, 408 or 429, a
    /// broken connection or a timeout is sent again from the first byte, after the client's
    /// backoff, up to [`UploadOptions::put_retries`] times.
    ///
    /// Fails before any request with [`Error::Io`] when the file cannot be read; once the
    /// asset exists, with [`Error::Upload`] naming it.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::resources::assets::UploadOptions;
    /// let done = client.assets().upload_direct("webinar.mp4", &UploadOptions::new()).await?;
    /// println!("{} is {} ({} bytes)", done.asset_id, done.status, done.size_bytes);
    /// # Ok(()) }
    /// ```
    pub async fn upload_direct(
        &self,
        path: impl AsRef<Path>,
        options: &UploadOptions,
    ) -> Result<CompleteAssetUploadResponse> {
        let path = path.as_ref();
        let (_, size) = upload::open(path).await?;
        let size_bytes = i64::try_from(size)
            .map_err(|_| Error::invalid("file", format!("{size} bytes is too large")))?;
        let slot = self
            .create_upload(CreateAssetUploadRequest {
                checksum_sha256: options.checksum_sha256.clone(),
                content_type: options.content_type_of(path),
                filename: file_name(path),
                size_bytes,
            })
            .await?;
        let asset_id = slot.asset_id.clone();
        let failed = |source| Error::Upload {
            asset_id: asset_id.clone(),
            source: Box::new(source),
        };
        let target = Target::new("createAssetUpload", &slot, size, self.client.base_url())
            .map_err(failed)?;
        self.put(&target, path, size, options)
            .await
            .map_err(failed)?;
        let complete = CompleteAssetUploadRequest {
            checksum_sha256: options.checksum_sha256.clone(),
        };
        self.complete_upload(&asset_id, complete)
            .await
            .map_err(failed)
    }
}
