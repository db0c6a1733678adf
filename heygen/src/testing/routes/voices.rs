//! `/v3/voices`: seeded voices, voice design (designed voices become private voices), and
//! text to speech.

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::routing::{get, post};
use heygen_sys::types::{
    DesignVoiceRequest, DesignVoiceResponseData, TextToSpeechRequest, TextToSpeechResponseData,
    WordWithTimestamp,
};
use serde_json::json;

use crate::testing::reply::{Listing, Reply, data, page, paginate, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::new_id;

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/voices", get(list).post(design))
        .route("/v3/voices/speech", post(speech))
}

async fn list(State(sim): State<Sim>, Listing { query, cursor }: Listing) -> Reply {
    // The document's enum has already refused any other `type`.
    let kind = query.get("type").unwrap_or("public");
    let language = query.get("language").map(str::to_lowercase);
    let gender = query.get("gender").map(str::to_lowercase);
    let state = sim.state();
    let items = (0u64..)
        .zip(&state.voices)
        .filter(|(_, v)| v.type_.as_str() == kind)
        .filter(|(_, v)| (language.as_deref()).is_none_or(|l| v.language.to_lowercase() == l))
        .filter(|(_, v)| gender.as_deref().is_none_or(|g| v.gender == g))
        .map(|(index, v)| (index, v.clone()))
        .collect();
    let (data, has_more, next_token) = paginate(items, cursor, false);
    page(data, has_more, next_token)
}

async fn design(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: DesignVoiceRequest = parse(&body)?;
    let voices = sim.state().design_voices(&request)?;
    data(typed::<DesignVoiceResponseData>(
        json!({"seed": request.seed as i64, "voices": voices}),
    ))
}

async fn speech(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: TextToSpeechRequest = parse(&body)?;
    let state = sim.state();
    state.check_speech(&request)?;
    let seconds_per_word = 0.4 / request.speed;
    let word_timestamps: Vec<WordWithTimestamp> = (request.text.split_whitespace().enumerate())
        .map(|(i, word)| {
            typed(json!({
                "start": i as f64 * seconds_per_word,
                "end": (i + 1) as f64 * seconds_per_word,
                "word": word,
            }))
        })
        .collect();
    let id = new_id();
    data(typed::<TextToSpeechResponseData>(json!({
        "audio_url": state.file_url("speech", &format!("{id}.mp3")),
        "duration": word_timestamps.last().map_or(0.0, |w| w.end),
        "request_id": id,
        "word_timestamps": word_timestamps,
    })))
}
