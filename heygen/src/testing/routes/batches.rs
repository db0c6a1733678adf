//! Batches and bulk statuses of videos, video translations and lipsyncs:
//! `POST /v3/{area}/batches`, `GET /v3/{area}/batches/{batch_id}`, `GET /v3/{area}/statuses`.
//!
//! A batch's items are created through the area's own create (so each is checked like a single
//! create, and one bad item fails alone), at once or, under a concurrent-job limit, as places
//! free up: items still `queued` are started whenever a batch or statuses endpoint is read
//! ([`State::start_batch_items`](crate::testing::state::State::start_batch_items)).

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use heygen_sys::types::{BatchCreateResponse, BatchStatus};
use serde_json::{Value, json};
use tokio::time::Instant;

use super::bulk::{batch_entries, job_entry, job_of, job_status, read_batch, slot_status};
use crate::testing::house_rules::ids_to_read;
use crate::testing::reply::{Listing, Query, Reply, data, data_with, page, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::ResourceKind;

/// What differs between the three areas.
#[derive(Debug, Clone, Copy)]
struct Area {
    /// The area's path (`/v3/videos`).
    prefix: &'static str,
    kind: ResourceKind,
    /// The batch request's list of creates.
    items: &'static str,
    /// The statuses request's ids parameter.
    ids: &'static str,
    /// The create's success status (HeyGen answers 202 for translations and lipsyncs).
    accepted: StatusCode,
}

const VIDEOS: Area = Area {
    prefix: "/v3/videos",
    kind: ResourceKind::Video,
    items: "videos",
    ids: "video_ids",
    accepted: StatusCode::OK,
};
const TRANSLATIONS: Area = Area {
    prefix: "/v3/video-translations",
    kind: ResourceKind::VideoTranslation,
    items: "video_translations",
    ids: "video_translation_ids",
    accepted: StatusCode::ACCEPTED,
};
const LIPSYNCS: Area = Area {
    prefix: "/v3/lipsyncs",
    kind: ResourceKind::Lipsync,
    items: "lipsyncs",
    ids: "lipsync_ids",
    accepted: StatusCode::ACCEPTED,
};

pub(super) fn routes() -> Router<Sim> {
    let mut router = Router::new();
    for area in [VIDEOS, TRANSLATIONS, LIPSYNCS] {
        let prefix = area.prefix;
        router = router
            .route(
                &format!("{prefix}/batches"),
                post(move |sim: State<Sim>, body: Bytes| create(sim, body, area)),
            )
            .route(
                &format!("{prefix}/batches/{{batch_id}}"),
                get(move |sim: State<Sim>, id: Path<String>, listing: Listing| {
                    show(sim, id, listing, area)
                }),
            )
            .route(
                &format!("{prefix}/statuses"),
                get(move |sim: State<Sim>, query: RawQuery| statuses(sim, query, area)),
            );
    }
    router
}

/// The body is read as JSON only: the pipeline has checked it against the API description,
/// and each item is checked by its area's own create when it starts.
async fn create(State(sim): State<Sim>, body: Bytes, area: Area) -> Reply {
    let raw: Value = parse(&body)?;
    let mut state = sim.state();
    let index = state.create_batch(area.kind, area.items, &raw, Instant::now())?;
    let batch = &state.batches[index];
    let created = typed::<BatchCreateResponse>(json!({
        "batch_id": batch.id,
        "created_at": state.clock.unix(batch.created),
        "status": BatchStatus::Processing,
        "title": batch.title,
        "total_items": batch.items.len(),
    }));
    data_with(area.accepted, created)
}

async fn show(
    State(sim): State<Sim>,
    Path(batch_id): Path<String>,
    Listing { cursor, .. }: Listing,
    area: Area,
) -> Reply {
    let now = Instant::now();
    let mut state = sim.state();
    let index = state.batch(area.kind, &batch_id, now)?;
    let batch = &state.batches[index];
    let items = (batch.items.iter())
        .map(|slot| {
            (
                slot_status(&state, area.kind, slot, now),
                slot.job_id.clone(),
            )
        })
        .collect();
    let created_at = state.clock.unix(batch.created);
    data(read_batch(
        &batch.id,
        batch.title.clone(),
        created_at,
        items,
        cursor,
    ))
}

async fn statuses(State(sim): State<Sim>, RawQuery(query): RawQuery, area: Area) -> Reply {
    let query = Query::parse(query.as_deref());
    let (ids, batch_ids) = (query.ids(area.ids), query.ids("batch_ids"));
    ids_to_read(&[(area.ids, &ids), ("batch_ids", &batch_ids)])?;
    let now = Instant::now();
    let mut state = sim.state();
    state.start_batch_items(now);
    let mut data = Vec::new();
    for id in ids {
        let status = match job_of(&state, area.kind, &id) {
            Some(job) => job_status(job, now),
            None => ("not_found".to_string(), None),
        };
        data.push(job_entry(id, status));
    }
    for batch_id in batch_ids {
        let batch = (state.batches.iter()).find(|b| b.id == batch_id && b.kind == area.kind);
        let items = batch.map(|batch| {
            (batch.items.iter())
                .map(|slot| {
                    (
                        slot_status(&state, area.kind, slot, now),
                        slot.job_id.clone(),
                    )
                })
                .collect()
        });
        data.extend(batch_entries(batch_id, items));
    }
    page(data, false, None)
}
