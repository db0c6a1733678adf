//! The HeyGen simulator (`heygen::testing`) driven by the `heygen` client: resource
//! lifecycles, pagination, error bodies, idempotency, and every fault as the client sees it.
//!
//! `cargo test -p heygen --features testing --test simulator`. Time-dependent tests pause the
//! tokio clock and move it with `tokio::time::advance`; nothing sleeps in real time.
#![cfg(feature = "testing")]

use std::collections::HashSet;
use std::time::Duration;

use futures::TryStreamExt;
use heygen::testing::{Fault, FaultRule, ResourceKind, Simulator, Timeline};
use heygen::types::{
    AssetReference, AssetUrl, AssetUrlType, AvatarStatus, CaptionFormat,
    CreateAvatarConsentRequest, CreateAvatarRequestBody, CreateLipsyncRequest,
    CreateProofreadRequest, CreateSessionRequest, CreateVideoAgentRequest, CreateVideoFromAvatar,
    CreateVideoFromAvatarScript, CreateVideoTranslationRequest, CreateWebhookEndpointRequest,
    DesignVoiceRequest, GenerateVideoRequest, GeneratedVideoStatus, ProofreadStatus,
    SendMessageRequest, StopSessionRequest, TextToSpeechRequest, UpdateAvatarLookRequest,
    UpdateLipsyncRequest, UpdateVideoTranslationRequest, UpdateWebhookEndpointRequest,
    VideoAgentSessionStatus, VideoAgentStatus, VideoStatus, VideoTranslationStatus,
};
use heygen::{Error, RequestOptions};
use serde_json::{Value, json};
use tokio::time::{Instant, advance};

// ---- helpers ----

fn avatar_video(sim: &Simulator, script: &str) -> CreateVideoFromAvatar {
    CreateVideoFromAvatar::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id(sim.avatar_id().expect("seeded avatars"))
            .script(CreateVideoFromAvatarScript::try_from(script).expect("a script"))
            .voice_id(sim.voice_id().expect("seeded voices")),
    )
    .expect("a complete request")
}

fn url(url: &str) -> AssetReference {
    AssetReference::Url(AssetUrl {
        type_: AssetUrlType::Url,
        url: url.to_string(),
    })
}

/// From JSON, for request types with many defaulted fields.
fn from_json<T: serde::de::DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("a valid request")
}

/// The API error inside an `Error`, or a panic naming what came instead.
fn api(error: &Error) -> &heygen::ApiError {
    match error {
        Error::Api(api) => api,
        other => panic!("expected Error::Api, got {other:?}"),
    }
}

/// A plain HTTP client (with the TLS provider the crate installs).
fn http() -> reqwest::Client {
    heygen::http_client_builder()
        .unwrap()
        .build()
        .expect("an HTTP client")
}

async fn raw_post(sim: &Simulator, path: &str, body: Value) -> (u16, Value) {
    let response = http()
        .post(format!("{}{path}", sim.base_url()))
        .header("x-api-key", sim.api_key())
        .json(&body)
        .send()
        .await
        .expect("the simulator answers");
    (
        response.status().as_u16(),
        response.json().await.expect("a JSON body"),
    )
}

/// Asserts the v3 `StandardAPIError` shape: exactly `code`, `message`, `param`, `doc_url`.
fn assert_standard_error(body: &Value, code: &str, param: Option<&str>) {
    let error = body["error"]
        .as_object()
        .unwrap_or_else(|| panic!("no `error` object in {body}"));
    let mut keys: Vec<&str> = error.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["code", "doc_url", "message", "param"], "{body}");
    assert_eq!(error["code"], code, "{body}");
    assert!(
        error["message"].as_str().is_some_and(|m| !m.is_empty()),
        "{body}"
    );
    assert_eq!(error["param"].as_str(), param, "{body}");
    assert!(error["doc_url"].is_null(), "{body}");
}

// ---- videos ----

#[tokio::test(start_paused = true)]
async fn a_video_goes_pending_processing_completed_then_is_deleted() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let created = client
        .videos()
        .create(avatar_video(&sim, "Hello from the simulator!"))
        .await
        .unwrap();
    assert_eq!(created.status, "waiting");

    let video = client.videos().get(&created.video_id).await.unwrap();
    assert_eq!(video.status, VideoStatus::Pending);
    assert!(video.video_url.is_none());
    advance(Duration::from_millis(1500)).await;
    assert_eq!(
        client.videos().get(&created.video_id).await.unwrap().status,
        VideoStatus::Processing
    );
    advance(Duration::from_secs(2)).await;
    let video = client.videos().get(&created.video_id).await.unwrap();
    assert_eq!(video.status, VideoStatus::Completed);
    let video_url = video.video_url.expect("a completed video has a URL");
    assert!(
        video.thumbnail_url.is_some() && video.completed_at.is_some() && video.duration.is_some()
    );

    // The URL serves a stand-in file, without the API key.
    let file = http().get(&video_url).send().await.unwrap();
    assert_eq!(file.headers()["content-type"], "video/mp4");

    let listed = client.videos().list().collect().await.unwrap();
    assert_eq!(
        listed.iter().map(|v| v.id.as_str()).collect::<Vec<_>>(),
        [created.video_id.as_str()]
    );

    let deleted = client.videos().delete(&created.video_id).await.unwrap();
    assert!(deleted.deleted);
    let gone = client.videos().get(&created.video_id).await.unwrap_err();
    assert_eq!(
        (api(&gone).status, api(&gone).code.as_deref()),
        (404, Some("not_found"))
    );
}

#[tokio::test(start_paused = true)]
async fn fail_jobs_ends_videos_in_failed_with_a_failure_code() {
    let sim = Simulator::builder().fail_jobs(true).start().await;
    let client = sim.client();
    let created = client
        .videos()
        .create(avatar_video(&sim, "This one fails."))
        .await
        .unwrap();
    advance(Timeline::default().total()).await;
    let video = client.videos().get(&created.video_id).await.unwrap();
    assert_eq!(video.status, VideoStatus::Failed);
    assert_eq!(video.failure_code.as_deref(), Some("simulated_failure"));
    assert!(video.failure_message.is_some() && video.video_url.is_none());

    // Switched off at run time for later jobs.
    sim.fail_jobs(false);
    let created = client
        .videos()
        .create(avatar_video(&sim, "This one works."))
        .await
        .unwrap();
    advance(Timeline::default().total()).await;
    assert_eq!(
        client.videos().get(&created.video_id).await.unwrap().status,
        VideoStatus::Completed
    );
}

#[tokio::test(start_paused = true)]
async fn an_injected_status_reaches_the_client_as_unknown() {
    let sim = Simulator::start().await;
    sim.inject_status(ResourceKind::Video, "thinking");
    let client = sim.client();
    let created = client
        .videos()
        .create(avatar_video(&sim, "Hmm."))
        .await
        .unwrap();
    let mut seen = Vec::new();
    for _ in 0..5 {
        let status = client.videos().get(&created.video_id).await.unwrap().status;
        if seen.last() != Some(&status) {
            seen.push(status);
        }
        advance(Duration::from_secs(1)).await;
    }
    assert_eq!(
        seen,
        [
            VideoStatus::Pending,
            VideoStatus::Unknown("thinking".into()),
            VideoStatus::Processing,
            VideoStatus::Completed
        ]
    );
    assert!(seen[1].is_unknown());
}

#[tokio::test(start_paused = true)]
async fn a_custom_timeline_sets_the_pace() {
    let timeline = Timeline::new(Duration::from_secs(10), Duration::from_secs(20));
    let sim = Simulator::builder().timeline(timeline).start().await;
    let client = sim.client();
    let created = client
        .videos()
        .create(avatar_video(&sim, "Slow."))
        .await
        .unwrap();
    advance(Duration::from_secs(9)).await;
    assert_eq!(
        client.videos().get(&created.video_id).await.unwrap().status,
        VideoStatus::Pending
    );
    advance(Duration::from_secs(20)).await;
    assert_eq!(
        client.videos().get(&created.video_id).await.unwrap().status,
        VideoStatus::Processing
    );
    advance(Duration::from_secs(1)).await;
    assert_eq!(
        client.videos().get(&created.video_id).await.unwrap().status,
        VideoStatus::Completed
    );

    sim.set_timeline(Timeline::instant());
    let instant = client
        .videos()
        .create(avatar_video(&sim, "Fast."))
        .await
        .unwrap();
    assert_eq!(
        client.videos().get(&instant.video_id).await.unwrap().status,
        VideoStatus::Completed
    );
}

#[tokio::test]
async fn the_lead_waiter_reports_a_failed_video_as_job_failed() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .fail_jobs(true)
        .start()
        .await;
    let client = sim.client();
    let created = client
        .videos()
        .create(avatar_video(&sim, "Doomed."))
        .await
        .unwrap();
    let options = heygen::wait::WaitOptions::new()
        .initial_delay(Duration::ZERO)
        .min_delay(Duration::from_millis(10));
    match client.videos().wait_with(&created.video_id, &options).await {
        Err(Error::JobFailed { code, .. }) => {
            assert_eq!(code.as_deref(), Some("simulated_failure"))
        }
        other => panic!("expected JobFailed, got {other:?}"),
    }
}

// ---- pagination ----

#[tokio::test]
async fn listing_25_videos_by_10_gives_3_pages_with_every_video_once() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await;
    let client = sim.client();
    let mut created = HashSet::new();
    for n in 0..25 {
        created.insert(
            client
                .videos()
                .create(avatar_video(&sim, &format!("Video {n}")))
                .await
                .unwrap()
                .video_id,
        );
    }

    // By hand, following next_token.
    let mut token: Option<String> = None;
    let mut sizes = Vec::new();
    let mut seen = Vec::new();
    loop {
        let mut request = client.raw().list_videos_v3().limit(10u64);
        if let Some(token) = token.take() {
            request = request.token(token);
        }
        let page = client.run(request.send()).await.unwrap().into_inner();
        sizes.push(page.data.len());
        seen.extend(page.data.into_iter().map(|v| v.id));
        match (page.has_more, page.next_token) {
            (Some(true), Some(next)) => token = Some(next),
            (has_more, next) => {
                assert_eq!((has_more, next), (Some(false), None));
                break;
            }
        }
    }
    assert_eq!(sizes, [10, 10, 5]);
    assert_eq!(seen.len(), 25);
    assert_eq!(seen.iter().cloned().collect::<HashSet<_>>(), created);

    // Through the SDK's paginator: the same pages, newest first.
    let pages: Vec<_> = client
        .videos()
        .list_with(|r| r.limit(10u64))
        .pages()
        .try_collect()
        .await
        .unwrap();
    assert_eq!(
        pages.iter().map(|p| p.items.len()).collect::<Vec<_>>(),
        [10, 10, 5]
    );
    let ids: Vec<String> = pages
        .into_iter()
        .flat_map(|p| p.items)
        .map(|v| v.id)
        .collect();
    assert_eq!(ids, seen);

    let lists: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "GET" && r.path == "/v3/videos")
        .collect();
    assert_eq!(lists.len(), 6);
    assert!(
        lists
            .iter()
            .all(|r| r.query_param("limit").as_deref() == Some("10"))
    );
    assert_eq!(
        lists
            .iter()
            .filter(|r| r.query_param("token").is_some())
            .count(),
        4
    );
}

#[tokio::test]
async fn a_new_video_does_not_shift_later_pages() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await;
    let client = sim.client();
    for n in 0..4 {
        client
            .videos()
            .create(avatar_video(&sim, &format!("Video {n}")))
            .await
            .unwrap();
    }
    let first = client
        .run(client.raw().list_videos_v3().limit(2u64).send())
        .await
        .unwrap()
        .into_inner();
    client
        .videos()
        .create(avatar_video(&sim, "Newcomer"))
        .await
        .unwrap();
    let request = client
        .raw()
        .list_videos_v3()
        .limit(2u64)
        .token(first.next_token.clone().unwrap());
    let second = client.run(request.send()).await.unwrap().into_inner();
    let titles = |page: &heygen::types::VideoDetailPage| {
        page.data.iter().map(|v| v.id.clone()).collect::<Vec<_>>()
    };
    assert!(
        titles(&first)
            .iter()
            .all(|id| !titles(&second).contains(id))
    );
    assert_eq!(second.data.len(), 2);
}

#[tokio::test]
async fn bad_limits_and_tokens_are_invalid_parameters() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let error = client
        .run(client.raw().list_videos_v3().limit(500u64).send())
        .await
        .unwrap_err();
    assert_eq!(
        (api(&error).status, api(&error).param.as_deref()),
        (400, Some("limit"))
    );
    let error = client
        .run(client.raw().list_videos_v3().token("not-a-cursor").send())
        .await
        .unwrap_err();
    assert_eq!(
        (api(&error).code.as_deref(), api(&error).param.as_deref()),
        (Some("invalid_parameter"), Some("token"))
    );
}

// ---- errors ----

#[tokio::test]
async fn a_missing_or_wrong_key_is_401_authentication_failed() {
    let sim = Simulator::start().await;
    let http = http();
    let url = format!("{}/v3/users/me", sim.base_url());
    for request in [
        http.get(&url),
        http.get(&url).header("x-api-key", "wrong"),
        http.get(&url).bearer_auth("wrong"),
    ] {
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), 401);
        let body: Value = response.json().await.unwrap();
        assert_standard_error(&body, "authentication_failed", None);
        assert_eq!(
            body["error"]["message"],
            "Invalid or expired API key. Verify your x-api-key header."
        );
    }

    let wrong = Simulator::builder().api_key("another_key").start().await;
    let error = heygen::Client::builder()
        .api_key("sim_test_key")
        .base_url(wrong.base_url())
        .build()
        .unwrap()
        .users()
        .me()
        .await
        .unwrap_err();
    let api = api(&error);
    assert_eq!(
        (api.status, api.code.as_deref(), api.attempts),
        (401, Some("authentication_failed"), 1)
    );
    assert!(
        api.request_id
            .as_deref()
            .is_some_and(|id| id.starts_with("sim_req_"))
    );

    // The key also works as a bearer token.
    let bearer = heygen::Client::builder()
        .bearer_token(sim.api_key())
        .base_url(sim.base_url())
        .build()
        .unwrap();
    assert_eq!(bearer.users().me().await.unwrap().username, "simulator");
}

#[tokio::test]
async fn bad_video_bodies_are_400_invalid_parameter_naming_the_param() {
    let sim = Simulator::start().await;
    let (avatar, voice) = (sim.avatar_id().unwrap(), sim.voice_id().unwrap());
    let cases = [
        (
            json!({"avatar_id": avatar, "script": "Hi", "voice_id": voice}),
            "type",
        ),
        (
            json!({"type": "hologram", "avatar_id": avatar, "script": "Hi", "voice_id": voice}),
            "type",
        ),
        (
            json!({"type": "avatar", "avatar_id": avatar, "script": "Hi"}),
            "voice_id",
        ),
        (
            json!({"type": "avatar", "avatar_id": avatar, "script": "Hi", "voice_id": voice, "audio_url": "https://example.com/a.mp3"}),
            "script",
        ),
        (json!({"type": "avatar", "avatar_id": avatar}), "script"),
        (
            json!({"type": "avatar", "script": "Hi", "voice_id": voice}),
            "avatar_id",
        ),
        (
            json!({"type": "avatar", "avatar_id": "no_such_look", "script": "Hi", "voice_id": voice}),
            "avatar_id",
        ),
        (
            json!({"type": "avatar", "avatar_id": avatar, "script": "Hi", "voice_id": "no_such_voice"}),
            "voice_id",
        ),
        (
            json!({"type": "image", "script": "Hi", "voice_id": voice}),
            "image",
        ),
        (
            json!({"type": "image", "image": {"type": "asset_id", "asset_id": "nope"}, "script": "Hi", "voice_id": voice}),
            "image.asset_id",
        ),
    ];
    for (body, param) in cases {
        let (status, answer) = raw_post(&sim, "/v3/videos", body.clone()).await;
        assert_eq!(status, 400, "{body}");
        assert_standard_error(&answer, "invalid_parameter", Some(param));
    }
    let (status, answer) = raw_post(&sim, "/v3/videos", json!([1, 2])).await;
    assert_eq!(status, 400);
    assert_standard_error(&answer, "invalid_parameter", None);
    assert_eq!(sim.count(ResourceKind::Video), 0);

    // The client sees the same as a typed error.
    let client = sim.client();
    let mut request = avatar_video(&sim, "Hi");
    request.voice_id = None;
    let error = client.videos().create(request).await.unwrap_err();
    let api = api(&error);
    assert_eq!(
        (api.status, api.code.as_deref(), api.param.as_deref()),
        (400, Some("invalid_parameter"), Some("voice_id"))
    );
}

#[tokio::test]
async fn unknown_ids_are_404_not_found_everywhere() {
    let sim = Simulator::start().await;
    let http = http();
    for path in [
        "/v3/videos/nope",
        "/v3/avatars/nope",
        "/v3/avatars/looks/nope",
        "/v3/lipsyncs/nope",
        "/v3/video-translations/nope",
        "/v3/video-translations/proofreads/nope",
        "/v3/video-agents/nope",
        "/v3/no-such-endpoint",
    ] {
        let response = http
            .get(format!("{}{path}", sim.base_url()))
            .header("x-api-key", sim.api_key())
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), 404, "{path}");
        assert_standard_error(&response.json().await.unwrap(), "not_found", None);
    }
    let error = sim.client().lipsyncs().get("nope").await.unwrap_err();
    assert_eq!(api(&error).message, "Lipsync not found.");
}

// ---- idempotency ----

#[tokio::test]
async fn an_idempotency_key_replays_the_first_response() {
    let sim = Simulator::start().await;
    let client = sim
        .client()
        .with_options(RequestOptions::new().idempotency_key("order-42"));
    let first = client
        .videos()
        .create(avatar_video(&sim, "Once."))
        .await
        .unwrap();
    let second = client
        .videos()
        .create(avatar_video(&sim, "Once."))
        .await
        .unwrap();
    assert_eq!(first.video_id, second.video_id);
    assert_eq!(sim.count(ResourceKind::Video), 1);
    let keys: Vec<_> = sim
        .requests()
        .iter()
        .map(|r| r.header("idempotency-key").map(str::to_string))
        .collect();
    assert_eq!(
        keys,
        [Some("order-42".to_string()), Some("order-42".to_string())]
    );

    // Same status and body, byte for byte, marked as a replay.
    let http = http();
    let body = serde_json::to_value(heygen::types::CreateVideoV3RequestBody::Avatar(
        avatar_video(&sim, "Raw."),
    ))
    .unwrap();
    let send = || {
        http.post(format!("{}/v3/videos", sim.base_url()))
            .header("x-api-key", sim.api_key())
            .header("idempotency-key", "raw-1")
            .json(&body)
            .send()
    };
    let (a, b) = (send().await.unwrap(), send().await.unwrap());
    assert_eq!((a.status().as_u16(), b.status().as_u16()), (200, 200));
    assert!(a.headers().get("idempotent-replayed").is_none());
    assert_eq!(b.headers()["idempotent-replayed"], "true");
    assert_eq!(a.bytes().await.unwrap(), b.bytes().await.unwrap());

    // The key with another body is refused.
    let other = client
        .videos()
        .create(avatar_video(&sim, "Something else."))
        .await
        .unwrap_err();
    assert_eq!(api(&other).param.as_deref(), Some("Idempotency-Key"));
    assert_eq!(sim.count(ResourceKind::Video), 2);
}

// ---- faults ----

#[tokio::test(start_paused = true)]
async fn a_503_on_a_get_is_retried() {
    let sim = Simulator::start().await;
    let client = sim.client();
    sim.fail_next(1, 503);
    let me = client.users().me().await.unwrap();
    assert_eq!(me.username, "simulator");
    let statuses: Vec<_> = sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(503), Some(200)]);
}

#[tokio::test(start_paused = true)]
async fn a_5xx_past_the_retries_is_error_api_with_the_standard_body() {
    let sim = Simulator::start().await;
    let client = sim.client_builder().max_retries(1).build().unwrap();
    sim.fail_next(2, 500);
    let error = client.users().me().await.unwrap_err();
    let api = api(&error);
    assert_eq!(
        (api.status, api.code.as_deref(), api.attempts),
        (500, Some("internal_error"), 2)
    );
    assert!(error.is_retryable());
}

#[tokio::test(start_paused = true)]
async fn a_503_on_a_create_is_retried_only_with_an_idempotency_key() {
    let sim = Simulator::start().await;
    let client = sim.client();
    sim.fail_next(1, 503);
    let error = client
        .videos()
        .create(avatar_video(&sim, "No key."))
        .await
        .unwrap_err();
    assert_eq!(api(&error).status, 503);
    assert_eq!(sim.count(ResourceKind::Video), 0);

    sim.fail_next(1, 503);
    let keyed = client.with_options(RequestOptions::new().idempotency_key("create-1"));
    keyed
        .videos()
        .create(avatar_video(&sim, "With a key."))
        .await
        .unwrap();
    assert_eq!(sim.count(ResourceKind::Video), 1);
    assert_eq!(sim.requests().len(), 3);
}

#[tokio::test(start_paused = true)]
async fn a_429_waits_retry_after_then_succeeds() {
    let sim = Simulator::start().await;
    let client = sim.client();
    sim.rate_limit(1, 2);
    let started = Instant::now();
    client
        .videos()
        .create(avatar_video(&sim, "Rate limited once."))
        .await
        .unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    let statuses: Vec<_> = sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [Some(429), Some(200)]);
}

#[tokio::test(start_paused = true)]
async fn persistent_429s_are_error_rate_limited_with_retry_after() {
    let sim = Simulator::start().await;
    let client = sim.client();
    sim.rate_limit(3, 1);
    let error = client.users().me().await.unwrap_err();
    match &error {
        Error::RateLimited(api) => {
            assert_eq!(
                (api.status, api.code.as_deref(), api.attempts),
                (429, Some("rate_limit_exceeded"), 3)
            );
            assert_eq!(api.retry_after, Some(Duration::from_secs(1)));
        }
        other => panic!("expected RateLimited, got {other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn latency_delays_answers_and_trips_the_client_timeout() {
    let sim = Simulator::start().await;
    sim.latency(Duration::from_secs(3));
    let started = Instant::now();
    sim.client().users().me().await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(3));

    let impatient = sim
        .client_builder()
        .timeout(Duration::from_secs(1))
        .max_retries(0)
        .build()
        .unwrap();
    let error = impatient.users().me().await.unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    sim.latency(Duration::ZERO);
    impatient.users().me().await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_dropped_connection_on_a_get_is_retried() {
    let sim = Simulator::start().await;
    sim.drop_connection_next(1);
    sim.client().users().me().await.unwrap();
    let statuses: Vec<_> = sim.requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, [None, Some(200)]);
}

#[tokio::test(start_paused = true)]
async fn a_dropped_connection_on_a_create_is_error_connection_unless_keyed() {
    let sim = Simulator::start().await;
    let client = sim.client();
    sim.drop_connection_next(1);
    let error = client
        .videos()
        .create(avatar_video(&sim, "Lost answer."))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
    // The server did the work: the answer was lost, not the request.
    assert_eq!(sim.count(ResourceKind::Video), 1);

    // With a key, the retry replays the answer: still one more video, not two.
    sim.drop_connection_next(1);
    let keyed = client.with_options(RequestOptions::new().idempotency_key("lost-answer"));
    let created = keyed
        .videos()
        .create(avatar_video(&sim, "Lost answer, keyed."))
        .await
        .unwrap();
    assert_eq!(sim.count(ResourceKind::Video), 2);
    client.videos().get(&created.video_id).await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_connection_dropped_mid_body_is_retried_when_safe_else_error_connection() {
    let sim = Simulator::start().await;
    let client = sim.client();
    sim.drop_mid_body_next(1);
    client.users().me().await.unwrap();
    assert_eq!(sim.requests().len(), 2, "the GET is sent again");
    sim.drop_mid_body_next(1);
    let error = client
        .videos()
        .create(avatar_video(&sim, "Half an answer."))
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            Error::Connection {
                repeatable: false,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(
        !error.is_retryable(),
        "a create without a key may have been done"
    );
}

#[tokio::test(start_paused = true)]
async fn a_truncated_body_is_error_decode() {
    let sim = Simulator::start().await;
    let client = sim.client();
    sim.truncate_next(1);
    match client.users().me().await.unwrap_err() {
        Error::Decode {
            status,
            body_excerpt,
            ..
        } => {
            assert_eq!(status, 200);
            assert!(body_excerpt.starts_with("{\"data\""), "{body_excerpt}");
        }
        other => panic!("expected Decode, got {other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn fault_rules_can_target_a_method_and_path() {
    let sim = Simulator::start().await;
    let client = sim.client();
    sim.inject(
        FaultRule::new(Fault::Status(422))
            .method("POST")
            .path("/v3/videos")
            .times(2),
    );
    client.users().me().await.unwrap();
    for _ in 0..2 {
        let error = client
            .videos()
            .create(avatar_video(&sim, "Targeted."))
            .await
            .unwrap_err();
        assert_eq!(api(&error).status, 422);
    }
    client
        .videos()
        .create(avatar_video(&sim, "Through."))
        .await
        .unwrap();

    sim.fail_next(5, 500);
    sim.clear_faults();
    client.users().me().await.unwrap();
}

// ---- journal ----

#[tokio::test]
async fn the_journal_records_requests_without_the_key() {
    let sim = Simulator::start().await;
    let client = sim.client();
    client
        .videos()
        .create(avatar_video(&sim, "Journaled."))
        .await
        .unwrap();
    client
        .run(client.raw().list_videos_v3().limit(5u64).send())
        .await
        .unwrap();
    let requests = sim.requests();
    assert_eq!(requests.len(), 2);
    let post = &requests[0];
    assert_eq!(
        (post.method.as_str(), post.path.as_str(), post.status),
        ("POST", "/v3/videos", Some(200))
    );
    assert_eq!(post.header("x-api-key"), Some("<redacted>"));
    assert!(
        post.header("user-agent")
            .is_some_and(|ua| ua.starts_with("heygen-rs/"))
    );
    let body = post.body.as_ref().expect("a JSON body");
    assert_eq!(
        (body["type"].as_str(), body["script"].as_str()),
        (Some("avatar"), Some("Journaled."))
    );
    assert!(!format!("{requests:?}").contains(sim.api_key()));
    assert_eq!(
        (requests[1].query.as_deref(), requests[1].body.as_ref()),
        (Some("limit=5"), None)
    );
    sim.clear_requests();
    assert!(sim.requests().is_empty());
}

// ---- avatars ----

#[tokio::test(start_paused = true)]
async fn seeded_avatars_list_and_read() {
    let sim = Simulator::builder().avatars(3).start().await;
    let client = sim.client();
    let groups = client.avatars().list().collect().await.unwrap();
    assert_eq!(groups.len(), 3);
    assert!(
        groups
            .iter()
            .all(|g| g.status == Some(AvatarStatus::Completed) && g.looks_count == 2)
    );
    let group = client.avatars().get(&groups[1].id).await.unwrap();
    assert_eq!(group.name, groups[1].name);

    let looks = client.avatars().list_looks_with({
        let id = group.id.clone();
        move |r| r.group_id(id.clone())
    });
    let looks = looks.collect().await.unwrap();
    assert_eq!(looks.len(), 2);
    assert!(
        looks
            .iter()
            .all(|l| l.group_id.as_deref() == Some(group.id.as_str()))
    );
    assert_eq!(
        client.avatars().get_look(&looks[0].id).await.unwrap().id,
        looks[0].id
    );
    assert_eq!(
        client.avatars().list_looks().collect().await.unwrap().len(),
        6
    );
    let private = client
        .avatars()
        .list_with(|r| r.ownership(heygen::types::AvatarOwnership::Private))
        .collect()
        .await
        .unwrap();
    assert!(private.is_empty());

    let rename = UpdateAvatarLookRequest {
        name: Some("Renamed".parse().unwrap()),
    };
    let error = client
        .avatars()
        .update_look(&looks[0].id, rename)
        .await
        .unwrap_err();
    assert_eq!(api(&error).status, 400);
}

#[tokio::test(start_paused = true)]
async fn a_photo_avatar_processes_then_completes() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let request: CreateAvatarRequestBody = from_json(
        json!({"type": "photo", "name": "Me", "file": {"type": "url", "url": "https://example.com/me.png"}}),
    );
    let created = client.avatars().create(request).await.unwrap();
    let look = created.avatar_item.unwrap();
    let group = created.avatar_group.unwrap();
    assert_eq!(look.status, Some(AvatarStatus::Processing));
    advance(Timeline::default().total()).await;
    assert_eq!(
        client.avatars().get_look(&look.id).await.unwrap().status,
        Some(AvatarStatus::Completed)
    );
    assert_eq!(
        client.avatars().get(&group.id).await.unwrap().status,
        Some(AvatarStatus::Completed)
    );
    let renamed = client
        .avatars()
        .update_look(
            &look.id,
            UpdateAvatarLookRequest {
                name: Some("Me again".parse().unwrap()),
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.name, "Me again");
    assert_eq!(sim.count(ResourceKind::Avatar), 1);

    // Its look now makes videos.
    let mut video = avatar_video(&sim, "It's me.");
    video.avatar_id = look.id;
    client.videos().create(video).await.unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_digital_twin_waits_for_consent() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let request: CreateAvatarRequestBody = from_json(
        json!({"type": "video", "name": "Twin", "file": {"type": "url", "url": "https://example.com/me.mp4"}}),
    );
    let created = client.avatars().create(request).await.unwrap();
    let (group, look) = (created.avatar_group.unwrap(), created.avatar_item.unwrap());
    assert_eq!(group.status, Some(AvatarStatus::Processing));
    assert_eq!(group.consent_status.as_deref(), Some("pending"));
    advance(Duration::from_secs(600)).await;
    assert_eq!(
        client.avatars().get(&group.id).await.unwrap().status,
        Some(AvatarStatus::PendingConsent)
    );

    // The lead's waiter stops at pending_consent.
    let options = heygen::wait::WaitOptions::new().initial_delay(Duration::ZERO);
    let waited = client
        .avatars()
        .wait_with(&group.id, &options)
        .await
        .unwrap_err();
    assert!(
        matches!(waited, Error::ConsentRequired { .. }),
        "{waited:?}"
    );

    // A look still in training cannot make videos.
    let mut video = avatar_video(&sim, "Too early.");
    video.avatar_id = look.id.clone();
    let error = client.videos().create(video.clone()).await.unwrap_err();
    assert_eq!(api(&error).param.as_deref(), Some("avatar_id"));

    let consent = client
        .avatars()
        .create_consent(&group.id, CreateAvatarConsentRequest::default())
        .await
        .unwrap();
    assert!(consent.url.unwrap().contains(&group.id));
    assert_eq!(
        consent.avatar_group.consent_status.as_deref(),
        Some("approved")
    );
    assert_eq!(
        client.avatars().get(&group.id).await.unwrap().status,
        Some(AvatarStatus::Processing)
    );
    advance(Timeline::default().processing).await;
    assert_eq!(
        client.avatars().get_look(&look.id).await.unwrap().status,
        Some(AvatarStatus::Completed)
    );
    client.videos().create(video).await.unwrap();

    let public = sim.requests().len();
    let error = client
        .avatars()
        .create_consent(
            &sim_group(&client).await,
            CreateAvatarConsentRequest::default(),
        )
        .await;
    assert_eq!(api(&error.unwrap_err()).status, 400);
    assert!(sim.requests().len() > public);
}

async fn sim_group(client: &heygen::Client) -> String {
    client.avatars().list().first_page().await.unwrap().items[0]
        .id
        .clone()
}

// ---- voices ----

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
        .list_with(|r| r.type_(heygen::types::AudioVoiceType::Private))
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

// ---- video translations and proofreads ----

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
    let upload = heygen::types::UploadSrtRequest {
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

// ---- lipsyncs ----

#[tokio::test(start_paused = true)]
async fn a_lipsync_goes_pending_running_completed() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let request = CreateLipsyncRequest {
        title: Some("Dub".into()),
        ..from_json(
            json!({"video": {"type": "url", "url": "https://example.com/v.mp4"}, "audio": {"type": "url", "url": "https://example.com/a.mp3"}}),
        )
    };
    let id = client.lipsyncs().create(request).await.unwrap().lipsync_id;
    assert_eq!(
        client.lipsyncs().get(&id).await.unwrap().status,
        VideoTranslationStatus::Pending
    );
    advance(Duration::from_secs(1)).await;
    assert_eq!(
        client.lipsyncs().get(&id).await.unwrap().status,
        VideoTranslationStatus::Running
    );
    advance(Duration::from_secs(2)).await;
    let done = client.lipsyncs().get(&id).await.unwrap();
    assert_eq!(done.status, VideoTranslationStatus::Completed);
    assert!(done.video_url.is_some());
    let renamed = client
        .lipsyncs()
        .update(
            &id,
            UpdateLipsyncRequest {
                title: "Redub".into(),
            },
        )
        .await
        .unwrap();
    assert_eq!(renamed.title.as_deref(), Some("Redub"));
    assert_eq!(client.lipsyncs().list().collect().await.unwrap().len(), 1);
    assert_eq!(client.lipsyncs().delete(&id).await.unwrap().id, id);
    assert_eq!(
        api(&client.lipsyncs().get(&id).await.unwrap_err()).status,
        404
    );

    let (status, body) = raw_post(
        &sim,
        "/v3/lipsyncs",
        json!({"video": {"type": "url", "url": "https://example.com/v.mp4"}}),
    )
    .await;
    assert_eq!(status, 400);
    assert_standard_error(&body, "invalid_parameter", Some("audio"));
}

// ---- video agents ----

#[tokio::test(start_paused = true)]
async fn a_chat_session_thinks_waits_for_input_then_generates_on_the_new_paths() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let agents = client.video_agents();
    let request: CreateVideoAgentRequest =
        from_json(json!({"prompt": "A 30 second product teaser", "mode": "chat"}));
    let created = agents.create(request).await.unwrap();
    assert_eq!(
        (created.status, created.video_id),
        (VideoAgentStatus::Thinking, None)
    );
    let session_id = created.session_id;
    let session = agents.get_session(&session_id).await.unwrap();
    assert_eq!(
        (session.status, session.video_id.as_deref()),
        (VideoAgentSessionStatus::Thinking, None)
    );
    // However long the caller waits, the session waits for its answer.
    advance(Duration::from_secs(600)).await;
    let session = agents.get_session(&session_id).await.unwrap();
    assert_eq!(session.status, VideoAgentSessionStatus::WaitingForInput);
    let question = session.messages.last().expect("the agent asks");
    assert_eq!(question.role, "assistant");
    assert!(question.content.contains("plan"), "{}", question.content);

    agents
        .send_message(
            &session_id,
            from_json::<SendMessageRequest>(json!({"message": "Go ahead"})),
        )
        .await
        .unwrap();
    let session = agents.get_session(&session_id).await.unwrap();
    assert_eq!(session.status, VideoAgentSessionStatus::Generating);
    let video_id = session.video_id.expect("generating has a video id");
    let roles: Vec<&str> = session.messages.iter().map(|m| m.role.as_str()).collect();
    assert_eq!(roles, ["user", "assistant", "user"]);
    advance(Duration::from_secs(3)).await;
    let session = agents.get_session(&session_id).await.unwrap();
    assert_eq!(
        (session.status, session.progress),
        (VideoAgentSessionStatus::Completed, 100)
    );
    assert_eq!(
        client.videos().get(&video_id).await.unwrap().status,
        VideoStatus::Completed
    );
    let ready = session.messages.last().unwrap();
    assert_eq!(ready.resource_ids.as_deref(), Some(&[video_id.clone()][..]));
    let resource = agents
        .session_resource(&session_id, &video_id)
        .await
        .unwrap();
    assert_eq!(
        (
            resource.resource_type.as_str(),
            resource.source_type.as_deref()
        ),
        ("video", Some("generated"))
    );
    let missing = agents.session_resource(&session_id, "nope").await;
    assert_eq!(api(&missing.unwrap_err()).status, 404);

    // Another message starts another run with another video; stopping it fails the run.
    let next = agents
        .send_message(
            &session_id,
            from_json::<SendMessageRequest>(json!({"message": "Make it shorter"})),
        )
        .await
        .unwrap();
    assert_eq!(next.session_id, session_id);
    let rerun = agents.get_session(&session_id).await.unwrap();
    assert_eq!(rerun.status, VideoAgentSessionStatus::Thinking);
    let busy = agents
        .send_message(
            &session_id,
            from_json::<SendMessageRequest>(json!({"message": "Wait"})),
        )
        .await
        .unwrap_err();
    assert_eq!(api(&busy).status, 400);
    agents
        .stop_session(&session_id, StopSessionRequest {})
        .await
        .unwrap();
    advance(Duration::from_secs(10)).await;
    assert_eq!(
        agents.get_session(&session_id).await.unwrap().status,
        VideoAgentSessionStatus::Failed
    );
    let videos = agents.session_videos(&session_id).await.unwrap();
    assert_eq!(
        videos
            .data
            .iter()
            .map(|v| (v.id == video_id, v.status.clone()))
            .collect::<Vec<_>>(),
        [
            (true, GeneratedVideoStatus::Completed),
            (false, GeneratedVideoStatus::Failed)
        ]
    );
    assert_eq!(videos.has_more, Some(false));

    // Every request went to the paths HeyGen moved the sessions to.
    let paths: HashSet<String> = sim
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .filter(|p| p.contains("video-agents"))
        .collect();
    let base = format!("/v3/video-agents/{session_id}");
    let expected: HashSet<String> = [
        "POST /v3/video-agents".to_string(),
        format!("GET {base}"),
        format!("POST {base}"),
        format!("POST {base}/stop"),
        format!("GET {base}/resources/{video_id}"),
        format!("GET {base}/resources/nope"),
        format!("GET {base}/videos"),
    ]
    .into();
    assert_eq!(paths, expected);
}

#[tokio::test(start_paused = true)]
async fn sessions_are_listed_newest_first_and_the_old_paths_are_gone() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let agents = client.video_agents();
    let mut ids = Vec::new();
    for prompt in ["first", "second", "third"] {
        let request: CreateVideoAgentRequest = from_json(json!({"prompt": prompt}));
        ids.push(agents.create(request).await.unwrap().session_id);
    }
    let listed: Vec<String> = agents
        .list_sessions_with(|r| r.limit(std::num::NonZeroU64::new(2).unwrap()))
        .collect()
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.session_id)
        .collect();
    ids.reverse();
    assert_eq!(listed, ids);
    for (method, path) in [
        ("POST", "/v3/video-agents/sessions".to_string()),
        ("GET", format!("/v3/video-agents/sessions/{}", ids[0])),
        (
            "GET",
            format!("/v3/video-agents/sessions/{}/resources", ids[0]),
        ),
    ] {
        let response = http()
            .request(method.parse().unwrap(), format!("{}{path}", sim.base_url()))
            .header("x-api-key", sim.api_key())
            .json(&json!({"prompt": "x"}))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status().as_u16(), 404, "{method} {path}");
    }
}

#[tokio::test(start_paused = true)]
#[allow(deprecated)]
async fn the_session_shims_send_the_new_calls_or_refuse_before_sending() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let agents = client.video_agents();
    let request: CreateSessionRequest = from_json(json!({"prompt": "A teaser"}));
    let created = agents.create_session(request).await.unwrap();
    let session = agents.get_session(&created.session_id).await.unwrap();
    assert_eq!(session.messages[0].content, "A teaser");
    let journal = sim.requests();
    let sent = journal
        .iter()
        .find(|r| r.method == "POST")
        .expect("the create");
    assert_eq!(sent.path, "/v3/video-agents");
    assert_eq!(sent.body.as_ref().unwrap()["mode"], "chat");
    advance(Duration::from_secs(5)).await;
    assert_eq!(
        agents
            .get_session(&created.session_id)
            .await
            .unwrap()
            .status,
        VideoAgentSessionStatus::WaitingForInput
    );

    let before = sim.requests().len();
    let error = agents
        .session_resources(&created.session_id)
        .collect()
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::OperationRemoved { operation: "getVideoAgentSessionResources", instead } if instead.contains("session_resource")),
        "{error:?}"
    );
    assert_eq!(sim.requests().len(), before, "nothing was sent");
}

#[tokio::test(start_paused = true)]
async fn a_one_shot_video_agent_returns_a_video_to_poll() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let styles = client.video_agents().list_styles().collect().await.unwrap();
    let request: CreateVideoAgentRequest =
        from_json(json!({"prompt": "Explain rust ownership", "style_id": styles[0].style_id}));
    let created = client.video_agents().create(request).await.unwrap();
    let video_id = created.video_id.expect("a video id");
    advance(Timeline::default().total()).await;
    assert_eq!(
        client.videos().get(&video_id).await.unwrap().status,
        VideoStatus::Completed
    );
    let bad: CreateVideoAgentRequest = from_json(json!({"prompt": "x", "style_id": "nope"}));
    assert_eq!(
        api(&client.video_agents().create(bad).await.unwrap_err())
            .param
            .as_deref(),
        Some("style_id")
    );
}

// ---- account, webhooks, assets ----

#[tokio::test]
async fn users_me_is_a_fixed_profile() {
    let sim = Simulator::start().await;
    let me = sim.client().users().me().await.unwrap();
    assert_eq!(
        (me.username.as_str(), me.email.as_deref()),
        ("simulator", Some("simulator@example.com"))
    );
    assert!(me.subscription.is_some() && me.wallet.is_some());
}

#[tokio::test(start_paused = true)]
async fn webhook_endpoints_crud_and_events() {
    let sim = Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await;
    let client = sim.client();
    let webhooks = client.webhooks();
    let types = webhooks.event_types().await.unwrap();
    assert!(types.iter().any(|t| t.event_type == "avatar_video.success"));

    let insecure = webhooks
        .create_endpoint(from_json::<CreateWebhookEndpointRequest>(
            json!({"url": "http://example.com/hook"}),
        ))
        .await;
    assert_eq!(api(&insecure.unwrap_err()).param.as_deref(), Some("url"));
    let request: CreateWebhookEndpointRequest =
        from_json(json!({"url": "https://example.com/hook", "events": ["avatar_video.success"]}));
    let endpoint = webhooks.create_endpoint(request).await.unwrap();
    let secret = endpoint
        .secret
        .clone()
        .expect("a new endpoint shows its secret");
    assert_eq!(
        endpoint.events.as_deref(),
        Some(&["avatar_video.success".to_string()][..])
    );
    let listed = webhooks.list_endpoints().collect().await.unwrap();
    assert_eq!((listed.len(), listed[0].secret.as_ref()), (1, None));
    let update: UpdateWebhookEndpointRequest =
        from_json(json!({"url": "https://example.com/other"}));
    assert_eq!(
        webhooks
            .update_endpoint(&endpoint.endpoint_id, update)
            .await
            .unwrap()
            .url,
        "https://example.com/other"
    );
    let rotated = webhooks.rotate_secret(&endpoint.endpoint_id).await.unwrap();
    assert_ne!(rotated.secret, secret);
    webhooks
        .delete_endpoint(&endpoint.endpoint_id)
        .await
        .unwrap();
    assert!(
        webhooks
            .list_endpoints()
            .collect()
            .await
            .unwrap()
            .is_empty()
    );
    let missing = webhooks
        .rotate_secret(&endpoint.endpoint_id)
        .await
        .unwrap_err();
    assert_eq!(api(&missing).status, 404);

    let video = client
        .videos()
        .create(avatar_video(&sim, "Notify me."))
        .await
        .unwrap();
    let events = webhooks.list_events().collect().await.unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].event_type, "avatar_video.success");
    assert_eq!(events[0].event_data["video_id"], video.video_id.as_str());
}

#[tokio::test]
async fn assets_upload_and_are_usable_as_inputs() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    let asset = client
        .assets()
        .upload_bytes("face.png", None, png.clone())
        .await
        .unwrap();
    assert_eq!(
        (asset.mime_type.as_str(), asset.size_bytes),
        ("image/png", png.len() as i64)
    );
    assert_eq!(
        http()
            .get(&asset.url)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
        png
    );

    let request: CreateLipsyncRequest = from_json(json!({
        "video": {"type": "asset_id", "asset_id": asset.asset_id},
        "audio": {"type": "asset_id", "asset_id": "unknown"}
    }));
    let error = client.lipsyncs().create(request).await.unwrap_err();
    assert_eq!(api(&error).param.as_deref(), Some("audio.asset_id"));

    let unsupported = client
        .assets()
        .upload_bytes("notes.txt", Some("text/plain"), b"hello".to_vec())
        .await
        .unwrap_err();
    assert_eq!(api(&unsupported).param.as_deref(), Some("file"));

    let no_file = reqwest::multipart::Form::new().text("other", "x");
    let response = http()
        .post(format!("{}/v3/assets", sim.base_url()))
        .header("x-api-key", sim.api_key())
        .multipart(no_file)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_standard_error(
        &response.json().await.unwrap(),
        "invalid_parameter",
        Some("file"),
    );
}

#[tokio::test]
async fn dropping_the_simulator_stops_the_server() {
    let sim = Simulator::start().await;
    let client = sim.client_builder().max_retries(0).build().unwrap();
    client.users().me().await.unwrap();
    drop(sim);
    tokio::task::yield_now().await;
    let error = client.users().me().await.unwrap_err();
    assert!(matches!(error, Error::Connection { .. }), "{error:?}");
}
