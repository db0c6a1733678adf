//! Batches and bulk statuses of videos: the generic calls of `resources/jobs/batches.rs`,
//! written out for [`Videos`].

use heygen_sys::types::{
    Batch, BatchCreateResponse, BatchItem, CreateVideoBatchRequest, StatusEntryPage,
};

use super::Videos;
use crate::error::{Error, Result};
use crate::paginate::Paginator;
use crate::resources::jobs::StatusesOf;
use crate::resources::jobs::batches::{batch_page, items_of, new_batch, statuses_of};

impl Videos {
    /// Create up to 100 videos in one request (`createVideoBatch`, `POST /v3/videos/batches`);
    /// answers at once with the batch id, and the videos are created asynchronously. Follow them
    /// with [`Videos::get_batch`] / [`Videos::batch_items`] (each item's `video_id` appears once
    /// its video exists) or [`Videos::batch_statuses`]. An empty batch, or one of more than 100
    /// videos, is refused before sending.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client, videos: Vec<heygen_sdk::types::CreateVideoV3RequestBody>) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::CreateVideoBatchRequest;
    /// let batch = client
    ///     .videos()
    ///     .create_batch(CreateVideoBatchRequest::builder().title("Onboarding").videos(videos))
    ///     .await?;
    /// let batch = client.videos().get_batch(&batch.batch_id).await?;
    /// println!("{}: {} items, {:?}", batch.batch_id, batch.total_items, batch.counts_by_status);
    /// # Ok(()) }
    /// ```
    pub async fn create_batch<R>(&self, request: R) -> Result<BatchCreateResponse>
    where
        R: TryInto<CreateVideoBatchRequest>,
        R::Error: Into<Error>,
    {
        new_batch(self, request.try_into().map_err(Into::into)?).await
    }

    /// A batch's aggregate status, counts, and first page of items (`getVideoBatch`, `GET
    /// /v3/videos/batches/{batch_id}`); [`Videos::batch_items`] walks every item.
    pub async fn get_batch(&self, batch_id: &str) -> Result<Batch> {
        batch_page(self, batch_id, None).await
    }

    /// Every item of a batch, in `item_index` order, page by page (`getVideoBatch`).
    pub fn batch_items(&self, batch_id: &str) -> Paginator<BatchItem> {
        items_of(self, batch_id)
    }

    /// The statuses of up to 100 videos in one request (`listVideoStatuses`, `GET
    /// /v3/videos/statuses?video_ids=…`). An id the account does not own comes back
    /// `not_found`; more than 100 ids, a blank id or one with a comma is refused before sending.
    /// See `wait_many` to wait on any number of videos this way.
    pub async fn statuses<I, S>(&self, video_ids: I) -> Result<StatusEntryPage>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        statuses_of(self, StatusesOf::Jobs, video_ids).await
    }

    /// The statuses of every video of up to 100 batches (`listVideoStatuses`, `GET
    /// /v3/videos/statuses?batch_ids=…`): each entry carries its `batch_id` and `item_index`,
    /// and a `video_id` once the video exists. `has_more` says whether the page holds them all.
    pub async fn batch_statuses<I, S>(&self, batch_ids: I) -> Result<StatusEntryPage>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        statuses_of(self, StatusesOf::Batches, batch_ids).await
    }
}
