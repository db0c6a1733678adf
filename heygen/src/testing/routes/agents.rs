//! `/v3/video-agents`: sessions started from a prompt (`mode: generate` thinks, then renders;
//! `mode: chat` thinks, asks for a go-ahead in `waiting_for_input`, and renders once a message
//! answers), their messages, runs, videos and resources, and the styles. The rendered videos
//! live in `/v3/videos`. Sessions are at `/v3/video-agents/{session_id}`; the older
//! `/v3/video-agents/sessions…` paths are served by nothing (a session of that id is not found).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::routing::{get, post};
use heygen_sys::types::{
    AssetInput, CreateVideoAgentRequest, CreateVideoAgentResponse, GeneratedVideo,
    GetSessionResponse, SendMessageRequest, SendMessageResponse, SessionMessage,
    SessionMessageType, SessionResource, SessionSummary, StopSessionResponse, StyleItem,
    VideoAgentMode, VideoAgentSessionStatus, VideoAgentStatus,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, given};
use crate::testing::reply::{ApiErr, Query, Reply, cursor, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{
    ResourceKind, Session, State as SimState, Video, find, find_mut, new_id, newest_first, take,
};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/video-agents", get(list).post(create_agent))
        .route("/v3/video-agents/styles", get(styles))
        .route(
            "/v3/video-agents/{session_id}",
            get(show).post(send_message),
        )
        .route("/v3/video-agents/{session_id}/stop", post(stop))
        .route("/v3/video-agents/{session_id}/videos", get(videos))
        .route(
            "/v3/video-agents/{session_id}/resources/{resource_id}",
            get(resource),
        )
}

/// What the agent asks a `chat` session's caller before it renders.
const PLAN_QUESTION: &str =
    "Here is my plan for the video. Reply to go ahead, or tell me what to change.";

/// `(style_id, name, tags)` of the seeded styles.
const STYLES: [(&str, &str, &[&str]); 4] = [
    ("sim_style_cinematic", "Cinematic", &["cinematic"]),
    ("sim_style_retro_tech", "Retro tech", &["retro-tech"]),
    ("sim_style_handmade", "Handmade", &["handmade", "print"]),
    (
        "sim_style_pop",
        "Pop culture",
        &["pop-culture", "iconic-artist"],
    ),
];

/// Options common to agent requests.
struct Options<'a> {
    avatar_id: Option<&'a str>,
    voice_id: Option<&'a str>,
    style_id: Option<&'a str>,
    callback_url: Option<&'a str>,
    files: &'a [AssetInput],
}

fn check(state: &SimState, options: &Options<'_>, now: Instant) -> Result<(), ApiErr> {
    if let Some(avatar_id) = options.avatar_id {
        state.check_look(avatar_id, "avatar_id", now)?;
    }
    if let Some(voice_id) = options.voice_id {
        state.check_voice(voice_id, "voice_id")?;
    }
    if let Some(style_id) = options.style_id
        && !STYLES.iter().any(|(id, _, _)| *id == style_id)
    {
        return Err(ApiErr::invalid(
            Some("style_id"),
            format!("Style '{style_id}' not found; see GET /v3/video-agents/styles."),
        ));
    }
    if let Some(url) = options.callback_url {
        check_url(url, "callback_url")?;
    }
    for (index, file) in options.files.iter().enumerate() {
        state.check_input(file, &format!("files[{index}]"))?;
    }
    Ok(())
}

fn check_prompt(prompt: &str, param: &str) -> Result<(), ApiErr> {
    if prompt.trim().is_empty() {
        return Err(ApiErr::invalid(
            Some(param),
            format!("'{param}' is required and must be 1-10000 characters."),
        ));
    }
    Ok(())
}

/// A new video for a session's run, rendering from `now`; returns its id.
fn start_video(state: &mut SimState, prompt: &str, now: Instant) -> String {
    let title = Some(prompt.chars().take(60).collect());
    let record = state.new_record(ResourceKind::Video, now, title, None);
    let video_id = record.id.clone();
    state.videos.push(Video {
        record,
        folder_id: None,
        duration: 30.0,
    });
    video_id
}

fn start_session(
    state: &mut SimState,
    prompt: &str,
    files: &[AssetInput],
    chat: bool,
    now: Instant,
) -> Session {
    let mut messages = vec![state.message("user", prompt, now, None)];
    for file in files {
        if let AssetInput::AssetId(asset) = file {
            messages.push(state.message("user", "Attached a file.", now, Some(&asset.asset_id)));
        }
    }
    // A chat session renders once its plan is answered; a generate session at once.
    let videos = if chat {
        Vec::new()
    } else {
        vec![start_video(state, prompt, now)]
    };
    let session = Session {
        seq: state.next_seq(),
        id: new_id(),
        title: Some(prompt.chars().take(60).collect()),
        created: now,
        videos,
        job: state.new_job(ResourceKind::VideoAgentSession, now, chat),
        messages,
    };
    state.sessions.push(session.clone());
    session
}

async fn create_agent(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateVideoAgentRequest = parse(&body)?;
    check_prompt(&request.prompt, "prompt")?;
    let now = Instant::now();
    let mut state = sim.state();
    let options = Options {
        avatar_id: given(request.avatar_id.as_deref()),
        voice_id: given(request.voice_id.as_deref()),
        style_id: given(request.style_id.as_deref()),
        callback_url: request.callback_url.as_deref(),
        files: request.files.as_deref().unwrap_or_default(),
    };
    check(&state, &options, now)?;
    let chat = request.mode == VideoAgentMode::Chat;
    let session = start_session(&mut state, &request.prompt, options.files, chat, now);
    data(typed::<CreateVideoAgentResponse>(json!({
        "created_at": state.clock.unix(now),
        "session_id": session.id,
        "status": VideoAgentStatus::Thinking,
        "video_id": session.video_id().map(str::to_string),
    })))
}

/// Sessions, newest first.
async fn list(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "/v3/video-agents")?;
    let state = sim.state();
    let (data, has_more, next_token) = newest_first(state.sessions.iter(), cursor, |session| {
        typed::<SessionSummary>(json!({
            "created_at": state.clock.unix(session.created),
            "session_id": session.id,
            "title": session.title,
        }))
    });
    page(data, has_more, next_token)
}

fn view(state: &SimState, session: &Session, now: Instant) -> GetSessionResponse {
    let phase = session.job.phase(now);
    let mut messages = session.messages.clone();
    if session.job.at_gate(now)
        && let Some(at) = session.job.gate_reached()
    {
        messages.push(state.message("assistant", PLAN_QUESTION, at, None));
    }
    if let Some(at) = phase.done_at() {
        if phase.completed() {
            messages.push(state.message(
                "assistant",
                "Your video is ready.",
                at,
                session.video_id(),
            ));
        } else {
            messages.push(typed::<SessionMessage>(json!({
                "content": "The video could not be generated.",
                "created_at": state.clock.unix(at),
                "resource_ids": null,
                "role": "assistant",
                "type": SessionMessageType::Error,
            })));
        }
    }
    let rendering = phase.completed() || phase.status() == "generating";
    typed::<GetSessionResponse>(json!({
        "created_at": state.clock.unix(session.created),
        "messages": messages,
        "progress": phase.percent(),
        "session_id": session.id,
        "status": VideoAgentSessionStatus::from(phase.status()),
        "title": session.title,
        "video_id": session.video_id().filter(|_| rendering).map(str::to_string),
    }))
}

async fn show(State(sim): State<Sim>, Path(session_id): Path<String>) -> Reply {
    let state = sim.state();
    let session = find(&state.sessions, &session_id)?;
    data(view(&state, session, Instant::now()))
}

/// The caller's message: the answer a session waiting for input needs (it then renders), or a
/// revision of a finished session (a new run); refused while the agent is working.
async fn send_message(
    State(sim): State<Sim>,
    Path(session_id): Path<String>,
    body: Bytes,
) -> Reply {
    let now = Instant::now();
    let mut state = sim.state();
    // An unknown session is 404 before the body is read (`/v3/video-agents/sessions` included).
    let current = find(&state.sessions, &session_id)?;
    let request: SendMessageRequest = parse(&body)?;
    check_prompt(&request.message, "message")?;
    let waiting = current.job.at_gate(now);
    let phase = current.job.phase(now);
    let question = current.job.gate_reached();
    if !waiting && phase.done_at().is_none() {
        return Err(ApiErr::invalid(
            None,
            format!(
                "The session is still working (status '{}'); wait for it or stop it.",
                phase.status()
            ),
        ));
    }
    let files = request.files.as_deref().unwrap_or_default();
    let options = Options {
        avatar_id: given(request.avatar_id.as_deref()),
        voice_id: given(request.voice_id.as_deref()),
        style_id: None,
        callback_url: None,
        files,
    };
    check(&state, &options, now)?;
    let video_id = start_video(&mut state, &request.message, now);
    let mut added = Vec::new();
    if let (true, Some(at)) = (waiting, question) {
        added.push(state.message("assistant", PLAN_QUESTION, at, None));
    }
    added.push(state.message("user", &request.message, now, None));
    let job = (!waiting).then(|| state.new_job(ResourceKind::VideoAgentSession, now, false));
    let session = find_mut(&mut state.sessions, &session_id)?;
    session.messages.extend(added);
    session.videos.push(video_id);
    match job {
        // The answer opens the gate: the run goes on to render.
        None => session.job.release = Some(now),
        Some(job) => session.job = job,
    }
    let title = session.title.clone();
    data(typed::<SendMessageResponse>(json!({
        "run_id": new_id(),
        "session_id": session_id,
        "title": title,
    })))
}

async fn stop(State(sim): State<Sim>, Path(session_id): Path<String>, body: Bytes) -> Reply {
    if !body.iter().all(u8::is_ascii_whitespace) {
        parse::<heygen_sys::types::StopSessionRequest>(&body)?;
    }
    let now = Instant::now();
    let mut state = sim.state();
    let session = find_mut(&mut state.sessions, &session_id)?;
    if session.job.phase(now).done_at().is_none() {
        session.job.stopped = Some(now);
        let video_id = session.video_id().map(str::to_string);
        if let Some(video) = state
            .videos
            .iter_mut()
            .find(|v| Some(&v.record.id) == video_id.as_ref())
            && video.record.job.phase(now).done_at().is_none()
        {
            video.record.job.stopped = Some(now);
        }
    }
    data(typed::<StopSessionResponse>(
        json!({"session_id": session_id}),
    ))
}

/// Everything a session has produced or been given: the files its messages attach, and the
/// current run's video once completed.
fn resources_of(state: &SimState, session: &Session, now: Instant) -> Vec<SessionResource> {
    let mut all = Vec::new();
    for message in &session.messages {
        for id in message.resource_ids.iter().flatten() {
            if let Some(asset) = state.assets.iter().find(|a| &a.id == id) {
                all.push(typed::<SessionResource>(json!({
                    "created_at": message.created_at,
                    "metadata": null,
                    "preview_url": null,
                    "resource_id": asset.id,
                    "resource_type": asset.mime_type.split('/').next().unwrap_or("file").to_string(),
                    "source_type": "user_uploaded",
                    "thumbnail_url": null,
                    "url": state.file_url("assets", &asset.id),
                })));
            }
        }
    }
    let phase = session.job.phase(now);
    if let (true, Some(at), Some(video_id)) =
        (phase.completed(), phase.done_at(), session.video_id())
    {
        all.push(typed::<SessionResource>(json!({
            "created_at": state.clock.unix(at),
            "metadata": null,
            "preview_url": null,
            "resource_id": video_id.to_string(),
            "resource_type": "video",
            "source_type": "generated",
            "thumbnail_url": state.file_url("videos", &format!("{video_id}.jpg")),
            "url": state.file_url("videos", &format!("{video_id}.mp4")),
        })));
    }
    all
}

async fn resource(
    State(sim): State<Sim>,
    Path((session_id, resource_id)): Path<(String, String)>,
) -> Reply {
    let state = sim.state();
    let session = find(&state.sessions, &session_id)?;
    let mut resources = resources_of(&state, session, Instant::now());
    let found = take(&mut resources, &resource_id)?;
    data(found)
}

/// The videos of a session's runs, oldest first (the API takes no cursor here).
async fn videos(State(sim): State<Sim>, Path(session_id): Path<String>) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    let session = find(&state.sessions, &session_id)?;
    let data: Vec<GeneratedVideo> = session
        .videos
        .iter()
        .filter_map(|id| find(&state.videos, id).ok())
        .map(|video| {
            let detail = super::videos::detail(&state, video, now);
            typed::<GeneratedVideo>(json!(detail))
        })
        .collect();
    page(data, false, None)
}

async fn styles(RawQuery(query): RawQuery, State(sim): State<Sim>) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "/v3/video-agents/styles")?;
    let tag = query.get("tag");
    let state = sim.state();
    let items = STYLES
        .iter()
        .enumerate()
        .filter(|(_, (_, _, tags))| tag.is_none_or(|t| tags.contains(&t)))
        .map(|(index, (id, name, tags))| {
            let item = typed::<StyleItem>(json!({
                "aspect_ratio": "16:9",
                "name": name.to_string(),
                "preview_video_url": state.file_url("styles", &format!("{id}.mp4")),
                "style_id": id.to_string(),
                "tags": tags,
                "thumbnail_url": state.file_url("styles", &format!("{id}.jpg")),
            }));
            (index as u64, item)
        })
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}
