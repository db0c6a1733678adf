//! `DELETE /v3/avatars/{group_id}` and `DELETE /v3/avatars/looks/{look_id}`: deleting the
//! account's own avatars. A group goes with all its looks; a group's last look takes the group
//! with it. Seeded avatars (public groups, studio-avatar looks) cannot be deleted.

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::delete;
use heygen_sys::types::{AvatarLookType, VideoTranslationDeleteResponse};
use serde_json::json;

use crate::testing::reply::{ApiErr, Reply, data, typed};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/avatars/looks/{look_id}", delete(remove_look))
        .route("/v3/avatars/{group_id}", delete(remove_group))
}

fn deleted(id: String) -> Reply {
    data(typed::<VideoTranslationDeleteResponse>(json!({"id": id})))
}

async fn remove_group(State(sim): State<Sim>, Path(group_id): Path<String>) -> Reply {
    let mut state = sim.state();
    let index = state
        .groups
        .iter()
        .position(|g| g.id == group_id)
        .ok_or_else(|| ApiErr::not_found("Avatar group"))?;
    if state.groups[index].public {
        return Err(ApiErr::invalid(
            Some("group_id"),
            "Public avatar groups cannot be deleted.",
        ));
    }
    state.groups.remove(index);
    state.looks.retain(|look| look.group_id != group_id);
    deleted(group_id)
}

async fn remove_look(State(sim): State<Sim>, Path(look_id): Path<String>) -> Reply {
    let mut state = sim.state();
    let index = state
        .looks
        .iter()
        .position(|l| l.id == look_id)
        .ok_or_else(|| ApiErr::not_found("Avatar look"))?;
    let look = &state.looks[index];
    if look.public || look.avatar_type == AvatarLookType::StudioAvatar {
        return Err(ApiErr::invalid(
            Some("look_id"),
            "Studio avatar looks cannot be deleted through the API.",
        ));
    }
    let group_id = state.looks.remove(index).group_id;
    if !state.looks.iter().any(|l| l.group_id == group_id) {
        state.groups.retain(|g| g.id != group_id);
    }
    deleted(look_id)
}
