//! AI clipping: a long video in, short highlight clips out (durations, aspect ratio, captions
//! and editorial guidance in `output_settings`). A job runs `pending` → `running` →
//! `completed` (or `failed`, `cancelled`); its clips fill in as they render.

use heygen_sys::types::{
    AiClipping, CreateAiClippingRequest, CreateAiClippingResponse, VideoTranslationDeleteResponse,
};

use super::{Cursor as _, builder, cursor_list};
use crate::wait::{WaitOptions, poll};
use crate::{Client, Error, Paginator, Result};

/// AI clipping jobs (`/v3/ai-clipping`): `client.ai_clippings()`.
#[derive(Debug, Clone)]
pub struct AiClippings {
    pub(crate) client: Client,
}

impl Client {
    /// The [`AiClippings`] resource.
    pub fn ai_clippings(&self) -> AiClippings {
        AiClippings {
            client: self.clone(),
        }
    }
}

impl AiClippings {
    /// Submit a video for clipping (`createAiClipping`, `POST /v3/ai-clipping`); takes the
    /// builder of [`CreateAiClippingRequest`] or the type. Answers at once with the job's id.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::{AssetReference, CreateAiClippingRequest};
    /// use heygen_sdk::AssetReferenceExt;
    /// let request = CreateAiClippingRequest::builder()
    ///     .video(AssetReference::url("https://example.com/keynote.mp4"))
    ///     .title("Keynote highlights");
    /// let job = client.ai_clippings().create_and_wait(request).await?;
    /// for clip in job.clips {
    ///     println!("{:?} {:?}", clip.title, clip.video_url);
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn create<R>(&self, request: R) -> Result<CreateAiClippingResponse>
    where
        R: TryInto<CreateAiClippingRequest>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.create_ai_clipping().body(body).send(), |e| e.data)
            .await
    }

    /// A job with its status, progress and clips (`getAiClipping`, `GET
    /// /v3/ai-clipping/{job_id}`).
    pub async fn get(&self, job_id: &str) -> Result<AiClipping> {
        crate::call::path_id("job_id", job_id)?;
        let raw = self.client.raw();
        let request = raw.get_ai_clipping().job_id(job_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete a job and its clips (`deleteAiClipping`, `DELETE /v3/ai-clipping/{job_id}`).
    pub async fn delete(&self, job_id: &str) -> Result<VideoTranslationDeleteResponse> {
        crate::call::path_id("job_id", job_id)?;
        let raw = self.client.raw();
        let request = raw.delete_ai_clipping().job_id(job_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// The workspace's jobs, newest first (`listAiClippings`, `GET /v3/ai-clipping`).
    pub fn list(&self) -> Paginator<AiClipping> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (`limit` sets the page
    /// size, 10 by default since each job carries its clips) (`listAiClippings`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<AiClipping>
    where
        F: for<'a> Fn(builder::ListAiClippings<'a>) -> builder::ListAiClippings<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_ai_clippings()).send_at(token)
        })
    }

    /// Wait, with the default [`WaitOptions`], for a job to finish (`getAiClipping` polled; the
    /// progress callback gets the job's `progress`); `failed` and `cancelled` are
    /// [`Error::JobFailed`]. See [`crate::wait`].
    pub async fn wait(&self, job_id: &str) -> Result<AiClipping> {
        self.wait_with(job_id, &WaitOptions::default()).await
    }

    /// [`Self::wait`] with the given [`WaitOptions`].
    pub async fn wait_with(&self, job_id: &str, options: &WaitOptions) -> Result<AiClipping> {
        poll(job_id, options, || self.get(job_id)).await
    }

    /// Submit a video ([`Self::create`]), then wait for its clips with the default
    /// [`WaitOptions`]; every error after the create names the new job.
    pub async fn create_and_wait<R>(&self, request: R) -> Result<AiClipping>
    where
        R: TryInto<CreateAiClippingRequest>,
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
    ) -> Result<AiClipping>
    where
        R: TryInto<CreateAiClippingRequest>,
        R::Error: Into<Error>,
    {
        let created = self.create(request).await?;
        self.wait_with(&created.ai_clipping_id, options).await
    }
}
