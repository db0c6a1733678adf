//! The waits of video agents and workflow executions. (Every other resource's waits sit in its
//! own file under `resources/`; these move there with the video-agent rewrite.)

use heygen_sys::types::{
    CreateVideoAgentRequest, GetSessionResponse, VideoAgentSessionStatus, VideoDetail,
    WorkflowExecutionDetailResponse,
};
use tokio::time::Instant;

use super::{JobState, WaitOptions, Waitable, poll};
use crate::Client;
use crate::error::{Error, Result};
use crate::resources::video_agents::{SessionOutcome, VideoAgents};

impl VideoAgents {
    /// Wait until a session needs nobody but itself no more (`getVideoAgentSession` polled):
    /// it completed, or (chat mode) it waits for the caller's reply. The progress callback gets
    /// the session's `progress` figure; `thinking`, `reviewing` and `generating` are running;
    /// `failed` is [`Error::JobFailed`] with the agent's error message.
    ///
    /// ```no_run
    /// # async fn run(client: heygen::Client, reply: heygen::types::SendMessageRequest) -> heygen::Result<()> {
    /// use heygen::resources::video_agents::SessionOutcome;
    /// use heygen::wait::WaitOptions;
    /// let agents = client.video_agents();
    /// match agents.wait_session("session_id", &WaitOptions::new()).await? {
    ///     SessionOutcome::Completed(session) => println!("video {:?}", session.video_id),
    ///     SessionOutcome::WaitingForInput(session) => {
    ///         println!("the agent asks: {:?}", session.messages.last().map(|m| &m.content));
    ///         agents.send_message("session_id", reply).await?;
    ///     }
    ///     _ => {}
    /// }
    /// # Ok(()) }
    /// ```
    pub async fn wait_session(
        &self,
        session_id: &str,
        options: &WaitOptions,
    ) -> Result<SessionOutcome> {
        let polled = poll(session_id, options, || async move {
            self.get_session(session_id).await.map(Settled)
        })
        .await?;
        let session = polled.0;
        Ok(match session.status {
            VideoAgentSessionStatus::WaitingForInput => SessionOutcome::WaitingForInput(session),
            _ => SessionOutcome::Completed(session),
        })
    }

    /// Wait for a session to finish, then for the video it made; one deadline covers both.
    /// A session waiting for the caller's reply is [`Error::InputRequired`]; a completed
    /// session without a `video_id` is [`Error::JobFailed`].
    pub async fn wait_video(&self, session_id: &str, options: &WaitOptions) -> Result<VideoDetail> {
        let started = Instant::now();
        let session = poll(session_id, options, || self.get_session(session_id)).await?;
        self.video_of(session_id, session.video_id, started, options)
            .await
    }

    /// Create a video from a prompt (`createVideoAgentV3`), then wait for the session and its
    /// video. Meant for `mode: generate`; a `chat` session that stops for the caller's reply
    /// ends the wait with [`Error::InputRequired`] naming the session.
    pub async fn create_and_wait(
        &self,
        request: CreateVideoAgentRequest,
        options: &WaitOptions,
    ) -> Result<VideoDetail> {
        let started = Instant::now();
        let created = self.create(request).await?;
        let id = created.session_id.as_str();
        let session = poll(id, options, || self.get_session(id)).await?;
        self.video_of(id, session.video_id.or(created.video_id), started, options)
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

/// A session polled until it completes, fails or waits for input: for
/// [`VideoAgents::wait_session`], `waiting_for_input` is an outcome, not an error.
#[derive(serde::Serialize)]
#[serde(transparent)]
struct Settled(GetSessionResponse);

impl Waitable for Settled {
    const KIND: &'static str = GetSessionResponse::KIND;

    fn status(&self) -> &str {
        self.0.status()
    }

    fn recognized(&self) -> bool {
        self.0.recognized()
    }

    fn state(&self) -> JobState {
        match self.0.state() {
            JobState::InputRequired { .. } => JobState::Completed,
            state => state,
        }
    }

    fn progress(&self) -> Option<f64> {
        self.0.progress()
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
