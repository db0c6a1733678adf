//! `/v3/audio/sounds`: a search of the seeded music and sound effects, scored by word overlap
//! (see `Catalog::search_sounds`); `min_score` (default 0.7) keeps the matches.

use axum::Router;
use axum::extract::{MatchedPath, RawQuery, State};
use axum::routing::get;

use crate::testing::reply::{Query, Reply, cursor, page, paginate};
use crate::testing::shared::Sim;

pub(super) fn routes() -> Router<Sim> {
    Router::new().route("/v3/audio/sounds", get(search))
}

async fn search(State(sim): State<Sim>, path: MatchedPath, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    // The document's rules have already required `query`, and refused another `type` or a
    // `min_score` that is not a number from 0 to 1.
    let kind = query.get("type").unwrap_or("music");
    let min_score = (query.get("min_score").and_then(|raw| raw.parse().ok())).unwrap_or(0.7);
    let state = sim.state();
    let sounds =
        (state.catalog).search_sounds(query.get("query").unwrap_or_default(), kind, min_score)?;
    let cursor = cursor(&query, path.as_str())?;
    let (data, has_more, next_token) = paginate((0u64..).zip(sounds).collect(), cursor, false);
    page(data, has_more, next_token)
}
