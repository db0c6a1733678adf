//! `heygen_sdk::webhooks::Event`: the deliveries of HeyGen's guide "Using HeyGen's Webhook Events",
//! missing and extra fields, unknown event types, refused bodies, and the simulator's listed
//! events typed.
#![cfg(feature = "testing")]

use heygen_sdk::Client;
use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::{AssetReference, CreateVideoFromAvatar, CreateVideoTranslationRequest};
use heygen_sdk::webhooks::{Event, EventType, Payload};
use serde_json::{Value, json};

fn parse(body: Value) -> Event {
    Event::parse(body.to_string().as_bytes()).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[test]
fn the_guides_video_deliveries_are_typed() {
    let event = parse(json!({"event_type": "avatar_video.success",
        "event_data": {"video_id": "v1", "url": "https://files/v1.mp4", "callback_id": "c1"}}));
    assert_eq!(event.event_type, EventType::AvatarVideoSuccess);
    assert_eq!(event.succeeded(), Some(true));
    let Payload::Video(video) = &event.payload else {
        panic!("{event:?}")
    };
    assert_eq!(video.video_id.as_deref(), Some("v1"));
    assert_eq!(video.url.as_deref(), Some("https://files/v1.mp4"));
    assert_eq!(video.msg, None);
    assert!(video.extra.is_empty());
    assert_eq!(
        (event.job_id(), event.callback_id()),
        (Some("v1"), Some("c1"))
    );

    let event = parse(json!({"event_type": "avatar_video.fail",
        "event_data": {"video_id": "v2", "msg": "Avatar not found", "callback_id": "c2"}}));
    assert_eq!(event.succeeded(), Some(false));
    let Payload::Video(video) = &event.payload else {
        panic!("{event:?}")
    };
    assert_eq!(video.msg.as_deref(), Some("Avatar not found"));
    assert_eq!(video.url, None);

    // The GIF events carry the video payload, the GIF's URL in `url`.
    let event = parse(json!({"event_type": "avatar_video_gif.success",
        "event_data": {"video_id": "v3", "url": "https://files/v3.gif"}}));
    assert_eq!(event.event_type, EventType::AvatarVideoGifSuccess);
    assert!(
        matches!(&event.payload, Payload::Video(v) if v.url.as_deref() == Some("https://files/v3.gif"))
    );
}

#[test]
fn the_guides_translation_and_personalized_deliveries_are_typed() {
    let event = parse(
        json!({"event_type": "video_translate.success", "event_data": {
        "video_translate_id": "t1", "url": "https://files/t1.mp4", "callback_id": "c1",
        "output_language": "French"}}),
    );
    let Payload::Translation(translation) = &event.payload else {
        panic!("{event:?}")
    };
    assert_eq!(translation.video_translate_id.as_deref(), Some("t1"));
    assert_eq!(translation.url.as_deref(), Some("https://files/t1.mp4"));
    assert_eq!(translation.output_language.as_deref(), Some("French"));
    assert_eq!(event.job_id(), Some("t1"));

    let event = parse(json!({"event_type": "video_translate.fail", "event_data": {
        "video_translate_id": "t2", "message": "No speech detected", "callback_id": "c2",
        "output_language": "German"}}));
    assert_eq!(event.event_type, EventType::VideoTranslateFail);
    let Payload::Translation(translation) = &event.payload else {
        panic!("{event:?}")
    };
    assert_eq!(translation.message.as_deref(), Some("No speech detected"));
    assert_eq!(event.callback_id(), Some("c2"));

    let event = parse(json!({"event_type": "personalized_video", "event_data": {
        "project_id": "p1", "video_id": "v1", "video_url": "https://files/v1.mp4",
        "landing_page_url": "https://lp/v1", "gif_url": "https://files/v1.gif",
        "gif_html": "<img src=\"https://files/v1.gif\">",
        "contact_info": {"email": "a@example.com"}}}));
    assert_eq!(event.succeeded(), None);
    let Payload::PersonalizedVideo(video) = &event.payload else {
        panic!("{event:?}")
    };
    assert_eq!(video.project_id.as_deref(), Some("p1"));
    assert_eq!(video.landing_page_url.as_deref(), Some("https://lp/v1"));
    assert_eq!(
        video.gif_html.as_deref(),
        Some("<img src=\"https://files/v1.gif\">")
    );
    assert_eq!(video.contact_info, Some(json!({"email": "a@example.com"})));
    assert_eq!(event.job_id(), Some("v1"));
}

#[test]
fn video_agent_deliveries_read_the_session_and_its_video() {
    let event = parse(json!({"event_type": "video_agent.success",
        "event_data": {"session_id": "s1", "video_id": "v1", "status": "completed"}}));
    let Payload::VideoAgent(agent) = &event.payload else {
        panic!("{event:?}")
    };
    assert_eq!(agent.session_id.as_deref(), Some("s1"));
    assert_eq!(agent.video_id.as_deref(), Some("v1"));
    assert_eq!(agent.extra.get("status"), Some(&json!("completed")));
    assert_eq!(event.job_id(), Some("s1"));
}

#[test]
fn missing_and_extra_fields_unknown_types_and_other_families_all_parse() {
    // Every typed field may be missing; `event_data` too.
    let event = parse(json!({"event_type": "avatar_video.success", "event_data": {}}));
    assert!(matches!(&event.payload, Payload::Video(v) if v.video_id.is_none() && v.url.is_none()));
    let event = parse(json!({"event_type": "video_translate.fail"}));
    assert!(matches!(&event.payload, Payload::Translation(t) if t.video_translate_id.is_none()));

    // Extra fields are kept, and the whole body stays in `raw`.
    let body = json!({"event_type": "avatar_video.success", "event_id": "evt_1",
        "created_at": "2026-04-01T12:00:00Z",
        "event_data": {"video_id": "v1", "duration": 12.5, "thumbnail_url": "https://t"}});
    let event = parse(body.clone());
    assert_eq!(event.event_id.as_deref(), Some("evt_1"));
    assert_eq!(event.raw, body);
    let Payload::Video(video) = &event.payload else {
        panic!("{event:?}")
    };
    assert_eq!(video.extra.get("duration"), Some(&json!(12.5)));
    assert_eq!(video.extra.get("thumbnail_url"), Some(&json!("https://t")));

    // A type this SDK does not know: `Unknown`, its data as delivered.
    let event =
        parse(json!({"event_type": "hologram.success", "event_data": {"hologram_id": "h1"}}));
    assert_eq!(
        event.event_type,
        EventType::Unknown("hologram.success".into())
    );
    assert_eq!(event.succeeded(), Some(true));
    assert!(matches!(&event.payload, Payload::Other(data) if data["hologram_id"] == "h1"));
    assert_eq!(event.job_id(), None);

    // A new outcome of a known family keeps the family's payload.
    let event = parse(
        json!({"event_type": "video_translate.preflight.validation_failed",
        "event_data": {"video_translate_id": "t9", "message": "too long"}}),
    );
    assert!(
        matches!(&event.payload, Payload::Translation(t) if t.message.as_deref() == Some("too long"))
    );

    // Families without a typed payload keep their data.
    let event = parse(json!({"event_type": "proofread_creation.success",
        "event_data": {"proofread_id": "p1", "callback_id": "c1"}}));
    assert_eq!(event.event_type, EventType::ProofreadCreationSuccess);
    assert!(matches!(&event.payload, Payload::Other(data) if data["proofread_id"] == "p1"));
    assert_eq!(event.callback_id(), Some("c1"));
}

#[test]
fn every_event_type_of_the_document_is_known_and_round_trips() {
    for name in EventType::KNOWN {
        let event = parse(json!({"event_type": name, "event_data": {}}));
        assert!(!event.event_type.is_unknown(), "{name}");
        assert_eq!(event.event_type.as_str(), *name);
    }
    for name in [
        "avatar_video.success",
        "avatar_video.fail",
        "avatar_video_gif.success",
        "avatar_video_gif.fail",
        "video_translate.success",
        "video_translate.fail",
        "personalized_video",
        "instant_avatar.success",
        "instant_avatar.fail",
        "photo_avatar_generation.success",
        "photo_avatar_train.fail",
        "photo_avatar_add_motion.success",
        "proofread_creation.fail",
        "live_avatar.success",
        "live_avatar.fail",
    ] {
        assert!(EventType::KNOWN.contains(&name), "{name}");
    }
}

#[test]
fn bodies_that_are_not_deliveries_are_refused_with_a_reason() {
    for (body, why) in [
        (&b"not json"[..], "not JSON"),
        (br#"[1, 2]"#, "not a JSON object"),
        (br#"{"event_data": {}}"#, "event_type"),
        (br#"{"event_type": 7}"#, "event_type"),
        (
            br#"{"event_type": "avatar_video.success", "event_data": [1]}"#,
            "event_data",
        ),
        (
            br#"{"event_type": "avatar_video.success", "event_data": {"video_id": 42}}"#,
            "avatar_video.success",
        ),
    ] {
        let error = Event::parse(body).unwrap_err();
        assert!(
            error.to_string().contains(why),
            "{error} for {}",
            String::from_utf8_lossy(body)
        );
    }
}

#[tokio::test(start_paused = true)]
async fn the_simulators_listed_events_convert_into_typed_events() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await;
    let client: Client = sim.client();
    let video = client
        .videos()
        .create_and_wait(
            CreateVideoFromAvatar::builder()
                .avatar_id(sim.avatar_id().unwrap().as_str())
                .voice_id(sim.voice_id().unwrap().as_str())
                .script("Hello")
                .callback_id("order-42"),
        )
        .await
        .unwrap();
    let translations = client
        .video_translations()
        .create_and_wait(
            CreateVideoTranslationRequest::builder()
                .video(AssetReference::url("https://example.com/talk.mp4"))
                .output_languages(vec!["French".to_string()])
                .callback_id("order-43"),
        )
        .await
        .unwrap();
    let listed = client.webhooks().list_events().collect().await.unwrap();
    let events: Vec<Event> = listed
        .into_iter()
        .map(|e| Event::try_from(e).unwrap())
        .collect();
    let of_video = events
        .iter()
        .find(|e| e.job_id() == Some(video.id.as_str()))
        .expect("an event for the video");
    assert_eq!(of_video.event_type, EventType::AvatarVideoSuccess);
    assert!(of_video.event_id.is_some());
    assert_eq!(of_video.callback_id(), Some("order-42"));
    let Payload::Video(data) = &of_video.payload else {
        panic!("{of_video:?}")
    };
    assert_eq!(data.url, video.video_url);
    let of_translation = events
        .iter()
        .find(|e| e.job_id() == Some(translations[0].id.as_str()))
        .expect("an event for the translation");
    assert_eq!(of_translation.event_type, EventType::VideoTranslateSuccess);
    let Payload::Translation(data) = &of_translation.payload else {
        panic!("{of_translation:?}")
    };
    assert_eq!(data.output_language.as_deref(), Some("French"));
    assert_eq!(data.callback_id.as_deref(), Some("order-43"));
    assert!(data.url.is_some());
}

#[tokio::test(start_paused = true)]
async fn a_failed_video_is_delivered_with_its_message() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .fail_jobs(true)
        .start()
        .await;
    let client = sim.client();
    let error = client
        .videos()
        .create_and_wait(
            CreateVideoFromAvatar::builder()
                .avatar_id(sim.avatar_id().unwrap().as_str())
                .voice_id(sim.voice_id().unwrap().as_str())
                .script("Hello"),
        )
        .await
        .unwrap_err();
    let video_id = error.job_ids()[0].to_string();
    let listed = client.webhooks().list_events().collect().await.unwrap();
    let event = Event::try_from(listed[0].clone()).unwrap();
    assert_eq!(event.event_type, EventType::AvatarVideoFail);
    assert_eq!(event.job_id(), Some(video_id.as_str()));
    assert!(
        matches!(&event.payload, Payload::Video(v) if v.msg.as_deref().is_some_and(|m| !m.is_empty()))
    );
}
