//! `/v3/video-agents`: one-shot prompts, interactive sessions (processing → generating →
//! completed, with the rendered video in `/v3/videos`), styles, and session resources.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::routing::{get, post};
use heygen_sys::types::{
    AssetInput, CreateSessionRequest, CreateSessionResponse, CreateSessionResponseEnvelope,
    CreateVideoAgentRequest, CreateVideoAgentResponse, CreateVideoAgentResponseEnvelope,
    GetResourcesResponse, GetResourcesResponseEnvelope, GetSessionResponse,
    GetSessionResponseEnvelope, SendMessageRequest, SendMessageResponse,
    SendMessageResponseEnvelope, SessionMessage, SessionMessageType, SessionResource,
    StopSessionResponse, StopSessionResponseEnvelope, StyleItem, StyleItemPage,
    VideoAgentSessionStatus, VideoAgentStatus,
};
use tokio::time::Instant;

use super::{check_input, check_look, check_url, check_voice, given};
use crate::testing::reply::{ApiErr, Query, Reply, cursor, ok, paginate, parse, response};
use crate::testing::server::Sim;
use crate::testing::state::{ResourceKind, Session, State as SimState, Video, new_id};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/video-agents", post(create_agent))
        .route("/v3/video-agents/styles", get(styles))
        .route("/v3/video-agents/sessions", post(create_session))
        .route("/v3/video-agents/sessions/{session_id}", get(show))
        .route(
            "/v3/video-agents/sessions/{session_id}/messages",
            post(send_message),
        )
        .route("/v3/video-agents/sessions/{session_id}/stop", post(stop))
        .route(
            "/v3/video-agents/sessions/{session_id}/resources",
            get(resources),
        )
}

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

/// The [`Options`] of a one-shot or session create request (their fields share names).
macro_rules! create_options {
    ($request:expr) => {
        Options {
            avatar_id: given($request.avatar_id.as_deref()),
            voice_id: given($request.voice_id.as_deref()),
            style_id: given($request.style_id.as_deref()),
            callback_url: $request.callback_url.as_deref(),
            files: $request.files.as_deref().unwrap_or_default(),
        }
    };
}

fn check(state: &SimState, options: &Options<'_>, now: Instant) -> Result<(), ApiErr> {
    if let Some(avatar_id) = options.avatar_id {
        check_look(state, avatar_id, "avatar_id", now)?;
    }
    if let Some(voice_id) = options.voice_id {
        check_voice(state, voice_id, "voice_id")?;
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
        check_input(state, file, &format!("files[{index}]"))?;
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

/// Starts a run: a new video and a new session job from `now`.
fn start_run(
    state: &mut SimState,
    prompt: &str,
    now: Instant,
) -> (String, crate::testing::state::Job) {
    let video_id = new_id();
    let video = Video {
        seq: state.next_seq(),
        id: video_id.clone(),
        title: Some(prompt.chars().take(60).collect()),
        folder_id: None,
        callback_id: None,
        job: state.new_job(ResourceKind::Video, now, false),
        duration: 30.0,
    };
    state.videos.push(video);
    (
        video_id,
        state.new_job(ResourceKind::VideoAgentSession, now, false),
    )
}

fn start_session(
    state: &mut SimState,
    prompt: &str,
    files: &[AssetInput],
    now: Instant,
) -> Session {
    let (video_id, job) = start_run(state, prompt, now);
    let mut messages = vec![state.message("user", prompt, now, None)];
    for file in files {
        if let AssetInput::AssetId(asset) = file {
            messages.push(state.message("user", "Attached a file.", now, Some(&asset.asset_id)));
        }
    }
    let session = Session {
        id: new_id(),
        title: Some(prompt.chars().take(60).collect()),
        created: now,
        video_id,
        job,
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
    let options = create_options!(request);
    check(&state, &options, now)?;
    let session = start_session(&mut state, &request.prompt, options.files, now);
    ok(response!(CreateVideoAgentResponseEnvelope {
        data: Some(response!(CreateVideoAgentResponse {
            created_at: state.clock.unix(now),
            session_id: session.id,
            status: VideoAgentStatus::Generating,
            video_id: Some(session.video_id),
        })),
    }))
}

async fn create_session(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateSessionRequest = parse(&body)?;
    check_prompt(&request.prompt, "prompt")?;
    let now = Instant::now();
    let mut state = sim.state();
    let options = create_options!(request);
    check(&state, &options, now)?;
    let session = start_session(&mut state, &request.prompt, options.files, now);
    ok(response!(CreateSessionResponseEnvelope {
        data: Some(response!(CreateSessionResponse {
            created_at: state.clock.unix(now),
            session_id: session.id,
        })),
    }))
}

fn view(state: &SimState, session: &Session, now: Instant) -> GetSessionResponse {
    let phase = session.job.phase(now);
    let mut messages = session.messages.clone();
    if let Some(at) = phase.done_at() {
        if phase.completed() {
            messages.push(state.message(
                "assistant",
                "Your video is ready.",
                at,
                Some(&session.video_id),
            ));
        } else {
            messages.push(response!(SessionMessage {
                content: "The video could not be generated.",
                created_at: Some(state.clock.unix(at)),
                resource_ids: None,
                role: "assistant",
                type_: SessionMessageType::Error,
            }));
        }
    }
    let rendering = phase.completed() || phase.status() == "generating";
    response!(GetSessionResponse {
        created_at: state.clock.unix(session.created),
        messages,
        progress: phase.percent(),
        session_id: session.id.clone(),
        status: VideoAgentSessionStatus::from(phase.status()),
        title: session.title.clone(),
        video_id: rendering.then(|| session.video_id.clone()),
    })
}

async fn show(State(sim): State<Sim>, Path(session_id): Path<String>) -> Reply {
    let state = sim.state();
    let session = state
        .sessions
        .iter()
        .find(|s| s.id == session_id)
        .ok_or_else(|| ApiErr::not_found("Session"))?;
    ok(response!(GetSessionResponseEnvelope {
        data: Some(view(&state, session, Instant::now())),
    }))
}

async fn send_message(
    State(sim): State<Sim>,
    Path(session_id): Path<String>,
    body: Bytes,
) -> Reply {
    let request: SendMessageRequest = parse(&body)?;
    check_prompt(&request.message, "message")?;
    let now = Instant::now();
    let mut state = sim.state();
    let session = state
        .sessions
        .iter()
        .find(|s| s.id == session_id)
        .ok_or_else(|| ApiErr::not_found("Session"))?;
    let phase = session.job.phase(now);
    if phase.done_at().is_none() {
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
    let (video_id, job) = start_run(&mut state, &request.message, now);
    let message = state.message("user", &request.message, now, None);
    let session = state
        .sessions
        .iter_mut()
        .find(|s| s.id == session_id)
        .expect("the session exists");
    session.messages.push(message);
    session.video_id = video_id;
    session.job = job;
    let title = session.title.clone();
    ok(response!(SendMessageResponseEnvelope {
        data: Some(response!(SendMessageResponse {
            run_id: new_id(),
            session_id,
            title,
        })),
    }))
}

async fn stop(State(sim): State<Sim>, Path(session_id): Path<String>, body: Bytes) -> Reply {
    if !body.iter().all(u8::is_ascii_whitespace) {
        parse::<heygen_sys::types::StopSessionRequest>(&body)?;
    }
    let now = Instant::now();
    let mut state = sim.state();
    let session = state
        .sessions
        .iter_mut()
        .find(|s| s.id == session_id)
        .ok_or_else(|| ApiErr::not_found("Session"))?;
    if session.job.phase(now).done_at().is_none() {
        session.job.stopped = Some(now);
        let video_id = session.video_id.clone();
        if let Some(video) = state.videos.iter_mut().find(|v| v.id == video_id)
            && video.job.phase(now).done_at().is_none()
        {
            video.job.stopped = Some(now);
        }
    }
    ok(response!(StopSessionResponseEnvelope {
        data: Some(response!(StopSessionResponse { session_id })),
    }))
}

async fn resources(
    State(sim): State<Sim>,
    Path(session_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "session-resources", 8, 100)?;
    let now = Instant::now();
    let state = sim.state();
    let session = state
        .sessions
        .iter()
        .find(|s| s.id == session_id)
        .ok_or_else(|| ApiErr::not_found("Session"))?;
    let mut all = Vec::new();
    for message in &session.messages {
        for id in message.resource_ids.iter().flatten() {
            if let Some(asset) = state.assets.iter().find(|a| &a.id == id) {
                all.push(response!(SessionResource {
                    created_at: message.created_at,
                    metadata: None,
                    preview_url: None,
                    resource_id: asset.id.clone(),
                    resource_type: asset
                        .mime_type
                        .split('/')
                        .next()
                        .unwrap_or("file")
                        .to_string(),
                    source_type: Some("user_uploaded".into()),
                    thumbnail_url: None,
                    url: Some(state.file_url("assets", &asset.id)),
                }));
            }
        }
    }
    let phase = session.job.phase(now);
    if let (true, Some(at)) = (phase.completed(), phase.done_at()) {
        all.push(response!(SessionResource {
            created_at: Some(state.clock.unix(at)),
            metadata: None,
            preview_url: None,
            resource_id: session.video_id.clone(),
            resource_type: "video",
            source_type: Some("generated".into()),
            thumbnail_url: Some(state.file_url("videos", &format!("{}.jpg", session.video_id))),
            url: Some(state.file_url("videos", &format!("{}.mp4", session.video_id))),
        }));
    }
    let kind = query.get("type");
    let source = query.get("source");
    let ids: Option<Vec<&str>> = query
        .get("resource_ids")
        .map(|ids| ids.split(',').map(str::trim).collect());
    let items = all
        .into_iter()
        .filter(|r| kind.is_none_or(|k| r.resource_type == k))
        .filter(|r| source.is_none_or(|s| r.source_type.as_deref() == Some(s)))
        .filter(|r| {
            ids.as_ref()
                .is_none_or(|ids| ids.contains(&r.resource_id.as_str()))
        })
        .enumerate()
        .map(|(index, r)| (index as u64, r))
        .collect();
    let (resources, _, next_cursor) = paginate(items, cursor, "session-resources", false);
    ok(response!(GetResourcesResponseEnvelope {
        data: Some(response!(GetResourcesResponse {
            next_cursor,
            resources,
        })),
    }))
}

async fn styles(RawQuery(query): RawQuery, State(sim): State<Sim>) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "styles", 20, 100)?;
    let tag = query.get("tag");
    let state = sim.state();
    let items = STYLES
        .iter()
        .enumerate()
        .filter(|(_, (_, _, tags))| tag.is_none_or(|t| tags.contains(&t)))
        .map(|(index, (id, name, tags))| {
            let item = response!(StyleItem {
                aspect_ratio: Some("16:9".into()),
                name: name.to_string(),
                preview_video_url: Some(state.file_url("styles", &format!("{id}.mp4"))),
                style_id: id.to_string(),
                tags: Some(tags.iter().map(|t| t.to_string()).collect()),
                thumbnail_url: Some(state.file_url("styles", &format!("{id}.jpg"))),
            });
            (index as u64, item)
        })
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, "styles", false);
    ok(response!(StyleItemPage {
        data,
        has_more: Some(has_more),
        next_token,
    }))
}
