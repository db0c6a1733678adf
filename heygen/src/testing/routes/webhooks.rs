//! `/v3/webhooks`: endpoint CRUD, secret rotation, event types, and the events of jobs that
//! have finished (derived from the simulator's state; nothing is delivered).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::routing::{get, patch, post};
use heygen_sys::types::{
    CreateWebhookEndpointRequest, RotateSecretResponseData, UpdateWebhookEndpointRequest,
    WebhookEndpointResponse, WebhookEventResponse, WebhookEventType, WebhookEventTypeItem,
};
use serde_json::{Value, json};
use tokio::time::Instant;

use crate::testing::reply::{ApiErr, Query, Reply, cursor, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{
    Endpoint, Phase, State as SimState, find_mut, new_id, newest_first, rfc3339, take,
};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/webhooks/event-types", get(event_types))
        .route("/v3/webhooks/endpoints", get(list).post(create))
        .route(
            "/v3/webhooks/endpoints/{endpoint_id}",
            patch(update).delete(remove),
        )
        .route(
            "/v3/webhooks/endpoints/{endpoint_id}/rotate-secret",
            post(rotate),
        )
        .route("/v3/webhooks/events", get(events))
}

fn secret() -> String {
    format!("whsec_{}", new_id())
}

fn check_endpoint_url(url: &str) -> Result<(), ApiErr> {
    match reqwest::Url::parse(url) {
        Ok(parsed) if parsed.scheme() == "https" && parsed.host().is_some() => Ok(()),
        _ => Err(ApiErr::invalid(Some("url"), "'url' must be an HTTPS URL.")),
    }
}

/// The event types as written (the API description's enum is checked before the route).
fn event_names(events: &Option<Vec<WebhookEventType>>) -> Option<Vec<String>> {
    (events.as_ref()).map(|events| events.iter().map(ToString::to_string).collect())
}

fn view(endpoint: &Endpoint, with_secret: bool) -> WebhookEndpointResponse {
    typed::<WebhookEndpointResponse>(json!({
        "created_at": rfc3339(endpoint.created_at),
        "endpoint_id": endpoint.id,
        "events": endpoint.events,
        "secret": with_secret.then(|| endpoint.secret.clone()),
        "status": "enabled",
        "url": endpoint.url,
    }))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateWebhookEndpointRequest = parse(&body)?;
    check_endpoint_url(&request.url)?;
    let events = event_names(&request.events);
    let mut state = sim.state();
    let endpoint = Endpoint {
        seq: state.next_seq(),
        id: format!("ep_{}", new_id()),
        url: request.url,
        events,
        secret: secret(),
        created_at: state.clock.unix(Instant::now()),
    };
    state.endpoints.push(endpoint.clone());
    data(view(&endpoint, true))
}

async fn list(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "/v3/webhooks/endpoints")?;
    let state = sim.state();
    let (data, has_more, next_token) =
        newest_first(state.endpoints.iter(), cursor, |e| view(e, false));
    page(data, has_more, next_token)
}

async fn update(State(sim): State<Sim>, Path(endpoint_id): Path<String>, body: Bytes) -> Reply {
    let request: UpdateWebhookEndpointRequest = parse(&body)?;
    if request.url.is_none() && request.events.is_none() {
        return Err(ApiErr::invalid(None, "Give 'url', 'events' or both."));
    }
    if let Some(url) = request.url.as_deref() {
        check_endpoint_url(url)?;
    }
    let events = event_names(&request.events);
    let mut state = sim.state();
    let endpoint = find_mut(&mut state.endpoints, &endpoint_id)?;
    if let Some(url) = request.url {
        endpoint.url = url;
    }
    if events.is_some() {
        endpoint.events = events;
    }
    data(view(endpoint, false))
}

async fn remove(State(sim): State<Sim>, Path(endpoint_id): Path<String>) -> Reply {
    let mut state = sim.state();
    take(&mut state.endpoints, &endpoint_id)?;
    data(json!({"endpoint_id": endpoint_id, "deleted": true}))
}

async fn rotate(State(sim): State<Sim>, Path(endpoint_id): Path<String>) -> Reply {
    let mut state = sim.state();
    let endpoint = find_mut(&mut state.endpoints, &endpoint_id)?;
    endpoint.secret = secret();
    data(typed::<RotateSecretResponseData>(json!({
        "endpoint_id": endpoint_id,
        "secret": endpoint.secret,
    })))
}

/// What happened to whom.
fn describe(event_type: &str) -> String {
    let (subject, outcome) = event_type.split_once('.').unwrap_or((event_type, ""));
    let subject = subject.replace('_', " ");
    match outcome {
        "success" => format!("A {subject} job succeeded."),
        "fail" => format!("A {subject} job failed."),
        _ => format!("A {subject} event."),
    }
}

async fn event_types() -> Reply {
    let data: Vec<WebhookEventTypeItem> = WebhookEventType::KNOWN
        .iter()
        .map(|t| {
            typed::<WebhookEventTypeItem>(json!({
                "description": describe(t),
                "event_type": t.to_string(),
            }))
        })
        .collect();
    page(data, false, None)
}

/// The events of every finished job, newest first.
fn finished(state: &SimState, now: Instant) -> Vec<WebhookEventResponse> {
    let mut all: Vec<(Instant, &str, String, Value)> = Vec::new();
    let mut push = |phase: Phase, prefix: &'static str, id: &str, data: Value| {
        if let Some(at) = phase.done_at() {
            let outcome = if phase.completed() { "success" } else { "fail" };
            let event_type = WebhookEventType::KNOWN
                .iter()
                .find(|t| **t == format!("{prefix}.{outcome}"))
                .copied()
                .unwrap_or(prefix);
            all.push((at, event_type, id.to_string(), data));
        }
    };
    // The payloads of HeyGen's guide "Using HeyGen's Webhook Events".
    for video in state.videos.iter().map(|v| &v.record) {
        let phase = video.job.phase(now);
        let data = if phase.completed() {
            let url = state.file_url("videos", &format!("{}.mp4", video.id));
            json!({
                "video_id": video.id,
                "url": url,
                "callback_id": video.callback_id,
            })
        } else {
            let msg = phase.failure_message(video.job.stopped.is_some());
            json!({
                "video_id": video.id,
                "msg": msg,
                "callback_id": video.callback_id,
            })
        };
        push(phase, "avatar_video", &video.id, data);
    }
    for translation in &state.translations {
        let record = &translation.record;
        let phase = record.job.phase(now);
        let mut data = json!({
            "video_translate_id": record.id,
            "callback_id": record.callback_id,
            "output_language": translation.output_language,
        });
        if phase.completed() {
            let url = state.file_url("translations", &format!("{}.mp4", record.id));
            data["url"] = json!(url);
        } else {
            data["message"] = json!(phase.failure_message(record.job.stopped.is_some()));
        }
        push(phase, "video_translate", &record.id, data);
    }
    for proofread in &state.proofreads {
        push(
            proofread.job.phase(now),
            "proofread_creation",
            &proofread.id,
            json!({"proofread_id": proofread.id}),
        );
    }
    for session in &state.sessions {
        let data = json!({
            "session_id": session.id,
            "video_id": session.video_id(),
        });
        push(session.job.phase(now), "video_agent", &session.id, data);
    }
    all.sort_by_key(|event| std::cmp::Reverse(event.0));
    all.into_iter()
        .map(|(at, event_type, entity, data)| {
            typed::<WebhookEventResponse>(json!({
                "created_at": rfc3339(state.clock.unix(at)),
                "event_data": data.as_object().cloned().unwrap_or_default(),
                "event_id": format!("evt_{event_type}_{entity}"),
                "event_type": event_type.to_string(),
            }))
        })
        .collect()
}

async fn events(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let cursor = cursor(&query, "/v3/webhooks/events")?;
    let event_type = query.one_of("event_type", WebhookEventType::KNOWN)?;
    let entity_id = query.get("entity_id");
    let state = sim.state();
    let items = finished(&state, Instant::now())
        .into_iter()
        .filter(|e| event_type.is_none_or(|t| e.event_type == t))
        .filter(|e| {
            entity_id.is_none_or(|id| e.event_data.values().any(|v| v.as_str() == Some(id)))
        })
        .enumerate()
        .map(|(index, e)| (index as u64, e))
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}
