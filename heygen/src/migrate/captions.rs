//! Translation captions as a call of their own: `GET /v3/video-translations/{id}/caption`
//! (`getVideoTranslationCaptionV3`) is gone; a translation now carries its caption URLs,
//! `srt_caption_url` and `vtt_caption_url` ([`VideoTranslations::get`]).

use heygen_sys::types::{CaptionFormat, VideoTranslationCaptionResponse};

use crate::error::Error;
use crate::resources::video_translations::VideoTranslations;

impl VideoTranslations {
    /// The translated captions the old way (`getVideoTranslationCaptionV3`): reads
    /// [`get`](Self::get) and returns its `srt_caption_url` or `vtt_caption_url`. A translation
    /// without that URL (captions not enabled, or not ready) is [`Error::OperationRemoved`]
    /// naming the fields to read.
    ///
    /// ```no_run
    /// # #![allow(deprecated)]
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::CaptionFormat;
    /// let caption = client.video_translations().caption("vt_1", CaptionFormat::Srt).await?;
    /// println!("{}", caption.caption_url);
    /// # Ok(()) }
    /// ```
    #[deprecated(
        since = "0.2.0",
        note = "`GET /v3/video-translations/{id}/caption` is gone: read srt_caption_url / vtt_caption_url of video_translations().get(id)"
    )]
    pub async fn caption(
        &self,
        video_translation_id: &str,
        format: CaptionFormat,
    ) -> crate::Result<VideoTranslationCaptionResponse> {
        let translation = self.get(video_translation_id).await?;
        let url = match format {
            CaptionFormat::Srt => translation.srt_caption_url,
            CaptionFormat::Vtt => translation.vtt_caption_url,
            CaptionFormat::Unknown(_) => None,
        };
        match url {
            Some(caption_url) => Ok(VideoTranslationCaptionResponse { caption_url }),
            None => Err(Error::OperationRemoved {
                operation: "getVideoTranslationCaptionV3",
                instead: format!(
                    "video translation {video_translation_id} has no `{}_caption_url`: captions are \
                     fields of video_translations().get(id) (translations created with \
                     enable_caption, once completed)",
                    format.as_str()
                ),
            }),
        }
    }
}
