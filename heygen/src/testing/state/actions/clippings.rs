//! Creating an AI clipping job: a source video that exists, one clip per duration asked for.

use heygen_sys::types::CreateAiClippingRequest;
use tokio::time::Instant;

use crate::testing::house_rules::{at_most, check_url, given};
use crate::testing::reply::ApiErr;
use crate::testing::state::records::Clipping;
use crate::testing::state::timeline::ResourceKind;
use crate::testing::state::world::State;

impl State {
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
}
