//! `/v3/brand-kits` and `/v3/brand-glossaries`: the seeded brand kits and glossaries.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;

use crate::testing::reply::{Query, Reply, cursor, page, paginate};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/brand-kits", get(brand_kits))
        .route("/v3/brand-glossaries", get(glossaries))
}

async fn brand_kits(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let cursor = cursor(&Query::parse(query.as_deref()), "/v3/brand-kits")?;
    let state = sim.state();
    let items = state.catalog.brand_kits.iter().cloned();
    let items = (0u64..).zip(items).collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}

async fn glossaries(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let cursor = cursor(&Query::parse(query.as_deref()), "/v3/brand-glossaries")?;
    let state = sim.state();
    let items = state.catalog.glossaries.iter().cloned();
    let items = (0u64..).zip(items).collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}
