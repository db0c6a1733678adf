//! `/v3/audio/sounds`: a search of the seeded music and sound effects. The simulator's
//! "semantic" score is word overlap: a track matching any word of the query scores from 0.7
//! (one word in many) to 1.0 (every word), any other 0.2; `min_score` (default 0.7) keeps the
//! matches.

use axum::Router;
use axum::extract::{RawQuery, State};
use axum::routing::get;
use heygen_sys::types::{AudioSound, ListAudioSoundsType};
use serde_json::json;

use crate::testing::reply::{ApiErr, Query, Reply, cursor, page, paginate, typed};
use crate::testing::shared::Sim;
use crate::testing::state::Sound;

pub(super) fn routes() -> Router<Sim> {
    Router::new().route("/v3/audio/sounds", get(search))
}

/// How well `sound` matches the query's words (lower case), in `0..=1`.
fn score(sound: &Sound, words: &[String]) -> f64 {
    let text = format!("{} {}", sound.name, sound.description).to_lowercase();
    let matched = words.iter().filter(|w| text.contains(w.as_str())).count();
    if matched == 0 {
        0.2
    } else {
        0.7 + 0.3 * matched as f64 / words.len() as f64
    }
}

async fn search(State(sim): State<Sim>, RawQuery(query): RawQuery) -> Reply {
    let query = Query::parse(query.as_deref());
    let Some(text) = query.get("query").filter(|q| !q.trim().is_empty()) else {
        return Err(ApiErr::invalid(
            Some("query"),
            "'query' is required: describe the audio you want.",
        ));
    };
    let kind = query
        .one_of("type", ListAudioSoundsType::KNOWN)?
        .unwrap_or("music");
    let min_score = match query.get("min_score") {
        None => 0.7,
        Some(raw) => match raw.parse::<f64>() {
            Ok(score) if (0.0..=1.0).contains(&score) => score,
            _ => {
                return Err(ApiErr::invalid(
                    Some("min_score"),
                    "'min_score' must be a number from 0 to 1.",
                ));
            }
        },
    };
    let cursor = cursor(&query, "/v3/audio/sounds")?;
    let words: Vec<String> = text
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_string)
        .collect();
    let state = sim.state();
    let mut ranked: Vec<(f64, &Sound)> = state
        .catalog
        .sounds
        .iter()
        .filter(|s| s.kind.as_str() == kind)
        .map(|s| (score(s, &words), s))
        .filter(|(score, _)| *score >= min_score)
        .collect();
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.id.cmp(&b.1.id)));
    let items = (0u64..)
        .zip(ranked.into_iter().map(|(score, s)| {
            typed::<AudioSound>(json!({
                "audio_url": s.audio_url,
                "description": s.description,
                "duration": s.duration,
                "id": s.id,
                "name": s.name,
                "peak_offset": (s.peak.map(|(offset, _)| offset)),
                "placement": (s.peak.map(|(_, placement)| placement.to_string())),
                "score": (score * 1000.0).round() / 1000.0,
                "type": s.kind,
            }))
        }))
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}
