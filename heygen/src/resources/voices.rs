//! Voices: listing, design, and text to speech.

use heygen_sys::types::{
    AudioVoiceItem, CloneVoiceRequest, CloneVoiceResponse, DeleteVoiceResponse, DesignVoiceRequest,
    DesignVoiceResponseData, GetVoiceResponse, TextToSpeechRequest, TextToSpeechResponseData,
};

use super::{SendAt as _, builder, cursor_list};
use crate::wait::{JobState, WaitOptions, Waitable};
use crate::{Client, Error, Paginator, Result};

/// Voices (`/v3/voices`): `client.voices()`.
#[derive(Debug, Clone)]
pub struct Voices {
    pub(crate) client: Client,
}

impl Voices {
    /// Synthesise speech (`createSpeechV3`); takes the builder of [`TextToSpeechRequest`] or
    /// the type.
    pub async fn create_speech<R>(&self, request: R) -> Result<TextToSpeechResponseData>
    where
        R: TryInto<TextToSpeechRequest>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.create_speech_v3().body(body).send(), |e| e.data)
            .await
    }

    /// Design a voice from a description (`designVoice`); takes the builder of
    /// [`DesignVoiceRequest`] or the type.
    pub async fn design<R>(&self, request: R) -> Result<DesignVoiceResponseData>
    where
        R: TryInto<DesignVoiceRequest>,
        R::Error: Into<Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.design_voice().body(body).send(), |e| e.data)
            .await
    }

    /// Voices, filterable by type, engine, language and gender (`listVoicesV3`).
    pub fn list(&self) -> Paginator<AudioVoiceItem> {
        self.list_with(|request| request)
    }

    /// [`Self::list`] with the generated request builder configured (filters; `limit` sets the
    /// page size) (`listVoicesV3`).
    pub fn list_with<F>(&self, configure: F) -> Paginator<AudioVoiceItem>
    where
        F: for<'a> Fn(builder::ListVoicesV3<'a>) -> builder::ListVoicesV3<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_voices_v3()).send_at(token)
        })
    }

    /// The v1 listing (`listAudioVoices`, `GET /v1/audio/voices`).
    pub fn list_v1(&self) -> Paginator<AudioVoiceItem> {
        self.list_v1_with(|request| request)
    }

    /// [`Self::list_v1`] with the generated request builder configured (`listAudioVoices`).
    pub fn list_v1_with<F>(&self, configure: F) -> Paginator<AudioVoiceItem>
    where
        F: for<'a> Fn(builder::ListAudioVoices<'a>) -> builder::ListAudioVoices<'a>
            + Send
            + Sync
            + 'static,
    {
        cursor_list(&self.client, move |raw, token| {
            configure(raw.list_audio_voices()).send_at(token)
        })
    }
}

/// Voice cloning and a voice's details.
impl Voices {
    /// Clone a voice from an audio file (`cloneVoice`, `POST /v3/voices/clone`); takes the
    /// builder of [`CloneVoiceRequest`] or the type. Answers at once with the clone's id, a
    /// voice id that [`Self::get`] reports `processing` until `complete`; wait for it with
    /// [`Self::wait`] or use [`Self::clone_voice_and_wait`].
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::types::{AssetInput, CloneVoiceRequest};
    /// use heygen_sdk::AssetInputExt;
    /// let request = CloneVoiceRequest::builder()
    ///     .audio(AssetInput::url("https://example.com/me-reading.mp3"))
    ///     .voice_name("My narrator");
    /// let voice = client.voices().clone_voice_and_wait(request).await?;
    /// println!("{} is ready", voice.voice_id);
    /// # Ok(()) }
    /// ```
    pub async fn clone_voice<R>(&self, request: R) -> crate::Result<CloneVoiceResponse>
    where
        R: TryInto<CloneVoiceRequest>,
        R::Error: Into<crate::Error>,
    {
        let body = request.try_into().map_err(Into::into)?;
        let raw = self.client.raw();
        self.client
            .data(raw.clone_voice().body(body).send(), |e| e.data)
            .await
    }

    /// A voice, with its clone status for a cloned voice (`getVoice`, `GET
    /// /v3/voices/{voice_id}`).
    pub async fn get(&self, voice_id: &str) -> crate::Result<GetVoiceResponse> {
        crate::call::path_id("voice_id", voice_id)?;
        let raw = self.client.raw();
        let request = raw.get_voice().voice_id(voice_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Delete a cloned voice (`deleteVoice`, `DELETE /v3/voices/{voice_id}`). A voice already
    /// deleted (or unknown) is a 404 `voice_not_found`, which a delete-then-list flow may take
    /// as done.
    pub async fn delete(&self, voice_id: &str) -> crate::Result<DeleteVoiceResponse> {
        crate::call::path_id("voice_id", voice_id)?;
        let raw = self.client.raw();
        let request = raw.delete_voice().voice_id(voice_id);
        self.client.data(request.send(), |e| e.data).await
    }

    /// Wait, with the default [`WaitOptions`], for a cloned voice to be ready (`getVoice`
    /// polled until `complete`); `failed` is [`crate::Error::JobFailed`] with the clone's
    /// failure message, and a voice without a clone status is ready at once. See
    /// [`crate::wait`].
    pub async fn wait(&self, voice_id: &str) -> crate::Result<GetVoiceResponse> {
        self.wait_with(voice_id, &WaitOptions::default()).await
    }

    /// [`Self::wait`] with the given [`WaitOptions`].
    pub async fn wait_with(
        &self,
        voice_id: &str,
        options: &WaitOptions,
    ) -> crate::Result<GetVoiceResponse> {
        crate::wait::poll(voice_id, options, || self.get(voice_id)).await
    }

    /// Clone a voice ([`Self::clone_voice`]), then wait for it with the default
    /// [`WaitOptions`]; every error after the clone names the new voice.
    pub async fn clone_voice_and_wait<R>(&self, request: R) -> crate::Result<GetVoiceResponse>
    where
        R: TryInto<CloneVoiceRequest>,
        R::Error: Into<crate::Error>,
    {
        self.clone_voice_and_wait_with(request, &WaitOptions::default())
            .await
    }

    /// [`Self::clone_voice_and_wait`] with the given [`WaitOptions`].
    pub async fn clone_voice_and_wait_with<R>(
        &self,
        request: R,
        options: &WaitOptions,
    ) -> crate::Result<GetVoiceResponse>
    where
        R: TryInto<CloneVoiceRequest>,
        R::Error: Into<crate::Error>,
    {
        let created = self.clone_voice(request).await?;
        self.wait_with(&created.voice_clone_id, options).await
    }
}

/// A voice clone is `processing` until `complete` (sic) or `failed`; a voice without a clone
/// status (a stock or designed voice) is ready.
impl Waitable for GetVoiceResponse {
    const KIND: &'static str = "voice_clone";

    fn status(&self) -> &str {
        self.status.as_ref().map_or("complete", |s| s.as_str())
    }

    fn recognized(&self) -> bool {
        !self.status.as_ref().is_some_and(|s| s.is_unknown())
    }

    fn state(&self) -> JobState {
        use heygen_sys::types::GetVoiceResponseStatus as Status;
        match &self.status {
            None | Some(Status::Complete) => JobState::Completed,
            Some(Status::Failed) => JobState::Failed {
                code: None,
                message: self.failure_message.clone(),
            },
            Some(_) => JobState::Running,
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{Value, json};

    use super::*;

    fn decode<T: serde::de::DeserializeOwned>(value: Value) -> T {
        serde_json::from_value(value).expect("a valid resource")
    }

    #[test]
    fn voice_clone_states() {
        let voice = |status: Value| -> GetVoiceResponse {
            decode(
                json!({"voice_id": "v1", "support_pause": true, "status": status,
                          "failure_message": "too noisy"}),
            )
        };
        assert_eq!(voice(Value::Null).state(), JobState::Completed);
        assert_eq!(voice(Value::Null).status(), "complete");
        assert_eq!(voice(json!("processing")).state(), JobState::Running);
        assert_eq!(voice(json!("complete")).state(), JobState::Completed);
        assert_eq!(
            voice(json!("failed")).state(),
            JobState::Failed {
                code: None,
                message: Some("too noisy".into())
            }
        );
        let unknown = voice(json!("training"));
        assert_eq!(unknown.state(), JobState::Running);
        assert!(!unknown.recognized());
    }
}
