//! Video translations per language, captions, and proofreads that generate a translation.

use std::time::Duration;

use heygen_sdk::Error;
use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::{
    CaptionFormat, CreateProofreadRequest, CreateVideoTranslationRequest, GenerateVideoRequest,
    ProofreadStatus, UpdateVideoTranslationRequest, VideoTranslationStatus,
};
use serde_json::json;
use tokio::time::advance;

use crate::support::{api, from_json, http, url};

#[tokio::test(start_paused = true)]
async fn translations_run_per_language_with_captions() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let languages = client
        .video_translations()
        .languages()
        .await
        .unwrap()
        .languages;
    assert!(languages.iter().any(|l| l == "Spanish"));
    let request: CreateVideoTranslationRequest = from_json(
        json!({"video": {"type": "url", "url": "https://example.com/talk.mp4"}, "output_languages": ["Spanish", "german"], "title": "Talk", "enable_caption": true}),
    );
    let ids = client
        .video_translations()
        .create(request)
        .await
        .unwrap()
        .video_translation_ids;
    assert_eq!(ids.len(), 2);
    let translation = client.video_translations().get(&ids[0]).await.unwrap();
    assert_eq!(
        (translation.status, translation.output_language.as_deref()),
        (VideoTranslationStatus::Pending, Some("Spanish"))
    );
    advance(Duration::from_secs(1)).await;
    assert_eq!(
        client
            .video_translations()
            .get(&ids[1])
            .await
            .unwrap()
            .status,
        VideoTranslationStatus::Running
    );
    // Caption URLs are fields of the translation once it is done; the old caption call is a
    // shim onto them that names them while they are missing.
    #[allow(deprecated)]
    let early = client
        .video_translations()
        .caption(&ids[0], CaptionFormat::Vtt)
        .await
        .unwrap_err();
    assert!(
        matches!(&early, Error::OperationRemoved { operation: "getVideoTranslationCaptionV3", instead } if instead.contains("vtt_caption_url")),
        "{early:?}"
    );
    advance(Duration::from_secs(2)).await;
    let done = client.video_translations().get(&ids[1]).await.unwrap();
    assert_eq!(
        (done.status, done.output_language.as_deref()),
        (VideoTranslationStatus::Completed, Some("German"))
    );
    assert!(done.video_url.is_some());
    assert!(done.srt_caption_url.as_deref().unwrap().ends_with(".srt"));
    let vtt = done.vtt_caption_url.clone().unwrap();
    assert!(vtt.ends_with(".vtt"));
    #[allow(deprecated)]
    let caption = client
        .video_translations()
        .caption(&ids[1], CaptionFormat::Vtt)
        .await
        .unwrap();
    assert_eq!(caption.caption_url, vtt);
    assert!(
        !sim.requests().iter().any(|r| r.path.ends_with("/caption")),
        "the removed endpoint is never called"
    );

    let renamed = client
        .video_translations()
        .update(
            &ids[0],
            UpdateVideoTranslationRequest {
                title: "Charla".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.title.as_deref(), Some("Charla"));
    assert_eq!(
        client
            .video_translations()
            .list()
            .collect()
            .await
            .unwrap()
            .len(),
        2
    );
    client.video_translations().delete(&ids[0]).await.unwrap();
    assert_eq!(
        api(&client.video_translations().get(&ids[0]).await.unwrap_err()).status,
        404
    );

    let bad: CreateVideoTranslationRequest = from_json(
        json!({"video": {"type": "url", "url": "https://example.com/talk.mp4"}, "output_languages": ["Klingon"]}),
    );
    assert_eq!(
        api(&client.video_translations().create(bad).await.unwrap_err())
            .param
            .as_deref(),
        Some("output_languages")
    );
}

#[tokio::test(start_paused = true)]
async fn a_proofread_completes_then_generates_a_translation() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let request: CreateProofreadRequest = from_json(json!({
        "video": {"type": "url", "url": "https://example.com/talk.mp4"}, "output_languages": ["French"], "title": "Proof"
    }));
    let created = client
        .video_translations()
        .create_proofread(request)
        .await
        .unwrap();
    assert_eq!(created.status, ProofreadStatus::Processing);
    let id = &created.proofread_ids[0];
    assert_eq!(
        client
            .video_translations()
            .get_proofread(id)
            .await
            .unwrap()
            .status,
        ProofreadStatus::Processing
    );
    advance(Timeline::default().total()).await;
    let proofread = client.video_translations().get_proofread(id).await.unwrap();
    assert_eq!(
        (proofread.status, proofread.submitted_for_review),
        (ProofreadStatus::Completed, Some(false))
    );
    let srt = client
        .video_translations()
        .download_proofread_srt(id)
        .await
        .unwrap();
    assert!(
        http()
            .get(&srt.srt_url)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("-->")
    );
    let upload = heygen_sdk::types::UploadSrtRequest {
        srt: url("https://example.com/fixed.srt"),
    };
    client
        .video_translations()
        .upload_proofread_srt(id, upload)
        .await
        .unwrap();
    let generated = client
        .video_translations()
        .generate_from_proofread(id, from_json::<GenerateVideoRequest>(json!({})))
        .await
        .unwrap();
    advance(Timeline::default().total()).await;
    let translation = client
        .video_translations()
        .get(&generated.video_translation_id)
        .await
        .unwrap();
    assert_eq!(
        (translation.status, translation.output_language.as_deref()),
        (VideoTranslationStatus::Completed, Some("French"))
    );
    assert_eq!(
        client
            .video_translations()
            .get_proofread(id)
            .await
            .unwrap()
            .submitted_for_review,
        Some(true)
    );
}
