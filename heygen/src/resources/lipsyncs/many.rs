//! Many lipsyncs at once (`wait_many`, `create_many`, `create_many_and_wait`): the generic
//! machinery of `resources/jobs/bulk.rs`, written out for [`Lipsyncs`].

use heygen_sys::types::{CreateLipsyncRequest, LipsyncCreateResponse, LipsyncDetail};

use super::Lipsyncs;
use crate::error::{Error, Result};
use crate::resources::jobs::bulk::{converted, wait_on};
use crate::wait::WaitOptions;
use crate::wait::create_many::{self, single};
use crate::wait::many::WaitMany;

impl Lipsyncs {
    /// Wait for many lipsyncs at once (`listLipsyncStatuses` per 100 ids and interval,
    /// `getLipsyncV3` per finished one); see [`Videos::wait_many`](crate::resources::videos::Videos::wait_many).
    pub fn wait_many<I, S>(
        &self,
        lipsync_ids: I,
        options: &WaitOptions,
    ) -> Result<WaitMany<LipsyncDetail>>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        wait_on(self, lipsync_ids, options)
    }

    /// Start many lipsyncs (`createLipsyncV3` each), at most `concurrency` requests in flight,
    /// each with its own `Idempotency-Key`; see [`Videos::create_many`](crate::resources::videos::Videos::create_many).
    pub async fn create_many<I, R>(
        &self,
        requests: I,
        concurrency: usize,
    ) -> Vec<Result<LipsyncCreateResponse>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateLipsyncRequest>,
        R::Error: Into<Error>,
    {
        create_many::create_many(self, converted(requests), concurrency).await
    }

    /// Start many lipsyncs and wait for them, at most `concurrency` unfinished at a time, with
    /// the default [`WaitOptions`]; see [`Videos::create_many_and_wait`](crate::resources::videos::Videos::create_many_and_wait).
    pub async fn create_many_and_wait<I, R>(
        &self,
        requests: I,
        concurrency: usize,
    ) -> Vec<Result<LipsyncDetail>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateLipsyncRequest>,
        R::Error: Into<Error>,
    {
        self.create_many_and_wait_with(requests, concurrency, &WaitOptions::default())
            .await
    }

    /// [`Lipsyncs::create_many_and_wait`] with these [`WaitOptions`].
    pub async fn create_many_and_wait_with<I, R>(
        &self,
        requests: I,
        concurrency: usize,
        options: &WaitOptions,
    ) -> Vec<Result<LipsyncDetail>>
    where
        I: IntoIterator<Item = R>,
        R: TryInto<CreateLipsyncRequest>,
        R::Error: Into<Error>,
    {
        create_many::create_many_and_wait(self, converted(requests), concurrency, options)
            .await
            .into_iter()
            .map(single)
            .collect()
    }
}
