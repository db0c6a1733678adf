//! Video-agent sessions before 2026-04-09: `POST /v3/video-agents/sessions`
//! (`createVideoAgentSession`) and `GET /v3/video-agents/sessions/{id}/resources`
//! (`getVideoAgentSessionResources`) are gone. A session is now created by `POST
//! /v3/video-agents` with `mode: chat` ([`VideoAgents::create`]); a session's resources are read
//! one by one ([`VideoAgents::session_resource`]) by the ids its messages list. The session's
//! other operations kept their ids and moved to `/v3/video-agents/{id}…`: their methods
//! ([`VideoAgents::get_session`], [`send_message`](VideoAgents::send_message),
//! [`stop_session`](VideoAgents::stop_session)) call the new paths unchanged.

use heygen_sys::types::{
    CreateSessionRequest, CreateSessionResponse, CreateVideoAgentRequest, SessionResource,
    VideoAgentMode,
};

use crate::error::Error;
use crate::resources::video_agents::VideoAgents;

/// Why the resource listing has no shim.
pub const SESSION_RESOURCES_REMOVED: &str = "HeyGen no longer lists a session's resources; \
read the ids from get_session(id).messages[].resource_ids and fetch each with \
video_agents().session_resource(session_id, resource_id)";

impl VideoAgents {
    /// Start an interactive session the old way (`createVideoAgentSession`): sends
    /// [`create`](Self::create) (`POST /v3/video-agents`) with `mode: chat`, or `mode: generate`
    /// when `auto_proceed` asked to skip the review, and the same prompt, avatar, voice, style,
    /// orientation, files and callback.
    ///
    /// ```no_run
    /// # #![allow(deprecated)]
    /// # async fn run(client: heygen_sdk::Client, request: heygen_sdk::types::CreateSessionRequest) -> heygen_sdk::Result<()> {
    /// let session = client.video_agents().create_session(request).await?;
    /// println!("{}", session.session_id);
    /// # Ok(()) }
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "`POST /v3/video-agents/sessions` is gone: use video_agents().create(…) with `mode: chat`"
    )]
    pub async fn create_session(
        &self,
        request: CreateSessionRequest,
    ) -> crate::Result<CreateSessionResponse> {
        let created = self.create(chat_request(request)?).await?;
        Ok(CreateSessionResponse {
            created_at: created.created_at,
            session_id: created.session_id,
        })
    }

    /// The old resource listing (`getVideoAgentSessionResources`) has no replacement that
    /// lists: always [`Error::OperationRemoved`], before any request, saying what to call.
    #[deprecated(
        since = "0.2.0",
        note = "HeyGen no longer lists a session's resources: use get_session(id).messages[].resource_ids and video_agents().session_resource(id, resource_id)"
    )]
    pub fn session_resources(&self, session_id: &str) -> crate::Paginator<SessionResource> {
        let _ = session_id;
        crate::Paginator::new(|_token| async {
            Err(Error::OperationRemoved {
                operation: "getVideoAgentSessionResources",
                instead: SESSION_RESOURCES_REMOVED.into(),
            })
        })
    }
}

/// The new create request for an old session request, through the generated builder rather than
/// a struct literal: a field a later document adds leaves it unset instead of breaking the build.
fn chat_request(request: CreateSessionRequest) -> crate::Result<CreateVideoAgentRequest> {
    let prompt: heygen_sys::types::CreateVideoAgentRequestPrompt =
        String::from(request.prompt).try_into().map_err(
            |e: heygen_sys::types::error::ConversionError| Error::invalid("prompt", e.to_string()),
        )?;
    let mode = if request.auto_proceed {
        VideoAgentMode::Generate
    } else {
        VideoAgentMode::Chat
    };
    CreateVideoAgentRequest::builder()
        .avatar_id(request.avatar_id)
        .callback_id(request.callback_id)
        .callback_url(request.callback_url)
        .files(request.files)
        .incognito_mode(request.incognito_mode)
        .mode(mode)
        .orientation(request.orientation)
        .prompt(prompt)
        .style_id(request.style_id)
        .voice_id(request.voice_id)
        .try_into()
        .map_err(|e: heygen_sys::types::error::ConversionError| {
            Error::invalid("request", e.to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn old(auto_proceed: bool) -> CreateSessionRequest {
        serde_json::from_value(serde_json::json!({
            "prompt": "A teaser", "avatar_id": "a1", "voice_id": "v1", "style_id": "s1",
            "orientation": "portrait", "auto_proceed": auto_proceed, "callback_url": "https://x.test/cb",
            "callback_id": "c1", "incognito_mode": true,
            "files": [{"type": "url", "url": "https://x.test/a.png"}]}))
        .unwrap()
    }

    #[test]
    fn an_old_session_request_becomes_a_chat_create_with_the_same_fields() {
        let new = serde_json::to_value(chat_request(old(false)).unwrap()).unwrap();
        assert_eq!(
            new,
            serde_json::json!({
                "prompt": "A teaser", "avatar_id": "a1", "voice_id": "v1", "style_id": "s1",
                "orientation": "portrait", "mode": "chat", "callback_url": "https://x.test/cb",
                "callback_id": "c1", "incognito_mode": true,
                "files": [{"type": "url", "url": "https://x.test/a.png"}]})
        );
        let generate = chat_request(old(true)).unwrap();
        assert_eq!(generate.mode, VideoAgentMode::Generate);
    }
}
