//! `/v3/videos`: create (avatar, image, cinematic avatar or studio scenes), get, list, delete.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::get;
use heygen_sys::types::{
    CreateAvatarVideoResponse, CreateVideoV3RequestBody, DeleteVideoResponse, VideoDetail,
    VideoStatus,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{Listing, Reply, data, page, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{State as SimState, Video, find, newest_first, take};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/videos", get(list).post(create))
        .route("/v3/videos/{video_id}", get(show).delete(remove))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateVideoV3RequestBody = parse(&body)?;
    let (id, format) = sim.state().create_video(&request, Instant::now())?;
    data(typed::<CreateAvatarVideoResponse>(json!({
        "output_format": format,
        "status": "waiting",
        "video_id": id,
    })))
}

/// A video as `GET /v3/videos/{id}` shows it at `now`.
pub(super) fn detail(state: &SimState, video: &Video, now: Instant) -> VideoDetail {
    let record = &video.record;
    let phase = record.job.phase(now);
    let done = phase.completed();
    let url = |extension: &str| {
        done.then(|| state.file_url("videos", &format!("{}.{extension}", record.id)))
    };
    typed::<VideoDetail>(json!({
        "captioned_video_url": url("captioned.mp4"),
        "completed_at": phase.done_at().filter(|_| done).map(|at| state.clock.unix(at)),
        "created_at": state.clock.unix(record.job.start),
        "duration": done.then_some(video.duration),
        "failure_code": phase.failed().then(|| "simulated_failure".to_string()),
        "failure_message": phase.failure_message(record.job.stopped.is_some()),
        "folder_id": video.folder_id,
        "gif_url": url("gif"),
        "id": record.id,
        "status": VideoStatus::from(phase.status()),
        "subtitle_url": url("srt"),
        "thumbnail_url": url("jpg"),
        "title": record.title,
        "video_url": url("mp4"),
    }))
}

async fn show(State(sim): State<Sim>, Path(video_id): Path<String>) -> Reply {
    let state = sim.state();
    let video = find(&state.videos, &video_id)?;
    data(detail(&state, video, Instant::now()))
}

async fn list(State(sim): State<Sim>, Listing { query, cursor }: Listing) -> Reply {
    let title = query.get("title").map(str::to_lowercase);
    let folder_id = query.get("folder_id");
    let now = Instant::now();
    let state = sim.state();
    let matching = state
        .videos
        .iter()
        .filter(|v| {
            title.as_deref().is_none_or(|t| {
                v.record
                    .title
                    .as_deref()
                    .is_some_and(|own| own.to_lowercase().contains(t))
            })
        })
        .filter(|v| folder_id.is_none_or(|f| v.folder_id.as_deref() == Some(f)));
    let (data, has_more, next_token) = newest_first(matching, cursor, |v| detail(&state, v, now));
    page(data, has_more, next_token)
}

async fn remove(State(sim): State<Sim>, Path(video_id): Path<String>) -> Reply {
    let mut state = sim.state();
    take(&mut state.videos, &video_id)?;
    data(typed::<DeleteVideoResponse>(
        json!({"deleted": true, "id": video_id}),
    ))
}
