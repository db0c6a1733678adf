//! `/v3/avatars`: seeded groups and looks, creation (digital twin, photo, prompt), consent,
//! and renaming looks.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use heygen_sys::types::{
    AvatarError, AvatarGroupItem, AvatarLookItem, AvatarStatus, CreateAvatarConsentRequest,
    CreateAvatarConsentResponse, CreateAvatarRequestBody, CreateAvatarResponse,
    PreferredOrientation, UpdateAvatarLookRequest,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{Listing, Query, Reply, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Group, Look, Phase, State as SimState, find};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/avatars", get(list_groups).post(create))
        .route("/v3/avatars/looks", get(list_looks))
        .route(
            "/v3/avatars/looks/{look_id}",
            get(show_look).patch(update_look),
        )
        .route("/v3/avatars/{group_id}", get(show_group))
        .route("/v3/avatars/{group_id}/consent", post(consent))
}

/// The status of an avatar whose newest job is in `phase` (seeded ones have none), and its
/// error once failed.
fn status(phase: Option<Phase>) -> (AvatarStatus, Option<AvatarError>) {
    let error = phase.as_ref().filter(|p| p.failed()).map(|_| {
        typed::<AvatarError>(json!({
            "code": "simulated_failure",
            "message": "The simulator was told to fail this avatar (fail_jobs).",
        }))
    });
    let status = phase.map_or(AvatarStatus::Completed, |p| AvatarStatus::from(p.status()));
    (status, error)
}

/// A group as the API shows it at `now`, its status that of its newest look's job.
fn group_item(state: &SimState, group: &Group, now: Instant) -> AvatarGroupItem {
    let looks: Vec<&Look> = state
        .looks
        .iter()
        .filter(|l| l.group_id == group.id)
        .collect();
    let newest_job = looks.iter().rev().find_map(|look| look.job.as_ref());
    let (status, error) = status(newest_job.map(|job| job.phase(now)));
    typed::<AvatarGroupItem>(json!({
        "consent_status": group.consent.map(|given| if given { "approved" } else { "pending" }),
        "created_at": group.created_at,
        "default_voice_id": group.default_voice_id,
        "error": error,
        "gender": group.gender,
        "id": group.id,
        "looks_count": looks.len(),
        "name": group.name,
        "preview_image_url": state.file_url("avatars", &format!("{}.jpg", group.id)),
        "status": status,
    }))
}

/// A look as the API shows it at `now`.
fn look_item(state: &SimState, look: &Look, now: Instant) -> AvatarLookItem {
    let (status, error) = status(look.job.as_ref().map(|job| job.phase(now)));
    let (width, height) = match look.orientation {
        PreferredOrientation::Portrait => (1080, 1920),
        _ => (1920, 1080),
    };
    typed::<AvatarLookItem>(json!({
        "avatar_type": look.avatar_type,
        "default_voice_id": look.default_voice_id,
        "error": error,
        "gender": look.gender,
        "group_id": look.group_id,
        "id": look.id,
        "image_height": height,
        "image_width": width,
        "name": look.name,
        "preferred_orientation": look.orientation,
        "preview_image_url": state.file_url("avatars", &format!("{}.jpg", look.id)),
        "status": status,
        "supported_api_engines": ["avatar_iv"],
        "tags": look.tags,
    }))
}

/// The listing's `ownership` (any value of the parameter's enum, checked before the route,
/// testing/validate): whether it asks for public avatars.
fn public(query: &Query) -> Option<bool> {
    query.get("ownership").map(|o| o == "public")
}

async fn list_groups(State(sim): State<Sim>, Listing { query, cursor }: Listing) -> Reply {
    let public = public(&query);
    let now = Instant::now();
    let state = sim.state();
    let items = (state.groups.iter())
        .filter(|g| public.is_none_or(|p| g.public == p))
        .map(|g| (g.seq, group_item(&state, g, now)))
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}

async fn list_looks(State(sim): State<Sim>, Listing { query, cursor }: Listing) -> Reply {
    let public = public(&query);
    let (avatar_type, group_id) = (query.get("avatar_type"), query.get("group_id"));
    let now = Instant::now();
    let state = sim.state();
    let items = (state.looks.iter())
        .filter(|l| public.is_none_or(|p| l.public == p))
        .filter(|l| avatar_type.is_none_or(|t| l.is_of_type(t)))
        .filter(|l| group_id.is_none_or(|g| l.group_id == g))
        .map(|l| (l.seq, look_item(&state, l, now)))
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}

async fn show_group(State(sim): State<Sim>, Path(group_id): Path<String>) -> Reply {
    let state = sim.state();
    data(group_item(
        &state,
        find(&state.groups, &group_id)?,
        Instant::now(),
    ))
}

async fn show_look(State(sim): State<Sim>, Path(look_id): Path<String>) -> Reply {
    let state = sim.state();
    data(look_item(
        &state,
        find(&state.looks, &look_id)?,
        Instant::now(),
    ))
}

async fn update_look(State(sim): State<Sim>, Path(look_id): Path<String>, body: Bytes) -> Reply {
    let request: UpdateAvatarLookRequest = parse(&body)?;
    let mut state = sim.state();
    let look = state.rename_look(&look_id, &request)?;
    data(look_item(&state, &look, Instant::now()))
}

async fn create(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CreateAvatarRequestBody = parse(&body)?;
    let now = Instant::now();
    let mut state = sim.state();
    let (group, look) = state.create_avatar(&request, now)?;
    data(typed::<CreateAvatarResponse>(json!({
        "avatar_group": group_item(&state, &group, now),
        "avatar_item": look_item(&state, &look, now),
    })))
}

async fn consent(State(sim): State<Sim>, Path(group_id): Path<String>, body: Bytes) -> Reply {
    let request: CreateAvatarConsentRequest = match body.iter().all(u8::is_ascii_whitespace) {
        true => typed(json!({})),
        false => parse(&body)?,
    };
    let now = Instant::now();
    let mut state = sim.state();
    let (page, group) = state.give_consent(&group_id, &request, now)?;
    let url = page.then(|| format!("{}/consent/{group_id}", state.base_url));
    data(typed::<CreateAvatarConsentResponse>(json!({
        "avatar_group": group_item(&state, &group, now),
        "url": url,
    })))
}
