//! Voices: listing, design, and text to speech.

use futures::FutureExt as _;
use heygen_sys::types::{
    AudioVoiceItem, DesignVoiceRequest, DesignVoiceResponseData, TextToSpeechRequest,
    TextToSpeechResponseData,
};

use super::{builder, cursor_list};
use crate::{Client, Error, Page, Paginator, Result};

/// Voices (`/v3/voices`): `client.voices()`.
#[derive(Debug, Clone)]
pub struct Voices {
    pub(crate) client: Client,
}

impl Client {
    /// The [`Voices`] resource.
    pub fn voices(&self) -> Voices {
        Voices {
            client: self.clone(),
        }
    }
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
        cursor_list(
            &self.client,
            move |raw, token| {
                let request = configure(raw.list_voices_v3());
                match token {
                    Some(token) => request.token(token),
                    None => request,
                }
                .send()
                .boxed()
            },
            |page| Page::from_envelope(page.data, page.has_more, page.next_token),
        )
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
        cursor_list(
            &self.client,
            move |raw, token| {
                let request = configure(raw.list_audio_voices());
                match token {
                    Some(token) => request.token(token),
                    None => request,
                }
                .send()
                .boxed()
            },
            |page| Page::from_envelope(page.data, page.has_more, page.next_token),
        )
    }
}
