//! The account's assets (`GET /v3/assets`, `GET|DELETE /v3/assets/{asset_id}`), their bulk
//! statuses (`GET /v3/assets/statuses`, by asset or by upload batch), and the search of a small
//! seeded catalog of public images and icons (`GET /v3/assets/search`).

use axum::Router;
use axum::extract::{MatchedPath, Path, RawQuery, State};
use axum::routing::get;
use heygen_sys::types::{
    Asset as AssetItem, AssetSearchResult, IconAssetItem, ImageAssetItem,
    VideoTranslationDeleteResponse,
};
use serde_json::json;
use tokio::time::Instant;

use super::asset_batches::{file_item, file_status};
use super::bulk::{batch_entries, job_entry};
use crate::testing::house_rules::{given, ids_to_read};
use crate::testing::reply::{ApiErr, Listing, Query, Reply, cursor, data, page, paginate, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{Asset, OWNER, State as SimState, find, newest_first};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/assets", get(list))
        .route("/v3/assets/search", get(search))
        .route("/v3/assets/statuses", get(statuses))
        .route("/v3/assets/{asset_id}", get(show).delete(remove))
}

/// An asset as the library lists it.
fn item(state: &SimState, asset: &Asset) -> AssetItem {
    typed::<AssetItem>(json!({
        "id": asset.id,
        "name": asset.name,
        "owner": OWNER,
        "space_id": "sim_space",
        "type": asset.file_type(),
        "uploaded_at": asset.uploaded_at,
        "url": state.file_url("assets", &asset.id),
    }))
}

async fn list(State(sim): State<Sim>, Listing { query, cursor }: Listing) -> Reply {
    let state = sim.state();
    let listed = state.assets_of(query.get("username"), query.get("folder_id"));
    let (data, has_more, next_token) = newest_first(listed, cursor, |asset| item(&state, asset));
    page(data, has_more, next_token)
}

async fn show(State(sim): State<Sim>, Path(asset_id): Path<String>) -> Reply {
    let state = sim.state();
    data(item(&state, find(&state.assets, &asset_id)?))
}

async fn remove(State(sim): State<Sim>, Path(asset_id): Path<String>) -> Reply {
    sim.state().delete_asset(&asset_id)?;
    data(typed::<VideoTranslationDeleteResponse>(
        json!({"id": asset_id}),
    ))
}

/// The statuses of assets (a file of an upload batch as its batch says, else `completed`
/// once made, `queued` until then) and of upload batches (one entry per file).
async fn statuses(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let (asset_ids, batch_ids) = (query.ids("asset_ids"), query.ids("batch_ids"));
    ids_to_read(&[("asset_ids", &asset_ids), ("batch_ids", &batch_ids)])?;
    let now = Instant::now();
    let state = sim.state();
    let mut data = Vec::new();
    for id in asset_ids {
        let stored = find(&state.assets, &id).is_ok();
        let uploading = find(&state.uploads, &id).is_ok();
        let batch_file = (state.asset_batches.iter())
            .flat_map(|batch| &batch.files)
            .find(|file| file.asset_id == id);
        let status = match batch_file {
            _ if !stored && !uploading => ("not_found".into(), None),
            Some(file) => file_status(file, now),
            None if stored => ("completed".into(), None),
            None => ("queued".into(), None),
        };
        data.push(job_entry(id, status));
    }
    for id in batch_ids {
        let batch = find(&state.asset_batches, &id).ok();
        let files = batch.map(|batch| batch.files.iter().map(|f| file_item(f, now)).collect());
        data.extend(batch_entries(id, files));
    }
    page(data, false, None)
}

async fn search(State(sim): State<Sim>, path: MatchedPath, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let Some(text) = given(query.get("query")) else {
        return Err(ApiErr::invalid(Some("query"), "'query' is required."));
    };
    let cursor = cursor(&query, path.as_str())?;
    let kind = query.get("type").unwrap_or_default();
    let hits = (sim.state()).search_assets(text, kind, query.get("scope") == Some("personal"));
    let items = (1..).zip(hits.into_iter().map(|hit| {
        let orientation = match hit.width.cmp(&hit.height) {
            std::cmp::Ordering::Greater => "landscape",
            std::cmp::Ordering::Less => "portrait",
            std::cmp::Ordering::Equal => "square",
        };
        let found = json!({
            "height": hit.height,
            "id": hit.id,
            "is_transparent": hit.icon,
            "orientation": orientation,
            "type": if hit.icon { "icon" } else { "image" },
            "url": hit.url,
            "width": hit.width,
        });
        if hit.icon {
            AssetSearchResult::Icon(typed::<IconAssetItem>(found))
        } else {
            AssetSearchResult::Image(typed::<ImageAssetItem>(found))
        }
    }));
    let (data, has_more, next_token) = paginate(items.collect(), cursor, false);
    page(data, has_more, next_token)
}
