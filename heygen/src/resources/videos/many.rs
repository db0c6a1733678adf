//! Many videos at once (`wait_many`, `create_many`, `create_many_and_wait`): the generic
//! machinery of `resources/jobs/bulk.rs`, written out for [`Videos`].

use heygen_sys::types::{CreateAvatarVideoResponse, CreateVideoV3RequestBody, VideoDetail};

use super::Videos;
use crate::error::{Error, Result};
use crate::resources::jobs::bulk::{converted, fresh, keyed, one_each, wait_on};
use crate::wait::WaitOptions;
use crate::wait::create_many::{self, FinishedStream, single};
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
        create_many::create_many_and_wait(self, fresh(converted(requests)), concurrency, options)
            .await
            .into_iter()
            .map(single)
            .collect()
    }
}

impl Videos {
    /// [`Videos::create_many_and_wait_with`] with **your key for each request** — its
    /// `Idempotency-Key`, e.g. your own row id — so that a run that crashed can be run again
    /// without making any video twice: within 24 h, HeyGen answers a key it has seen with the
    /// video it made then, and this waits for that one. One result per request, in their order.
    /// See [`Videos::create_many_and_wait_stream`] for the recipe.
    pub async fn create_many_and_wait_keyed<I, K, R>(
        &self,
        items: I,
        concurrency: usize,
        options: &WaitOptions,
    ) -> Vec<Result<VideoDetail>>
    where
        I: IntoIterator<Item = (K, R)>,
        K: Into<String>,
        R: TryInto<CreateVideoV3RequestBody>,
        R::Error: Into<Error>,
    {
        create_many::create_many_and_wait(self, keyed(items), concurrency, options)
            .await
            .into_iter()
            .map(single)
            .collect()
    }

    /// Create many videos, each with **your key** (its `Idempotency-Key`, e.g. your row id),
    /// and wait for them, at most `concurrency` unfinished at a time: a stream of each request
    /// as its video finishes ([`Finished`](crate::wait::Finished): the key, the request's index, the video or the
    /// error), so that you can record each result as it comes.
    ///
    /// **A batch that survives a crash.** Record each result as the stream yields it; after a
    /// crash (a killed process, a dropped future), run the requests without a recorded result
    /// again, with the same keys and the same bodies. HeyGen replays a key's first answer for
    /// 24 h, so a request already created makes no new video: its key is answered with the video
    /// made then, and the stream waits for that one (a finished video comes back at the first
    /// poll). A key reused with another body is refused (400), never replayed. After 24 h HeyGen
    /// has forgotten the keys and a rerun makes new videos: past that, look the videos up first
    /// (`list`, by the `title` or `callback_id` you gave them). A key is 1–255 characters of
    /// `[A-Za-z0-9_:.-]`; an invalid key, or one an earlier request of the batch has, fails its
    /// request before anything is sent.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client, rows: Vec<(u64, heygen_sdk::types::CreateVideoV3RequestBody)>,
    /// #     recorded: impl Fn(&str) -> bool, record: impl Fn(&str, &heygen_sdk::Result<heygen_sdk::types::VideoDetail>)) {
    /// use futures::StreamExt;
    /// use heygen_sdk::wait::{DEFAULT_CONCURRENT_JOBS, WaitOptions};
    /// // Your row ids are the keys; rows already recorded are not sent again.
    /// let todo: Vec<_> = rows
    ///     .into_iter()
    ///     .map(|(row, request)| (format!("row-{row}"), request))
    ///     .filter(|(key, _)| !recorded(key))
    ///     .collect();
    /// let mut finished = client
    ///     .videos()
    ///     .create_many_and_wait_stream(todo, DEFAULT_CONCURRENT_JOBS, &WaitOptions::new());
    /// while let Some(done) = finished.next().await {
    ///     record(&done.key, &done.result); // e.g. a database row, committed now
    /// }
    /// # }
    /// ```
    pub fn create_many_and_wait_stream<I, K, R>(
        &self,
        items: I,
        concurrency: usize,
        options: &WaitOptions,
    ) -> FinishedStream<VideoDetail>
    where
        I: IntoIterator<Item = (K, R)>,
        K: Into<String>,
        R: TryInto<CreateVideoV3RequestBody>,
        R::Error: Into<Error>,
    {
        one_each(create_many::create_many_and_wait_stream(
            self,
            keyed(items),
            concurrency,
            options,
        ))
    }
}
