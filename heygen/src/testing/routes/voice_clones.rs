//! `/v3/voices/clone` and `/v3/voices/{voice_id}`: cloning a voice from audio (`processing`
//! until `complete`, or `failed` with `fail_jobs`), a voice's details (seeded, designed or
//! cloned), and deleting a voice of the account's own.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::routing::{get, post};
use heygen_sys::types::{
    AudioVoiceType, CloneVoiceRequest, CloneVoiceResponse, DeleteVoiceResponse, GetVoiceResponse,
    GetVoiceResponseStatus,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::reply::{ApiErr, Reply, data, parse, typed};
use crate::testing::shared::Sim;
use crate::testing::state::{State as SimState, VoiceClone};

pub(super) fn routes() -> Router<Sim> {
    Router::new()
        .route("/v3/voices/clone", post(clone))
        .route("/v3/voices/{voice_id}", get(show).delete(remove))
}

/// HeyGen's answer for a voice that does not exist (or no longer does).
fn voice_not_found() -> ApiErr {
    ApiErr::new(404, "voice_not_found", "Voice not found.")
}

fn clone_detail(state: &SimState, clone: &VoiceClone, now: Instant) -> GetVoiceResponse {
    let phase = clone.job.phase(now);
    let status = match phase.status() {
        "completed" => GetVoiceResponseStatus::Complete,
        "failed" => GetVoiceResponseStatus::Failed,
        _ => GetVoiceResponseStatus::Processing,
    };
    typed::<GetVoiceResponse>(json!({
        "created_at": state.clock.unix(clone.job.start),
        "failure_message": phase.failure_message(false),
        "gender": null,
        "language": clone.language,
        "name": clone.name,
        "preview_audio_url": phase.completed().then(|| state.file_url("voices", &format!("{}.mp3", clone.id))),
        "status": status,
        "support_interactive_avatar": false,
        "support_pause": true,
        "voice_id": clone.id,
    }))
}

async fn clone(State(sim): State<Sim>, body: Bytes) -> Reply {
    let request: CloneVoiceRequest = parse(&body)?;
    let id = sim.state().create_voice_clone(&request, Instant::now())?;
    data(typed::<CloneVoiceResponse>(json!({"voice_clone_id": id})))
}

async fn show(State(sim): State<Sim>, Path(voice_id): Path<String>) -> Reply {
    let now = Instant::now();
    let state = sim.state();
    if let Some(clone) = state.voice_clones.iter().find(|c| c.id == voice_id) {
        return data(clone_detail(&state, clone, now));
    }
    let voice = state
        .voices
        .iter()
        .find(|v| v.voice_id == voice_id)
        .ok_or_else(voice_not_found)?;
    data(typed::<GetVoiceResponse>(json!({
        "created_at": null,
        "failure_message": null,
        "gender": voice.gender,
        "language": voice.language,
        "name": voice.name,
        "preview_audio_url": voice.preview_audio_url,
        "status": null,
        "support_interactive_avatar": false,
        "support_pause": voice.support_pause,
        "voice_id": voice.voice_id,
    })))
}

/// Deletes a cloned (or designed) voice; public voices are HeyGen's.
async fn remove(State(sim): State<Sim>, Path(voice_id): Path<String>) -> Reply {
    let mut state = sim.state();
    if let Some(index) = state.voice_clones.iter().position(|c| c.id == voice_id) {
        state.voice_clones.remove(index);
    } else {
        let index = state
            .voices
            .iter()
            .position(|v| v.voice_id == voice_id)
            .ok_or_else(voice_not_found)?;
        if state.voices[index].type_ == AudioVoiceType::Public {
            return Err(ApiErr::invalid(
                Some("voice_id"),
                "Public voices cannot be deleted; only your own cloned or designed voices.",
            ));
        }
        state.voices.remove(index);
    }
    data(typed::<DeleteVoiceResponse>(json!({"voice_id": voice_id})))
}
