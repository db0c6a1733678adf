//! Video agents: one-shot prompts and interactive sessions.

use heygen_sys::types::{
    CreateSessionRequest, CreateSessionResponse, CreateVideoAgentRequest, CreateVideoAgentResponse,
    GetSessionResponse, SendMessageRequest, SendMessageResponse, SessionResource,
    StopSessionRequest, StopSessionResponse, StyleItem,
};

use super::{data_op, list_op, resource};

resource!(
    /// Video agents (`/v3/video-agents`).
    VideoAgents, video_agents
);

impl VideoAgents {
    data_op!(
        /// Create a video from a prompt (`createVideoAgentV3`).
        create(request: CreateVideoAgentRequest) -> CreateVideoAgentResponse, |raw| raw.create_video_agent_v3().body(request)
    );

    data_op!(
        /// Start an interactive session (`createVideoAgentSession`).
        create_session(request: CreateSessionRequest) -> CreateSessionResponse,
            |raw| raw.create_video_agent_session().body(request)
    );

    data_op!(
        /// A session's state (`getVideoAgentSession`).
        get_session(session_id: &str) -> GetSessionResponse, |raw| raw.get_video_agent_session().session_id(session_id)
    );

    data_op!(
        /// Send a message to a session (`continueVideoAgentSession`).
        send_message(session_id: &str, request: SendMessageRequest) -> SendMessageResponse,
            |raw| raw.continue_video_agent_session().session_id(session_id).body(request)
    );

    data_op!(
        /// Stop a session (`stopVideoAgentSession`).
        stop_session(session_id: &str, request: StopSessionRequest) -> StopSessionResponse,
            |raw| raw.stop_video_agent_session().session_id(session_id).body(request)
    );

    list_op!(
        /// Styles a video agent can use (`listVideoAgentStyles`).
        list_styles, list_styles_with, ListVideoAgentStyles, list_video_agent_styles -> StyleItem
    );

    /// A session's resources (`getVideoAgentSessionResources`), paginated by `next_cursor`.
    pub fn session_resources(&self, session_id: &str) -> crate::Paginator<SessionResource> {
        self.session_resources_with(session_id, |request| request)
    }

    /// [`Self::session_resources`] with the generated request builder configured (`type`,
    /// `source`, `resource_ids`; `limit` sets the page size).
    pub fn session_resources_with<F>(
        &self,
        session_id: &str,
        configure: F,
    ) -> crate::Paginator<SessionResource>
    where
        F: for<'a> Fn(
                super::builder::GetVideoAgentSessionResources<'a>,
            ) -> super::builder::GetVideoAgentSessionResources<'a>
            + Send
            + Sync
            + 'static,
    {
        let client = self.client.clone();
        let session_id = session_id.to_string();
        let configure = std::sync::Arc::new(configure);
        crate::Paginator::new(move |token: Option<String>| {
            let client = client.clone();
            let session_id = session_id.clone();
            let configure = configure.clone();
            async move {
                crate::call::path_id("session_id", &session_id)?;
                let raw = client.raw();
                let mut request = configure(
                    raw.get_video_agent_session_resources()
                        .session_id(session_id),
                );
                if let Some(token) = token {
                    request = request.token(token);
                }
                let page = client.data(request.send(), |e| e.data).await?;
                Ok(crate::Page::from_envelope(
                    page.resources,
                    None,
                    page.next_cursor,
                ))
            }
        })
    }
}
