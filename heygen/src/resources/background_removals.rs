//! Background removal: a video in, its layers out as download URLs: `foreground` (the subject
//! on a transparent background), `mask` (the alpha matte) and `background` (the scene without
//! the subject). A job runs `pending` → `processing` → `completed` (or `failed`).
//!
//! The create does not honour `Idempotency-Key`: the body's `request_id` is the endpoint's own
//! idempotency (a repeat with the same `request_id` returns the first job), which
//! [`BackgroundRemovals::create`] fills with the call's idempotency key when it is not set.

use heygen_sys::types::{
    BackgroundRemoval, CreateBackgroundRemovalRequest, DeleteBackgroundRemovalResponse,
};

use super::{SendAt as _, builder, cursor_list};
use crate::wait::{JobState, WaitOptions, Waitable, poll};
use crate::{Client, Error, Paginator, Result};

/// Background-removal jobs (`/v3/background-removals`): `client.background_removals()`.
#[derive(Debug, Clone)]
pub struct BackgroundRemovals {
    pub(crate) client: Client,
}

impl BackgroundRemovals {
    /// Submit a video (`createBackgroundRemoval`, `POST /v3/background-removals`); takes the
    /// builder of [`CreateBackgroundRemovalRequest`] or the type. Answers at once with the job.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::{AssetInput, CreateBackgroundRemovalRequest};
    /// use heygen_sdk::AssetInputExt;
    /// let request = CreateBackgroundRemovalRequest::builder()
    ///     .video(AssetInput::url("https://example.com/talk.mp4"))
    ///     .layers(vec!["foreground".to_string()])
    ///     .request_id("order-42-cutout");
    /// let job = client.background_removals().create_and_wait(request).await?;
    /// println!("{:?}", job.layers.get("foreground"));
    /// # Ok(()) }
    /// ```
    ///
    /// The endpoint ignores `Idempotency-Key` and deduplicates on the body's `request_id`
    /// instead: without one, the create sends its idempotency key (the handle's, or the one
    /// `auto_idempotency` makes) as `request_id` too, so a retry returns the first job rather
    /// than a second one, and [`Error::idempotency_key`] names the `request_id` to retry with.
    pub async fn create<R>(&self, request: R) -> Result<BackgroundRemoval>
    where
        R: TryInto<CreateBackgroundRemovalRequest>,
        R::Error: Into<Error>,
    {
        let mut body: CreateBackgroundRemovalRequest = request.try_into().map_err(Into::into)?;
        let client = match (&body.request_id, self.client.write_key()) {
            (None, Some((key, keyed))) => {
                body.request_id = Some(key);
                keyed
            }
            _ => self.client.clone(),
        };
        let raw = client.raw();
        client
            .data(raw.create_background_removal().body(body).send(), |e| {
                e.data
            })
            .await
    }

    /// A job with its status and, once completed, its layers' URLs (`getBackgroundRemoval`,
    /// `GET /v3/background-removals/{job_id}`).
    pub async fn get(&self, job_id: &str) -> Result<BackgroundRemoval> {
        crate::call::path_id("job_id", job_id)?;
        let raw = self.client.raw();
        let request = raw.get_background_removal().job_id(job_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete a job (`deleteBackgroundRemoval`, `DELETE /v3/background-removals/{job_id}`).
    pub async fn delete(&self, job_id: &str) -> Result<DeleteBackgroundRemovalResponse> {
        crate::call::path_id("job_id", job_id)?;
        let raw = self.client.raw();
        let request = raw.delete_background_removal().job_id(job_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// The account's jobs, newest first (`listBackgroundRemovals`, `GET
    /// /v3/background-removals`).
    pub fn list(&self) -> Paginator<BackgroundRemoval> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (`limit` sets the page
    /// size) (`listBackgroundRemovals`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<BackgroundRemoval>
    where
        F: for<'a> Fn(builder::ListBackgroundRemovals<'a>) -> builder::ListBackgroundRemovals<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_background_removals()).send_at(token)
        })
    }

    /// Wait, with the default [`WaitOptions`], for a job to finish
    /// (`getBackgroundRemoval` polled); `failed` (and `deleted`) are [`Error::JobFailed`] with
    /// the job's error. See [`crate::wait`].
    pub async fn wait(&self, job_id: &str) -> Result<BackgroundRemoval> {
        self.wait_with(job_id, &WaitOptions::default()).await
    }

    /// [`Self::wait`] with the given [`WaitOptions`].
    pub async fn wait_with(
        &self,
        job_id: &str,
        options: &WaitOptions,
    ) -> Result<BackgroundRemoval> {
        poll(job_id, options, || self.get(job_id)).await
    }

    /// Submit a video ([`Self::create`]), then wait for its layers with the default
    /// [`WaitOptions`]; every error after the create names the new job.
    pub async fn create_and_wait<R>(&self, request: R) -> Result<BackgroundRemoval>
    where
        R: TryInto<CreateBackgroundRemovalRequest>,
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
    ) -> Result<BackgroundRemoval>
    where
        R: TryInto<CreateBackgroundRemovalRequest>,
        R::Error: Into<Error>,
    {
        let created = self.create(request).await?;
        self.wait_with(&created.id, options).await
    }
}

/// Background-removal statuses, as the document lists them (its `status` is a plain string).
const BACKGROUND_REMOVAL_STATUSES: &[&str] =
    &["pending", "processing", "completed", "failed", "deleted"];

/// `pending` and `processing` are running; `deleted` never completes, so it is a failure (code
/// `deleted`).
impl Waitable for BackgroundRemoval {
    const KIND: &'static str = "background_removal";

    fn status(&self) -> &str {
        &self.status
    }

    fn recognized(&self) -> bool {
        BACKGROUND_REMOVAL_STATUSES.contains(&self.status.as_str())
    }

    fn state(&self) -> JobState {
        match self.status.as_str() {
            "completed" => JobState::Completed,
            "failed" => JobState::Failed {
                code: None,
                message: self.error.clone(),
            },
            "deleted" => JobState::Failed {
                code: Some("deleted".into()),
                message: Some("the background removal was deleted".into()),
            },
            _ => JobState::Running,
        }
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
    fn background_removal_states() {
        let removal = |status: &str| -> BackgroundRemoval {
            decode(json!({"id": "b1", "status": status, "layers": {}, "error": "bad input"}))
        };
        assert_eq!(removal("processing").state(), JobState::Running);
        assert!(removal("processing").recognized());
        assert_eq!(removal("completed").state(), JobState::Completed);
        assert_eq!(
            removal("failed").state(),
            JobState::Failed {
                code: None,
                message: Some("bad input".into())
            }
        );
        assert!(
            matches!(removal("deleted").state(), JobState::Failed { code: Some(c), .. } if c == "deleted")
        );
        assert_eq!(removal("queued_again").state(), JobState::Running);
        assert!(!removal("queued_again").recognized());
    }
}
