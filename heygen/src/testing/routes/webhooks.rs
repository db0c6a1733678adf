//! `/v3/webhooks`: endpoint CRUD, secret rotation, event types, and the events of jobs that
//! have finished (derived from the simulator's state; nothing is delivered).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, patch, post};
use heygen_sys::types::{
    CreateWebhookEndpointRequest, RotateSecretResponseData, UpdateWebhookEndpointRequest,
    WebhookEndpointResponse, WebhookEventResponse, WebhookEventType, WebhookEventTypeItem,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{Listing, Reply, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Endpoint, newest_first, rfc3339};

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

/// An endpoint as the API shows it; its secret only when it is created.
fn view(endpoint: &Endpoint, with_secret: bool) -> WebhookEndpointResponse {
    typed(json!({
        "created_at": rfc3339(endpoint.created_at),
        "endpoint_id": endpoint.id,
        "events": endpoint.events,
        "secret": with_secret.then_some(&endpoint.secret),
        "status": "enabled",
        "url": endpoint.url,
    }))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateWebhookEndpointRequest = parse(&body)?;
    let mut state = sim.state();
    data(view(state.create_endpoint(request, Instant::now())?, true))
}

async fn list(State(sim): State<Sim>, Listing { query: _, cursor }: Listing) -> Reply {
    let state = sim.state();
    let (data, has_more, next_token) =
        newest_first(state.endpoints.iter(), cursor, |e| view(e, false));
    page(data, has_more, next_token)
}

async fn update(State(sim): State<Sim>, Path(endpoint_id): Path<String>, body: Bytes) -> Reply {
    let request: UpdateWebhookEndpointRequest = parse(&body)?;
    let mut state = sim.state();
    data(view(state.update_endpoint(&endpoint_id, request)?, false))
}

async fn remove(State(sim): State<Sim>, Path(endpoint_id): Path<String>) -> Reply {
    sim.state().delete_endpoint(&endpoint_id)?;
    data(json!({"endpoint_id": endpoint_id, "deleted": true}))
}

async fn rotate(State(sim): State<Sim>, Path(endpoint_id): Path<String>) -> Reply {
    let mut state = sim.state();
    let endpoint = state.rotate_secret(&endpoint_id)?;
    data(typed::<RotateSecretResponseData>(
        json!({"endpoint_id": endpoint.id, "secret": endpoint.secret}),
    ))
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
    let data: Vec<WebhookEventTypeItem> = (WebhookEventType::KNOWN.iter())
        .map(|t| typed(json!({"description": describe(t), "event_type": t})))
        .collect();
    page(data, false, None)
}

async fn events(State(sim): State<Sim>, Listing { query, cursor }: Listing) -> Reply {
    // The document's enum has already refused any other `event_type`.
    let (event_type, entity_id) = (query.get("event_type"), query.get("entity_id"));
    let state = sim.state();
    let items = (state.finished_events(Instant::now()).into_iter())
        .filter(|e| event_type.is_none_or(|t| e.event_type == t))
        .filter(|e| entity_id.is_none_or(|id| e.data.values().any(|v| v.as_str() == Some(id))))
        .map(|e| {
            typed::<WebhookEventResponse>(json!({
                "created_at": rfc3339(state.clock.unix(e.at)),
                "event_data": e.data,
                "event_id": format!("evt_{}_{}", e.event_type, e.entity),
                "event_type": e.event_type,
            }))
        });
    let (data, has_more, next_token) = paginate((0u64..).zip(items).collect(), cursor, false);
    page(data, has_more, next_token)
}
