//! Creates take the generated builder itself: one `?` in a function returning
//! `heygen_sdk::Result`, a builder's missing field refused before anything is sent, and every
//! create-like method of every resource fed a builder, on the simulator.
#![cfg(feature = "testing")]

use heygen_sdk::testing::{ResourceKind, Simulator, Timeline};
use heygen_sdk::types::{
    AssetInput, AssetReference, CreateLipsyncRequest, CreatePhotoAvatarRequest,
    CreateProofreadRequest, CreateVideoFromAvatar, CreateVideoFromImage, CreateVideoV3RequestBody,
    CreateWebhookEndpointRequest, TextToSpeechRequest, UpdateLipsyncRequest, VideoDetail,
    VideoStatus,
};
use heygen_sdk::wait::WaitOptions;
use heygen_sdk::{AssetInputExt, AssetReferenceExt, Client, Error};

async fn simulator() -> Simulator {
    Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await
}

/// The five lines, as a user writes them.
async fn first_video(
    client: &Client,
    avatar: &str,
    voice: &str,
) -> heygen_sdk::Result<VideoDetail> {
    let video = client
        .videos()
        .create_and_wait(
            CreateVideoFromAvatar::builder()
                .avatar_id(avatar)
                .voice_id(voice)
                .script("Hello"),
        )
        .await?;
    Ok(video)
}

#[tokio::test(start_paused = true)]
async fn a_first_video_is_one_call_and_one_question_mark() {
    let sim = Simulator::start().await;
    let (avatar, voice) = (sim.avatar_id().unwrap(), sim.voice_id().unwrap());
    let video = first_video(&sim.client(), &avatar, &voice).await.unwrap();
    assert_eq!(video.status, VideoStatus::Completed);
    assert!(video.video_url.is_some());
    let create = sim
        .requests()
        .into_iter()
        .find(|r| r.method == "POST")
        .unwrap();
    let body = create.body.unwrap();
    assert_eq!(
        (
            &body["type"],
            &body["avatar_id"],
            &body["voice_id"],
            &body["script"]
        ),
        (
            &serde_json::json!("avatar"),
            &serde_json::json!(avatar),
            &serde_json::json!(voice),
            &serde_json::json!("Hello")
        )
    );
}

#[tokio::test]
async fn a_builder_missing_a_field_or_breaking_a_constraint_is_refused_before_sending() {
    let sim = simulator().await;
    let client = sim.client();
    let error = client
        .videos()
        .create(
            CreateVideoFromAvatar::builder()
                .voice_id("v")
                .script("Hello"),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "avatar_id"),
        "{error:?}"
    );
    let error = client
        .videos()
        .create_and_wait(
            CreateVideoFromAvatar::builder()
                .avatar_id("a")
                .voice_id("v")
                .script(""),
        )
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "script"),
        "{error:?}"
    );
    assert!(error.job_ids().is_empty(), "no job was created: {error:?}");
    // A path id is checked before the body.
    let error = client
        .lipsyncs()
        .update("..", UpdateLipsyncRequest::builder())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "lipsync_id"),
        "{error:?}"
    );
    assert!(sim.requests().is_empty(), "{:?}", sim.requests());
}

#[tokio::test(start_paused = true)]
async fn the_builder_the_member_and_the_union_are_all_accepted() {
    let sim = simulator().await;
    let client = sim.client();
    let (avatar, voice) = (sim.avatar_id().unwrap(), sim.voice_id().unwrap());
    let builder = || {
        CreateVideoFromAvatar::builder()
            .avatar_id(avatar.as_str())
            .voice_id(voice.as_str())
            .script("Hello")
    };
    let member = CreateVideoFromAvatar::try_from(builder()).unwrap();
    let union = CreateVideoV3RequestBody::from(member.clone());
    client.videos().create(builder()).await.unwrap();
    client.videos().create(member).await.unwrap();
    client.videos().create(union).await.unwrap();
    assert_eq!(sim.count(ResourceKind::Video), 3);
}

#[tokio::test(start_paused = true)]
async fn an_error_after_the_create_names_the_new_job() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .fail_jobs(true)
        .start()
        .await;
    let error = first_video(
        &sim.client(),
        &sim.avatar_id().unwrap(),
        &sim.voice_id().unwrap(),
    )
    .await
    .unwrap_err();
    let created = sim.requests()[0].clone();
    assert_eq!(created.method, "POST");
    assert!(
        matches!(&error, Error::JobFailed { kind: "video", .. }),
        "{error:?}"
    );
    let id = error.job_ids()[0].to_string();
    assert_eq!(sim.client().videos().get(&id).await.unwrap().id, id);
}

#[tokio::test(start_paused = true)]
async fn an_image_video_from_an_uploaded_asset_with_options() {
    let sim = simulator().await;
    let client = sim.client();
    let asset = client
        .assets()
        .upload_bytes("face.png", None, b"\x89PNG\r\n\x1a\nface".to_vec())
        .await
        .unwrap();
    let seen = std::sync::Arc::new(std::sync::atomic::AtomicU32::new(0));
    let polls = seen.clone();
    let options = WaitOptions::new().on_progress(move |_| {
        polls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    });
    let video = client
        .videos()
        .create_and_wait_with(
            CreateVideoFromImage::builder()
                .image(AssetInput::asset_id(&asset.asset_id))
                .voice_id(sim.voice_id().unwrap().as_str())
                .script("Hello from a photo"),
            &options,
        )
        .await
        .unwrap();
    assert_eq!(video.status, VideoStatus::Completed);
    assert!(seen.load(std::sync::atomic::Ordering::Relaxed) >= 1);
}

#[tokio::test(start_paused = true)]
async fn every_create_like_method_takes_a_builder() {
    let sim = simulator().await;
    let client = sim.client();
    let video = AssetReference::url("https://example.com/talk.mp4");
    let audio = AssetReference::url("https://example.com/voice.mp3");

    let lipsync = client
        .lipsyncs()
        .create_and_wait(
            CreateLipsyncRequest::builder()
                .video(video.clone())
                .audio(audio)
                .title("dub"),
        )
        .await
        .unwrap();
    let renamed = client
        .lipsyncs()
        .update(
            &lipsync.id,
            UpdateLipsyncRequest::builder().title("renamed"),
        )
        .await
        .unwrap();
    assert_eq!(renamed.title.as_deref(), Some("renamed"));

    let proofreads = client
        .video_translations()
        .create_proofread_and_wait(
            CreateProofreadRequest::builder()
                .video(video)
                .output_languages(vec!["French".to_string()])
                .title("talk"),
        )
        .await
        .unwrap();
    assert_eq!(proofreads.len(), 1);

    let endpoint = client
        .webhooks()
        .create_endpoint(CreateWebhookEndpointRequest::builder().url("https://example.com/hooks"))
        .await
        .unwrap();
    assert!(endpoint.secret.is_some_and(|s| !s.is_empty()));

    let speech = client
        .voices()
        .create_speech(
            TextToSpeechRequest::builder()
                .text("Hello")
                .voice_id(sim.voice_id().unwrap().as_str()),
        )
        .await
        .unwrap();
    assert!(!speech.audio_url.is_empty());

    let avatar = client
        .avatars()
        .create(
            CreatePhotoAvatarRequest::builder()
                .name("Me")
                .file(AssetInput::url("https://example.com/me.jpg")),
        )
        .await
        .unwrap();
    assert!(avatar.avatar_item.is_some() || avatar.avatar_group.is_some());
}
