//! The multipart upload (`POST /v3/assets`, `uploadAsset`): the one `multipart/form-data`
//! operation of the API, which the generator cannot express, written by hand; and
//! [`Assets::upload_file`] / [`Assets::upload_bytes`], which start every upload.

use std::path::Path;

use base64::Engine as _;

use heygen_sys::types::{AssetInput, AssetReference, UploadAssetV3Response};
use reqwest::multipart::{Form, Part};
use serde::Deserialize;

use super::handle::{Assets, MAX_UPLOAD_BYTES};
use super::inputs::AssetReferenceExt as _;
use super::upload::{self, UploadMethod, UploadOptions};
use crate::error::{EXCERPT_LIMIT, Error, Result, excerpt};

const OPERATION: &str = "uploadAsset";

#[derive(Deserialize)]
struct Envelope {
    data: Option<UploadAssetV3Response>,
}

impl Assets {
    /// Upload a file; the content type comes from the file's extension. Up to 32 MiB
    /// ([`MAX_UPLOAD_BYTES`]) it goes in one multipart request (`uploadAsset`, field `file`);
    /// larger, through the direct upload ([`Assets::upload_direct`]: `createAssetUpload`, a PUT
    /// of the bytes straight to storage, `completeAssetUpload`). The file is streamed from
    /// disk, not read into memory. [`Assets::upload_file_with`] takes options (a progress
    /// callback, the content type …).
    ///
    /// Fails with [`Error::Io`] (naming the path) when the file cannot be read, before any
    /// request.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// let asset = client.assets().upload_file("intro.mp4").await?;
    /// println!("{} ({} bytes, {})", asset.asset_id, asset.size_bytes, asset.mime_type);
    /// # Ok(()) }
    /// ```
    pub async fn upload_file(&self, path: impl AsRef<Path>) -> Result<UploadAssetV3Response> {
        self.upload_file_with(path, &UploadOptions::default()).await
    }

    /// Upload a file in one multipart request (`uploadAsset`); larger than
    /// [`MAX_UPLOAD_BYTES`] is refused before any request.
    pub(super) async fn upload_multipart(
        &self,
        path: &Path,
        options: &UploadOptions,
    ) -> Result<UploadAssetV3Response> {
        let (_, size) = upload::open(path).await?;
        check_size(size)?;
        let path = path.to_path_buf();
        let name = file_name(&path);
        let content_type = options.content_type_of(&path);
        let progress = options.progress.clone();
        let mut attempt = 0;
        self.send(|| {
            let (path, name, content_type) = (path.clone(), name.clone(), content_type.clone());
            attempt += 1;
            let progress = progress
                .clone()
                .map(|report| (report, UploadMethod::Multipart, attempt));
            async move {
                let (file, length) = upload::open(&path).await?;
                check_size(length)?;
                let body = upload::file_body(file, length, progress);
                Part::stream_with_length(body, length)
                    .file_name(name)
                    .mime_str(&content_type)
                    .map_err(mime_error)
            }
        })
        .await
    }

    /// Upload a buffer (`uploadAsset`) as a file called `name`; without `content_type`, the
    /// type comes from `name`'s extension. Larger than [`MAX_UPLOAD_BYTES`] is refused before
    /// sending.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client, png: Vec<u8>) -> heygen_sdk::Result<()> {
    /// let asset = client.assets().upload_bytes("logo.png", None, png).await?;
    /// # Ok(()) }
    /// ```
    pub async fn upload_bytes(
        &self,
        name: &str,
        content_type: Option<&str>,
        bytes: impl Into<Vec<u8>>,
    ) -> Result<UploadAssetV3Response> {
        let bytes = bytes.into();
        check_size(bytes.len() as u64)?;
        let content_type = match content_type {
            Some(given) => given.to_string(),
            None => mime_guess::from_path(name)
                .first_or_octet_stream()
                .essence_str()
                .to_string(),
        };
        let bytes = bytes::Bytes::from(bytes);
        self.send(|| {
            // Each attempt shares the one buffer.
            let length = bytes.len() as u64;
            let part = Part::stream_with_length(reqwest::Body::from(bytes.clone()), length)
                .file_name(name.to_string())
                .mime_str(&content_type)
                .map_err(mime_error);
            async move { part }
        })
        .await
    }

    /// An [`AssetReference`] for an [`AssetInput`]: URLs and asset ids as they are, inline
    /// base64 content uploaded first (`uploadAsset`) and referenced by its new asset id.
    pub async fn to_reference(&self, input: AssetInput) -> Result<AssetReference> {
        match input {
            AssetInput::Url(url) => Ok(AssetReference::Url(url)),
            AssetInput::AssetId(id) => Ok(AssetReference::AssetId(id)),
            AssetInput::Base64(inline) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(inline.data.as_bytes())
                    .map_err(|e| Error::invalid("data", format!("not base64: {e}")))?;
                let extension = mime_guess::get_mime_extensions_str(&inline.media_type)
                    .and_then(|e| e.first())
                    .copied()
                    .unwrap_or("bin");
                let uploaded = self
                    .upload_bytes(
                        &format!("upload.{extension}"),
                        Some(&inline.media_type),
                        bytes,
                    )
                    .await?;
                Ok(AssetReference::asset_id(uploaded.asset_id))
            }
        }
    }

    /// Sends the upload through the client's one retry loop, building the multipart request
    /// anew for each attempt (its body streams, so it cannot be cloned).
    async fn send<F, Fut>(&self, mut part: F) -> Result<UploadAssetV3Response>
    where
        F: FnMut() -> Fut + Send,
        Fut: Future<Output = Result<Part>> + Send,
    {
        let url = format!("{}/v3/assets", self.client.base_url());
        let http = self.client.http().clone();
        let (status, bytes, record) = self
            .client
            .send_rebuilt(OPERATION, || {
                let next = part();
                let (http, url) = (http.clone(), url.clone());
                async move {
                    let form = Form::new().part("file", next.await?);
                    http.post(url)
                        .header(reqwest::header::ACCEPT, "application/json")
                        .multipart(form)
                        .build()
                        .map_err(|e| Error::InvalidRequest {
                            field: None,
                            message: format!("building the upload request: {e}"),
                        })
                }
            })
            .await?;
        let decode = |message: String, truncated: bool| Error::Decode {
            operation: OPERATION,
            status,
            message,
            body_excerpt: excerpt(&bytes, EXCERPT_LIMIT),
            truncated,
            idempotency_key: record.idempotency_key.clone(),
            repeatable: record.repeatable,
        };
        let envelope: Envelope =
            serde_json::from_slice(&bytes).map_err(|e| decode(e.to_string(), e.is_eof()))?;
        envelope
            .data
            .ok_or_else(|| decode("the response has no `data`".into(), false))
    }
}

fn check_size(len: u64) -> Result<()> {
    if len > MAX_UPLOAD_BYTES {
        return Err(Error::invalid(
            "file",
            format!("{len} bytes is over the 32 MB ({MAX_UPLOAD_BYTES} bytes) upload limit"),
        ));
    }
    Ok(())
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "upload".to_string())
}

fn mime_error(e: reqwest::Error) -> Error {
    Error::invalid("content_type", format!("not a MIME type: {e}"))
}
