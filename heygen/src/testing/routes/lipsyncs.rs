//! `/v3/lipsyncs` (the overdub API): create, get, list, rename, delete.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::get;
use heygen_sys::types::{
    CreateLipsyncRequest, LipsyncCreateResponse, LipsyncDeleteResponse, LipsyncDetail,
    UpdateLipsyncRequest, VideoTranslationStatus,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{Listing, Reply, data, page, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Lipsync, State as SimState, find, newest_first, take};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/lipsyncs", get(list).post(create))
        .route(
            "/v3/lipsyncs/{lipsync_id}",
            get(show).patch(update).delete(remove),
        )
}

fn detail(state: &SimState, lipsync: &Lipsync, now: Instant) -> LipsyncDetail {
    let record = &lipsync.record;
    let phase = record.job.phase(now);
    let done = phase.completed();
    typed::<LipsyncDetail>(json!({
        "callback_id": record.callback_id,
        "caption_url": done.then(|| state.file_url("lipsyncs", &format!("{}.srt", record.id))),
        "created_at": state.clock.unix(record.job.start),
        "duration": done.then_some(lipsync.duration),
        "failure_message": phase.failure_message(false),
        "id": record.id,
        "status": VideoTranslationStatus::from(phase.status()),
        "title": record.title,
        "video_url": done.then(|| state.file_url("lipsyncs", &format!("{}.mp4", record.id))),
    }))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateLipsyncRequest = parse(&body)?;
    let id = sim.state().create_lipsync(&request, Instant::now())?;
    data(typed::<LipsyncCreateResponse>(json!({"lipsync_id": id})))
}

async fn list(State(sim): State<Sim>, Listing { query: _, cursor }: Listing) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    let (data, has_more, next_token) =
        newest_first(state.lipsyncs.iter(), cursor, |l| detail(&state, l, now));
    page(data, has_more, next_token)
}

async fn show(State(sim): State<Sim>, Path(lipsync_id): Path<String>) -> Reply {
    let state = sim.state();
    let lipsync = find(&state.lipsyncs, &lipsync_id)?;
    data(detail(&state, lipsync, Instant::now()))
}

async fn update(State(sim): State<Sim>, Path(lipsync_id): Path<String>, body: Bytes) -> Reply {
    let request: UpdateLipsyncRequest = parse(&body)?;
    let mut state = sim.state();
    let lipsync = state.rename_lipsync(&lipsync_id, request.title)?;
    data(detail(&state, &lipsync, Instant::now()))
}

async fn remove(State(sim): State<Sim>, Path(lipsync_id): Path<String>) -> Reply {
    let mut state = sim.state();
    take(&mut state.lipsyncs, &lipsync_id)?;
    data(typed::<LipsyncDeleteResponse>(json!({"id": lipsync_id})))
}
