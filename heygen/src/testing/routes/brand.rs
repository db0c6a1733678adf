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

/// A page of the seeded `items`, in catalog order, for the listing named `listing`.
fn seeded<T: Clone + Serialize>(items: &[T], query: Option<&str>, listing: &'static str) -> Reply {
    let cursor = cursor(&Query::parse(query), listing, 10, 100)?;
    let items = (0u64..).zip(items.iter().cloned()).collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}

async fn brand_kits(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    seeded(
        &sim.state().catalog.brand_kits,
        query.as_deref(),
        "brand-kits",
    )
}

async fn glossaries(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    seeded(
        &sim.state().catalog.glossaries,
        query.as_deref(),
        "brand-glossaries",
    )
}
