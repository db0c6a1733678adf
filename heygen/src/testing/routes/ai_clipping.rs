//! `/v3/ai-clipping`: clipping jobs (`pending` → `running` → `completed`, or `failed` with
//! `fail_jobs`), one clip per requested duration; get, list, delete. The create answers 202
//! with the job's id, as HeyGen's reference documents it.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use heygen_sys::types::{
    AiClipping, AiClippingClip, AiClippingClipStatus, AiClippingStatus, CreateAiClippingRequest,
    CreateAiClippingResponse, VideoTranslationDeleteResponse,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{Listing, Reply, data, data_with, page, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Clipping, State as SimState, find, newest_first, take};

/// The source video's length, in seconds.
const SOURCE_SECONDS: f64 = 1800.0;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/ai-clipping", get(list).post(create))
        .route("/v3/ai-clipping/{job_id}", get(show).delete(remove))
}

fn detail(state: &SimState, clipping: &Clipping, now: Instant) -> AiClipping {
    let record = &clipping.record;
    let phase = record.job.phase(now);
    let started = phase.status() != "pending";
    let done = phase.completed();
    let clips = clipping
        .durations
        .iter()
        .enumerate()
        .filter(|_| started)
        .map(|(index, duration)| {
            let id = format!("{}_clip_{}", record.id, index + 1);
            let url = |extension: &str| {
                done.then(|| state.file_url("clips", &format!("{id}.{extension}")))
            };
            let status = if phase.failed() {
                AiClippingClipStatus::Failed
            } else if done {
                AiClippingClipStatus::Completed
            } else {
                AiClippingClipStatus::Pending
            };
            typed::<AiClippingClip>(json!({
                "aspect_ratio": done.then(|| clipping.aspect_ratio.clone()),
                "duration_seconds": done.then(|| duration.parse::<f64>().unwrap_or(240.0)),
                "id": id,
                "status": status,
                "thumbnail_url": url("jpg"),
                "title": format!("Highlight {}", index + 1),
                "video_url": url("mp4"),
                "virality_score": done.then_some(90 - 7 * index as i64),
            }))
        })
        .collect::<Vec<_>>();
    typed::<AiClipping>(json!({
        "callback_id": record.callback_id,
        "clips": clips,
        "created_at": state.clock.unix(record.job.start),
        "failure_message": phase.failure_message(false),
        "id": record.id,
        "input_language": clipping.input_language.clone().or_else(|| started.then(|| "en".to_string())),
        "progress": phase.percent(),
        "source_duration": started.then_some(SOURCE_SECONDS),
        "status": AiClippingStatus::from(phase.status()),
        "title": record.title,
    }))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateAiClippingRequest = parse(&body)?;
    let id = sim.state().create_clipping(request, Instant::now())?;
    let created = typed::<CreateAiClippingResponse>(json!({"ai_clipping_id": id}));
    data_with(StatusCode::ACCEPTED, created)
}

async fn list(State(sim): State<Sim>, Listing { cursor, .. }: Listing) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    let (data, has_more, next_token) =
        newest_first(state.clippings.iter(), cursor, |c| detail(&state, c, now));
    page(data, has_more, next_token)
}

async fn show(State(sim): State<Sim>, Path(job_id): Path<String>) -> Reply {
    let state = sim.state();
    let clipping = find(&state.clippings, &job_id)?;
    data(detail(&state, clipping, Instant::now()))
}

async fn remove(State(sim): State<Sim>, Path(job_id): Path<String>) -> Reply {
    take(&mut sim.state().clippings, &job_id)?;
    data(typed::<VideoTranslationDeleteResponse>(
        json!({"id": job_id}),
    ))
}
