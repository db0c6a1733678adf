//! More resources against the simulator: templates (read, rendered, waited on), brand kits
//! and glossaries, audio sounds, voice cloning and a voice's details and deletion, and avatar
//! group and look deletion; with their 404s, request checks, and path ids refused before
//! sending.
//!
//! `cargo test -p heygen-sdk --features testing --test new_resources`.
#![cfg(feature = "testing")]

use std::time::Duration;

use heygen_sdk::Error;
use heygen_sdk::testing::{Fault, FaultRule, ResourceKind, Simulator};
use heygen_sdk::types::{
    AssetInput, CloneVoiceRequest, CreateAvatarRequestBody, CreateVideoFromAvatar,
    CreateVideoV3RequestBody, GenerateTemplateVideoRequest, GeneratedVideoStatus,
    GetVoiceResponseStatus, ListAudioSoundsType, VideoStatus,
};
use heygen_sdk::wait::WaitOptions;
use serde_json::{Map, Value, json};

/// The status, code and `param` of an API error.
fn status(error: &Error) -> Option<(u16, String, Option<String>)> {
    error.api().map(|api| {
        let code = api.code.clone().unwrap_or_default();
        (api.status, code, api.param.clone())
    })
}

fn param(error: &Error) -> Option<String> {
    status(error).and_then(|(_, _, param)| param)
}

fn variables(value: Value) -> Map<String, Value> {
    serde_json::from_value(value).expect("an object")
}

fn refused(error: &Error, field: &str) -> bool {
    matches!(error, Error::InvalidRequest { field: Some(f), .. } if f == field)
}

// ---- templates ----

#[tokio::test(start_paused = true)]
async fn templates_are_listed_read_and_rendered_into_a_video_waited_on() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let templates = client.templates().list().collect().await.unwrap();
    assert_eq!(templates.len(), 2);
    let template = client.templates().get(&templates[0].id).await.unwrap();
    assert_eq!(template.name, templates[0].name);
    assert_eq!(template.scene_ids.len(), template.scenes.len());
    let headline = &template.variables["headline"];
    assert_eq!(headline["type"], "text");

    // The default variables, edited, are what the generate request takes.
    let mut edited = template.variables.clone();
    edited["headline"]["properties"]["content"] = json!("Meet the new thing");
    let request = GenerateTemplateVideoRequest::builder()
        .variables(edited)
        .scene_ids(vec![
            template.scene_ids[0].clone(),
            template.scene_ids[0].clone(),
        ])
        .title("Launch");
    let generated = client
        .templates()
        .generate(&template.id, request)
        .await
        .unwrap();
    assert_eq!(generated.status, GeneratedVideoStatus::Pending);
    assert_eq!(generated.title.as_deref(), Some("Launch"));
    // The rendered video is a video: `videos()` sees it progress.
    let video = client.videos().get(&generated.id).await.unwrap();
    assert_eq!(video.status, VideoStatus::Pending);

    let request = GenerateTemplateVideoRequest::builder().variables(variables(json!({
        "first_name": {"type": "text", "properties": {"content": "Ada"}}
    })));
    let options = WaitOptions::new().min_delay(Duration::from_secs(1));
    let video = client
        .templates()
        .generate_and_wait_with("sim_template_welcome", request, &options)
        .await
        .unwrap();
    assert_eq!(video.status, VideoStatus::Completed);
    assert!(video.video_url.is_some());
    assert_eq!(video.duration, Some(6.0), "one scene of six seconds");
    assert_eq!(video.title.as_deref(), Some("Personal welcome"));
    let first = client.videos().get(&generated.id).await.unwrap();
    assert_eq!(first.duration, Some(12.0), "two scenes");
}

#[tokio::test(start_paused = true)]
async fn a_template_video_that_fails_is_job_failed_naming_the_video() {
    let sim = Simulator::builder().fail_jobs(true).start().await;
    let request = GenerateTemplateVideoRequest::builder().variables(Map::new());
    let error = sim
        .client()
        .templates()
        .generate_and_wait("sim_template_welcome", request)
        .await
        .unwrap_err();
    match error {
        Error::JobFailed {
            kind, id, message, ..
        } => {
            assert_eq!(kind, "video");
            assert_eq!(sim.requests()[1].path, format!("/v3/videos/{id}"));
            assert!(message.is_some());
        }
        other => panic!("expected JobFailed, got {other:?}"),
    }
    assert_eq!(sim.count(ResourceKind::Video), 1);
}

#[tokio::test]
async fn template_requests_are_checked_and_unknown_templates_are_404() {
    let sim = Simulator::start().await;
    let templates = sim.client().templates();
    let id = "sim_template_announcement";
    let generate = |body: Value| {
        let templates = templates.clone();
        async move {
            let request: GenerateTemplateVideoRequest = serde_json::from_value(body).unwrap();
            templates.generate(id, request).await.unwrap_err()
        }
    };
    let cases = [
        (
            json!({"variables": {"nope": {"type": "text", "properties": {"content": "x"}}}}),
            "variables.nope",
        ),
        (
            json!({"variables": {"headline": {"type": "image", "properties": {"url": "https://e.com/a.png"}}}}),
            "variables.headline.type",
        ),
        (
            json!({"variables": {"presenter": {"type": "character", "properties": {"character_id": "ghost"}}}}),
            "variables.presenter.properties.character_id",
        ),
        (
            json!({"variables": {"background": {"properties": {}}}}),
            "variables.background.properties.url",
        ),
        (
            json!({"variables": {}, "scene_ids": ["scene_nope"]}),
            "scene_ids[0]",
        ),
        (json!({"variables": {}, "fps": 24}), "fps"),
        (
            json!({"variables": {}, "dimension": {"width": 1080, "height": 1920}}),
            "dimension",
        ),
    ];
    for (body, expected) in cases {
        let error = generate(body.clone()).await;
        assert_eq!(
            param(&error).as_deref(),
            Some(expected),
            "{body}: {error:?}"
        );
    }
    let error = templates.get("no_such_template").await.unwrap_err();
    assert_eq!(status(&error).map(|s| s.0), Some(404));
    let empty = GenerateTemplateVideoRequest::builder().variables(Map::new());
    let error = templates
        .generate("no_such_template", empty)
        .await
        .unwrap_err();
    assert_eq!(status(&error).map(|s| s.0), Some(404));
    assert_eq!(sim.count(ResourceKind::Video), 0);

    let before = sim.requests().len();
    for id in ["", ".", ".."] {
        assert!(refused(
            &templates.get(id).await.unwrap_err(),
            "template_id"
        ));
        let empty = GenerateTemplateVideoRequest::builder().variables(Map::new());
        let error = templates.generate_and_wait(id, empty).await.unwrap_err();
        assert!(refused(&error, "template_id"), "{error:?}");
    }
    // A builder missing the required `variables` is refused before sending too.
    let error = templates
        .generate(id, GenerateTemplateVideoRequest::builder().title("x"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(sim.requests().len(), before);
}

// ---- brand kits, glossaries, audio ----

#[tokio::test(start_paused = true)]
async fn brand_kits_and_glossaries_are_listed_page_by_page() {
    let sim = Simulator::start().await;
    let brand = sim.client().brand_kits();
    let kits = brand.list_with(|r| r.limit(1u64)).collect().await.unwrap();
    assert_eq!(kits.len(), 2);
    assert!(kits.iter().all(|k| !k.colors.is_empty()));
    let glossaries = brand.list_glossaries().collect().await.unwrap();
    assert_eq!(glossaries.len(), 2);
    let pages = sim
        .requests()
        .iter()
        .filter(|r| r.path == "/v3/brand-kits")
        .count();
    assert_eq!(pages, 2, "one page per kit at limit 1");

    // A 503 on the way is retried like any GET; the journal has both.
    sim.inject(FaultRule::new(Fault::Status(503)).path("/v3/brand-glossaries"));
    assert_eq!(brand.list_glossaries().collect().await.unwrap().len(), 2);
    let statuses: Vec<Option<u16>> = sim
        .requests()
        .iter()
        .filter(|r| r.path == "/v3/brand-glossaries")
        .map(|r| r.status)
        .collect();
    assert_eq!(statuses, [Some(200), Some(503), Some(200)]);

    let error = brand
        .list_with(|r| r.limit(500u64))
        .first_page()
        .await
        .unwrap_err();
    assert_eq!(param(&error).as_deref(), Some("limit"));
}

#[tokio::test]
async fn audio_sounds_are_searched_by_description() {
    let sim = Simulator::start().await;
    let audio = sim.client().audio();
    let music = audio
        .list_sounds("tense cinematic riser")
        .collect()
        .await
        .unwrap();
    assert_eq!(music[0].name, "Night Drive");
    assert!(music.iter().all(|s| s.type_ == ListAudioSoundsType::Music));
    assert!(music.windows(2).all(|w| w[0].score >= w[1].score));
    assert!(music.iter().all(|s| s.score >= 0.7));

    let effects = audio
        .list_sounds_with("cinematic riser", |r| {
            r.type_(ListAudioSoundsType::SoundEffects)
        })
        .collect()
        .await
        .unwrap();
    assert_eq!(effects[0].name, "Rise Up");
    assert_eq!(effects[0].placement.as_deref(), Some("riser"));
    let everything = audio
        .list_sounds_with("zzz", |r| r.min_score(0.0).limit(2u64))
        .collect()
        .await
        .unwrap();
    assert_eq!(everything.len(), 4, "every music track, two pages");

    let error = audio
        .list_sounds_with("music", |r| r.min_score(2.0))
        .first_page()
        .await
        .unwrap_err();
    assert_eq!(param(&error).as_deref(), Some("min_score"));
    let before = sim.requests().len();
    let error = audio.list_sounds("  ").first_page().await.unwrap_err();
    assert!(refused(&error, "query"), "{error:?}");
    assert_eq!(sim.requests().len(), before, "a blank query is not sent");
}

// ---- voices ----

fn clone_request(name: &str) -> CloneVoiceRequest {
    CloneVoiceRequest::try_from(
        CloneVoiceRequest::builder()
            .audio(AssetInput::url("https://example.com/reading.mp3"))
            .voice_name(name),
    )
    .expect("a complete request")
}

#[tokio::test(start_paused = true)]
async fn a_voice_is_cloned_waited_on_used_and_deleted() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let voices = client.voices();
    let clone_id = voices
        .clone_voice(clone_request("Narrator"))
        .await
        .unwrap()
        .voice_clone_id;
    let cloning = voices.get(&clone_id).await.unwrap();
    assert_eq!(cloning.status, Some(GetVoiceResponseStatus::Processing));
    assert!(cloning.preview_audio_url.is_none());

    // Not usable until cloned.
    let video = |voice: &str| {
        CreateVideoV3RequestBody::try_from(
            CreateVideoFromAvatar::builder()
                .avatar_id(sim.avatar_id().unwrap())
                .voice_id(voice)
                .script("Hello in my own voice."),
        )
        .unwrap()
    };
    let early = client.videos().create(video(&clone_id)).await.unwrap_err();
    assert_eq!(param(&early).as_deref(), Some("voice_id"));

    let ready = voices.wait(&clone_id).await.unwrap();
    assert_eq!(ready.status, Some(GetVoiceResponseStatus::Complete));
    assert_eq!(ready.name.as_deref(), Some("Narrator"));
    assert!(ready.preview_audio_url.is_some());
    client.videos().create(video(&clone_id)).await.unwrap();

    assert_eq!(voices.delete(&clone_id).await.unwrap().voice_id, clone_id);
    let gone = voices.get(&clone_id).await.unwrap_err();
    assert_eq!(
        status(&gone),
        Some((404, "voice_not_found".into(), None)),
        "{gone:?}"
    );
    let again = voices.delete(&clone_id).await.unwrap_err();
    assert_eq!(status(&again).map(|s| s.0), Some(404));
}

#[tokio::test(start_paused = true)]
async fn clone_voice_and_wait_and_a_failed_clone() {
    let sim = Simulator::start().await;
    let voices = sim.client().voices();
    let voice = voices
        .clone_voice_and_wait(clone_request("Twin"))
        .await
        .unwrap();
    assert_eq!(voice.status, Some(GetVoiceResponseStatus::Complete));
    assert_eq!(sim.count(ResourceKind::VoiceClone), 1);

    sim.fail_jobs(true);
    let error = voices
        .clone_voice_and_wait(clone_request("Broken"))
        .await
        .unwrap_err();
    match error {
        Error::JobFailed {
            kind, id, message, ..
        } => {
            assert_eq!(kind, "voice_clone");
            assert_ne!(id, voice.voice_id);
            assert!(message.is_some_and(|m| m.contains("fail_jobs")));
        }
        other => panic!("expected JobFailed, got {other:?}"),
    }
}

#[tokio::test]
async fn stock_voices_are_ready_and_not_deletable_and_requests_are_checked() {
    let sim = Simulator::start().await;
    let voices = sim.client().voices();
    let stock = sim.voice_id().unwrap();
    let voice = voices.get(&stock).await.unwrap();
    assert_eq!(
        (voice.status, voice.voice_id.as_str()),
        (None, stock.as_str())
    );
    // A voice without a clone status is ready: one poll.
    voices.wait(&stock).await.unwrap();
    let error = voices.delete(&stock).await.unwrap_err();
    assert_eq!(
        status(&error),
        Some((400, "invalid_parameter".into(), Some("voice_id".into())))
    );
    let error = voices.clone_voice(clone_request("  ")).await.unwrap_err();
    assert_eq!(param(&error).as_deref(), Some("voice_name"));
    let mut unknown_asset = clone_request("X");
    unknown_asset.audio = AssetInput::asset_id("no_such_asset");
    let error = voices.clone_voice(unknown_asset).await.unwrap_err();
    assert_eq!(param(&error).as_deref(), Some("audio.asset_id"));
    assert_eq!(sim.count(ResourceKind::VoiceClone), 0);

    let before = sim.requests().len();
    for id in ["", "."] {
        assert!(refused(&voices.get(id).await.unwrap_err(), "voice_id"));
        assert!(refused(&voices.delete(id).await.unwrap_err(), "voice_id"));
    }
    assert_eq!(sim.requests().len(), before);
}

// ---- avatars ----

async fn photo_avatar(client: &heygen_sdk::Client, group: Option<&str>) -> (String, String) {
    let mut body = json!({
        "type": "photo", "name": "Me",
        "file": {"type": "url", "url": "https://example.com/me.png"}
    });
    if let Some(group) = group {
        body["avatar_group_id"] = json!(group);
    }
    let request: CreateAvatarRequestBody = serde_json::from_value(body).unwrap();
    let created = client.avatars().create(request).await.unwrap();
    (
        created.avatar_group.unwrap().id,
        created.avatar_item.unwrap().id,
    )
}

#[tokio::test]
async fn avatar_groups_and_looks_are_deleted() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let avatars = client.avatars();

    // A group goes with its looks.
    let (group, first) = photo_avatar(&client, None).await;
    let (_, second) = photo_avatar(&client, Some(&group)).await;
    assert_eq!(avatars.delete(&group).await.unwrap().id, group);
    for look in [&first, &second] {
        let error = avatars.get_look(look).await.unwrap_err();
        assert_eq!(status(&error).map(|s| s.0), Some(404));
    }

    // A group's last look takes the group with it; not before.
    let (group, first) = photo_avatar(&client, None).await;
    let (_, second) = photo_avatar(&client, Some(&group)).await;
    assert_eq!(avatars.delete_look(&first).await.unwrap().id, first);
    assert_eq!(avatars.get(&group).await.unwrap().looks_count, 1);
    avatars.delete_look(&second).await.unwrap();
    let error = avatars.get(&group).await.unwrap_err();
    assert_eq!(status(&error).map(|s| s.0), Some(404));
    assert_eq!(sim.count(ResourceKind::Avatar), 0);

    // Seeded avatars are not the account's to delete; unknown ids are 404.
    let seeded_look = sim.avatar_id().unwrap();
    let seeded_group = avatars
        .get_look(&seeded_look)
        .await
        .unwrap()
        .group_id
        .unwrap();
    let error = avatars.delete(&seeded_group).await.unwrap_err();
    assert_eq!(param(&error).as_deref(), Some("group_id"));
    let error = avatars.delete_look(&seeded_look).await.unwrap_err();
    assert_eq!(param(&error).as_deref(), Some("look_id"));
    for error in [
        avatars.delete("no_such_group").await.unwrap_err(),
        avatars.delete_look("no_such_look").await.unwrap_err(),
    ] {
        assert_eq!(status(&error).map(|s| s.0), Some(404), "{error:?}");
    }

    let before = sim.requests().len();
    assert!(refused(
        &avatars.delete("..").await.unwrap_err(),
        "group_id"
    ));
    assert!(refused(
        &avatars.delete_look("").await.unwrap_err(),
        "look_id"
    ));
    assert_eq!(sim.requests().len(), before);
}
