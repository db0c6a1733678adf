//! `/v3/templates`: the seeded templates, listed and read, and rendered into videos. A
//! rendered video is an ordinary video of `/v3/videos`, progressing on the clock.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::get;
use heygen_sys::types::{GenerateTemplateVideoRequest, GeneratedVideo, TemplateSummary};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{Listing, Reply, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/templates", get(list))
        .route("/v3/templates/{template_id}", get(show).post(generate))
}

async fn list(State(sim): State<Sim>, Listing { cursor, .. }: Listing) -> Reply {
    let state = sim.state();
    // A summary is the fields of the detail that it names.
    let summaries = (state.catalog.templates.iter()).map(|t| typed::<TemplateSummary>(json!(t)));
    let (data, has_more, next_token) = paginate((0u64..).zip(summaries).collect(), cursor, false);
    page(data, has_more, next_token)
}

async fn show(State(sim): State<Sim>, Path(template_id): Path<String>) -> Reply {
    data(sim.state().template(&template_id)?)
}

async fn generate(State(sim): State<Sim>, Path(template_id): Path<String>, body: Bytes) -> Reply {
    let request: GenerateTemplateVideoRequest = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let video = state.render_template(&template_id, &request, now)?.clone();
    // Answered as `GET /v3/videos/{id}` shows it.
    let shown = super::videos::detail(&state, &video, now);
    data(typed::<GeneratedVideo>(json!(shown)))
}
