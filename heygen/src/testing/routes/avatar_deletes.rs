//! `DELETE /v3/avatars/{group_id}` and `DELETE /v3/avatars/looks/{look_id}`: deleting the
//! account's own avatars (the rules are the state's).

use axum::Router;
use axum::extract::{Path, State};
use axum::routing::delete;
use heygen_sys::types::VideoTranslationDeleteResponse;
use serde_json::json;

use crate::testing::reply::{Reply, data, typed};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/avatars/looks/{look_id}", delete(remove_look))
        .route("/v3/avatars/{group_id}", delete(remove_group))
}

/// The answer to a delete: the deleted id.
fn deleted(id: String) -> Reply {
    data(typed::<VideoTranslationDeleteResponse>(json!({"id": id})))
}

async fn remove_group(State(sim): State<Sim>, Path(group_id): Path<String>) -> Reply {
    sim.state().delete_group(&group_id)?;
    deleted(group_id)
}

async fn remove_look(State(sim): State<Sim>, Path(look_id): Path<String>) -> Reply {
    sim.state().delete_look(&look_id)?;
    deleted(look_id)
}
