//! `create_and_wait`, `wait` and `client.wait_for_…` for each resource.

use futures::future::try_join_all;
use heygen_sys::types::{
    AvatarGroupItem, AvatarLookItem, CreateLipsyncRequest, CreateProofreadRequest,
    CreateVideoAgentRequest, CreateVideoTranslationRequest, CreateVideoV3RequestBody,
    GetSessionResponse, LipsyncDetail, ProofreadDetail, VideoAgentSessionStatus, VideoDetail,
    VideoTranslationDetail, WorkflowExecutionDetailResponse,
};

use tokio::time::Instant;

use super::{JobState, WaitOptions, Waitable, poll};
use crate::Client;
use crate::error::{Error, Result};
use crate::resources::avatars::Avatars;
use crate::resources::lipsyncs::Lipsyncs;
use crate::resources::video_agents::{SessionOutcome, VideoAgents};
use crate::resources::video_translations::VideoTranslations;
use crate::resources::videos::Videos;

impl Videos {
    /// Wait for a video to finish (`getVideoV3` polled); see [`crate::wait`].
    pub async fn wait(&self, video_id: &str, options: &WaitOptions) -> Result<VideoDetail> {
        poll(video_id, options, || self.get(video_id)).await
    }

    /// Create a video, then wait for it to finish.
    ///
    /// ```no_run
    /// # async fn run(client: heygen::Client, request: heygen::types::CreateVideoFromAvatar) -> heygen::Result<()> {
    /// use heygen::wait::WaitOptions;
    /// let video = client.videos().create_and_wait(request, &WaitOptions::new()).await?;
    /// println!("{:?}", video.video_url);
    /// # Ok(()) }
    /// ```
    pub async fn create_and_wait(
        &self,
        request: impl Into<CreateVideoV3RequestBody>,
        options: &WaitOptions,
    ) -> Result<VideoDetail> {
        let created = self.create(request).await?;
        self.wait(&created.video_id, options).await
    }
}

impl VideoTranslations {
    /// Wait for a translation to finish (`getVideoTranslationV3` polled).
    pub async fn wait(
        &self,
        video_translation_id: &str,
        options: &WaitOptions,
    ) -> Result<VideoTranslationDetail> {
        poll(video_translation_id, options, || {
            self.get(video_translation_id)
        })
        .await
    }

    /// Create translations (one per output language), then wait for all of them; the first
    /// failure ends the wait with [`Error::Wait`] naming every translation created.
    pub async fn create_and_wait(
        &self,
        request: CreateVideoTranslationRequest,
        options: &WaitOptions,
    ) -> Result<Vec<VideoTranslationDetail>> {
        let ids = self.create(request).await?.video_translation_ids;
        try_join_all(ids.iter().map(|id| self.wait(id, options)))
            .await
            .map_err(|error| naming_all(VideoTranslationDetail::KIND, &ids, error))
    }

    /// Wait for a proofread to finish (`getProofreadV3` polled).
    pub async fn wait_proofread(
        &self,
        proofread_id: &str,
        options: &WaitOptions,
    ) -> Result<ProofreadDetail> {
        poll(proofread_id, options, || self.get_proofread(proofread_id)).await
    }

    /// Create proofreads, then wait for all of them; the first failure ends the wait with
    /// [`Error::Wait`] naming every proofread created.
    pub async fn create_proofread_and_wait(
        &self,
        request: CreateProofreadRequest,
        options: &WaitOptions,
    ) -> Result<Vec<ProofreadDetail>> {
        let ids = self.create_proofread(request).await?.proofread_ids;
        try_join_all(ids.iter().map(|id| self.wait_proofread(id, options)))
            .await
            .map_err(|error| naming_all(ProofreadDetail::KIND, &ids, error))
    }
}

/// The error of one of several jobs waited on together, naming all of them (so that none is
/// created again by a caller who only learnt of the failed one).
fn naming_all(kind: &'static str, ids: &[String], error: Error) -> Error {
    let source = match error {
        Error::Wait { source, .. } => source,
        other => Box::new(other),
    };
    Error::Wait {
        kind,
        ids: ids.to_vec(),
        source,
    }
}

impl Lipsyncs {
    /// Wait for a lipsync to finish (`getLipsyncV3` polled).
    pub async fn wait(&self, lipsync_id: &str, options: &WaitOptions) -> Result<LipsyncDetail> {
        poll(lipsync_id, options, || self.get(lipsync_id)).await
    }

    /// Create a lipsync, then wait for it to finish.
    pub async fn create_and_wait(
        &self,
        request: CreateLipsyncRequest,
        options: &WaitOptions,
    ) -> Result<LipsyncDetail> {
        let created = self.create(request).await?;
        self.wait(&created.lipsync_id, options).await
    }
}

impl Avatars {
    /// Wait for an avatar group to be ready (`getAvatarGroup` polled); `pending_consent` ends
    /// the wait with [`Error::ConsentRequired`].
    pub async fn wait(&self, group_id: &str, options: &WaitOptions) -> Result<AvatarGroupItem> {
        poll(group_id, options, || self.get(group_id)).await
    }

    /// Wait for a look to be ready (`getAvatarLook` polled); `pending_consent` ends the wait
    /// with [`Error::ConsentRequired`].
    pub async fn wait_look(&self, look_id: &str, options: &WaitOptions) -> Result<AvatarLookItem> {
        poll(look_id, options, || self.get_look(look_id)).await
    }
}

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
        self.client.videos().wait(&video_id, &rest).await
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
    /// Wait, with the default [`WaitOptions`], for a video whose id came from elsewhere (a
    /// webhook, a database); see [`Videos::wait`] to choose the options.
    pub async fn wait_for_video(&self, video_id: &str) -> Result<VideoDetail> {
        self.videos().wait(video_id, &WaitOptions::default()).await
    }

    /// Wait, with the default options, for a video translation; see [`VideoTranslations::wait`].
    pub async fn wait_for_video_translation(
        &self,
        video_translation_id: &str,
    ) -> Result<VideoTranslationDetail> {
        self.video_translations()
            .wait(video_translation_id, &WaitOptions::default())
            .await
    }

    /// Wait, with the default options, for a proofread; see [`VideoTranslations::wait_proofread`].
    pub async fn wait_for_proofread(&self, proofread_id: &str) -> Result<ProofreadDetail> {
        self.video_translations()
            .wait_proofread(proofread_id, &WaitOptions::default())
            .await
    }

    /// Wait, with the default options, for a lipsync; see [`Lipsyncs::wait`].
    pub async fn wait_for_lipsync(&self, lipsync_id: &str) -> Result<LipsyncDetail> {
        self.lipsyncs()
            .wait(lipsync_id, &WaitOptions::default())
            .await
    }

    /// Wait, with the default options, for an avatar group; see [`Avatars::wait`].
    pub async fn wait_for_avatar_group(&self, group_id: &str) -> Result<AvatarGroupItem> {
        self.avatars().wait(group_id, &WaitOptions::default()).await
    }

    /// Wait, with the default options, for an avatar look; see [`Avatars::wait_look`].
    pub async fn wait_for_avatar_look(&self, look_id: &str) -> Result<AvatarLookItem> {
        self.avatars()
            .wait_look(look_id, &WaitOptions::default())
            .await
    }

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
