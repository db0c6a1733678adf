//! Simulator contract (issue 7): a scripted session through the SDK against
//! `heygen_sdk::testing::Simulator` covering every v3 operation of the document — jobs seen in each
//! of their statuses, uploads, deletes, and the error statuses 400, 401, 404 and 429 — with a
//! recording proxy between the client and the simulator. Every raw response body is validated
//! with `jsonschema` against the document's response schema for its operation and status; a
//! status the document does not list for the operation fails; every top-level member must be
//! one the response schema declares, and a success must carry `data` (an error, `error`) —
//! what JSON Schema alone cannot see in envelopes that require nothing. The session's requests
//! are checked against the document too; a status the document lists without content (after
//! the overlay's corrections) must come with an empty body. The v3 operations the simulator
//! does not serve yet would be listed in [`NOT_SIMULATED`]; any other v3 operation not served
//! fails the test, and so does a listed one that starts being served (update the list). The
//! v1/v2 operations are probed and listed.

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use heygen_contract_tests::calls::{Input, ways};
use heygen_contract_tests::recorder::{Exchange, Recorder};
use heygen_contract_tests::wire::{check, route};
use heygen_contract_tests::{Operation, Spec, Synth, validate, validate_envelope};
use heygen_sdk::resources::assets::UploadOptions;
use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::SearchAssetsType;
use heygen_sdk::types::{
    CloneVoiceRequest, CreateAiClippingRequest, CreateAvatarConsentRequest,
    CreateAvatarRequestBody, CreateBackgroundRemovalRequest, CreateLipsyncBatchRequest,
    CreateLipsyncRequest, CreateProofreadRequest, CreateVideoAgentRequest, CreateVideoBatchRequest,
    CreateVideoTranslationBatchRequest, CreateVideoTranslationRequest, CreateVideoV3RequestBody,
    CreateWebhookEndpointRequest, DesignVoiceRequest, GenerateTemplateVideoRequest,
    GenerateVideoRequest, SendMessageRequest, StopSessionRequest, TextToSpeechRequest,
    UpdateAvatarLookRequest, UpdateLipsyncRequest, UpdateVideoTranslationRequest,
    UpdateWebhookEndpointRequest, UploadSrtRequest,
};
use heygen_sdk::wait::WaitOptions;
use heygen_sdk::{Client, Error};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use tokio::time::advance;

/// v3 operations of the pinned document the simulator does not serve yet: none (the asset
/// upload batches, the last, are served since); an operation a new document adds goes here
/// until the simulator serves it, answering 501 `not_simulated` meanwhile.
const NOT_SIMULATED: [&str; 0] = [];

fn spec() -> &'static Spec {
    Spec::shared().expect("the pinned OpenAPI document loads")
}

fn from_json<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("a valid request")
}

fn client(key: &str, base_url: &str) -> Client {
    Client::builder()
        .api_key(key)
        .base_url(base_url)
        .max_retries(0)
        .http_client(
            heygen_sdk::http_client_builder()
                .unwrap()
                .pool_idle_timeout(None)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap()
}

fn status_of(error: &Error) -> Option<u16> {
    error.api().map(|api| api.status)
}

/// The scripted session: every v3 operation, jobs polled through their statuses.
async fn session(sim: &Simulator, c: &Client) -> heygen_sdk::Result<()> {
    let pending = Timeline::default().pending;
    let total = Timeline::default().total();
    let (look_id, voice_id) = (sim.avatar_id().unwrap(), sim.voice_id().unwrap());

    // Account, assets, voices.
    c.users().me().await?;
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    let asset = c.assets().upload_bytes("face.png", None, png).await?;
    let mp3 = b"ID3\x04\x00\x00\x00\x00\x00\x00".to_vec();
    let audio = c.assets().upload_bytes("voice.mp3", None, mp3).await?;
    assets(c).await?;
    c.voices().list().first_page().await?;
    c.voices()
        .list_with(|r| r.limit(2u64).gender("male"))
        .first_page()
        .await?;
    let designed = c
        .voices()
        .design(from_json::<DesignVoiceRequest>(
            json!({"prompt": "a calm narrator", "seed": 7}),
        ))
        .await?;
    c.voices()
        .create_speech(from_json::<TextToSpeechRequest>(
            json!({"text": "one two three", "voice_id": designed.voices[0].voice_id}),
        ))
        .await?;

    // Avatars: seeded groups and looks, a photo avatar, a digital twin and its consent.
    let groups = c.avatars().list().first_page().await?;
    let group_id = groups.items[0].id.clone();
    c.avatars().get(&group_id).await?;
    c.avatars()
        .list_looks_with({
            let id = group_id.clone();
            move |r| r.group_id(id.clone())
        })
        .first_page()
        .await?;
    c.avatars().get_look(&look_id).await?;
    let photo = c
        .avatars()
        .create(from_json::<CreateAvatarRequestBody>(json!({
            "type": "photo", "name": "Me", "file": {"type": "asset_id", "asset_id": asset.asset_id}
        })))
        .await?;
    let photo_look = photo.avatar_item.expect("a look").id;
    c.avatars().get_look(&photo_look).await?;
    advance(total).await;
    c.avatars().get_look(&photo_look).await?;
    c.avatars()
        .update_look(
            &photo_look,
            UpdateAvatarLookRequest {
                name: Some("Me again".parse().unwrap()),
            },
        )
        .await?;
    let twin = c
        .avatars()
        .create(from_json::<CreateAvatarRequestBody>(json!({
            "type": "video", "name": "Twin", "file": {"type": "url", "url": "https://example.com/me.mp4"}
        })))
        .await?;
    let twin_group = twin.avatar_group.expect("a group").id;
    advance(Duration::from_secs(600)).await;
    c.avatars().get(&twin_group).await?; // pending_consent
    c.avatars()
        .create_consent(
            &twin_group,
            from_json::<CreateAvatarConsentRequest>(
                json!({"reroute_url": "https://example.com/done"}),
            ),
        )
        .await?;
    c.avatars()
        .list_with(|r| r.ownership(heygen_sdk::types::AvatarOwnership::Private))
        .first_page()
        .await?;

    // Videos: from an avatar and from an image (each asset input), polled to completion.
    let avatar_video: CreateVideoV3RequestBody = from_json(json!({
        "type": "avatar", "avatar_id": look_id, "script": "Hello from the contract suite.",
        "voice_id": voice_id, "title": "Avatar video", "resolution": "1080p", "aspect_ratio": "16:9"
    }));
    let video = c.videos().create(avatar_video.clone()).await?;
    for image in [
        json!({"type": "asset_id", "asset_id": asset.asset_id}),
        json!({"type": "url", "url": "https://example.com/face.png"}),
        json!({"type": "base64", "media_type": "image/png", "data": "iVBORw0KGgo="}),
    ] {
        let body: CreateVideoV3RequestBody = from_json(json!({
            "type": "image", "image": image, "audio_asset_id": audio.asset_id
        }));
        c.videos().create(body).await?;
    }
    c.videos().get(&video.video_id).await?; // pending
    advance(pending).await;
    c.videos().get(&video.video_id).await?; // processing
    advance(total).await;
    c.videos().get(&video.video_id).await?; // completed
    c.videos().list_with(|r| r.limit(2u64)).first_page().await?;
    c.videos().delete(&video.video_id).await?;

    // Video translations and proofreads.
    c.video_translations().languages().await?;
    let translations = c
        .video_translations()
        .create(from_json::<CreateVideoTranslationRequest>(json!({
            "video": {"type": "url", "url": "https://example.com/talk.mp4"},
            "output_languages": ["Spanish", "German"], "title": "Talk", "enable_caption": true
        })))
        .await?;
    let translation = translations.video_translation_ids[0].clone();
    c.video_translations().get(&translation).await?;
    advance(pending).await;
    c.video_translations().get(&translation).await?;
    advance(total).await;
    c.video_translations().get(&translation).await?; // completed, with caption URLs
    c.video_translations()
        .update(
            &translation,
            UpdateVideoTranslationRequest {
                title: "Charla".into(),
            },
        )
        .await?;
    c.video_translations().list().first_page().await?;
    c.video_translations().delete(&translation).await?;
    let proofreads = c
        .video_translations()
        .create_proofread(from_json::<CreateProofreadRequest>(json!({
            "video": {"type": "url", "url": "https://example.com/talk.mp4"},
            "output_languages": ["French"], "title": "Proof"
        })))
        .await?;
    let proofread = proofreads.proofread_ids[0].clone();
    c.video_translations().get_proofread(&proofread).await?;
    advance(total).await;
    c.video_translations().get_proofread(&proofread).await?;
    c.video_translations()
        .download_proofread_srt(&proofread)
        .await?;
    c.video_translations()
        .upload_proofread_srt(
            &proofread,
            from_json::<UploadSrtRequest>(
                json!({"srt": {"type": "url", "url": "https://example.com/fixed.srt"}}),
            ),
        )
        .await?;
    c.video_translations()
        .generate_from_proofread(&proofread, from_json::<GenerateVideoRequest>(json!({})))
        .await?;

    // Lipsyncs.
    let lipsync = c
        .lipsyncs()
        .create(from_json::<CreateLipsyncRequest>(json!({
            "video": {"type": "url", "url": "https://example.com/v.mp4"},
            "audio": {"type": "asset_id", "asset_id": audio.asset_id}, "title": "Dub"
        })))
        .await?
        .lipsync_id;
    c.lipsyncs().get(&lipsync).await?;
    advance(pending).await;
    c.lipsyncs().get(&lipsync).await?;
    advance(total).await;
    c.lipsyncs().get(&lipsync).await?;
    c.lipsyncs()
        .update(
            &lipsync,
            UpdateLipsyncRequest {
                title: "Redub".into(),
            },
        )
        .await?;
    c.lipsyncs().list().first_page().await?;
    c.lipsyncs().delete(&lipsync).await?;

    // Batches and bulk statuses: queued, then processing, then completed.
    let batch = c
        .videos()
        .create_batch(CreateVideoBatchRequest::builder().videos(vec![avatar_video.clone()]))
        .await?
        .batch_id;
    c.videos().get_batch(&batch).await?;
    advance(pending).await;
    let items = c.videos().batch_items(&batch).collect().await?;
    let batch_videos: Vec<String> = items.into_iter().filter_map(|i| i.video_id).collect();
    c.videos()
        .statuses(
            batch_videos
                .iter()
                .map(String::as_str)
                .chain(["no_such_video"]),
        )
        .await?;
    advance(total).await;
    c.videos().batch_statuses([&batch]).await?;
    c.videos().get_batch(&batch).await?;
    let reference = json!({"type": "url", "url": "https://example.com/talk.mp4"});
    let batch = c
        .video_translations()
        .create_batch(from_json::<CreateVideoTranslationBatchRequest>(json!({
            "title": "Talks", "video_translations": [
                {"video": reference, "output_languages": ["Spanish", "German"]}
            ]
        })))
        .await?
        .batch_id;
    let items = c.video_translations().get_batch(&batch).await?.items;
    let ids: Vec<String> = items.into_iter().filter_map(|i| i.video_id).collect();
    c.video_translations().statuses(&ids).await?;
    c.video_translations().batch_statuses([&batch]).await?;
    let batch = c
        .lipsyncs()
        .create_batch(from_json::<CreateLipsyncBatchRequest>(json!({
            "lipsyncs": [{"video": reference, "audio": {"type": "asset_id", "asset_id": audio.asset_id}}]
        })))
        .await?
        .batch_id;
    let items = c.lipsyncs().get_batch(&batch).await?.items;
    let ids: Vec<String> = items.into_iter().filter_map(|i| i.video_id).collect();
    c.lipsyncs().statuses(&ids).await?;
    c.lipsyncs().batch_statuses([&batch]).await?;

    // Video agents.
    let styles = c.video_agents().list_styles().first_page().await?;
    c.video_agents()
        .create(from_json::<CreateVideoAgentRequest>(json!({
            "prompt": "Explain rust ownership", "style_id": styles.items[0].style_id
        })))
        .await?;
    // A chat session: thinking, waiting for input, answered, generating, completed; its
    // resource and videos; a revision, stopped.
    let session = c
        .video_agents()
        .create(from_json::<CreateVideoAgentRequest>(
            json!({"prompt": "A 30 second product teaser", "mode": "chat"}),
        ))
        .await?
        .session_id;
    c.video_agents().get_session(&session).await?; // thinking
    advance(total).await;
    c.video_agents().get_session(&session).await?; // waiting_for_input
    c.video_agents()
        .send_message(
            &session,
            from_json::<SendMessageRequest>(json!({"message": "Go ahead"})),
        )
        .await?;
    c.video_agents().get_session(&session).await?; // generating
    advance(total).await;
    let done = c.video_agents().get_session(&session).await?; // completed
    let video_id = done.video_id.expect("a completed session has a video");
    c.video_agents()
        .session_resource(&session, &video_id)
        .await?;
    c.video_agents().session_videos(&session).await?;
    c.video_agents()
        .list_sessions_with(|r| r.limit(1u64))
        .first_page()
        .await?;
    c.video_agents()
        .send_message(
            &session,
            from_json::<SendMessageRequest>(json!({"message": "Make it shorter"})),
        )
        .await?;
    c.video_agents()
        .stop_session(&session, StopSessionRequest {})
        .await?;
    advance(total).await;
    c.video_agents().get_session(&session).await?; // failed (stopped)

    // Webhooks.
    c.webhooks().event_types().await?;
    let endpoint = c
        .webhooks()
        .create_endpoint(from_json::<CreateWebhookEndpointRequest>(json!({
            "url": "https://example.com/hook", "events": ["avatar_video.success"]
        })))
        .await?;
    c.webhooks().list_endpoints().first_page().await?;
    c.webhooks()
        .update_endpoint(
            &endpoint.endpoint_id,
            from_json::<UpdateWebhookEndpointRequest>(json!({"url": "https://example.com/other"})),
        )
        .await?;
    c.webhooks().rotate_secret(&endpoint.endpoint_id).await?;
    c.webhooks().list_events().first_page().await?;
    c.webhooks().delete_endpoint(&endpoint.endpoint_id).await?;

    // Templates (one rendered, with its defaults, into a video), brand kits and
    // glossaries, audio sounds.
    let templates = c.templates().list().first_page().await?;
    let template = c.templates().get(&templates.items[0].id).await?;
    let request = GenerateTemplateVideoRequest::builder().variables(template.variables.clone());
    let generated = c.templates().generate(&template.id, request).await?;
    advance(total).await;
    c.videos().get(&generated.id).await?; // completed
    c.brand_kits().list().first_page().await?;
    c.brand_kits().list_glossaries().first_page().await?;
    c.audio()
        .list_sounds("cinematic riser")
        .first_page()
        .await?;

    // AI clipping and background removal, polled through their statuses.
    let clipping = c
        .ai_clippings()
        .create(from_json::<CreateAiClippingRequest>(json!({
            "video": {"type": "url", "url": "https://example.com/keynote.mp4"},
            "output_settings": {"duration_types": ["30", "60"], "aspect_ratio": "portrait"}
        })))
        .await?
        .ai_clipping_id;
    c.ai_clippings().get(&clipping).await?; // pending
    advance(pending).await;
    c.ai_clippings().get(&clipping).await?; // running
    advance(total).await;
    c.ai_clippings().get(&clipping).await?; // completed, with clips
    c.ai_clippings().list().first_page().await?;
    c.ai_clippings().delete(&clipping).await?;
    let removal = c
        .background_removals()
        .create(from_json::<CreateBackgroundRemovalRequest>(json!({
            "video": {"type": "asset_id", "asset_id": asset.asset_id},
            "layers": ["foreground", "mask"], "request_id": "contract-removal"
        })))
        .await?
        .id;
    advance(pending).await;
    c.background_removals().get(&removal).await?; // processing
    advance(total).await;
    c.background_removals().get(&removal).await?; // completed, with layers
    c.background_removals().list().first_page().await?;
    c.background_removals().delete(&removal).await?;

    // Voice cloning: processing, complete; a stock voice's details; deletion.
    let clone = c
        .voices()
        .clone_voice(from_json::<CloneVoiceRequest>(json!({
            "audio": {"type": "asset_id", "asset_id": audio.asset_id}, "voice_name": "Me"
        })))
        .await?
        .voice_clone_id;
    c.voices().get(&clone).await?; // processing
    advance(total).await;
    c.voices().get(&clone).await?; // complete
    c.voices().get(&voice_id).await?;
    c.voices().delete(&clone).await?;

    // Avatar deletion: the photo avatar's look (its group's last), the twin's group.
    c.avatars().delete_look(&photo_look).await?;
    c.avatars().delete(&twin_group).await?;
    Ok(())
}

/// The asset library and the direct upload (its PUT goes to the simulator's presigned URL
/// directly, as it would to a storage host: it is no API operation).
async fn assets(c: &Client) -> heygen_sdk::Result<()> {
    let dir = std::env::temp_dir().join(format!("heygen-contract-{}", std::process::id()));
    std::fs::create_dir_all(&dir).map_err(|source| Error::Io {
        path: dir.clone(),
        source,
    })?;
    let file = dir.join("clip.mp4");
    std::fs::write(&file, b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom").map_err(
        |source| Error::Io {
            path: file.clone(),
            source,
        },
    )?;
    let direct = c
        .assets()
        .upload_direct(&file, &UploadOptions::new())
        .await?;
    // An upload batch: created, its files uploaded, completed, then polled through processing
    // to completed; read again, and its statuses by batch.
    let image = dir.join("still.png");
    std::fs::write(&image, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR").map_err(|source| Error::Io {
        path: image.clone(),
        source,
    })?;
    let batch = c
        .assets()
        .upload_batch_and_wait([&file, &image], &UploadOptions::new(), &WaitOptions::new())
        .await?;
    c.assets().get_batch(&batch.batch_id).await?;
    c.assets().batch_statuses([batch.batch_id.as_str()]).await?;
    let me = c.users().me().await?;
    c.assets()
        .list_with(&me.username, |r| r.limit(1u64))
        .first_page()
        .await?;
    c.assets().get(&direct.asset_id).await?;
    c.assets()
        .statuses([direct.asset_id.as_str(), "no_such_asset"])
        .await?;
    c.assets()
        .search_with("rocket launch", SearchAssetsType::Image, |r| r.limit(2u64))
        .first_page()
        .await?;
    c.assets()
        .search("rocket", SearchAssetsType::Icon)
        .first_page()
        .await?;
    c.assets().delete(&direct.asset_id).await?;
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

/// Error statuses, each expected as a typed error.
async fn errors(sim: &Simulator, c: &Client, base_url: &str) {
    let wrong_key = client("not_the_key", base_url);
    let e = wrong_key.users().me().await.unwrap_err();
    assert_eq!(status_of(&e), Some(401), "{e:?}");
    let e = c.videos().get("no_such_video").await.unwrap_err();
    assert_eq!(status_of(&e), Some(404), "{e:?}");
    let e = c.lipsyncs().delete("no_such_lipsync").await.unwrap_err();
    assert_eq!(status_of(&e), Some(404), "{e:?}");
    let e = c.voices().get("no_such_voice").await.unwrap_err();
    assert_eq!(status_of(&e), Some(404), "{e:?}");
    let e = c.ai_clippings().get("no_such_job").await.unwrap_err();
    assert_eq!(status_of(&e), Some(404), "{e:?}");
    let e = c.assets().get("no_such_asset").await.unwrap_err();
    assert_eq!(status_of(&e), Some(404), "{e:?}");
    let e = c.assets().get_batch("no_such_batch").await.unwrap_err();
    assert_eq!(status_of(&e), Some(404), "{e:?}");
    let e = c
        .assets()
        .complete_upload_batch("no_such_batch")
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), Some(400), "{e:?}");
    let no_voice: CreateVideoV3RequestBody = from_json(json!({
        "type": "avatar", "avatar_id": sim.avatar_id().unwrap(), "script": "No voice."
    }));
    let e = c.videos().create(no_voice).await.unwrap_err();
    assert_eq!(status_of(&e), Some(400), "{e:?}");
    let e = c
        .videos()
        .list_with(|r| r.limit(500u64))
        .first_page()
        .await
        .unwrap_err();
    assert_eq!(status_of(&e), Some(400), "{e:?}");
    sim.rate_limit(1, 3);
    let e = c.webhooks().event_types().await.unwrap_err();
    assert!(matches!(e, Error::RateLimited(_)), "{e:?}");
    sim.fail_next(1, 429);
    let e = c.avatars().get_look("anything").await.unwrap_err();
    assert!(matches!(e, Error::RateLimited(_)), "{e:?}");
}

/// Whether `op` lists `status` without content (a success the document gives no body).
fn documented_without_content(op: &Operation<'_>, status: u16) -> bool {
    let response = op.value["responses"].get(status.to_string());
    response.is_some_and(|r| op.spec().resolve(r).get("content").is_none())
}

/// Validates one exchange; `Ok(operationId)` or what is wrong.
fn validate_exchange(exchange: &Exchange) -> Result<String, String> {
    let spec = spec();
    let request = &exchange.request;
    let (op, _) = route(spec, &request.method, &request.path)
        .ok_or_else(|| format!("{} {} is no operation", request.method, request.path))?;
    let id = op.operation_id.clone();
    if documented_without_content(&op, exchange.status) {
        return match exchange.body.is_empty() {
            true => Ok(id),
            false => Err(format!(
                "{id} {}: documented without content, answered {}",
                exchange.status,
                String::from_utf8_lossy(&exchange.body)
            )),
        };
    }
    let (schema, _) = op.json_response(exchange.status).ok_or_else(|| {
        format!(
            "{id}: HTTP {} is not a documented JSON status ({})",
            exchange.status,
            String::from_utf8_lossy(&exchange.body)
        )
    })?;
    let content_type = exchange.header("content-type").unwrap_or_default();
    if !content_type.starts_with("application/json") {
        return Err(format!(
            "{id} {}: content type {content_type:?}",
            exchange.status
        ));
    }
    let body: Value = serde_json::from_slice(&exchange.body)
        .map_err(|e| format!("{id} {}: not JSON: {e}", exchange.status))?;
    validate(spec.document(), &schema, &body)
        .map_err(|errors| format!("{id} {}: {body}: {errors:#?}", exchange.status))?;
    validate_envelope(spec, &schema, exchange.status, &body)
        .map_err(|errors| format!("{id} {}: {body}: {errors:?}", exchange.status))?;
    if exchange.status == 429 && exchange.header("retry-after").is_none() {
        return Err(format!("{id} 429 without Retry-After"));
    }
    Ok(id)
}

#[tokio::test(start_paused = true)]
async fn a_scripted_session_covers_every_v3_operation_with_schema_valid_responses() {
    let started = Instant::now();
    let spec = spec();
    let sim = Simulator::start().await;
    let recorder = Recorder::start(sim.base_url()).await.unwrap();
    let c = client(sim.api_key(), recorder.base_url());

    session(&sim, &c).await.expect("the scripted session");
    // The session's requests (the error phase sends some invalid ones on purpose).
    let session_requests = recorder.exchanges().len();
    errors(&sim, &c, recorder.base_url()).await;
    let exchanges = recorder.exchanges();
    let api_requests = sim
        .requests()
        .iter()
        .filter(|r| !r.path.starts_with("/upload/"))
        .count();
    assert_eq!(
        exchanges.len(),
        api_requests,
        "every API request went through the proxy"
    );

    let mut failures = Vec::new();
    for exchange in &exchanges[..session_requests] {
        let request = &exchange.request;
        if let Some((op, _)) = route(spec, &request.method, &request.path) {
            for problem in check(spec, &op, request, None).problems {
                failures.push(format!("request of {}: {problem}", op.operation_id));
            }
        }
    }
    let mut seen: BTreeMap<String, BTreeSet<u16>> = BTreeMap::new();
    for exchange in &exchanges {
        match validate_exchange(exchange) {
            Ok(id) => {
                seen.entry(id).or_default().insert(exchange.status);
            }
            Err(e) => failures.push(e),
        }
    }

    let v3: Vec<String> = spec
        .operations()
        .into_iter()
        .filter(|op| op.path.starts_with("/v3/"))
        .map(|op| op.operation_id)
        .collect();
    let mut table =
        String::from("Simulator contract: v3 operation, statuses seen (all schema-valid)\n");
    let mut not_served = Vec::new();
    for id in &v3 {
        let statuses = seen.get(id).cloned().unwrap_or_default();
        if !statuses.iter().any(|s| (200..300).contains(s)) {
            not_served.push(id.clone());
        }
        let statuses: Vec<String> = statuses.iter().map(u16::to_string).collect();
        let note = if NOT_SIMULATED.contains(&id.as_str()) {
            "not simulated yet"
        } else {
            ""
        };
        table += &format!("  {id:<34} {:<16} {note}\n", statuses.join(" "));
    }
    let simulated = v3.len() - NOT_SIMULATED.len();
    table += &format!(
        "v3 operations simulated: {}/{simulated} ({} of the document's {} not simulated yet)\n",
        simulated
            - not_served
                .iter()
                .filter(|id| !NOT_SIMULATED.contains(&id.as_str()))
                .count(),
        NOT_SIMULATED.len(),
        v3.len()
    );

    // The v1/v2 operations: the simulator serves v3 only; probe each once to list them.
    recorder.clear();
    let synth = Synth::new(spec);
    let mut legacy = Vec::new();
    for way in ways().into_iter().filter(|w| !w.resource) {
        let Some(op) = spec.operation(way.operation_id) else {
            continue;
        };
        if op.path.starts_with("/v3/") {
            continue;
        }
        let input = Input::synthesised(&op, &synth, synth.request_variants(&op).into_iter().next());
        let result = (way.call)(&c, &input).await;
        legacy.push(format!(
            "{} ({})",
            op.operation_id,
            match result {
                Ok(_) => "served".to_string(),
                Err(e) => e.to_string(),
            }
        ));
    }
    let statuses: BTreeSet<u16> = seen.values().flatten().copied().collect();
    println!("{table}");
    println!(
        "{} exchanges validated, statuses seen {statuses:?}, {:?}",
        exchanges.len(),
        started.elapsed()
    );
    println!("v3 operations the simulator does not serve: {not_served:?}");
    // Those not simulated are not in the document's v3 list by accident: they exist there.
    for id in NOT_SIMULATED {
        assert!(v3.iter().any(|op| op == id), "{id} is not a v3 operation");
    }
    println!(
        "v1/v2 operations (not simulated):\n  {}",
        legacy.join("\n  ")
    );
    for failure in &failures {
        println!("FAILED: {failure}");
    }
    assert!(
        failures.is_empty(),
        "{} invalid responses (listed above)",
        failures.len()
    );
    assert_eq!(
        not_served
            .iter()
            .map(String::as_str)
            .collect::<BTreeSet<_>>(),
        NOT_SIMULATED.into_iter().collect::<BTreeSet<_>>(),
        "v3 operations not served, against the list of those not simulated yet"
    );
    for status in [200, 400, 401, 404, 429] {
        assert!(statuses.contains(&status), "no {status} seen");
    }
}

/// The envelope check rejects what the envelopes' schemas alone accept.
#[test]
fn the_envelope_check_rejects_empty_and_foreign_envelopes() {
    let spec = spec();
    let op = spec.operation("getVideoV3").unwrap();
    let (schema, _) = op.json_response(200).unwrap();
    let (error_schema, _) = op.json_response(404).unwrap();
    let video = Synth::new(spec).response_example(&op, 200).unwrap();
    assert!(validate_envelope(spec, &schema, 200, &video).is_ok());
    for wrong in [json!({}), json!({"video": video["data"]})] {
        assert!(
            validate(spec.document(), &schema, &wrong).is_ok(),
            "{wrong}"
        );
        assert!(
            validate_envelope(spec, &schema, 200, &wrong).is_err(),
            "{wrong}"
        );
    }
    let error = json!({"error": {"code": "not_found", "message": "No such video.", "param": null, "doc_url": null}});
    assert!(validate_envelope(spec, &error_schema, 404, &error).is_ok());
    assert!(validate_envelope(spec, &error_schema, 404, &json!({})).is_err());
}
