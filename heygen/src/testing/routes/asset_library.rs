//! The account's assets (`GET /v3/assets`, `GET|DELETE /v3/assets/{asset_id}`), their bulk
//! statuses (`GET /v3/assets/statuses`, by asset or by upload batch), and the search of a small
//! seeded catalog of public images and icons (`GET /v3/assets/search`), ranked by the words a
//! description shares with the query.

use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::routing::get;
use heygen_sys::types::{
    Asset as AssetItem, AssetSearchResult, IconAssetItem, IconAssetItemType, ImageAssetItem,
    ImageAssetItemType, VideoTranslationDeleteResponse,
};
use serde_json::json;

use tokio::time::Instant;

use super::asset_batches::file_status;
use super::bulk::{batch_entries, job_entry};
use crate::testing::house_rules::MAX_ITEMS;
use crate::testing::reply::{
    ApiErr, Query, Reply, cursor, data, page, paginate, query_pairs, typed,
};
use crate::testing::shared::Sim;
use crate::testing::state::{Asset, State as SimState, newest_first};

/// The simulated account's username: the owner of every asset.
const OWNER: &str = "simulator";

/// The public catalog, one line an item: id, `image` or `icon`, width`x`height, description.
const CATALOG: &str = "\
sim_img_pizza image 1600x1067 pepperoni pizza on a wooden table\n\
sim_img_skyline image 1920x1080 city skyline at night with lights\n\
sim_img_lake image 1920x1280 mountain lake at sunrise\n\
sim_img_meeting image 1600x1067 team meeting in a bright office\n\
sim_img_dog image 1080x1350 golden retriever running on the beach\n\
sim_img_rocket image 1080x1920 rocket launch at dawn with smoke\n\
sim_img_desk image 1600x1600 laptop on a wooden desk with coffee\n\
sim_img_market image 1920x1280 fresh vegetables at a street market\n\
sim_icon_rocket icon 512x512 minimalist rocket icon\n\
sim_icon_cart icon 512x512 shopping cart icon\n\
sim_icon_check icon 512x512 green checkmark icon\n\
sim_icon_play icon 512x512 play button icon\n\
sim_icon_mail icon 512x512 envelope mail icon\n\
sim_icon_idea icon 512x512 lightbulb idea icon";

/// The catalog's items: (id, kind, description, width, height).
fn catalog() -> impl Iterator<Item = (&'static str, &'static str, &'static str, i64, i64)> {
    CATALOG.lines().filter_map(|line| {
        let mut fields = line.splitn(4, ' ');
        let (id, kind, size) = (fields.next()?, fields.next()?, fields.next()?);
        let (width, height) = size.split_once('x')?;
        Some((
            id,
            kind,
            fields.next()?,
            width.parse().ok()?,
            height.parse().ok()?,
        ))
    })
}

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/assets", get(list))
        .route("/v3/assets/search", get(search))
        .route("/v3/assets/statuses", get(statuses))
        .route("/v3/assets/{asset_id}", get(show).delete(remove))
}

/// The API's file type of a MIME type.
fn file_type(mime: &str) -> &'static str {
    match mime.split('/').next().unwrap_or_default() {
        "image" => "image",
        "video" => "video",
        "audio" => "audio",
        _ if mime == "application/pdf" => "document",
        _ => "file",
    }
}

fn item(state: &SimState, asset: &Asset) -> AssetItem {
    typed::<AssetItem>(json!({
        "folder_id": null,
        "id": asset.id,
        "name": asset.name,
        "owner": OWNER,
        "space_id": "sim_space",
        "type": file_type(&asset.mime_type),
        "uploaded_at": asset.uploaded_at,
        "url": state.file_url("assets", &asset.id),
    }))
}

async fn list(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let pairs = query_pairs(query.as_deref());
    let query = Query::parse(query.as_deref());
    let Some(username) = query.get("username") else {
        return Err(ApiErr::invalid(
            Some("username"),
            "'username' is required while this endpoint is in beta.",
        ));
    };
    let cursor = cursor(&query, "/v3/assets")?;
    // Every asset is at the space's root: a folder id lists nothing, an empty one the root.
    let in_folder = pairs
        .iter()
        .any(|(name, value)| name == "folder_id" && !value.is_empty());
    let state = sim.state();
    let listed = state
        .assets
        .iter()
        .filter(|_| username == OWNER && !in_folder);
    let (data, has_more, next_token) = newest_first(listed, cursor, |asset| item(&state, asset));
    page(data, has_more, next_token)
}

async fn show(State(sim): State<Sim>, Path(asset_id): Path<String>) -> Reply {
    let state = sim.state();
    let asset = state
        .assets
        .iter()
        .find(|a| a.id == asset_id)
        .ok_or_else(|| ApiErr::not_found("Asset"))?;
    data(item(&state, asset))
}

async fn remove(State(sim): State<Sim>, Path(asset_id): Path<String>) -> Reply {
    let mut state = sim.state();
    let before = state.assets.len() + state.uploads.len();
    state.assets.retain(|a| a.id != asset_id);
    state.uploads.retain(|u| u.asset_id != asset_id);
    if state.assets.len() + state.uploads.len() == before {
        return Err(ApiErr::not_found("Asset"));
    }
    data(typed::<VideoTranslationDeleteResponse>(
        json!({"id": asset_id}),
    ))
}

async fn statuses(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let (asset_ids, batch_ids) = (query.ids("asset_ids"), query.ids("batch_ids"));
    if asset_ids.is_empty() && batch_ids.is_empty() {
        return Err(ApiErr::invalid(
            Some("asset_ids"),
            "Pass 'asset_ids' or 'batch_ids'.",
        ));
    }
    if asset_ids.len() + batch_ids.len() > MAX_ITEMS {
        return Err(ApiErr::invalid(
            Some("asset_ids"),
            format!("At most {MAX_ITEMS} ids per request."),
        ));
    }
    let now = Instant::now();
    let state = sim.state();
    let mut data = Vec::new();
    for id in asset_ids {
        let stored = state.assets.iter().any(|a| a.id == id);
        let uploading = state.uploads.iter().any(|u| u.asset_id == id);
        let batch_file = (state.asset_batches.iter())
            .flat_map(|batch| &batch.files)
            .find(|file| file.asset_id == id);
        let status = match batch_file {
            _ if !stored && !uploading => ("not_found".into(), None),
            // A file of an upload batch: as its batch says.
            Some(file) => file_status(file, now),
            None if stored => ("completed".into(), None),
            // Created, not completed yet.
            None => ("queued".into(), None),
        };
        data.push(job_entry(id, status));
    }
    for id in batch_ids {
        let batch = state.asset_batches.iter().find(|b| b.id == id);
        let files = batch.map(|batch| {
            (batch.files.iter())
                .map(|file| (file_status(file, now), Some(file.asset_id.clone())))
                .collect()
        });
        data.extend(batch_entries(id, files));
    }
    page(data, false, None)
}

/// Words that say nothing of an image.
const STOP_WORDS: [&str; 10] = [
    "a", "an", "and", "at", "for", "in", "of", "on", "the", "with",
];

/// The lower-case words of a text that say something.
fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .map(str::to_lowercase)
        .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
        .collect()
}

/// How many of the query's words `description` has.
fn score(query: &[String], description: &str) -> usize {
    let have = words(description);
    query.iter().filter(|w| have.contains(w)).count()
}

fn hit(id: &str, kind: &str, width: i64, height: i64, url: String) -> AssetSearchResult {
    let orientation = match width.cmp(&height) {
        std::cmp::Ordering::Greater => "landscape",
        std::cmp::Ordering::Less => "portrait",
        std::cmp::Ordering::Equal => "square",
    };
    if kind == "icon" {
        AssetSearchResult::Icon(typed::<IconAssetItem>(json!({
            "height": height,
            "id": id.to_string(),
            "is_transparent": true,
            "orientation": orientation.to_string(),
            "type": IconAssetItemType::Icon,
            "url": url,
            "width": width,
        })))
    } else {
        AssetSearchResult::Image(typed::<ImageAssetItem>(json!({
            "height": height,
            "id": id.to_string(),
            "is_transparent": false,
            "orientation": orientation.to_string(),
            "type": ImageAssetItemType::Image,
            "url": url,
            "width": width,
        })))
    }
}

async fn search(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let Some(text) = query.get("query").filter(|q| !q.trim().is_empty()) else {
        return Err(ApiErr::invalid(Some("query"), "'query' is required."));
    };
    let Some(kind) = query.one_of("type", &["image", "icon"])? else {
        return Err(ApiErr::invalid(
            Some("type"),
            "'type' is required: image or icon.",
        ));
    };
    let scope = query
        .one_of("scope", &["public", "personal"])?
        .unwrap_or("public");
    let cursor = cursor(&query, "/v3/assets/search")?;
    let wanted = words(text);
    let state = sim.state();
    let mut ranked: Vec<(usize, AssetSearchResult)> = if scope == "public" {
        catalog()
            .filter(|(_, k, ..)| *k == kind)
            .map(|(id, k, description, w, h)| {
                let extension = if k == "icon" { "png" } else { "jpg" };
                let url = state.file_url("search", &format!("{id}.{extension}"));
                (score(&wanted, description), hit(id, k, w, h, url))
            })
            .collect()
    } else {
        // The account's own images, by name; it has no icons.
        state
            .assets
            .iter()
            .filter(|a| kind == "image" && file_type(&a.mime_type) == "image")
            .map(|a| {
                let url = state.file_url("assets", &a.id);
                (
                    score(&wanted, &a.name),
                    hit(&a.id, "image", 1024, 1024, url),
                )
            })
            .collect()
    };
    ranked.retain(|(score, _)| *score > 0);
    // Best first; a stable sort keeps the catalog's order among equals.
    ranked.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    let items = ranked
        .into_iter()
        .enumerate()
        .map(|(rank, (_, hit))| (rank as u64 + 1, hit))
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}
