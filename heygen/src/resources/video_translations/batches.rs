//! Batches and bulk statuses of video translations: the generic calls of
//! `resources/jobs/batches.rs`, written out for [`VideoTranslations`].

use heygen_sys::types::{
    Batch, BatchCreateResponse, BatchItem, CreateVideoTranslationBatchRequest, StatusEntryPage,
};

use super::VideoTranslations;
use crate::error::{Error, Result};
use crate::paginate::Paginator;
use crate::resources::jobs::StatusesOf;
use crate::resources::jobs::batches::{batch_page, items_of, new_batch, statuses_of};

impl VideoTranslations {
    /// Translate up to 100 videos-and-languages in one request (`createVideoTranslationBatch`,
    /// `POST /v3/video-translations/batches`): each request is the one `create` takes, and one
    /// naming several `output_languages` becomes one item per language; at most 100 items in
    /// all, checked before sending. Answers at once (HTTP 202) with the batch id.
    pub async fn create_batch<R>(&self, request: R) -> Result<BatchCreateResponse>
    where
        R: TryInto<CreateVideoTranslationBatchRequest>,
        R::Error: Into<Error>,
    {
        new_batch(self, request.try_into().map_err(Into::into)?).await
    }

    /// A batch's aggregate status, counts, and first page of items (`getVideoTranslationBatch`,
    /// `GET /v3/video-translations/batches/{batch_id}`); each item's `video_id` is the
    /// translation's id.
    pub async fn get_batch(&self, batch_id: &str) -> Result<Batch> {
        batch_page(self, batch_id, None).await
    }

    /// Every item of a batch, page by page (`getVideoTranslationBatch`).
    pub fn batch_items(&self, batch_id: &str) -> Paginator<BatchItem> {
        items_of(self, batch_id)
    }

    /// The statuses of up to 100 translations in one request (`listVideoTranslationStatuses`,
    /// `GET /v3/video-translations/statuses?video_translation_ids=…`); each entry carries the
    /// translation's id as `video_id`.
    pub async fn statuses<I, S>(&self, video_translation_ids: I) -> Result<StatusEntryPage>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        statuses_of(self, StatusesOf::Jobs, video_translation_ids).await
    }

    /// The statuses of every translation of up to 100 batches (`listVideoTranslationStatuses`,
    /// `GET /v3/video-translations/statuses?batch_ids=…`).
    pub async fn batch_statuses<I, S>(&self, batch_ids: I) -> Result<StatusEntryPage>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        statuses_of(self, StatusesOf::Batches, batch_ids).await
    }
}
