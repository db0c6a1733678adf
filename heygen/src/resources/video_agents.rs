//! Video agents: a prompt becomes a session (`POST /v3/video-agents`) that renders a video by
//! itself (`mode: generate`) or talks with the caller first (`mode: chat`: it may stop at
//! `waiting_for_input` until [`VideoAgents::send_message`] answers). Sessions live at
//! `/v3/video-agents/{session_id}` since 2026-04-09; their waits are in `crate::wait`.

use heygen_sys::types::{
    CreateVideoAgentRequest, CreateVideoAgentResponse, GeneratedVideoPage, GetSessionResponse,
    SendMessageRequest, SendMessageResponse, SessionResource, SessionSummary, StopSessionRequest,
    StopSessionResponse, StyleItem,
};

use futures::FutureExt as _;

use super::{builder, cursor_list};
use crate::{Client, Page, Paginator};

/// Video agents (`/v3/video-agents`): `client.video_agents()`.
#[derive(Debug, Clone)]
pub struct VideoAgents {
    pub(crate) client: Client,
}

impl Client {
    /// The [`VideoAgents`] resource.
    pub fn video_agents(&self) -> VideoAgents {
        VideoAgents {
            client: self.clone(),
        }
    }
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
    /// # async fn run(client: heygen::Client) -> heygen::Result<()> {
    /// use heygen::types::{CreateVideoAgentRequest, VideoAgentMode};
    /// let request: CreateVideoAgentRequest = serde_json::from_value(serde_json::json!({
    ///     "prompt": "A 30-second product teaser",
    /// })).expect("a valid request");
    /// let request = CreateVideoAgentRequest { mode: VideoAgentMode::Chat, ..request };
    /// let session = client.video_agents().create(request).await?;
    /// println!("session {} is {}", session.session_id, session.status);
    /// # Ok(()) }
    /// ```
    pub async fn create(
        &self,
        request: CreateVideoAgentRequest,
    ) -> crate::Result<CreateVideoAgentResponse> {
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
        cursor_list(
            &self.client,
            move |raw, token| {
                let request = configure(raw.list_video_agent_sessions());
                match token {
                    Some(token) => request.token(token),
                    None => request,
                }
                .send()
                .boxed()
            },
            |page| Page::from_envelope(page.data, page.has_more, page.next_token),
        )
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
        cursor_list(
            &self.client,
            move |raw, token| {
                let request = configure(raw.list_video_agent_styles());
                match token {
                    Some(token) => request.token(token),
                    None => request,
                }
                .send()
                .boxed()
            },
            |page| Page::from_envelope(page.data, page.has_more, page.next_token),
        )
    }
}
