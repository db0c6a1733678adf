//! A newcomer's first hour, as written without reading the docs twice: a listing streamed with
//! `next()` and no `futures` import, a union member built without a trait import, a text list
//! given as `vec!["French", "German"]`, a builder named `…Builder` — on the simulator.
#![cfg(feature = "testing")]

use heygen_sdk::testing::Simulator;
use heygen_sdk::types::{AssetReference, CreateVideoTranslationRequest};

#[tokio::test]
async fn the_first_hour_compiles_and_runs_with_no_extra_imports() {
    let simulator = Simulator::start().await;
    let client = simulator.client();

    // Streams: `next()` and `try_next()` of their own.
    let mut voices = client.voices().list().items();
    let mut names = Vec::new();
    while let Some(voice) = voices.next().await {
        names.push(voice.unwrap().name);
    }
    assert!(!names.is_empty());
    let mut pages = client.voices().list().pages();
    let mut streamed = 0;
    while let Some(page) = pages.try_next().await.unwrap() {
        streamed += page.items.len();
    }
    assert_eq!(streamed, names.len());
    let collected: Vec<_> = client.voices().list().items().try_collect().await.unwrap();
    assert_eq!(collected.len(), names.len());

    // A union member without a trait, a text list from `&str`s, the builder's own name.
    let video = AssetReference::url("https://example.com/talk.mp4");
    assert_eq!(video.tag(), "url");
    let request: heygen_sdk::types::builder::CreateVideoTranslationRequestBuilder =
        CreateVideoTranslationRequest::builder()
            .video(video)
            .output_languages(vec!["French", "German"])
            .title("first hour");
    let sent = CreateVideoTranslationRequest::try_from(request.clone()).unwrap();
    assert_eq!(sent.output_languages, ["French", "German"]);
    assert_eq!(
        serde_json::to_value(&sent).unwrap()["video"],
        serde_json::json!({"type": "url", "url": "https://example.com/talk.mp4"})
    );
    let created = client.video_translations().create(request).await.unwrap();
    assert!(!created.video_translation_ids.is_empty());
}
