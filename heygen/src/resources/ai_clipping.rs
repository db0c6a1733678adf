//! AI clipping: a long video in, short highlight clips out (durations, aspect ratio, captions
//! and editorial guidance in `output_settings`). A job runs `pending` → `running` →
//! `completed` (or `failed`, `cancelled`); its clips fill in as they render.

use heygen_sys::types::{
    AiClipping, AiClippingStatus, CreateAiClippingRequest, CreateAiClippingResponse,
    VideoTranslationDeleteResponse,
};

use super::{SendAt as _, builder, cursor_list};
use crate::wait::{JobState, WaitOptions, Waitable, poll};
use crate::{Client, Error, Paginator, Result};

/// AI clipping jobs (`/v3/ai-clipping`): `client.ai_clippings()`.
#[derive(Debug, Clone)]
pub struct AiClippings {
    pub(crate) client: Client,
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

/// `pending` and `running` are running; `cancelled` ends the job without clips, so it is a
/// failure (code `cancelled`) rather than a wait that never ends.
impl Waitable for AiClipping {
    const KIND: &'static str = "ai_clipping";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        match self.status {
            AiClippingStatus::Completed => JobState::Completed,
            AiClippingStatus::Failed => JobState::Failed {
                code: None,
                message: self.failure_message.clone(),
            },
            AiClippingStatus::Cancelled => JobState::Failed {
                code: Some("cancelled".into()),
                message: Some(
                    self.failure_message
                        .clone()
                        .unwrap_or_else(|| "the AI clipping job was cancelled".into()),
                ),
            },
            _ => JobState::Running,
        }
    }

    fn progress(&self) -> Option<f64> {
        Some(self.progress as f64)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("a valid resource")
    }

    #[test]
    fn clipping_states() {
        let clip = |status: &str| -> AiClipping {
            decode(
                json!({"id": "c1", "status": status, "clips": [], "progress": 40,
                          "failure_message": "no speech found"}),
            )
        };
        assert_eq!(clip("running").state(), JobState::Running);
        assert_eq!(clip("completed").state(), JobState::Completed);
        assert_eq!(
            clip("failed").state(),
            JobState::Failed {
                code: None,
                message: Some("no speech found".into())
            }
        );
        assert!(matches!(
            clip("cancelled").state(),
            JobState::Failed { code: Some(code), .. } if code == "cancelled"
        ));
        let unknown = clip("rendering_clips");
        assert_eq!(unknown.state(), JobState::Running);
        assert!(!unknown.recognized());
        assert_eq!(unknown.status(), "rendering_clips");
        assert_eq!(unknown.progress(), Some(40.0));
    }
}
