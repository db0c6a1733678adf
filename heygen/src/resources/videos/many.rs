//! Many videos at once (`wait_many`, `create_many`, `create_many_and_wait`): the generic
//! machinery of `resources/jobs/bulk.rs`, written out for [`Videos`].

use heygen_sys::types::{CreateAvatarVideoResponse, CreateVideoV3RequestBody, VideoDetail};

use super::Videos;
use crate::error::{Error, Result};
use crate::resources::jobs::bulk::{converted, wait_on};
use crate::wait::WaitOptions;
use crate::wait::create_many::{self, single};
use crate::wait::many::WaitMany;

impl Videos {
    /// Wait for many videos at once: a stream of them as they finish, polled with one
    /// `listVideoStatuses` GET per interval for every 100 ids and one `getVideoV3` per finished
    /// video; `options.timeout` is the deadline of the whole set. A failed video is an item
    /// ([`Error::JobFailed`]), not the end of the stream; see [`WaitMany`]. Duplicate ids are
    /// waited on once; a blank id or one with a comma is refused before any request.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client, ids: Vec<String>) -> heygen_sdk::Result<()> {
    /// use futures::StreamExt;
    /// use heygen_sdk::wait::WaitOptions;
    /// let mut finished = client.videos().wait_many(&ids, &WaitOptions::new())?;
    /// while let Some(video) = finished.next().await {
    ///     match video {
    ///         Ok(video) => println!("{} is ready: {:?}", video.id, video.video_url),
    ///         Err(error) => eprintln!("{:?} did not finish: {error}", error.job_ids()),
    ///     }
    /// }
    /// # Ok(()) }
    /// ```
    pub fn wait_many<I, S>(
        &self,
        video_ids: I,
        options: &WaitOptions,
    ) -> Result<WaitMany<VideoDetail>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        wait_on(self, video_ids, options)
    }

    /// Create many videos (`createVideo` each), at most `concurrency` requests in flight, each
    /// with its own `Idempotency-Key` (kept across the client's retries, so none is made
    /// twice); the answers in the order of the requests. It does not wait for the videos, so
    /// it does not keep within the account's concurrent-job limit: HeyGen answers 429 past it
    /// and the client pauses and retries. [`Videos::create_many_and_wait`] keeps within it.
    pub async fn create_many<I, R>(
        &self,
        requests: I,
        concurrency: usize,
    ) -> Vec<Result<CreateAvatarVideoResponse>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateVideoV3RequestBody>,
        R::Error: Into<Error>,
    {
        create_many::create_many(self, converted(requests), concurrency).await
    }

    /// Create many videos and wait for them, keeping at most `concurrency` videos created and
    /// unfinished at a time (HeyGen's pay-as-you-go limit is
    /// [`DEFAULT_CONCURRENT_JOBS`](crate::wait::DEFAULT_CONCURRENT_JOBS), 10), with the
    /// default [`WaitOptions`] (each video's deadline counts from its creation). One result per
    /// request, in their order: the finished video, or the error — naming the video once it
    /// exists, carrying the create's `Idempotency-Key` otherwise. See
    /// [`crate::wait::create_many`].
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client, requests: Vec<heygen_sdk::types::CreateVideoV3RequestBody>) {
    /// use heygen_sdk::wait::DEFAULT_CONCURRENT_JOBS;
    /// let results = client.videos().create_many_and_wait(requests, DEFAULT_CONCURRENT_JOBS).await;
    /// for (n, result) in results.iter().enumerate() {
    ///     match result {
    ///         Ok(video) => println!("#{n}: {:?}", video.video_url),
    ///         Err(error) => eprintln!("#{n}: {error} (key {:?})", error.idempotency_key()),
    ///     }
    /// }
    /// # }
    /// ```
    pub async fn create_many_and_wait<I, R>(
        &self,
        requests: I,
        concurrency: usize,
    ) -> Vec<Result<VideoDetail>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateVideoV3RequestBody>,
        R::Error: Into<Error>,
    {
        self.create_many_and_wait_with(requests, concurrency, &WaitOptions::default())
            .await
    }

    /// [`Videos::create_many_and_wait`] with these [`WaitOptions`] (its `timeout` counts for
    /// each video from its creation).
    pub async fn create_many_and_wait_with<I, R>(
        &self,
        requests: I,
        concurrency: usize,
        options: &WaitOptions,
    ) -> Vec<Result<VideoDetail>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateVideoV3RequestBody>,
        R::Error: Into<Error>,
    {
        create_many::create_many_and_wait(self, converted(requests), concurrency, options)
            .await
            .into_iter()
            .map(single)
            .collect()
    }
}
