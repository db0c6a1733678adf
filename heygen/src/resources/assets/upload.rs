//! Uploading a file from disk: multipart (`uploadAsset`) up to 32 MiB, the direct upload
//! (`createAssetUpload` → PUT → `completeAssetUpload`) above it, with the options and the
//! progress both share. Either way the file is streamed, never read into memory: each attempt
//! opens it again and reads it in 64 KiB chunks.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use futures::TryStreamExt as _;
use heygen_sys::types::{CompleteAssetUploadResponse, UploadAssetV3Response};
use tokio::io::AsyncReadExt as _;

use super::handle::{Assets, MAX_UPLOAD_BYTES};
use crate::error::{Error, Result};

/// Bytes read from disk at a time.
const CHUNK: usize = 64 * 1024;

/// How a file goes to HeyGen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum UploadMethod {
    /// `POST /v3/assets` (`uploadAsset`), one multipart request through the API: at most
    /// [`MAX_UPLOAD_BYTES`] (32 MiB).
    Multipart,
    /// `createAssetUpload`, a PUT of the bytes to the presigned URL it answers (straight to
    /// storage, not through the API), then `completeAssetUpload`.
    Direct,
}

/// How far an upload is, as given to [`UploadOptions::on_progress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct UploadProgress {
    /// Bytes of the file handed to the connection so far in this attempt.
    pub sent: u64,
    /// The file's size.
    pub total: u64,
    /// The attempt, from 1: a retried PUT starts again from the first byte (`sent` falls back to 0).
    pub attempt: u32,
    /// The method in use.
    pub method: UploadMethod,
}

/// A progress callback.
pub(crate) type ProgressFn = Arc<dyn Fn(UploadProgress) + Send + Sync>;

/// Settings of [`Assets::upload_file_with`] and [`Assets::upload_direct`].
///
/// ```
/// use heygen_sdk::resources::assets::{UploadMethod, UploadOptions};
/// let options = UploadOptions::new()
///     .content_type("video/mp4")
///     .on_progress(|p| eprintln!("{}/{} bytes", p.sent, p.total));
/// assert_eq!(options.method_for(32 * 1024 * 1024), UploadMethod::Multipart);
/// assert_eq!(options.method_for(32 * 1024 * 1024 + 1), UploadMethod::Direct);
/// ```
#[derive(Clone)]
pub struct UploadOptions {
    pub(crate) direct_above: u64,
    pub(crate) content_type: Option<String>,
    pub(crate) checksum_sha256: Option<String>,
    pub(crate) put_retries: Option<u32>,
    pub(crate) put_timeout: Option<Duration>,
    pub(crate) progress: Option<ProgressFn>,
}

impl Default for UploadOptions {
    fn default() -> Self {
        Self {
            direct_above: MAX_UPLOAD_BYTES,
            content_type: None,
            checksum_sha256: None,
            put_retries: None,
            put_timeout: None,
            progress: None,
        }
    }
}

impl std::fmt::Debug for UploadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("UploadOptions")
            .field("direct_above", &self.direct_above)
            .field("content_type", &self.content_type)
            .field("checksum_sha256", &self.checksum_sha256)
            .field("put_retries", &self.put_retries)
            .field("put_timeout", &self.put_timeout)
            .field(
                "progress",
                &self.progress.as_ref().map(|_| "Fn(UploadProgress)"),
            )
            .finish()
    }
}

impl UploadOptions {
    /// The defaults: multipart up to 32 MiB, direct above; the content type from the file's
    /// extension; the client's retry policy for the PUT.
    pub fn new() -> Self {
        Self::default()
    }

    /// Files larger than `bytes` go through the direct upload, the others through multipart
    /// (default and maximum [`MAX_UPLOAD_BYTES`]: multipart takes no more; a smaller value
    /// sends smaller files directly too).
    pub fn direct_above(mut self, bytes: u64) -> Self {
        self.direct_above = bytes.min(MAX_UPLOAD_BYTES);
        self
    }

    /// The file's MIME type (default: from its extension, else `application/octet-stream`).
    pub fn content_type(mut self, content_type: impl Into<String>) -> Self {
        self.content_type = Some(content_type.into());
        self
    }

    /// The file's SHA-256, as hex, for the direct upload: storage refuses bytes that do not
    /// match it, and completing checks it again. (The SDK does not hash the file itself: that
    /// would read it once more.)
    pub fn checksum_sha256(mut self, hex: impl Into<String>) -> Self {
        self.checksum_sha256 = Some(hex.into());
        self
    }

    /// Retries of a failed PUT (5xx, 408, 429, a broken connection, a timeout), each sending
    /// the file again from its first byte (default: the client's `max_retries`).
    pub fn put_retries(mut self, retries: u32) -> Self {
        self.put_retries = Some(retries);
        self
    }

    /// Timeout of each PUT attempt (default: 120 s plus 4 s per MiB, so a 1 GiB file has over
    /// an hour at 256 KiB/s).
    pub fn put_timeout(mut self, timeout: Duration) -> Self {
        self.put_timeout = Some(timeout);
        self
    }

    /// Called as the file's bytes go out (every 64 KiB), and with `sent: 0` when an attempt
    /// starts. Keep it quick: it runs on the upload's task.
    pub fn on_progress(
        mut self,
        progress: impl Fn(UploadProgress) + Send + Sync + 'static,
    ) -> Self {
        self.progress = Some(Arc::new(progress));
        self
    }

    /// The method [`Assets::upload_file_with`] picks for a file of `size` bytes.
    pub fn method_for(&self, size: u64) -> UploadMethod {
        if size > self.direct_above {
            UploadMethod::Direct
        } else {
            UploadMethod::Multipart
        }
    }

    /// The file's content type: the one set, else from its extension.
    pub(crate) fn content_type_of(&self, path: &Path) -> String {
        self.content_type.clone().unwrap_or_else(|| {
            mime_guess::from_path(path)
                .first_or_octet_stream()
                .essence_str()
                .to_string()
        })
    }

    /// The PUT's timeout for a file of `size` bytes.
    pub(crate) fn put_timeout_for(&self, size: u64) -> Duration {
        self.put_timeout.unwrap_or_else(|| {
            let mib = size.div_ceil(1024 * 1024);
            crate::DEFAULT_TIMEOUT.saturating_add(Duration::from_secs(mib.saturating_mul(4)))
        })
    }
}

/// A body streaming `length` bytes of `file` (never more), reporting to `progress`.
pub(crate) fn file_body(
    file: tokio::fs::File,
    length: u64,
    progress: Option<(ProgressFn, UploadMethod, u32)>,
) -> reqwest::Body {
    let chunks = tokio_util::io::ReaderStream::with_capacity(file.take(length), CHUNK);
    let Some((report, method, attempt)) = progress else {
        return reqwest::Body::wrap_stream(chunks);
    };
    let at = move |sent| UploadProgress {
        sent,
        total: length,
        attempt,
        method,
    };
    report(at(0));
    let mut sent = 0u64;
    reqwest::Body::wrap_stream(chunks.inspect_ok(move |chunk| {
        sent += chunk.len() as u64;
        report(at(sent));
    }))
}

/// Opens `path` and measures it: what is streamed is what the request announces.
pub(crate) async fn open(path: &Path) -> Result<(tokio::fs::File, u64)> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let file = tokio::fs::File::open(path).await.map_err(io)?;
    let metadata = file.metadata().await.map_err(io)?;
    if !metadata.is_file() {
        return Err(io(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "not a regular file",
        )));
    }
    Ok((file, metadata.len()))
}

impl Assets {
    /// Upload a file as [`Assets::upload_file`] does, with [`UploadOptions`]: the size above
    /// which the direct upload is used, the content type, a checksum, the PUT's retries and
    /// timeout, and a progress callback.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::resources::assets::UploadOptions;
    /// let options = UploadOptions::new().on_progress(|p| {
    ///     eprint!("\r{:>3} %", p.sent * 100 / p.total.max(1));
    /// });
    /// let asset = client.assets().upload_file_with("keynote.mp4", &options).await?;
    /// println!("\n{} at {}", asset.asset_id, asset.url);
    /// # Ok(()) }
    /// ```
    pub async fn upload_file_with(
        &self,
        path: impl AsRef<Path>,
        options: &UploadOptions,
    ) -> Result<UploadAssetV3Response> {
        let path = path.as_ref();
        let (_, size) = open(path).await?;
        match options.method_for(size) {
            UploadMethod::Multipart => self.upload_multipart(path, options).await,
            UploadMethod::Direct => self
                .upload_direct(path, options)
                .await
                .and_then(as_upload_response),
        }
    }
}

/// The direct upload's answer in the shape of the multipart one, so that
/// [`Assets::upload_file`] answers alike whichever way the file went.
fn as_upload_response(done: CompleteAssetUploadResponse) -> Result<UploadAssetV3Response> {
    Ok(UploadAssetV3Response::try_from(
        UploadAssetV3Response::builder()
            .asset_id(done.asset_id)
            .mime_type(done.mime_type)
            .size_bytes(done.size_bytes)
            .url(done.url),
    )?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_boundary_is_32_mib_inclusive_for_multipart() {
        let options = UploadOptions::default();
        assert_eq!(options.method_for(0), UploadMethod::Multipart);
        assert_eq!(
            options.method_for(MAX_UPLOAD_BYTES),
            UploadMethod::Multipart
        );
        assert_eq!(
            options.method_for(MAX_UPLOAD_BYTES + 1),
            UploadMethod::Direct
        );
        // Multipart never takes more than its limit, whatever the setting.
        let raised = UploadOptions::new().direct_above(u64::MAX);
        assert_eq!(
            raised.method_for(MAX_UPLOAD_BYTES + 1),
            UploadMethod::Direct
        );
        let lowered = UploadOptions::new().direct_above(10);
        assert_eq!(lowered.method_for(10), UploadMethod::Multipart);
        assert_eq!(lowered.method_for(11), UploadMethod::Direct);
    }

    #[test]
    fn the_put_timeout_grows_with_the_file() {
        let options = UploadOptions::default();
        assert_eq!(options.put_timeout_for(0), crate::DEFAULT_TIMEOUT);
        assert_eq!(
            options.put_timeout_for(100 * 1024 * 1024),
            crate::DEFAULT_TIMEOUT + Duration::from_secs(400)
        );
        assert!(options.put_timeout_for(u64::MAX) > Duration::from_secs(1 << 40));
        let set = UploadOptions::new().put_timeout(Duration::from_secs(5));
        assert_eq!(set.put_timeout_for(u64::MAX), Duration::from_secs(5));
    }
}
