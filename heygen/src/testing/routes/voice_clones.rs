//! `/v3/voices/clone` and `/v3/voices/{voice_id}`: cloning a voice from audio (`processing`
//! until `complete`, or `failed` with `fail_jobs`), a voice's details (seeded, designed or
//! cloned), and deleting a voice of the account's own.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use heygen_sys::types::{
    CloneVoiceRequest, CloneVoiceResponse, DeleteVoiceResponse, GetVoiceResponse,
    GetVoiceResponseStatus,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{Reply, data, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{State as SimState, Voice};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/voices/clone", post(clone))
        .route("/v3/voices/{voice_id}", get(show).delete(remove))
}

async fn clone(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CloneVoiceRequest = parse(&body)?;
    let id = sim.state().create_voice_clone(&request, Instant::now())?;
    data(typed::<CloneVoiceResponse>(json!({"voice_clone_id": id})))
}

/// A voice as `GET /v3/voices/{voice_id}` shows it at `now`.
fn detail(state: &SimState, voice: Voice, now: Instant) -> GetVoiceResponse {
    typed(match voice {
        Voice::Cloned(clone) => {
            let phase = clone.job.phase(now);
            let status = match phase.status() {
                "completed" => GetVoiceResponseStatus::Complete,
                "failed" => GetVoiceResponseStatus::Failed,
                _ => GetVoiceResponseStatus::Processing,
            };
            let preview =
                (phase.completed()).then(|| state.file_url("voices", &format!("{}.mp3", clone.id)));
            json!({
                "created_at": state.clock.unix(clone.job.start),
                "failure_message": phase.failure_message(false),
                "language": clone.language,
                "name": clone.name,
                "preview_audio_url": preview,
                "status": status,
                "support_pause": true,
                "voice_id": clone.id,
            })
        }
        Voice::Listed(voice) => json!({
            "gender": voice.gender,
            "language": voice.language,
            "name": voice.name,
            "preview_audio_url": voice.preview_audio_url,
            "support_pause": voice.support_pause,
            "voice_id": voice.voice_id,
        }),
    })
}

async fn show(State(sim): State<Sim>, Path(voice_id): Path<String>) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    data(detail(&state, state.voice(&voice_id)?, now))
}

async fn remove(State(sim): State<Sim>, Path(voice_id): Path<String>) -> Reply {
    sim.state().delete_voice(&voice_id)?;
    data(typed::<DeleteVoiceResponse>(json!({"voice_id": voice_id})))
}
