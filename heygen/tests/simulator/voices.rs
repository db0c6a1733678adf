//! Voices: list, filter, design, text to speech.

use heygen_sdk::testing::Simulator;
use heygen_sdk::types::{DesignVoiceRequest, TextToSpeechRequest};
use serde_json::json;

use crate::support::{api, from_json};

#[tokio::test]
async fn voices_list_filter_design_and_speak() {
    let sim = Simulator::builder().voices(12).start().await;
    let client = sim.client();
    let voices = client.voices().list().collect().await.unwrap();
    assert_eq!(voices.len(), 12);
    let pages: Vec<_> = client
        .voices()
        .list_with(|r| r.limit(5u64))
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
        [5, 5, 2]
    );
    let male = client
        .voices()
        .list_with(|r| r.gender("male"))
        .collect()
        .await
        .unwrap();
    assert_eq!(male.len(), 6);
    assert!(male.iter().all(|v| v.gender == "male"));
    let spanish = client
        .voices()
        .list_with(|r| r.language("Spanish"))
        .collect()
        .await
        .unwrap();
    assert!(!spanish.is_empty() && spanish.iter().all(|v| v.language == "Spanish"));

    let designed = client
        .voices()
        .design(from_json::<DesignVoiceRequest>(
            json!({"prompt": "a calm narrator", "seed": 7}),
        ))
        .await
        .unwrap();
    assert_eq!((designed.seed, designed.voices.len()), (7, 3));
    let private = client
        .voices()
        .list_with(|r| r.type_(heygen_sdk::types::AudioVoiceType::Private))
        .collect()
        .await
        .unwrap();
    assert_eq!(private.len(), 3);

    let speech: TextToSpeechRequest =
        from_json(json!({"text": "one two three", "voice_id": designed.voices[0].voice_id}));
    let audio = client.voices().create_speech(speech).await.unwrap();
    assert_eq!(audio.word_timestamps.map(|w| w.len()), Some(3));
    assert!(audio.duration > 0.0);
    let unknown: TextToSpeechRequest = from_json(json!({"text": "hi", "voice_id": "nope"}));
    assert_eq!(
        api(&client.voices().create_speech(unknown).await.unwrap_err())
            .param
            .as_deref(),
        Some("voice_id")
    );
}

#[tokio::test]
async fn an_integer_written_with_a_zero_fraction_is_an_integer() {
    let sim = Simulator::start().await;
    let body = serde_json::json!({"prompt": "warm narrator", "seed": 1.0});
    let (status, answer) = crate::support::raw_post(&sim, "/v3/voices", body).await;
    assert_eq!(status, 200, "{answer}");
    assert_eq!(answer["data"]["seed"], 1);
    let fraction = serde_json::json!({"prompt": "warm narrator", "seed": 1.5});
    let (status, _) = crate::support::raw_post(&sim, "/v3/voices", fraction).await;
    assert_eq!(status, 400);
}
