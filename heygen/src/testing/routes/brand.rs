//! `/v3/brand-kits` and `/v3/brand-glossaries`: the seeded brand kits and glossaries.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use serde::Serialize;

use crate::testing::reply::{Query, Reply, cursor, page, paginate};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/brand-kits", get(brand_kits))
        .route("/v3/brand-glossaries", get(glossaries))
}

/// A page of the seeded `items`, in catalog order, for the listing `GET path`.
fn seeded<T: Serialize>(items: Vec<T>, query: Option<String>, path: &str) -> Reply {
    let cursor = cursor(&Query::parse(query.as_deref()), path)?;
    let (data, has_more, next_token) = paginate((0u64..).zip(items).collect(), cursor, false);
    page(data, has_more, next_token)
}

async fn brand_kits(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let kits = sim.state().catalog.brand_kits.clone();
    seeded(kits, query, "/v3/brand-kits")
}

async fn glossaries(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let glossaries = sim.state().catalog.glossaries.clone();
    seeded(glossaries, query, "/v3/brand-glossaries")
}
