//! `/v3/ai-clipping`: clipping jobs (`pending` → `running` → `completed`, or `failed` with
//! `fail_jobs`), one clip per requested duration; get, list, delete. The create answers 202
//! with the job's id, as HeyGen's reference documents it.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::routing::get;
use heygen_sys::types::{
    AiClipping, AiClippingClip, AiClippingClipStatus, AiClippingStatus, CreateAiClippingRequest,
    CreateAiClippingResponseEnvelope, VideoTranslationDeleteResponse,
};
use serde_json::json;
use tokio::time::Instant;

use super::failure_message;
use crate::testing::house_rules::{check_url, given};
use crate::testing::lookup::{find, newest_first, take};
use crate::testing::reply::{ApiErr, Query, Reply, cursor, data, page, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Clipping, ResourceKind, State as SimState};

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
                "failure_message": null,
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
        "failure_message": failure_message(&phase, false),
        "id": record.id,
        "input_language": clipping.input_language.clone().or_else(|| started.then(|| "en".to_string())),
        "output_settings": null,
        "progress": phase.percent(),
        "source_duration": started.then_some(SOURCE_SECONDS),
        "status": AiClippingStatus::from(phase.status()),
        "title": record.title,
    }))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateAiClippingRequest = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    state.check_reference(&request.video, "video")?;
    if let Some(url) = request.callback_url.as_deref() {
        check_url(url, "callback_url")?;
    }
    if request
        .title
        .as_ref()
        .is_some_and(|t| t.chars().count() > 255)
    {
        return Err(ApiErr::invalid(
            Some("title"),
            "'title' must be at most 255 characters.",
        ));
    }
    if let Some(language) = given(request.input_language.as_deref())
        && !(language.len() == 2 && language.chars().all(|c| c.is_ascii_lowercase()))
    {
        return Err(ApiErr::invalid(
            Some("input_language"),
            "'input_language' must be an ISO-639-1 code such as 'en'.",
        ));
    }
    let settings = request.output_settings.unwrap_or_default();
    if settings
        .prompt
        .as_ref()
        .is_some_and(|p| p.chars().count() > 500)
    {
        return Err(ApiErr::invalid(
            Some("output_settings.prompt"),
            "'prompt' must be at most 500 characters.",
        ));
    }
    let mut durations: Vec<String> = settings
        .duration_types
        .iter()
        .map(|d| d.as_str().to_string())
        .collect();
    if durations.is_empty() {
        durations.push("60".to_string());
    }
    let title = given(request.title.as_deref()).map(str::to_string);
    let record = state.new_record(ResourceKind::AiClipping, now, title, request.callback_id);
    let id = record.id.clone();
    state.clippings.push(Clipping {
        record,
        input_language: given(request.input_language.as_deref()).map(str::to_string),
        aspect_ratio: settings.aspect_ratio.clone(),
        durations,
    });
    let envelope = typed::<CreateAiClippingResponseEnvelope>(
        json!({"data": Some(json!({"ai_clipping_id": id}))}),
    );
    Ok((StatusCode::ACCEPTED, axum::Json(envelope)).into_response())
}

async fn list(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let cursor = cursor(&Query::parse(query.as_deref()), "ai-clipping", 10, 100)?;
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
