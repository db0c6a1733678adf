//! Voices: listing, design, and text to speech.

use heygen_sys::types::{
    AudioVoiceItem, DesignVoiceRequest, DesignVoiceResponseData, TextToSpeechRequest,
    TextToSpeechResponseData,
};

use super::{data_op, list_op, resource};

resource!(
    /// Voices (`/v3/voices`).
    Voices, voices
);

impl Voices {
    data_op!(
        /// Synthesise speech (`createSpeechV3`).
        create_speech(request: TextToSpeechRequest) -> TextToSpeechResponseData, |raw| raw.create_speech_v3().body(request)
    );

    data_op!(
        /// Design a voice from a description (`designVoice`).
        design(request: DesignVoiceRequest) -> DesignVoiceResponseData, |raw| raw.design_voice().body(request)
    );

    list_op!(
        /// Voices, filterable by type, engine, language and gender (`listVoicesV3`).
        list, list_with, ListVoicesV3, list_voices_v3 -> AudioVoiceItem
    );

    list_op!(
        /// The v1 listing (`listAudioVoices`, `GET /v1/audio/voices`).
        list_v1, list_v1_with, ListAudioVoices, list_audio_voices -> AudioVoiceItem
    );
}
