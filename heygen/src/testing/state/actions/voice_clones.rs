//! Cloning a voice: an audio sample that exists, and a name.

use heygen_sys::types::CloneVoiceRequest;
use tokio::time::Instant;

use crate::testing::house_rules::{given, not_blank};
use crate::testing::reply::ApiErr;
use crate::testing::state::records::VoiceClone;
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::{State, new_id};

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
}
