//! `/v3/brand-kits` and `/v3/brand-glossaries`: the seeded brand kits and glossaries.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use serde::Serialize;

use crate::testing::reply::{Cursor, Listing, Reply, page, paginate};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/brand-kits", get(brand_kits))
        .route("/v3/brand-glossaries", get(glossaries))
}

/// A page of the seeded `items`, in catalog order.
fn seeded<T: Serialize>(items: Vec<T>, cursor: Cursor) -> Reply {
    let (data, has_more, next_token) = paginate((0u64..).zip(items).collect(), cursor, false);
    page(data, has_more, next_token)
}

async fn brand_kits(State(sim): State<Sim>, Listing { cursor, .. }: Listing) -> Reply {
    let kits = sim.state().catalog.brand_kits.clone();
    seeded(kits, cursor)
}

async fn glossaries(State(sim): State<Sim>, Listing { cursor, .. }: Listing) -> Reply {
    let glossaries = sim.state().catalog.glossaries.clone();
    seeded(glossaries, cursor)
}
