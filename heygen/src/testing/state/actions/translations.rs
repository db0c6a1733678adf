//! Video translations and their proofreads: creating translations (one per output language),
//! renaming them, creating proofreads, and what a proofread allows once it is completed
//! (reading or replacing its subtitles, generating the translation from it).

use heygen_sys::types::{
    CreateProofreadRequest, CreateVideoTranslationRequest, GenerateVideoRequest, UploadSrtRequest,
};
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, end_after_start, given, not_blank, output_languages};
use crate::testing::reply::ApiErr;
use crate::testing::state::records::{Proofread, Translation};
use crate::testing::state::store::{find, find_mut};
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::{State, new_id};

impl State {
    /// Creates the translations `request` asks for at `now` (one per output language), or says
    /// why not (nothing changed): their ids.
    pub(crate) fn create_translations(
        &mut self,
        request: &CreateVideoTranslationRequest,
        now: Instant,
    ) -> Result<Vec<String>, ApiErr> {
        let languages = output_languages(&request.output_languages)?;
        self.check_reference(&request.video, "video")?;
        if let Some(audio) = &request.audio {
            self.check_reference(audio, "audio")?;
        }
        if let Some(srt) = &request.srt {
            self.check_reference(srt, "srt")?;
        }
        if let Some(url) = request.callback_url.as_deref() {
            check_url(url, "callback_url")?;
        }
        end_after_start(request.start_time, request.end_time)?;
        self.gauge.admit(now, languages.len())?;
        let mut ids = Vec::new();
        for output_language in languages {
            let title = given(request.title.as_deref()).map(str::to_string);
            let callback_id = request.callback_id.clone();
            let record = self.new_record(ResourceKind::VideoTranslation, now, title, callback_id);
            ids.push(record.id.clone());
            self.translations.push(Translation {
                record,
                input_language: request.input_language.clone(),
                output_language,
                translate_audio_only: request.translate_audio_only,
                captions: request.enable_caption,
                duration: 30.0,
            });
        }
        Ok(ids)
    }

    /// Renames a translation: the translation as renamed.
    pub(crate) fn rename_translation(
        &mut self,
        translation_id: &str,
        title: String,
    ) -> Result<Translation, ApiErr> {
        let translation = find_mut(&mut self.translations, translation_id)?;
        translation.record.title = Some(title);
        Ok(translation.clone())
    }

    /// Creates the proofreads `request` asks for at `now` (one per output language): their ids.
    pub(crate) fn create_proofreads(
        &mut self,
        request: &CreateProofreadRequest,
        now: Instant,
    ) -> Result<Vec<String>, ApiErr> {
        let languages = output_languages(&request.output_languages)?;
        not_blank(&request.title, "title")?;
        self.check_reference(&request.video, "video")?;
        if let Some(srt) = &request.srt {
            self.check_reference(srt, "srt")?;
        }
        let mut ids = Vec::new();
        for output_language in languages {
            let id = new_id();
            let job = self.new_job(ResourceKind::Proofread, now, false);
            self.proofreads.push(Proofread {
                id: id.clone(),
                title: request.title.clone(),
                input_language: None,
                output_language,
                submitted: false,
                job,
            });
            ids.push(id);
        }
        Ok(ids)
    }

    /// The proofread, which must be completed for `action`.
    pub(crate) fn completed_proofread(
        &self,
        proofread_id: &str,
        action: &str,
    ) -> Result<&Proofread, ApiErr> {
        let proofread = find(&self.proofreads, proofread_id)?;
        let phase = proofread.job.phase(Instant::now());
        if phase.completed() {
            return Ok(proofread);
        }
        let status = phase.status();
        let message = format!("The proofread must be completed to {action} (status '{status}').");
        Err(ApiErr::invalid(None, message))
    }

    /// Replaces a completed proofread's subtitles with `request`'s.
    pub(crate) fn replace_proofread_srt(
        &self,
        proofread_id: &str,
        request: &UploadSrtRequest,
    ) -> Result<&Proofread, ApiErr> {
        self.check_reference(&request.srt, "srt")?;
        self.completed_proofread(proofread_id, "replace its subtitles")
    }

    /// Generates the translation of a completed proofread at `now`, which is then submitted:
    /// the translation's id.
    pub(crate) fn generate_from_proofread(
        &mut self,
        proofread_id: &str,
        request: &GenerateVideoRequest,
        now: Instant,
    ) -> Result<String, ApiErr> {
        if let Some(url) = request.callback_url.as_deref() {
            check_url(url, "callback_url")?;
        }
        let proofread = self.completed_proofread(proofread_id, "generate the translation")?;
        let (title, input_language, output_language) = (
            Some(proofread.title.clone()),
            proofread.input_language.clone(),
            proofread.output_language.clone(),
        );
        self.gauge.admit(now, 1)?;
        let callback_id = request.callback_id.clone();
        let record = self.new_record(ResourceKind::VideoTranslation, now, title, callback_id);
        let id = record.id.clone();
        self.translations.push(Translation {
            record,
            input_language,
            output_language,
            translate_audio_only: request.translate_audio_only,
            captions: request.captions,
            duration: 30.0,
        });
        if let Some(proofread) = self.proofreads.iter_mut().find(|p| p.id == proofread_id) {
            proofread.submitted = true;
        }
        Ok(id)
    }
}
