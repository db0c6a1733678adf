//! Asset upload batches: presigned upload URLs for up to 100 files in one call
//! (`createAssetUploadBatch`), one PUT per file straight to storage, one call finalising them
//! all (`completeAssetUploadBatch`), after which each file is validated and ingested on its own,
//! so one bad file does not fail the rest. The batch (`getAssetBatch`) says how far: it has the
//! shape of the video batches, each item carrying its asset's id as `video_id`.
//!
//! [`Assets::upload_batch_and_wait`] does the four steps; its PUTs are the direct upload's
//! (`direct_upload`), checks, retries and scrubbed errors alike. Once the batch exists, every
//! error names it ([`Error::Wait`] around the cause, [`Error::Upload`] naming the file's asset
//! when a PUT failed), so a caller never has to create it again to find out what happened.
//!
//! `completeAssetUploadBatch` "Returns 202 with the batch_id" (its description), though the
//! document lists only a 200 without a body: `openapi/overlay.toml` gives both the batch-id
//! body, so the generated client takes either.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use futures::TryStreamExt as _;
use heygen_sys::types::{
    Batch, BatchItem, BatchStatus, CompleteAssetUploadBatchRequest,
    CompleteAssetUploadBatchResponse, CreateAssetUploadBatchRequest,
    CreateAssetUploadBatchResponse, CreateAssetUploadRequest,
};
use serde_json::{Map, Value};

use super::direct_upload::Target;
use super::handle::Assets;
use super::multipart::file_name;
use super::upload::{self, UploadOptions};
use crate::error::{Error, Result};
use crate::paginate::Paginator;
use crate::resources::batches::{batch_items, check_batch_size};
use crate::resources::{Cursor as _, path_id};
use crate::wait::{JobState, WaitOptions, Waitable, poll};

/// Files [`Assets::upload_batch_and_wait`] PUTs at a time.
pub const BATCH_PUT_CONCURRENCY: usize = 4;

/// What a batch is called in errors and progress reports.
const KIND: &str = "asset_batch";

impl Assets {
    /// Ask for presigned upload URLs for up to 100 files in one call (`createAssetUploadBatch`,
    /// `POST /v3/assets/direct-uploads/batches`): the batch id, and one slot per file in the
    /// order given (its asset id, the `upload_url` to PUT the bytes to with its
    /// `upload_headers` exactly, and no API key). PUT every file, then
    /// [`Assets::complete_upload_batch`]; [`Assets::upload_batch_and_wait`] does it all.
    /// No file, or more than 100, is refused before sending. Like every create it is retried
    /// only with an `Idempotency-Key` (the same key answers the same batch).
    ///
    /// The answer holds credentials: do not log the `upload_url`s.
    pub async fn create_upload_batch<R>(&self, request: R) -> Result<CreateAssetUploadBatchResponse>
    where
        R: TryInto<CreateAssetUploadBatchRequest>,
        R::Error: Into<Error>,
    {
        let request = request.try_into().map_err(Into::into)?;
        check_batch_size("files", request.files.len())?;
        let raw = self.client.raw();
        let call = raw.create_asset_upload_batch().body(request);
        self.client.data(call.send(), |e| e.data).await
    }

    /// Finalise every uploaded file of a batch once its PUTs succeeded
    /// (`completeAssetUploadBatch`, `POST /v3/assets/complete/batches`); each file is then
    /// validated and ingested by itself: follow them with [`Assets::wait_batch`] or
    /// [`Assets::get_batch`]. Idempotent by the API's contract (a repeat re-drives the same
    /// batch), so it is sent with an `Idempotency-Key` of its own and retried on 5xx and broken
    /// connections. Answers (200 or 202) with the batch's id. A blank batch id is refused
    /// before sending.
    pub async fn complete_upload_batch(
        &self,
        batch_id: &str,
    ) -> Result<CompleteAssetUploadBatchResponse> {
        if batch_id.trim().is_empty() {
            return Err(Error::invalid("batch_id", "the batch id is blank"));
        }
        let request = CompleteAssetUploadBatchRequest {
            batch_id: batch_id.to_string(),
        };
        let client = self
            .client
            .with_idempotency_key(uuid::Uuid::new_v4().to_string());
        let raw = client.raw();
        let call = raw.complete_asset_upload_batch().body(request);
        client.data(call.send(), |e| e.data).await
    }

    /// A batch's aggregate status (`processing`, then `completed`, or `failed` when every file
    /// failed), its counts by item status, and its first 100 items (`getAssetBatch`, `GET
    /// /v3/assets/batches/{batch_id}`): each item's `video_id` is its asset's id, its
    /// `item_index` the file's place in the create, and a failed item's `error` says why.
    /// [`Assets::batch_items`] walks every item.
    pub async fn get_batch(&self, batch_id: &str) -> Result<Batch> {
        self.batch_page(batch_id, None).await
    }

    /// Every item of a batch, in `item_index` order, page by page (`getAssetBatch`).
    pub fn batch_items(&self, batch_id: &str) -> Paginator<BatchItem> {
        let (assets, batch_id) = (self.clone(), Arc::<str>::from(batch_id));
        batch_items(move |token| {
            let (assets, batch_id) = (assets.clone(), batch_id.clone());
            async move { assets.batch_page(&batch_id, token).await }
        })
    }

    /// A batch with the page of its items at `token` (`None`: the first).
    async fn batch_page(&self, batch_id: &str, token: Option<String>) -> Result<Batch> {
        path_id("batch_id", batch_id)?;
        let raw = self.client.raw();
        let call = raw.get_asset_batch().batch_id(batch_id).at(token);
        self.client.data(call.send(), |e| e.data).await
    }

    /// Wait until a completed batch's files are ingested (`getAssetBatch` polled): `Ok` with
    /// the batch once its status is `completed`, though some files may have failed (see each
    /// item's `status` and `error`); [`Error::JobFailed`] (kind `asset_batch`) with the first
    /// file's error when every file failed. The progress callback gets the share of files
    /// finished.
    pub async fn wait_batch(&self, batch_id: &str, options: &WaitOptions) -> Result<Batch> {
        let polled = poll(batch_id, options, || async move {
            self.get_batch(batch_id).await.map(Ingesting)
        })
        .await?;
        Ok(polled.0)
    }

    /// Upload up to 100 files in one batch and wait until HeyGen has ingested them:
    /// `createAssetUploadBatch`, one PUT per file to its presigned URL (streamed from disk,
    /// [`BATCH_PUT_CONCURRENCY`] at a time, each retried from its first byte as
    /// [`Assets::upload_direct`]'s is), `completeAssetUploadBatch`, then
    /// [`Assets::wait_batch`] with `wait` (its deadline counts from the completion). Item `i`
    /// of the answer is file `i`; its `video_id` is the new asset's id.
    ///
    /// `options` applies to every file: its content type, when set (else each file's comes
    /// from its extension), its PUT retries, timeout and progress callback (the reports of
    /// files sent at once interleave). A checksum is refused, one being no checksum of several
    /// files. Fails before any request with [`Error::Io`] when a file cannot be read, or
    /// [`Error::InvalidRequest`] for no file or more than 100; once the batch exists, with
    /// [`Error::Wait`] naming it (around [`Error::Upload`] naming the asset whose PUT failed),
    /// or the wait's own errors, which name it too.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::resources::assets::UploadOptions;
    /// use heygen_sdk::wait::WaitOptions;
    /// let files = ["intro.mp4", "logo.png", "music.mp3"];
    /// let batch = client
    ///     .assets()
    ///     .upload_batch_and_wait(files, &UploadOptions::new(), &WaitOptions::new())
    ///     .await?;
    /// for item in &batch.items {
    ///     let file = files[item.item_index as usize];
    ///     println!("{file}: asset {:?} is {}", item.video_id, item.status);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn upload_batch_and_wait<I, P>(
        &self,
        paths: I,
        options: &UploadOptions,
        wait: &WaitOptions,
    ) -> Result<Batch>
    where
        I: IntoIterator<Item = P>,
        P: AsRef<Path>,
    {
        let (files, request) = batch_request(paths, options).await?;
        let created = self.create_upload_batch(request).await?;
        let batch_id = created.batch_id.as_str();
        let named = |source| Error::Wait {
            kind: KIND,
            ids: vec![batch_id.to_string()],
            source: Box::new(source),
        };
        self.put_batch(&created, &files, options)
            .await
            .map_err(named)?;
        self.complete_upload_batch(batch_id).await.map_err(named)?;
        self.wait_batch(batch_id, wait).await
    }

    /// PUTs every file to its slot, a few at a time; the first failure ends it, naming the
    /// file's asset. Every slot is checked before any byte is sent.
    async fn put_batch(
        &self,
        created: &CreateAssetUploadBatchResponse,
        files: &[(PathBuf, u64)],
        options: &UploadOptions,
    ) -> Result<()> {
        const OPERATION: &str = "createAssetUploadBatch";
        if created.items.len() != files.len() {
            return Err(Error::Decode {
                operation: OPERATION,
                status: 200,
                message: format!(
                    "{} upload slots for {} files",
                    created.items.len(),
                    files.len()
                ),
                body_excerpt: String::new(),
                truncated: false,
                idempotency_key: None,
                repeatable: false,
            });
        }
        let failed = |asset_id: &str, source| Error::Upload {
            asset_id: asset_id.to_string(),
            source: Box::new(source),
        };
        let base_url = self.client.base_url();
        let targets = created
            .items
            .iter()
            .zip(files)
            .map(|(slot, (path, size))| {
                let id = slot.asset_id.as_str();
                let target = Target::new(OPERATION, slot, *size, base_url);
                Ok((id, target.map_err(|e| failed(id, e))?, path, *size))
            })
            .collect::<Result<Vec<_>>>()?;
        futures::stream::iter(targets.iter().map(Ok))
            .try_for_each_concurrent(
                BATCH_PUT_CONCURRENCY,
                |(id, target, path, size)| async move {
                    let put = self.put(target, path, *size, options).await;
                    put.map_err(|e| failed(id, e))
                },
            )
            .await
    }
}

/// The files of a batch upload, opened to measure them, and the create request announcing
/// them; bad input is refused before any request.
async fn batch_request<I, P>(
    paths: I,
    options: &UploadOptions,
) -> Result<(Vec<(PathBuf, u64)>, CreateAssetUploadBatchRequest)>
where
    I: IntoIterator<Item = P>,
    P: AsRef<Path>,
{
    if options.checksum_sha256.is_some() {
        return Err(Error::invalid(
            "checksum_sha256",
            "one checksum cannot describe several files: leave it unset for a batch",
        ));
    }
    let paths: Vec<PathBuf> = paths.into_iter().map(|p| p.as_ref().into()).collect();
    check_batch_size("files", paths.len())?;
    let mut files = Vec::with_capacity(paths.len());
    let mut announced = Vec::with_capacity(paths.len());
    for path in paths {
        let (_, size) = upload::open(&path).await?;
        let size_bytes = i64::try_from(size)
            .map_err(|_| Error::invalid("files", format!("{size} bytes is too large")))?;
        announced.push(CreateAssetUploadRequest {
            checksum_sha256: None,
            content_type: options.content_type_of(&path),
            filename: file_name(&path),
            size_bytes,
        });
        files.push((path, size));
    }
    let request = CreateAssetUploadBatchRequest {
        callback_url: None,
        files: announced,
        title: None,
    };
    Ok((files, request))
}

/// A batch polled until its files are ingested.
#[derive(serde::Serialize)]
#[serde(transparent)]
struct Ingesting(Batch);

impl Waitable for Ingesting {
    const KIND: &'static str = KIND;

    fn status(&self) -> &str {
        self.0.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.0.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.0.status {
            BatchStatus::Completed => JobState::Completed,
            BatchStatus::Failed => {
                let error = self.0.items.iter().find_map(|item| item.error.as_ref());
                let text = |key: &str| {
                    error
                        .and_then(|e| e.get(key))
                        .and_then(Value::as_str)
                        .map(str::to_string)
                };
                JobState::Failed {
                    code: text("code"),
                    message: text("message").or(Some("every file of the batch failed".into())),
                }
            }
            _ => JobState::Running,
        }
    }

    /// The share of files finished (completed or failed), in percent.
    fn progress(&self) -> Option<f64> {
        let total = self.0.total_items;
        (total > 0).then(|| {
            let count = |status: &str| count(&self.0.counts_by_status, status);
            (count("completed") + count("failed")) as f64 * 100.0 / total as f64
        })
    }
}

/// The count of `status` in a batch's `counts_by_status` (0 when absent or not a count).
fn count(counts: &Map<String, Value>, status: &str) -> u64 {
    counts.get(status).and_then(Value::as_u64).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn batch(status: &str, items: Value, counts: Value) -> Ingesting {
        Ingesting(
            serde_json::from_value(serde_json::json!({
                "batch_id": "b1", "status": status, "total_items": 4,
                "counts_by_status": counts, "created_at": 0, "items": items, "has_more": false
            }))
            .unwrap(),
        )
    }

    #[test]
    fn a_batch_is_done_when_completed_and_failed_only_when_every_file_failed() {
        let running = batch("processing", serde_json::json!([]), serde_json::json!({}));
        assert_eq!(running.state(), JobState::Running);
        let odd = batch("paused", serde_json::json!([]), serde_json::json!({}));
        assert_eq!((odd.state(), odd.recognized()), (JobState::Running, false));
        let done = batch(
            "completed",
            serde_json::json!([]),
            serde_json::json!({"completed": 3, "failed": 1}),
        );
        assert_eq!(done.state(), JobState::Completed);
        assert_eq!(done.progress(), Some(100.0));
        let failed = batch(
            "failed",
            serde_json::json!([
                {"item_index": 0, "status": "failed"},
                {"item_index": 1, "status": "failed", "error": {"code": "bad_file", "message": "not a PNG"}}
            ]),
            serde_json::json!({"failed": 2, "processing": "x"}),
        );
        assert_eq!(
            failed.state(),
            JobState::Failed {
                code: Some("bad_file".into()),
                message: Some("not a PNG".into())
            }
        );
        assert_eq!(failed.progress(), Some(50.0));
    }
}
