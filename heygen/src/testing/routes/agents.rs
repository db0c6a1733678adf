//! `/v3/video-agents`: sessions started from a prompt, their messages, runs, videos and
//! resources, and the styles (the rules are the state's, `state/actions/sessions.rs`). The
//! rendered videos live in `/v3/videos`. Sessions are at `/v3/video-agents/{session_id}`; the
//! older `/v3/video-agents/sessions…` paths are served by nothing (a session of that id is not
//! found).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use heygen_sys::types::{
    CreateVideoAgentRequest, CreateVideoAgentResponse, GeneratedVideo, GetSessionResponse,
    SendMessageRequest, SendMessageResponse, SessionResource, SessionSummary, StopSessionRequest,
    StopSessionResponse, StyleItem, VideoAgentSessionStatus, VideoAgentStatus,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{Listing, Reply, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{STYLES, Session, State as SimState, find, new_id, newest_first, take};

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

async fn create_agent(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateVideoAgentRequest = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let session = state.start_session(&request, now)?;
    data(typed::<CreateVideoAgentResponse>(json!({
        "created_at": state.clock.unix(now),
        "session_id": session.id,
        "status": VideoAgentStatus::Thinking,
        "video_id": session.video_id(),
    })))
}

/// Sessions, newest first.
async fn list(State(sim): State<Sim>, Listing { query: _, cursor }: Listing) -> Reply {
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

async fn show(State(sim): State<Sim>, Path(session_id): Path<String>) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    let session = find(&state.sessions, &session_id)?;
    let phase = session.job.phase(now);
    // The run's video shows once it renders.
    let rendering = phase.completed() || phase.status() == "generating";
    data(typed::<GetSessionResponse>(json!({
        "created_at": state.clock.unix(session.created),
        "messages": state.messages_of(session, now),
        "progress": phase.percent(),
        "session_id": session.id,
        "status": VideoAgentSessionStatus::from(phase.status()),
        "title": session.title,
        "video_id": session.video_id().filter(|_| rendering),
    })))
}

async fn send_message(
    State(sim): State<Sim>,
    Path(session_id): Path<String>,
    body: Bytes,
) -> Reply {
    let request: SendMessageRequest = parse(&body)?;
    let title = sim
        .state()
        .send_message(&session_id, &request, Instant::now())?;
    data(typed::<SendMessageResponse>(json!({
        "run_id": new_id(),
        "session_id": session_id,
        "title": title,
    })))
}

async fn stop(State(sim): State<Sim>, Path(session_id): Path<String>, body: Bytes) -> Reply {
    if !body.iter().all(u8::is_ascii_whitespace) {
        parse::<StopSessionRequest>(&body)?;
    }
    sim.state().stop_session(&session_id, Instant::now())?;
    data(typed::<StopSessionResponse>(
        json!({"session_id": session_id}),
    ))
}

/// Everything a session has produced or been given: the files its messages attach, and the
/// current run's video once completed.
fn resources_of(state: &SimState, session: &Session, now: Instant) -> Vec<SessionResource> {
    let attached = session.messages.iter().flat_map(|message| {
        let ids = message.resource_ids.iter().flatten();
        let assets = ids.filter_map(|id| state.assets.iter().find(|a| &a.id == id));
        assets.map(|asset| {
            typed::<SessionResource>(json!({
                "created_at": message.created_at,
                "resource_id": asset.id,
                "resource_type": asset.mime_type.split('/').next(),
                "source_type": "user_uploaded",
                "url": state.file_url("assets", &asset.id),
            }))
        })
    });
    let phase = session.job.phase(now);
    let video = (phase.done_at().filter(|_| phase.completed()))
        .zip(session.video_id())
        .map(|(at, video_id)| {
            typed::<SessionResource>(json!({
                "created_at": state.clock.unix(at),
                "resource_id": video_id,
                "resource_type": "video",
                "source_type": "generated",
                "thumbnail_url": state.file_url("videos", &format!("{video_id}.jpg")),
                "url": state.file_url("videos", &format!("{video_id}.mp4")),
            }))
        });
    attached.chain(video).collect()
}

async fn resource(
    State(sim): State<Sim>,
    Path((session_id, resource_id)): Path<(String, String)>,
) -> Reply {
    let state = sim.state();
    let session = find(&state.sessions, &session_id)?;
    data(take(
        &mut resources_of(&state, session, Instant::now()),
        &resource_id,
    )?)
}

/// The videos of a session's runs, oldest first (the API takes no cursor here).
async fn videos(State(sim): State<Sim>, Path(session_id): Path<String>) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    let session = find(&state.sessions, &session_id)?;
    let data: Vec<GeneratedVideo> = (session.videos.iter())
        .filter_map(|id| find(&state.videos, id).ok())
        .map(|video| typed(json!(super::videos::detail(&state, video, now))))
        .collect();
    page(data, false, None)
}

async fn styles(Listing { query, cursor }: Listing, State(sim): State<Sim>) -> Reply {
    let tag = query.get("tag");
    let state = sim.state();
    let items = (STYLES.iter().enumerate())
        .filter(|(_, (_, _, tags))| tag.is_none_or(|t| tags.contains(&t)))
        .map(|(index, (id, name, tags))| {
            let item = typed::<StyleItem>(json!({
                "aspect_ratio": "16:9",
                "name": name,
                "preview_video_url": state.file_url("styles", &format!("{id}.mp4")),
                "style_id": id,
                "tags": tags,
                "thumbnail_url": state.file_url("styles", &format!("{id}.jpg")),
            }));
            (index as u64, item)
        })
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}
