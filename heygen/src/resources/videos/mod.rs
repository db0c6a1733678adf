//! Videos: `POST /v3/videos` (from an avatar or an image), get, list, delete, the waits, and
//! downloading a finished video's files ([`Videos::download`]).

use heygen_sys::types::{
    CreateAvatarVideoResponse, CreateVideoV3RequestBody, DeleteVideoResponse, VideoDetail,
};

use super::{SendAt as _, builder, cursor_list, path_id};
use crate::wait::{WaitOptions, poll};
use crate::{Client, Error, Paginator, Result};

mod batches;
pub(crate) mod download;
mod job;
mod many;

/// Videos (`/v3/videos`): `client.videos()`.
#[derive(Debug, Clone)]
pub struct Videos {
    pub(crate) client: Client,
}

impl Videos {
    /// Create a video (`createVideo`); answers at once with the id and `waiting`. Takes the
    /// request as a builder (of [`CreateVideoFromAvatar`](crate::types::CreateVideoFromAvatar)
    /// or [`CreateVideoFromImage`](crate::types::CreateVideoFromImage)), a member type, or the
    /// [`CreateVideoV3RequestBody`] union; a builder missing a required field is
    /// [`Error::InvalidRequest`] naming it, before anything is sent.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::CreateVideoFromAvatar;
    /// let video = client
    ///     .videos()
    ///     .create(CreateVideoFromAvatar::builder().avatar_id("a").voice_id("v").script("Hello"))
    ///     .await?;
    /// println!("{}", video.video_id);
    /// # Ok(()) }
    /// ```
    pub async fn create<R>(&self, request: R) -> Result<CreateAvatarVideoResponse>
    where
        R: TryInto<CreateVideoV3RequestBody>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.create_video().body(body).send(), |e| e.data)
            .await
    }

    /// A video's details and status (`getVideoV3`).
    pub async fn get(&self, video_id: &str) -> Result<VideoDetail> {
        path_id("video_id", video_id)?;
        let raw = self.client.raw();
        let request = raw.get_video_v3().video_id(video_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete a video (`deleteVideoV3`).
    pub async fn delete(&self, video_id: &str) -> Result<DeleteVideoResponse> {
        path_id("video_id", video_id)?;
        let raw = self.client.raw();
        let request = raw.delete_video_v3().video_id(video_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Every video of the account, newest first (`listVideosV3`).
    pub fn list(&self) -> Paginator<VideoDetail> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (`title`, `folder_id`;
    /// `limit` sets the page size) (`listVideosV3`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<VideoDetail>
    where
        F: for<'a> Fn(builder::ListVideosV3<'a>) -> builder::ListVideosV3<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_videos_v3()).send_at(token)
        })
    }

    /// The v2 listing (`listVideos`, `GET /v2/videos`), for accounts still on v2 ids.
    pub fn list_v2(&self) -> Paginator<VideoDetail> {
        self.list_v2_with(|request| request)
    }

    /// [`Self::list_v2`] with the generated request builder configured (`listVideos`).
    pub fn list_v2_with<F>(&self, configure: F) -> Paginator<VideoDetail>
    where
        F: for<'a> Fn(builder::ListVideos<'a>) -> builder::ListVideos<'a> + Send + Sync + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_videos()).send_at(token)
        })
    }

    /// Wait, with the default [`WaitOptions`], for a video to finish (`getVideoV3` polled);
    /// see [`crate::wait`] for the outcomes. For an id from elsewhere (a webhook, a database).
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// let video = client.videos().wait("video_id").await?;
    /// println!("{}", video.video_url.unwrap_or_default());
    /// # Ok(()) }
    /// ```
    pub async fn wait(&self, video_id: &str) -> Result<VideoDetail> {
        self.wait_with(video_id, &WaitOptions::default()).await
    }

    /// [`Self::wait`] with the given [`WaitOptions`] (deadline, backoff, progress callback).
    pub async fn wait_with(&self, video_id: &str, options: &WaitOptions) -> Result<VideoDetail> {
        poll(video_id, options, || self.get(video_id)).await
    }

    /// Create a video ([`Self::create`]), then wait for it with the default [`WaitOptions`].
    /// A failed create is the create's error; every error after it names the new video
    /// ([`Error::job_ids`]).
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::CreateVideoFromAvatar;
    /// let video = client
    ///     .videos()
    ///     .create_and_wait(CreateVideoFromAvatar::builder().avatar_id("a").voice_id("v").script("Hello"))
    ///     .await?;
    /// println!("{}", video.video_url.unwrap_or_default());
    /// # Ok(()) }
    /// ```
    pub async fn create_and_wait<R>(&self, request: R) -> Result<VideoDetail>
    where
        R: TryInto<CreateVideoV3RequestBody>,
        R::Error: Into<Error>,
    {
        self.create_and_wait_with(request, &WaitOptions::default())
            .await
    }

    /// [`Self::create_and_wait`] with the given [`WaitOptions`].
    pub async fn create_and_wait_with<R>(
        &self,
        request: R,
        options: &WaitOptions,
    ) -> Result<VideoDetail>
    where
        R: TryInto<CreateVideoV3RequestBody>,
        R::Error: Into<Error>,
    {
        let created = self.create(request).await?;
        self.wait_with(&created.video_id, options).await
    }
}
