//! The rules of asset upload batches: opening one (a direct upload per file, all checked
//! before any is opened) and completing it (each file ingested by itself, on a job of its
//! own).

use heygen_sys::types::CreateAssetUploadBatchRequest;
use tokio::time::Instant;

use crate::testing::house_rules::{batch_size, check_url, given};
use crate::testing::reply::ApiErr;
use crate::testing::state::asset_batches::{AssetBatch, BatchFile, Ingest};
use crate::testing::state::assets::Upload;
use crate::testing::state::store::Identified;
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::{State, new_id};

impl Identified for AssetBatch {
    const WHAT: &'static str = "Batch";
    fn id(&self) -> &str {
        &self.id
    }
}

impl State {
    /// Opens an upload batch: a direct upload per file, each checked like a single one and
    /// all of them before any is opened. Answers the batch's id and its uploads, in order.
    pub(crate) fn open_asset_batch(
        &mut self,
        request: &CreateAssetUploadBatchRequest,
        now: Instant,
    ) -> Result<(String, Vec<Upload>), ApiErr> {
        if let Some(url) = given(request.callback_url.as_deref()) {
            check_url(url, "callback_url")?;
        }
        batch_size(request.files.len(), "files")?;
        let uploads = (request.files.iter().enumerate())
            .map(|(i, file)| Upload::open(file, &format!("files[{i}]."), now))
            .collect::<Result<Vec<_>, _>>()?;
        let files = (uploads.iter())
            .map(|upload| BatchFile {
                asset_id: upload.asset_id.clone(),
                ingest: None,
            })
            .collect();
        let id = new_id();
        let title = given(request.title.as_deref()).map(str::to_string);
        self.asset_batches.push(AssetBatch {
            id: id.clone(),
            title,
            created: now,
            files,
        });
        self.uploads.extend(uploads.iter().cloned());
        Ok((id, uploads))
    }

    /// Completes an upload batch: ingests every file not ingested yet, or refused before, each
    /// by itself; each gets a job, failing when its file is refused (or the simulator fails
    /// jobs). The document lists no 404: an unknown batch is a 400 on `batch_id`.
    pub(crate) fn complete_asset_batch(
        &mut self,
        batch_id: &str,
        now: Instant,
    ) -> Result<(), ApiErr> {
        let Some(batch) = (self.asset_batches.iter()).position(|b| b.id == batch_id) else {
            return Err(ApiErr::invalid(
                Some("batch_id"),
                format!("Batch '{batch_id}' not found."),
            ));
        };
        for file in 0..self.asset_batches[batch].files.len() {
            let BatchFile { asset_id, ingest } = &self.asset_batches[batch].files[file];
            if ingest.as_ref().is_some_and(|done| done.refused.is_none()) {
                continue;
            }
            let asset_id = asset_id.clone();
            let mut job = self.new_job(ResourceKind::AssetUpload, now, false);
            // The only 404 of an ingestion: the upload is gone.
            let deleted = "The file's upload was deleted before the batch was completed.";
            let refused = (!job.fail)
                .then(|| self.ingest(&asset_id, None).err())
                .flatten()
                .map(|e| match e.status.as_u16() {
                    404 => ("not_found".to_string(), deleted.to_string()),
                    _ => (e.code, e.message),
                });
            job.fail |= refused.is_some();
            self.asset_batches[batch].files[file].ingest = Some(Ingest { job, refused });
        }
        Ok(())
    }
}
