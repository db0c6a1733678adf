//! `/v3/background-removals`: removal jobs (`pending` → `processing` → `completed` with a URL
//! per layer, or `failed` with `fail_jobs`); get, list, delete. A create repeating an earlier
//! one's `request_id` returns that job, as HeyGen's endpoint does (it ignores
//! `Idempotency-Key`).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::get;
use heygen_sys::types::{
    BackgroundRemoval, CreateBackgroundRemovalRequest, DeleteBackgroundRemovalResponse,
};
use serde_json::json;
use serde_json::{Map, Value};
use tokio::time::Instant;

use crate::testing::reply::{Listing, Reply, data, page, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Removal, State as SimState, find, newest_first, take};

/// The processed video's length, in seconds.
const VIDEO_SECONDS: f64 = 12.0;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/background-removals", get(list).post(create))
        .route("/v3/background-removals/{job_id}", get(show).delete(remove))
}

fn detail(state: &SimState, removal: &Removal, now: Instant) -> BackgroundRemoval {
    let phase = removal.job.phase(now);
    let done = phase.completed();
    let layers: Map<String, Value> = removal
        .layers
        .iter()
        .filter(|_| done)
        .map(|layer| {
            let name = format!("{}_{layer}.mp4", removal.id);
            (
                layer.clone(),
                Value::String(state.file_url("removals", &name)),
            )
        })
        .collect();
    typed::<BackgroundRemoval>(json!({
        "completed_at": phase.done_at().filter(|_| done).map(|at| state.clock.unix(at)),
        "created_at": state.clock.unix(removal.job.start),
        "duration": done.then_some(VIDEO_SECONDS),
        "error": phase.failure_message(false),
        "id": removal.id,
        "layers": layers,
        "status": phase.status().to_string(),
    }))
}

/// A create repeating an earlier one's `request_id` answers that job.
async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateBackgroundRemovalRequest = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let index = state.create_removal(&request, now)?;
    data(detail(&state, &state.removals[index], now))
}

async fn list(State(sim): State<Sim>, Listing { query: _, cursor }: Listing) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    let (data, has_more, next_token) =
        newest_first(state.removals.iter(), cursor, |r| detail(&state, r, now));
    page(data, has_more, next_token)
}

async fn show(State(sim): State<Sim>, Path(job_id): Path<String>) -> Reply {
    let state = sim.state();
    let removal = find(&state.removals, &job_id)?;
    data(detail(&state, removal, Instant::now()))
}

async fn remove(State(sim): State<Sim>, Path(job_id): Path<String>) -> Reply {
    take(&mut sim.state().removals, &job_id)?;
    data(typed::<DeleteBackgroundRemovalResponse>(
        json!({"deleted": true, "id": job_id}),
    ))
}
