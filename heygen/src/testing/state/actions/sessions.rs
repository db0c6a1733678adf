//! Video agent sessions: started from a prompt (`mode: generate` thinks, then renders;
//! `mode: chat` thinks, asks for a go-ahead in `waiting_for_input`, and renders once a message
//! answers), a message per run, and a stop; a style a session names is one of the catalog's.

use heygen_sys::types::{
    AssetInput, CreateVideoAgentRequest, SendMessageRequest, SessionMessage, SessionMessageType,
    VideoAgentMode,
};
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, given, not_blank};
use crate::testing::reply::ApiErr;
use crate::testing::state::catalog::STYLES;
use crate::testing::state::records::{Session, Video};
use crate::testing::state::store::{find, find_mut};
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::{State, new_id};

/// What the agent asks a `chat` session's caller before it renders.
const PLAN_QUESTION: &str =
    "Here is my plan for the video. Reply to go ahead, or tell me what to change.";

/// A session's or a run's title: the start of its prompt.
fn title(prompt: &str) -> String {
    prompt.chars().take(60).collect()
}

impl State {
    /// Starts the session `request` asks for at `now`, or says why not (nothing changed).
    pub(crate) fn start_session(
        &mut self,
        request: &CreateVideoAgentRequest,
        now: Instant,
    ) -> Result<Session, ApiErr> {
        let prompt: &str = &request.prompt;
        not_blank(prompt, "prompt")?;
        let files = request.files.as_deref().unwrap_or_default();
        let (avatar_id, voice_id) = (request.avatar_id.as_deref(), request.voice_id.as_deref());
        let (style_id, callback_url) =
            (request.style_id.as_deref(), request.callback_url.as_deref());
        self.check_run(avatar_id, voice_id, style_id, callback_url, files, now)?;
        let mut messages = vec![self.message("user", prompt, now, None)];
        for file in files {
            if let AssetInput::AssetId(asset) = file {
                let attached = self.message("user", "Attached a file.", now, Some(&asset.asset_id));
                messages.push(attached);
            }
        }
        // A chat session renders once its plan is answered; a generate session at once.
        let chat = request.mode == VideoAgentMode::Chat;
        let videos = match chat {
            true => Vec::new(),
            false => vec![self.start_video(prompt, now)],
        };
        let session = Session {
            seq: self.next_seq(),
            id: new_id(),
            title: Some(title(prompt)),
            created: now,
            videos,
            job: self.new_job(ResourceKind::VideoAgentSession, now, chat),
            messages,
        };
        self.sessions.push(session.clone());
        Ok(session)
    }

    /// Takes the caller's message to `session_id` at `now`: the answer a session waiting for
    /// input needs (its run then renders), or a revision of a finished session (a new run);
    /// refused while the agent is working (nothing changed). The session's title.
    pub(crate) fn send_message(
        &mut self,
        session_id: &str,
        request: &SendMessageRequest,
        now: Instant,
    ) -> Result<Option<String>, ApiErr> {
        let session = find(&self.sessions, session_id)?;
        let message: &str = &request.message;
        not_blank(message, "message")?;
        let (waiting, phase) = (session.job.at_gate(now), session.job.phase(now));
        if !waiting && phase.done_at().is_none() {
            let status = phase.status();
            let message = format!(
                "The session is still working (status '{status}'); wait for it or stop it."
            );
            return Err(ApiErr::invalid(None, message));
        }
        let question = session.job.gate_reached().filter(|_| waiting);
        let files = request.files.as_deref().unwrap_or_default();
        let (avatar_id, voice_id) = (request.avatar_id.as_deref(), request.voice_id.as_deref());
        self.check_run(avatar_id, voice_id, None, None, files, now)?;
        let video_id = self.start_video(message, now);
        let mut added =
            Vec::from_iter(question.map(|at| self.message("assistant", PLAN_QUESTION, at, None)));
        added.push(self.message("user", message, now, None));
        let job = (!waiting).then(|| self.new_job(ResourceKind::VideoAgentSession, now, false));
        let session = find_mut(&mut self.sessions, session_id)?;
        session.messages.extend(added);
        session.videos.push(video_id);
        match job {
            // The answer opens the gate: the run goes on to render.
            None => session.job.release = Some(now),
            Some(job) => session.job = job,
        }
        Ok(session.title.clone())
    }

    /// Stops `session_id`'s current run, and its video, unless done.
    pub(crate) fn stop_session(&mut self, session_id: &str, now: Instant) -> Result<(), ApiErr> {
        let session = find_mut(&mut self.sessions, session_id)?;
        if session.job.phase(now).done_at().is_some() {
            return Ok(());
        }
        session.job.stopped = Some(now);
        let video_id = session.video_id().map(str::to_string);
        if let Some(video) = video_id.and_then(|id| find_mut(&mut self.videos, &id).ok())
            && video.record.job.phase(now).done_at().is_none()
        {
            video.record.job.stopped = Some(now);
        }
        Ok(())
    }

    /// A session's messages as of `now`: those so far, then the plan's question while it waits
    /// for input, and the outcome once its run is done.
    pub(crate) fn messages_of(&self, session: &Session, now: Instant) -> Vec<SessionMessage> {
        let mut messages = session.messages.clone();
        if session.job.at_gate(now)
            && let Some(at) = session.job.gate_reached()
        {
            messages.push(self.message("assistant", PLAN_QUESTION, at, None));
        }
        let phase = session.job.phase(now);
        match phase.done_at() {
            Some(at) if phase.completed() => {
                let ready = "Your video is ready.";
                messages.push(self.message("assistant", ready, at, session.video_id()));
            }
            Some(at) => {
                let failed = "The video could not be generated.";
                let mut message = self.message("assistant", failed, at, None);
                message.type_ = SessionMessageType::Error;
                messages.push(message);
            }
            None => {}
        }
        messages
    }

    /// Checks what a session's run names: its avatar look, voice, style, callback URL and
    /// files (blank ids count as absent).
    fn check_run(
        &self,
        avatar_id: Option<&str>,
        voice_id: Option<&str>,
        style_id: Option<&str>,
        callback_url: Option<&str>,
        files: &[AssetInput],
        now: Instant,
    ) -> Result<(), ApiErr> {
        if let Some(avatar_id) = given(avatar_id) {
            self.check_look(avatar_id, "avatar_id", now)?;
        }
        if let Some(voice_id) = given(voice_id) {
            self.check_voice(voice_id, "voice_id")?;
        }
        if let Some(style_id) = given(style_id)
            && !STYLES.iter().any(|(id, _, _)| *id == style_id)
        {
            let message = format!("Style '{style_id}' not found; see GET /v3/video-agents/styles.");
            return Err(ApiErr::invalid(Some("style_id"), message));
        }
        if let Some(url) = callback_url {
            check_url(url, "callback_url")?;
        }
        for (index, file) in files.iter().enumerate() {
            self.check_input(file, &format!("files[{index}]"))?;
        }
        Ok(())
    }

    /// A new video for a session's run, rendering from `now`: its id.
    fn start_video(&mut self, prompt: &str, now: Instant) -> String {
        let record = self.new_record(ResourceKind::Video, now, Some(title(prompt)), None);
        let video_id = record.id.clone();
        let video = Video {
            record,
            folder_id: None,
            duration: 30.0,
        };
        self.videos.push(video);
        video_id
    }
}
