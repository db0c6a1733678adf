//! Many video translations at once (`wait_many`, `create_many`, `create_many_and_wait`): the
//! generic machinery of `resources/jobs/bulk.rs`, written out for [`VideoTranslations`].

use heygen_sys::types::{
    CreateVideoTranslationRequest, VideoTranslationCreateResponse, VideoTranslationDetail,
};

use super::VideoTranslations;
use crate::error::{Error, Result};
use crate::resources::jobs::bulk::{converted, wait_on};
use crate::wait::WaitOptions;
use crate::wait::create_many;
use crate::wait::many::WaitMany;

impl VideoTranslations {
    /// Wait for many translations at once (`listVideoTranslationStatuses` per 100 ids and
    /// interval, `getVideoTranslationV3` per finished one); see [`Videos::wait_many`](crate::resources::videos::Videos::wait_many).
    pub fn wait_many<I, S>(
        &self,
        video_translation_ids: I,
        options: &WaitOptions,
    ) -> Result<WaitMany<VideoTranslationDetail>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        wait_on(self, video_translation_ids, options)
    }

    /// Create many translations (`createVideoTranslationV3` each), at most `concurrency`
    /// requests in flight, each with its own `Idempotency-Key`; see [`Videos::create_many`](crate::resources::videos::Videos::create_many).
    pub async fn create_many<I, R>(
        &self,
        requests: I,
        concurrency: usize,
    ) -> Vec<Result<VideoTranslationCreateResponse>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateVideoTranslationRequest>,
        R::Error: Into<Error>,
    {
        create_many::create_many(self, converted(requests), concurrency).await
    }

    /// Create many translations and wait for them, at most `concurrency` translation jobs
    /// created and unfinished at a time (a request makes one per output language); per
    /// request, its translations or the first error ([`Error::Wait`] naming all of the
    /// request's translations). Default [`WaitOptions`]; see [`Videos::create_many_and_wait`](crate::resources::videos::Videos::create_many_and_wait).
    pub async fn create_many_and_wait<I, R>(
        &self,
        requests: I,
        concurrency: usize,
    ) -> Vec<Result<Vec<VideoTranslationDetail>>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateVideoTranslationRequest>,
        R::Error: Into<Error>,
    {
        self.create_many_and_wait_with(requests, concurrency, &WaitOptions::default())
            .await
    }

    /// [`VideoTranslations::create_many_and_wait`] with these [`WaitOptions`].
    pub async fn create_many_and_wait_with<I, R>(
        &self,
        requests: I,
        concurrency: usize,
        options: &WaitOptions,
    ) -> Vec<Result<Vec<VideoTranslationDetail>>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateVideoTranslationRequest>,
        R::Error: Into<Error>,
    {
        create_many::create_many_and_wait(self, converted(requests), concurrency, options).await
    }
}
