//! Creating a video (`POST /v3/videos`, and each item of a video batch): an avatar, image,
//! cinematic avatar or studio video, naming only what exists on the account, speaking one audio
//! source, within the concurrent-job limit.

use heygen_sys::types::{CreateVideoV3RequestBody, OutputFormat};
use tokio::time::Instant;

use crate::testing::house_rules::{check_url, given, not_blank, one_audio_source};
use crate::testing::reply::ApiErr;
use crate::testing::state::records::Video;
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::State;

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
                let audio = (&video.voice_id, &video.audio_url, &video.audio_asset_id);
                let seconds = self.check_audio(script, audio)?;
                let format = video.output_format.clone();
                let (title, url, id) = (&video.title, &video.callback_url, &video.callback_id);
                (format, title, url, id, seconds)
            }
            Body::Image(video) => {
                self.check_input(&video.image, "image")?;
                let script = video.script.as_deref().map(String::as_str);
                let audio = (&video.voice_id, &video.audio_url, &video.audio_asset_id);
                let seconds = self.check_audio(script, audio)?;
                let format = video.output_format.clone();
                let (title, url, id) = (&video.title, &video.callback_url, &video.callback_id);
                (format, title, url, id, seconds)
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

    /// The audio of an avatar or image video (`script`, `voice_id`, `audio_url`, and
    /// `audio_asset_id`): one source, naming what exists; the seconds its script speaks (about 15
    /// characters a second, at least one).
    fn check_audio(
        &self,
        script: Option<&str>,
        (voice_id, audio_url, audio_asset_id): (&Option<String>, &Option<String>, &Option<String>),
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
}
