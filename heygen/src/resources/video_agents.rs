//! Video agents: a prompt becomes a session (`POST /v3/video-agents`) that renders a video by
//! itself (`mode: generate`) or talks with the caller first (`mode: chat`: it may stop at
//! `waiting_for_input` until [`VideoAgents::send_message`] answers). Sessions live at
//! `/v3/video-agents/{session_id}` since 2026-04-09. Their waits follow the calls.

use chrono::{DateTime, Utc};
use heygen_sys::types::{
    CreateSessionResponse, CreateVideoAgentRequest, CreateVideoAgentResponse, GeneratedVideoPage,
    GetSessionResponse, SendMessageRequest, SendMessageResponse, SessionMessage,
    SessionMessageType, SessionResource, SessionSummary, StopSessionRequest, StopSessionResponse,
    StyleItem, VideoAgentSessionStatus,
};

use heygen_sys::types::VideoDetail;
use tokio::time::Instant;

use super::{SendAt as _, builder, cursor_list};
use crate::time::{Timestamps, instant};
use crate::wait::{JobState, WaitOptions, Waitable, poll};
use crate::{Client, Error, Paginator, Result};

/// Video agents (`/v3/video-agents`): `client.video_agents()`.
#[derive(Debug, Clone)]
pub struct VideoAgents {
    pub(crate) client: Client,
}

/// How a wait on a session ended ([`VideoAgents::wait_session`]): both are normal in chat mode.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SessionOutcome {
    /// The session finished (`completed`); its `video_id` names the video.
    Completed(GetSessionResponse),
    /// The agent needs the caller's reply (`waiting_for_input`), usually to approve or change
    /// its plan: read its last message, answer with [`VideoAgents::send_message`], wait again.
    WaitingForInput(GetSessionResponse),
}

impl SessionOutcome {
    /// The session as the last poll saw it.
    pub fn session(&self) -> &GetSessionResponse {
        match self {
            SessionOutcome::Completed(session) | SessionOutcome::WaitingForInput(session) => {
                session
            }
        }
    }

    /// The session as the last poll saw it, owned.
    pub fn into_session(self) -> GetSessionResponse {
        match self {
            SessionOutcome::Completed(session) | SessionOutcome::WaitingForInput(session) => {
                session
            }
        }
    }
}

impl VideoAgents {
    /// Start a session from a prompt (`createVideoAgentV3`, `POST /v3/video-agents`). `mode`
    /// `generate` (the default) renders one video without asking; `chat` lets the agent stop
    /// at `waiting_for_input` for the caller's decisions and take revisions.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::{CreateVideoAgentRequest, VideoAgentMode};
    /// let request = CreateVideoAgentRequest::builder()
    ///     .prompt("A 30-second product teaser")
    ///     .mode(VideoAgentMode::Chat);
    /// let session = client.video_agents().create(request).await?;
    /// println!("session {} is {}", session.session_id, session.status);
    /// # Ok(()) }
    /// ```
    pub async fn create<R>(&self, request: R) -> crate::Result<CreateVideoAgentResponse>
    where
        R: TryInto<CreateVideoAgentRequest>,
        R::Error: Into<crate::Error>,
    {
        let request = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(
                raw.create_video_agent_v3().body(request).send(),
                |envelope| envelope.data,
            )
            .await
    }

    /// A session's state and recent messages (`getVideoAgentSession`, `GET
    /// /v3/video-agents/{session_id}`).
    pub async fn get_session(&self, session_id: &str) -> crate::Result<GetSessionResponse> {
        crate::call::path_id("session_id", session_id)?;
        let raw = self.client.raw();
        let request = raw.get_video_agent_session().session_id(session_id);
        self.client
            .data(request.send(), |envelope| envelope.data)
            .await
    }

    /// Send the caller's message to a session (`continueVideoAgentSession`, `POST
    /// /v3/video-agents/{session_id}`): the answer a `waiting_for_input` session waits for, or
    /// a revision of a finished one.
    pub async fn send_message(
        &self,
        session_id: &str,
        request: SendMessageRequest,
    ) -> crate::Result<SendMessageResponse> {
        crate::call::path_id("session_id", session_id)?;
        let raw = self.client.raw();
        let request = raw
            .continue_video_agent_session()
            .session_id(session_id)
            .body(request);
        self.client
            .data(request.send(), |envelope| envelope.data)
            .await
    }

    /// Stop a session (`stopVideoAgentSession`, `POST /v3/video-agents/{session_id}/stop`).
    pub async fn stop_session(
        &self,
        session_id: &str,
        request: StopSessionRequest,
    ) -> crate::Result<StopSessionResponse> {
        crate::call::path_id("session_id", session_id)?;
        let raw = self.client.raw();
        let request = raw
            .stop_video_agent_session()
            .session_id(session_id)
            .body(request);
        self.client
            .data(request.send(), |envelope| envelope.data)
            .await
    }

    /// One resource of a session, by the id its messages give in `resource_ids`
    /// (`getVideoAgentSessionResource`, `GET /v3/video-agents/{session_id}/resources/{resource_id}`).
    pub async fn session_resource(
        &self,
        session_id: &str,
        resource_id: &str,
    ) -> crate::Result<SessionResource> {
        crate::call::path_id("session_id", session_id)?;
        crate::call::path_id("resource_id", resource_id)?;
        let raw = self.client.raw();
        let request = raw
            .get_video_agent_session_resource()
            .session_id(session_id)
            .resource_id(resource_id);
        self.client
            .data(request.send(), |envelope| envelope.data)
            .await
    }

    /// The videos a session has rendered, one per run (`listVideoAgentSessionVideos`, `GET
    /// /v3/video-agents/{session_id}/videos`). The operation takes no cursor, so this is the one
    /// page the API answers; its `has_more` says whether it holds everything.
    pub async fn session_videos(&self, session_id: &str) -> crate::Result<GeneratedVideoPage> {
        crate::call::path_id("session_id", session_id)?;
        let raw = self.client.raw();
        let request = raw.list_video_agent_session_videos().session_id(session_id);
        Ok(self.client.run(request.send()).await?.into_inner())
    }

    /// Every session of the account, newest first (`listVideoAgentSessions`, `GET
    /// /v3/video-agents`).
    pub fn list_sessions(&self) -> crate::Paginator<SessionSummary> {
        self.list_sessions_with(|request| request)
    }

    /// [`Self::list_sessions`] with the generated request builder configured (`limit` sets the
    /// page size).
    pub fn list_sessions_with<F>(&self, configure: F) -> crate::Paginator<SessionSummary>
    where
        F: for<'a> Fn(builder::ListVideoAgentSessions<'a>) -> builder::ListVideoAgentSessions<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_video_agent_sessions()).send_at(token)
        })
    }

    /// Styles a video agent can use (`listVideoAgentStyles`).
    pub fn list_styles(&self) -> Paginator<StyleItem> {
        self.list_styles_with(|request| request)
    }

    /// [`Self::list_styles`] with the generated request builder configured (`limit` sets the
    /// page size).
    pub fn list_styles_with<F>(&self, configure: F) -> Paginator<StyleItem>
    where
        F: for<'a> Fn(builder::ListVideoAgentStyles<'a>) -> builder::ListVideoAgentStyles<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_video_agent_styles()).send_at(token)
        })
    }
}

/// Waits, beside the calls they poll.
impl VideoAgents {
    /// Wait until a session needs nobody but itself no more (`getVideoAgentSession` polled):
    /// it completed, or (chat mode) it waits for the caller's reply. The progress callback gets
    /// the session's `progress` figure; `thinking`, `reviewing` and `generating` are running;
    /// `failed` is [`Error::JobFailed`] with the agent's error message.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client, reply: heygen_sdk::types::SendMessageRequest) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::resources::video_agents::SessionOutcome;
    /// use heygen_sdk::wait::WaitOptions;
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
    pub async fn create_and_wait<R>(&self, request: R) -> Result<VideoDetail>
    where
        R: TryInto<CreateVideoAgentRequest>,
        R::Error: Into<Error>,
    {
        self.create_and_wait_with(request, &WaitOptions::default())
            .await
    }

    /// [`Self::create_and_wait`] with wait options (deadline, intervals, progress callback).
    pub async fn create_and_wait_with<R>(
        &self,
        request: R,
        options: &WaitOptions,
    ) -> Result<VideoDetail>
    where
        R: TryInto<CreateVideoAgentRequest>,
        R::Error: Into<Error>,
    {
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

/// A session thinks, reviews and generates (running); in chat mode it may stop at
/// `waiting_for_input`, which no amount of polling ends: the caller must answer.
impl Waitable for GetSessionResponse {
    const KIND: &'static str = "video_agent_session";

    fn status(&self) -> &str {
        self.status.as_str()
    }

    fn recognized(&self) -> bool {
        !self.status.is_unknown()
    }

    fn state(&self) -> JobState {
        let last = |wanted: fn(&SessionMessage) -> bool| {
            self.messages
                .iter()
                .rev()
                .find(|m| wanted(m))
                .map(|m| m.content.clone())
        };
        match self.status {
            VideoAgentSessionStatus::Completed => JobState::Completed,
            VideoAgentSessionStatus::Failed => JobState::Failed {
                code: None,
                message: last(|m| m.type_ == SessionMessageType::Error),
            },
            VideoAgentSessionStatus::WaitingForInput => JobState::InputRequired {
                question: last(|m| m.role != "user"),
            },
            _ => JobState::Running,
        }
    }

    fn progress(&self) -> Option<f64> {
        Some(self.progress as f64)
    }
}

impl Timestamps for CreateSessionResponse {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}

impl Timestamps for CreateVideoAgentResponse {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}

impl Timestamps for GetSessionResponse {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}

impl Timestamps for SessionMessage {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}

impl Timestamps for SessionResource {
    fn created(&self) -> Option<DateTime<Utc>> {
        instant(self.created_at)
    }
}
