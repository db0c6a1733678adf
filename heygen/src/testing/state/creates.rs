//! Creating jobs: what each request must name, and the job it makes. Videos, video
//! translations and lipsyncs alone or as a batch's items (started as the concurrent-job limit
//! leaves room); AI clippings, background removals and voice clones.

use heygen_sys::types::{
    CreateAiClippingRequest, CreateBackgroundRemovalRequest, CreateLipsyncRequest,
    CreateVideoTranslationRequest, CreateVideoV3RequestBody, OutputFormat,
};
use serde_json::Value;
use tokio::time::Instant;

use super::records::{Clipping, Lipsync, Removal, Translation, Video};
use super::timeline::ResourceKind;
use super::world::{State, new_id};
use crate::testing::house_rules::{
    at_most, check_url, end_after_start, given, not_blank, one_audio_source, output_languages,
};
use crate::testing::reply::{ApiErr, decode};

/// The layers a background removal can produce, in the order the API lists them.
const LAYERS: [&str; 3] = ["foreground", "mask", "background"];

/// Seconds of video when neither a script nor a duration says.
const DEFAULT_SECONDS: f64 = 8.0;

impl State {
    /// Creates the video `request` asks for at `now`, or says why not (nothing changed): its
    /// id, and the output format the answer echoes.
    pub(crate) fn create_video(
        &mut self,
        request: &CreateVideoV3RequestBody,
        now: Instant,
    ) -> Result<(String, OutputFormat), ApiErr> {
        use CreateVideoV3RequestBody as Body;
        let (format, title, callback_url, callback_id, seconds) = match request {
            Body::Avatar(video) => {
                self.check_look(&video.avatar_id, "avatar_id", now)?;
                let script = video.script.as_deref().map(String::as_str);
                let (voice, url, asset) =
                    (&video.voice_id, &video.audio_url, &video.audio_asset_id);
                let seconds = self.check_audio(script, voice, url, asset)?;
                let format = video.output_format.clone();
                (
                    format,
                    &video.title,
                    &video.callback_url,
                    &video.callback_id,
                    seconds,
                )
            }
            Body::Image(video) => {
                self.check_input(&video.image, "image")?;
                let script = video.script.as_deref().map(String::as_str);
                let (voice, url, asset) =
                    (&video.voice_id, &video.audio_url, &video.audio_asset_id);
                let seconds = self.check_audio(script, voice, url, asset)?;
                let format = video.output_format.clone();
                (
                    format,
                    &video.title,
                    &video.callback_url,
                    &video.callback_id,
                    seconds,
                )
            }
            Body::CinematicAvatar(video) => {
                not_blank(&video.prompt, "prompt")?;
                for (index, avatar_id) in video.avatar_id.iter().enumerate() {
                    self.check_look(avatar_id, &format!("avatar_id[{index}]"), now)?;
                }
                for (index, reference) in video.references.iter().flatten().enumerate() {
                    self.check_input(reference, &format!("references[{index}]"))?;
                }
                let seconds = video.duration.map(|seconds| seconds as f64);
                (OutputFormat::Mp4, &video.title, &None, &None, seconds)
            }
            Body::Studio(video) => {
                if video.scenes.is_empty() {
                    let message = "'scenes' must not be empty.";
                    return Err(ApiErr::invalid(Some("scenes"), message));
                }
                (
                    OutputFormat::Mp4,
                    &video.title,
                    &video.callback_url,
                    &video.callback_id,
                    None,
                )
            }
            #[allow(unreachable_patterns)] // a member a newer API description adds
            other => return Err(ApiErr::not_simulated("", other)),
        };
        if let Some(url) = callback_url {
            check_url(url, "callback_url")?;
        }
        self.gauge.admit(now, 1)?;
        let title = given(title.as_deref()).map(str::to_string);
        let record = self.new_record(ResourceKind::Video, now, title, callback_id.clone());
        let id = record.id.clone();
        let duration = seconds.unwrap_or(DEFAULT_SECONDS);
        self.videos.push(Video {
            record,
            folder_id: None,
            duration,
        });
        Ok((id, format))
    }

    /// The audio of an avatar or image video: one source, naming what exists; the seconds its
    /// script speaks (about 15 characters a second, at least one).
    fn check_audio(
        &self,
        script: Option<&str>,
        voice_id: &Option<String>,
        audio_url: &Option<String>,
        audio_asset_id: &Option<String>,
    ) -> Result<Option<f64>, ApiErr> {
        let (voice_id, audio_url) = (voice_id.as_deref(), audio_url.as_deref());
        one_audio_source(script, voice_id, audio_url, audio_asset_id.as_deref())?;
        if let Some(voice_id) = voice_id {
            self.check_voice(voice_id, "voice_id")?;
        }
        if let Some(url) = audio_url {
            check_url(url, "audio_url")?;
        }
        if let Some(asset_id) = audio_asset_id {
            self.check_asset_id(asset_id, "audio_asset_id")?;
        }
        Ok(script.map(|text| (text.chars().count() as f64 / 15.0).max(1.0).round()))
    }

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

    /// Creates the lipsync `request` asks for at `now`, or says why not (nothing changed): its id.
    pub(crate) fn create_lipsync(
        &mut self,
        request: &CreateLipsyncRequest,
        now: Instant,
    ) -> Result<String, ApiErr> {
        self.check_reference(&request.video, "video")?;
        self.check_reference(&request.audio, "audio")?;
        if let Some(url) = request.callback_url.as_deref() {
            check_url(url, "callback_url")?;
        }
        end_after_start(request.start_time, request.end_time)?;
        let duration = match (request.start_time, request.end_time) {
            (Some(start), Some(end)) => end - start,
            _ => 20.0,
        };
        self.gauge.admit(now, 1)?;
        let title = given(request.title.as_deref()).map(str::to_string);
        let callback_id = request.callback_id.clone();
        let record = self.new_record(ResourceKind::Lipsync, now, title, callback_id);
        let id = record.id.clone();
        self.lipsyncs.push(Lipsync { record, duration });
        Ok(id)
    }

    /// Starts the queued batch items there is room for at `now`, oldest batch first, each
    /// through its kind's own create: one bad item fails alone, and the items a full
    /// concurrent-job limit holds back wait `queued`.
    pub(crate) fn start_batch_items(&mut self, now: Instant) {
        for batch in 0..self.batches.len() {
            for item in 0..self.batches[batch].items.len() {
                if self.gauge.free(now) == 0 {
                    return;
                }
                let slot = &self.batches[batch].items[item];
                if !slot.waiting() {
                    continue;
                }
                let (kind, body) = (self.batches[batch].kind, slot.body.clone());
                let created = self.create_item(kind, body, now);
                let slot = &mut self.batches[batch].items[item];
                match created {
                    Ok(id) => slot.job_id = Some(id),
                    Err(error) if error.status.as_u16() == 429 => return,
                    Err(error) => slot.error = Some((error.code, error.message)),
                }
            }
        }
    }

    /// Creates one batch item of `kind`: its job's id.
    fn create_item(
        &mut self,
        kind: ResourceKind,
        body: Value,
        now: Instant,
    ) -> Result<String, ApiErr> {
        match kind {
            ResourceKind::Video => self.create_video(&decode(body)?, now).map(|(id, _)| id),
            ResourceKind::VideoTranslation => {
                let ids = self.create_translations(&decode(body)?, now)?;
                Ok(ids.into_iter().next().unwrap_or_default())
            }
            _ => self.create_lipsync(&decode(body)?, now),
        }
    }

    /// Creates the AI clipping `request` asks for at `now` (one clip per duration asked for,
    /// 60 s when none is), or says why not: its id.
    pub(crate) fn create_clipping(
        &mut self,
        request: CreateAiClippingRequest,
        now: Instant,
    ) -> Result<String, ApiErr> {
        self.check_reference(&request.video, "video")?;
        if let Some(url) = request.callback_url.as_deref() {
            check_url(url, "callback_url")?;
        }
        at_most(request.title.as_deref(), 255, "title")?;
        let input_language = given(request.input_language.as_deref()).map(str::to_string);
        if let Some(language) = &input_language
            && !(language.len() == 2 && language.chars().all(|c| c.is_ascii_lowercase()))
        {
            let message = "'input_language' must be an ISO-639-1 code such as 'en'.";
            return Err(ApiErr::invalid(Some("input_language"), message));
        }
        let settings = request.output_settings.unwrap_or_default();
        at_most(settings.prompt.as_deref(), 500, "output_settings.prompt")?;
        let mut durations: Vec<String> = (settings.duration_types.iter())
            .map(|d| d.as_str().to_string())
            .collect();
        if durations.is_empty() {
            durations.push("60".to_string());
        }
        let title = given(request.title.as_deref()).map(str::to_string);
        let record = self.new_record(ResourceKind::AiClipping, now, title, request.callback_id);
        let id = record.id.clone();
        let aspect_ratio = settings.aspect_ratio;
        self.clippings.push(Clipping {
            record,
            input_language,
            aspect_ratio,
            durations,
        });
        Ok(id)
    }

    /// Creates the background removal `request` asks for at `now`, or returns the one an
    /// earlier create with its `request_id` made: its index in the removals.
    pub(crate) fn create_removal(
        &mut self,
        request: &CreateBackgroundRemovalRequest,
        now: Instant,
    ) -> Result<usize, ApiErr> {
        let request_id = given(request.request_id.as_deref());
        let earlier = (self.removals.iter())
            .position(|r| request_id.is_some() && r.request_id.as_deref() == request_id);
        if let Some(earlier) = earlier {
            return Ok(earlier);
        }
        self.check_input(&request.video, "video")?;
        if let Some(index) = (request.layers.iter()).position(|l| !LAYERS.contains(&l.as_str())) {
            let message = "Each layer must be one of: foreground, mask, background.";
            return Err(ApiErr::invalid(Some(&format!("layers[{index}]")), message));
        }
        at_most(request.title.as_deref(), 255, "title")?;
        // The API's order, each layer once; none asked for means all three.
        let asked =
            |layer: &str| request.layers.is_empty() || request.layers.iter().any(|l| l == layer);
        let layers = (LAYERS.into_iter())
            .filter(|layer| asked(layer))
            .map(str::to_string)
            .collect();
        let removal = Removal {
            seq: self.next_seq(),
            id: new_id(),
            request_id: request_id.map(str::to_string),
            layers,
            job: self.new_job(ResourceKind::BackgroundRemoval, now, false),
        };
        self.removals.push(removal);
        Ok(self.removals.len() - 1)
    }
}
