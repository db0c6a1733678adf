//! The waits of video agents and workflow executions. (Every other resource's waits sit in its
//! own file under `resources/`; these move there with the video-agent rewrite.)

use heygen_sys::types::{
    CreateVideoAgentRequest, GetSessionResponse, VideoDetail, WorkflowExecutionDetailResponse,
};
use tokio::time::Instant;

use super::{WaitOptions, Waitable, poll};
use crate::Client;
use crate::error::{Error, Result};
use crate::resources::video_agents::VideoAgents;

impl VideoAgents {
    /// Wait for a session to finish (`getVideoAgentSession` polled); the progress callback
    /// gets the session's `progress` figure.
    pub async fn wait_session(
        &self,
        session_id: &str,
        options: &WaitOptions,
    ) -> Result<GetSessionResponse> {
        poll(session_id, options, || self.get_session(session_id)).await
    }

    /// Wait for a session to finish, then for the video it made; one deadline covers both.
    /// A completed session without a `video_id` is [`Error::JobFailed`].
    pub async fn wait_video(&self, session_id: &str, options: &WaitOptions) -> Result<VideoDetail> {
        let started = Instant::now();
        let session = self.wait_session(session_id, options).await?;
        self.video_of(session_id, session.video_id, started, options)
            .await
    }

    /// Create a video from a prompt (`createVideoAgentV3`), then wait for the session and its
    /// video.
    pub async fn create_and_wait(
        &self,
        request: CreateVideoAgentRequest,
        options: &WaitOptions,
    ) -> Result<VideoDetail> {
        let started = Instant::now();
        let created = self.create(request).await?;
        let session = self.wait_session(&created.session_id, options).await?;
        self.video_of(
            &created.session_id,
            session.video_id.or(created.video_id),
            started,
            options,
        )
        .await
    }

    async fn video_of(
        &self,
        session_id: &str,
        video_id: Option<String>,
        started: Instant,
        options: &WaitOptions,
    ) -> Result<VideoDetail> {
        let Some(video_id) = video_id else {
            return Err(Error::JobFailed {
                kind: GetSessionResponse::KIND,
                id: session_id.to_string(),
                code: None,
                message: Some("the session completed without a video_id".into()),
            });
        };
        let mut rest = options.clone();
        rest.timeout = options
            .timeout
            .map(|timeout| timeout.saturating_sub(started.elapsed()));
        self.client.videos().wait_with(&video_id, &rest).await
    }
}

impl Client {
    /// Wait, with the default options, for a video-agent session and then its video; see
    /// [`VideoAgents::wait_video`].
    pub async fn wait_for_video_agent(&self, session_id: &str) -> Result<VideoDetail> {
        self.video_agents()
            .wait_video(session_id, &WaitOptions::default())
            .await
    }

    /// Wait for a v1 workflow execution (`GET /v1/workflows/executions/{id}` polled); a
    /// `not_found` status is [`Error::JobFailed`] with code `not_found`.
    pub async fn wait_for_workflow_execution(
        &self,
        execution_id: &str,
        options: &WaitOptions,
    ) -> Result<WorkflowExecutionDetailResponse> {
        poll(execution_id, options, || async move {
            crate::call::path_id("execution_id", execution_id)?;
            let raw = self.raw();
            self.data(
                raw.get_workflow_execution()
                    .execution_id(execution_id)
                    .send(),
                |e| e.data,
            )
            .await
        })
        .await
    }
}
