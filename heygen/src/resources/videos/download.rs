//! Downloading a finished video's files (the video, the captioned video, the subtitles …) to
//! disk.
//!
//! The files sit behind presigned URLs on a file host, not on the API: the request carries no
//! credentials (the API key never leaves for the file host), the URL is never logged nor put in
//! an error (its query string is a credential), and a URL that has expired (the host answers
//! 403) is refreshed once by fetching the video again. The body is streamed to a temporary file
//! in the destination's directory, then renamed over the destination: a failed download, or
//! one whose future is dropped mid-transfer (a timeout, a `select!`, an aborted task), leaves no
//! partial file behind and the destination as it was; the whole file is never held in memory.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use heygen_sys::types::VideoDetail;
use reqwest::StatusCode;
use reqwest::header::{CONTENT_TYPE, LOCATION};
use tokio::io::AsyncWriteExt as _;

use super::Videos;
use crate::{Error, Result};

/// Which file of a video to download; each is a URL field of [`VideoDetail`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VideoFile {
    /// The rendered video (`video_url`).
    Video,
    /// The video with captions burned in (`captioned_video_url`).
    Captioned,
    /// The SRT subtitles (`subtitle_url`).
    Subtitles,
    /// The thumbnail image (`thumbnail_url`).
    Thumbnail,
    /// The animated GIF preview (`gif_url`).
    Gif,
}

impl VideoFile {
    /// The [`VideoDetail`] field holding this file's URL (`video_url`, …).
    pub fn field(self) -> &'static str {
        match self {
            VideoFile::Video => "video_url",
            VideoFile::Captioned => "captioned_video_url",
            VideoFile::Subtitles => "subtitle_url",
            VideoFile::Thumbnail => "thumbnail_url",
            VideoFile::Gif => "gif_url",
        }
    }

    /// This file's URL in `video`, when the video has one.
    pub fn url(self, video: &VideoDetail) -> Option<&str> {
        let url = match self {
            VideoFile::Video => &video.video_url,
            VideoFile::Captioned => &video.captioned_video_url,
            VideoFile::Subtitles => &video.subtitle_url,
            VideoFile::Thumbnail => &video.thumbnail_url,
            VideoFile::Gif => &video.gif_url,
        };
        url.as_deref().filter(|url| !url.is_empty())
    }
}

/// A download's progress, reported after each chunk written to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct DownloadProgress {
    /// Bytes written so far.
    pub bytes: u64,
    /// The file's size, when the file host announced it (`Content-Length`).
    pub total: Option<u64>,
}

type ProgressFn = Arc<dyn Fn(&DownloadProgress) + Send + Sync>;

/// How to download: a progress callback and how long to wait for data.
#[derive(Clone)]
pub struct DownloadOptions {
    /// The longest wait for the file host's answer, and then for each next chunk of the body
    /// (default 60 s). There is no overall deadline: a large file on a slow link takes its time.
    pub idle_timeout: Duration,
    progress: Option<ProgressFn>,
}

impl std::fmt::Debug for DownloadOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DownloadOptions")
            .field("idle_timeout", &self.idle_timeout)
            .field("on_progress", &self.progress.is_some())
            .finish()
    }
}

impl Default for DownloadOptions {
    fn default() -> Self {
        Self {
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            progress: None,
        }
    }
}

/// The default [`DownloadOptions::idle_timeout`].
const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// A request to the file host ends at the latest after this long (the client's own timeout,
/// two minutes by default, would cut a large download short; the idle timeout guards stalls).
const TRANSFER_LIMIT: Duration = Duration::from_secs(24 * 3600);

/// Redirects followed by hand (the client's redirect policy keeps requests on one origin, to
/// protect the API key; a download carries none).
const MAX_REDIRECTS: usize = 5;

impl DownloadOptions {
    /// The defaults: no progress callback, 60 s idle timeout.
    pub fn new() -> Self {
        Self::default()
    }

    /// Call `callback` after each chunk written, with the bytes so far and the total when known.
    pub fn on_progress(
        mut self,
        callback: impl Fn(&DownloadProgress) + Send + Sync + 'static,
    ) -> Self {
        self.progress = Some(Arc::new(callback));
        self
    }

    /// The longest wait for the answer and for each next chunk.
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }
}

/// A file downloaded by [`Videos::download`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Downloaded {
    /// Where it was written.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The `Content-Type` the file host gave, if any.
    pub content_type: Option<String>,
}

impl Videos {
    /// Download one of a finished video's files to `path` (`getVideoV3` for its presigned URL,
    /// then a GET to the file host without credentials), streamed to disk. An expired URL (the
    /// file host answers 403) is refreshed once with another `getVideoV3`. The file appears at
    /// `path` only when complete (written next to it, then renamed), replacing any file there.
    ///
    /// Fails with [`Error::Download`] when the video has no such file (not finished yet, or no
    /// captions) or the file host refuses it, and with [`Error::Io`] when the file cannot be
    /// written; neither carries the URL.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::VideoFile;
    /// let video = client.videos().wait("video_id").await?;
    /// let file = client.videos().download(&video.id, "video.mp4", VideoFile::Video).await?;
    /// println!("{} bytes in {}", file.bytes, file.path.display());
    /// # Ok(()) }
    /// ```
    pub async fn download(
        &self,
        video_id: &str,
        path: impl AsRef<Path>,
        file: VideoFile,
    ) -> Result<Downloaded> {
        self.download_with(video_id, path, file, &DownloadOptions::default())
            .await
    }

    /// [`Self::download`] with a progress callback or another idle timeout.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::{DownloadOptions, VideoFile};
    /// let options = DownloadOptions::new().on_progress(|p| match p.total {
    ///     Some(total) => println!("{} / {total} bytes", p.bytes),
    ///     None => println!("{} bytes", p.bytes),
    /// });
    /// client.videos().download_with("video_id", "captioned.mp4", VideoFile::Captioned, &options).await?;
    /// # Ok(()) }
    /// ```
    pub async fn download_with(
        &self,
        video_id: &str,
        path: impl AsRef<Path>,
        file: VideoFile,
        options: &DownloadOptions,
    ) -> Result<Downloaded> {
        let path = path.as_ref();
        // `retryable`: a broken or stalled transfer, or a transient status.
        let fail = |status: Option<u16>, message: &str, source, retryable| Error::Download {
            video_id: video_id.to_string(),
            file: file.field(),
            status,
            message: message.to_string(),
            source,
            retryable,
        };
        let mut refreshed = false;
        let response = loop {
            let video = self.get(video_id).await?;
            let Some(url) = file.url(&video) else {
                let message = format!(
                    "the video has no {} (status {})",
                    file.field(),
                    video.status
                );
                return Err(fail(None, &message, None, false));
            };
            let response = self.fetch(url, options).await.map_err(|e| match e {
                Fetch::Http(e) => fail(None, "the file host could not be reached", Some(e), true),
                Fetch::Stalled => fail(None, STALLED, None, true),
                Fetch::Refused(why) => fail(None, &why, None, false),
            })?;
            match response.status() {
                status if status.is_success() => break response,
                StatusCode::FORBIDDEN if !refreshed => {
                    // A presigned URL expires: ask the API for a fresh one, once.
                    tracing::debug!(video_id, file = file.field(), "URL expired; refreshing");
                    refreshed = true;
                }
                status => {
                    let message = match (status, refreshed) {
                        (StatusCode::FORBIDDEN, true) => {
                            "the file host answered HTTP 403, with a fresh URL too".to_string()
                        }
                        _ => format!("the file host answered HTTP {}", status.as_u16()),
                    };
                    let transient = matches!(status.as_u16(), 408 | 429 | 500..=599);
                    return Err(fail(Some(status.as_u16()), &message, None, transient));
                }
            }
        };
        let content_type = response
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        let bytes = save(response, path, options).await.map_err(|e| match e {
            Save::Io(source) => Error::Io {
                path: path.to_path_buf(),
                source,
            },
            Save::Http(e) => fail(None, "the transfer broke off", Some(e), true),
            Save::Stalled => fail(None, STALLED, None, true),
        })?;
        Ok(Downloaded {
            path: path.to_path_buf(),
            bytes,
            content_type,
        })
    }

    /// GETs `url` from the file host, without credentials, following redirects to any https
    /// origin (or to http from http, for a local host).
    async fn fetch(
        &self,
        url: &str,
        options: &DownloadOptions,
    ) -> Result<reqwest::Response, Fetch> {
        let http = self.client.http();
        let mut url = reqwest::Url::parse(url)
            .map_err(|_| Fetch::Refused("the file URL is not a URL".into()))?;
        for _ in 0..=MAX_REDIRECTS {
            let request = http.get(url.clone()).timeout(TRANSFER_LIMIT).send();
            let response = tokio::time::timeout(options.idle_timeout, request)
                .await
                .map_err(|_| Fetch::Stalled)?
                .map_err(|e| Fetch::Http(e.without_url()))?;
            if !response.status().is_redirection() {
                return Ok(response);
            }
            let next = response
                .headers()
                .get(LOCATION)
                .and_then(|v| v.to_str().ok())
                .and_then(|location| url.join(location).ok());
            match next {
                Some(next) if next.scheme() == "https" || next.scheme() == url.scheme() => {
                    url = next;
                }
                // A redirect without a usable target is the answer.
                _ => return Ok(response),
            }
        }
        Err(Fetch::Refused(format!(
            "the file host redirected more than {MAX_REDIRECTS} times"
        )))
    }
}

/// The message of a transfer that stalled past the idle timeout.
const STALLED: &str = "the file host sent nothing within the idle timeout";

/// Why the file host gave no answer.
enum Fetch {
    Http(reqwest::Error),
    Stalled,
    /// Not a URL, or redirected too often.
    Refused(String),
}

/// Why saving the body failed.
enum Save {
    Io(std::io::Error),
    Http(reqwest::Error),
    Stalled,
}

/// Streams the body into a temporary file beside `path`, then renames it to `path`. Until the
/// rename, a [`PartFile`] guard owns the temporary file: a failure, or the future dropped
/// mid-transfer, removes it, and `path` keeps whatever it held. Returns the bytes written.
async fn save(
    mut response: reqwest::Response,
    path: &Path,
    options: &DownloadOptions,
) -> Result<u64, Save> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "download".into());
    let part = PartFile::new(dir.join(format!(".{name}.{}.part", uuid::Uuid::new_v4().simple())));
    let total = response.content_length();
    let mut out = tokio::fs::File::create(part.path())
        .await
        .map_err(Save::Io)?;
    let mut bytes = 0u64;
    loop {
        let chunk = tokio::time::timeout(options.idle_timeout, response.chunk())
            .await
            .map_err(|_| Save::Stalled)?
            .map_err(|e| Save::Http(e.without_url()))?;
        let Some(chunk) = chunk else { break };
        out.write_all(&chunk).await.map_err(Save::Io)?;
        bytes += chunk.len() as u64;
        if let Some(callback) = &options.progress {
            callback(&DownloadProgress { bytes, total });
        }
    }
    out.flush().await.map_err(Save::Io)?;
    out.sync_all().await.map_err(Save::Io)?;
    drop(out);
    part.persist(path).await.map_err(Save::Io)?;
    Ok(bytes)
}

/// A temporary `.part` file, removed when dropped unless [`PartFile::persist`]ed: whether the
/// download failed or its future was dropped (a timeout, a `select!`, an aborted task), nothing
/// is left beside the destination.
struct PartFile(Option<PathBuf>);

impl PartFile {
    fn new(path: PathBuf) -> Self {
        Self(Some(path))
    }

    fn path(&self) -> &Path {
        self.0.as_deref().unwrap_or(Path::new(""))
    }

    /// Renames the file to `to` (replacing what is there at once: never a partial file).
    async fn persist(mut self, to: &Path) -> std::io::Result<()> {
        if let Some(from) = &self.0 {
            tokio::fs::rename(from, to).await?;
        }
        self.0 = None;
        Ok(())
    }
}

impl Drop for PartFile {
    fn drop(&mut self) {
        if let Some(path) = self.0.take() {
            // Synchronous: a drop cannot await, and a task spawned here could outlive the
            // runtime. Unlinking one file is quick.
            let _ = std::fs::remove_file(path);
        }
    }
}
