//! Batches and bulk statuses of lipsyncs: the generic calls of `resources/jobs/batches.rs`,
//! written out for [`Lipsyncs`].

use heygen_sys::types::{
    Batch, BatchCreateResponse, BatchItem, CreateLipsyncBatchRequest, StatusEntryPage,
};

use super::Lipsyncs;
use crate::error::{Error, Result};
use crate::paginate::Paginator;
use crate::resources::jobs::StatusesOf;
use crate::resources::jobs::batches::{batch_page, items_of, new_batch, statuses_of};

impl Lipsyncs {
    /// Start up to 100 lipsyncs in one request (`createLipsyncBatch`, `POST
    /// /v3/lipsyncs/batches`): each request is the one `create` takes. Answers at once (HTTP
    /// 202) with the batch id.
    pub async fn create_batch<R>(&self, request: R) -> Result<BatchCreateResponse>
    where
        R: TryInto<CreateLipsyncBatchRequest>,
        R::Error: Into<Error>,
    {
        new_batch(self, request.try_into().map_err(Into::into)?).await
    }

    /// A batch's aggregate status, counts, and first page of items (`getLipsyncBatch`, `GET
    /// /v3/lipsyncs/batches/{batch_id}`); each item's `video_id` is the lipsync's id.
    pub async fn get_batch(&self, batch_id: &str) -> Result<Batch> {
        batch_page(self, batch_id, None).await
    }

    /// Every item of a batch, page by page (`getLipsyncBatch`).
    pub fn batch_items(&self, batch_id: &str) -> Paginator<BatchItem> {
        items_of(self, batch_id)
    }

    /// The statuses of up to 100 lipsyncs in one request (`listLipsyncStatuses`, `GET
    /// /v3/lipsyncs/statuses?lipsync_ids=…`); each entry carries the lipsync's id as
    /// `video_id`.
    pub async fn statuses<I, S>(&self, lipsync_ids: I) -> Result<StatusEntryPage>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        statuses_of(self, StatusesOf::Jobs, lipsync_ids).await
    }

    /// The statuses of every lipsync of up to 100 batches (`listLipsyncStatuses`, `GET
    /// /v3/lipsyncs/statuses?batch_ids=…`).
    pub async fn batch_statuses<I, S>(&self, batch_ids: I) -> Result<StatusEntryPage>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        statuses_of(self, StatusesOf::Batches, batch_ids).await
    }
}
