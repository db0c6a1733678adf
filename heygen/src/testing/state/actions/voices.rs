//! The account's voices beyond the seeded ones: voices designed from a prompt (private voices
//! in the voice list) and voices cloned from audio (a job, `processing` until `complete`), and
//! the rules for finding, speaking with and deleting a voice.

use heygen_sys::types::{
    AudioVoiceItem, AudioVoiceType, CloneVoiceRequest, DesignVoiceRequest, TextToSpeechRequest,
};
use serde_json::json;
use tokio::time::Instant;

use crate::testing::house_rules::{given, not_blank};
use crate::testing::reply::{ApiErr, typed};
use crate::testing::state::records::VoiceClone;
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::{State, new_id};

/// A voice a path names: a clone (a job) or one of the voice list (seeded or designed).
pub(crate) enum Voice<'a> {
    /// Cloned from audio.
    Cloned(&'a VoiceClone),
    /// Seeded or designed.
    Listed(&'a AudioVoiceItem),
}

/// HeyGen's answer for a voice that does not exist (or no longer does).
fn voice_not_found() -> ApiErr {
    ApiErr::new(404, "voice_not_found", "Voice not found.")
}

impl State {
    /// Clones the voice `request` asks for at `now`, or says why not: the clone's id (its
    /// `voice_clone_id`).
    pub(crate) fn create_voice_clone(
        &mut self,
        request: &CloneVoiceRequest,
        now: Instant,
    ) -> Result<String, ApiErr> {
        self.check_input(&request.audio, "audio")?;
        not_blank(&request.voice_name, "voice_name")?;
        let clone = VoiceClone {
            id: format!("sim_clone_{}", new_id()),
            name: request.voice_name.clone(),
            language: given(request.language.as_deref()).map(str::to_string),
            job: self.new_job(ResourceKind::VoiceClone, now, false),
        };
        let id = clone.id.clone();
        self.voice_clones.push(clone);
        Ok(id)
    }

    /// Designs the three private voices `request` describes (English, `female` unless it says
    /// `male`), or says why not.
    pub(crate) fn design_voices(
        &mut self,
        request: &DesignVoiceRequest,
    ) -> Result<Vec<AudioVoiceItem>, ApiErr> {
        if request.prompt.trim().is_empty() {
            return Err(ApiErr::invalid(Some("prompt"), "'prompt' is required."));
        }
        let gender = match request.gender.as_deref() {
            None => "female",
            Some(g @ ("male" | "female")) => g,
            Some(_) => {
                let message = "'gender' must be 'male' or 'female'.";
                return Err(ApiErr::invalid(Some("gender"), message));
            }
        };
        let voices: Vec<AudioVoiceItem> = (1..=3)
            .map(|n| {
                let voice_id = format!("sim_designed_{}", new_id());
                typed(json!({
                    "gender": gender,
                    "language": "English",
                    "name": format!("Designed voice {n}"),
                    "preview_audio_url": self.file_url("voices", &format!("{voice_id}.mp3")),
                    "support_locale": false,
                    "support_pause": true,
                    "type": AudioVoiceType::Private,
                    "voice_id": voice_id,
                }))
            })
            .collect();
        self.voices.extend(voices.iter().cloned());
        Ok(voices)
    }

    /// Checks what a text-to-speech request names: a voice, and a text that says something.
    pub(crate) fn check_speech(&self, request: &TextToSpeechRequest) -> Result<(), ApiErr> {
        self.check_voice(&request.voice_id, "voice_id")?;
        not_blank(&request.text, "text")
    }

    /// The voice with this id (a clone first), or 404 `voice_not_found`.
    pub(crate) fn voice(&self, voice_id: &str) -> Result<Voice<'_>, ApiErr> {
        if let Some(clone) = self.voice_clones.iter().find(|c| c.id == voice_id) {
            return Ok(Voice::Cloned(clone));
        }
        let listed = self.voices.iter().find(|v| v.voice_id == voice_id);
        listed.map(Voice::Listed).ok_or_else(voice_not_found)
    }

    /// Deletes a cloned or designed voice, or says why not: public voices are HeyGen's.
    pub(crate) fn delete_voice(&mut self, voice_id: &str) -> Result<(), ApiErr> {
        if let Some(index) = self.voice_clones.iter().position(|c| c.id == voice_id) {
            self.voice_clones.remove(index);
            return Ok(());
        }
        let index = (self.voices.iter())
            .position(|v| v.voice_id == voice_id)
            .ok_or_else(voice_not_found)?;
        if self.voices[index].type_ == AudioVoiceType::Public {
            let message =
                "Public voices cannot be deleted; only your own cloned or designed voices.";
            return Err(ApiErr::invalid(Some("voice_id"), message));
        }
        self.voices.remove(index);
        Ok(())
    }
}
