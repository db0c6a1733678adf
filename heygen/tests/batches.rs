//! Batches and bulk statuses of videos, video translations and lipsyncs on the simulator
//! (tokio's paused clock): items progress on the simulator's clock, wait `queued` under the
//! concurrent-job limit, and bad input is refused before any request.
#![cfg(feature = "testing")]

use std::time::Duration;

use heygen_sdk::Error;
use heygen_sdk::testing::{ResourceKind, Simulator, Timeline};
use heygen_sdk::types::{
    BatchItemStatus, BatchStatus, CreateLipsyncBatchRequest, CreateLipsyncRequest,
    CreateVideoBatchRequest, CreateVideoFromAvatar, CreateVideoTranslationBatchRequest,
    CreateVideoTranslationRequest, CreateVideoV3RequestBody, StatusEntry,
};
use serde_json::json;
use tokio::time::advance;

fn video(sim: &Simulator, title: &str) -> CreateVideoV3RequestBody {
    CreateVideoV3RequestBody::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id(sim.avatar_id().expect("seeded avatars"))
            .voice_id(sim.voice_id().expect("seeded voices"))
            .script("Hello from a batch.")
            .title(title),
    )
    .expect("a complete request")
}

fn statuses(entries: &[StatusEntry]) -> Vec<&str> {
    entries.iter().map(|e| e.status.as_str()).collect()
}

#[tokio::test(start_paused = true)]
async fn a_video_batch_progresses_on_the_simulators_clock() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let mut requests: Vec<_> = (0..3).map(|n| video(&sim, &format!("v{n}"))).collect();
    // An item HeyGen refuses fails alone.
    let mut unknown_voice = serde_json::to_value(video(&sim, "bad")).unwrap();
    unknown_voice["voice_id"] = json!("no_such_voice");
    requests.push(serde_json::from_value(unknown_voice).unwrap());
    let created = client
        .videos()
        .create_batch(
            CreateVideoBatchRequest::builder()
                .title("Welcome videos")
                .videos(requests),
        )
        .await
        .unwrap();
    assert_eq!(created.total_items, Some(4));
    assert_eq!(created.title.as_deref(), Some("Welcome videos"));

    let batch = client.videos().get_batch(&created.batch_id).await.unwrap();
    assert_eq!(batch.status, BatchStatus::Processing);
    assert_eq!(batch.total_items, 4);
    let indexes: Vec<i64> = batch.items.iter().map(|i| i.item_index).collect();
    assert_eq!(indexes, [0, 1, 2, 3]);
    assert_eq!(batch.items[0].status, BatchItemStatus::Queued);
    assert_eq!(batch.items[3].status, BatchItemStatus::Failed);
    assert!(batch.items[3].video_id.is_none());
    assert!(
        batch.items[3].error.as_ref().unwrap()["message"]
            .as_str()
            .unwrap()
            .contains("no_such_voice")
    );
    assert_eq!(batch.counts_by_status["queued"], json!(3));

    advance(Timeline::default().pending).await;
    let by_batch = client
        .videos()
        .batch_statuses([&created.batch_id])
        .await
        .unwrap();
    assert_eq!(
        statuses(&by_batch.data),
        ["processing", "processing", "processing", "failed"]
    );
    assert!(
        by_batch
            .data
            .iter()
            .all(|e| e.batch_id.as_deref() == Some(created.batch_id.as_str()))
    );
    assert_eq!(by_batch.data[2].item_index, Some(2));

    advance(Timeline::default().total()).await;
    let items = client
        .videos()
        .batch_items(&created.batch_id)
        .collect()
        .await
        .unwrap();
    let ids: Vec<String> = items.iter().filter_map(|i| i.video_id.clone()).collect();
    assert_eq!(ids.len(), 3);
    let by_id = client
        .videos()
        .statuses(ids.iter().chain([&"not_mine".to_string()]))
        .await
        .unwrap();
    assert_eq!(
        statuses(&by_id.data),
        ["completed", "completed", "completed", "not_found"]
    );
    assert_eq!(by_id.data[3].video_id.as_deref(), Some("not_mine"));
    let batch = client.videos().get_batch(&created.batch_id).await.unwrap();
    assert_eq!(batch.status, BatchStatus::Completed);
    let video = client.videos().get(&ids[1]).await.unwrap();
    assert_eq!(video.title.as_deref(), Some("v1"));
}

#[tokio::test(start_paused = true)]
async fn batch_items_wait_queued_under_the_concurrent_job_limit() {
    let sim = Simulator::builder().max_concurrent_jobs(3).start().await;
    let client = sim.client();
    let requests: Vec<_> = (0..8).map(|n| video(&sim, &format!("v{n}"))).collect();
    let created = client
        .videos()
        .create_batch(CreateVideoBatchRequest::builder().videos(requests))
        .await
        .unwrap();
    let count = |entries: &[StatusEntry], status: &str| {
        entries.iter().filter(|e| e.status == status).count()
    };
    let mut seen_queued = false;
    for _ in 0..20 {
        let page = client
            .videos()
            .batch_statuses([&created.batch_id])
            .await
            .unwrap();
        // Made and not finished: a place taken.
        let running = page
            .data
            .iter()
            .filter(|e| e.video_id.is_some() && e.status != "completed")
            .count();
        assert!(running <= 3, "{:?}", statuses(&page.data));
        seen_queued |= page.data.iter().any(|e| e.video_id.is_none());
        if count(&page.data, "completed") == 8 {
            break;
        }
        advance(Duration::from_millis(500)).await;
    }
    assert!(seen_queued, "items waited for a place");
    let batch = client.videos().get_batch(&created.batch_id).await.unwrap();
    assert_eq!(batch.status, BatchStatus::Completed);
    assert_eq!(sim.count(ResourceKind::Video), 8);
    assert_eq!(sim.peak_concurrent_jobs(), 3);
    // A direct create past the limit is refused with a 429 and the wait until a place frees.
    let busy = sim.client_builder().max_retries(0).build().unwrap();
    for n in 0..3 {
        busy.videos()
            .create(video(&sim, &format!("d{n}")))
            .await
            .unwrap();
    }
    assert_eq!(sim.concurrent_jobs(), 3);
    let error = busy
        .videos()
        .create(video(&sim, "one too many"))
        .await
        .unwrap_err();
    let api = error.api().expect("an API error");
    assert!(matches!(error, Error::RateLimited(_)), "{error:?}");
    assert_eq!(api.code.as_deref(), Some("concurrency_limit_exceeded"));
    assert_eq!(api.retry_after, Some(Timeline::default().total()));
}

#[tokio::test(start_paused = true)]
async fn translation_and_lipsync_batches() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let reference = json!({"type": "url", "url": "https://example.com/talk.mp4"});
    let translation = |languages: &[&str]| -> CreateVideoTranslationRequest {
        serde_json::from_value(json!({"video": reference, "output_languages": languages})).unwrap()
    };
    let created = client
        .video_translations()
        .create_batch(
            CreateVideoTranslationBatchRequest::builder().video_translations(vec![
                translation(&["Spanish", "German"]),
                translation(&["French"]),
            ]),
        )
        .await
        .unwrap();
    assert_eq!(created.total_items, Some(3), "one item per language");
    let answered = sim.requests().last().unwrap().status;
    assert_eq!(answered, Some(202));
    advance(Timeline::default().total()).await;
    let batch = client
        .video_translations()
        .get_batch(&created.batch_id)
        .await
        .unwrap();
    assert_eq!(batch.status, BatchStatus::Completed);
    let ids: Vec<String> = batch
        .items
        .iter()
        .map(|i| i.video_id.clone().unwrap())
        .collect();
    let languages: Vec<Option<String>> = {
        let mut out = Vec::new();
        for id in &ids {
            out.push(
                client
                    .video_translations()
                    .get(id)
                    .await
                    .unwrap()
                    .output_language,
            );
        }
        out
    };
    assert_eq!(
        languages,
        [
            Some("Spanish".into()),
            Some("German".into()),
            Some("French".into())
        ]
    );
    let page = client.video_translations().statuses(&ids).await.unwrap();
    assert_eq!(statuses(&page.data), ["completed"; 3]);

    let lipsync: CreateLipsyncRequest = serde_json::from_value(json!({
        "video": reference, "audio": {"type": "url", "url": "https://example.com/a.mp3"}
    }))
    .unwrap();
    let created = client
        .lipsyncs()
        .create_batch(CreateLipsyncBatchRequest::builder().lipsyncs(vec![lipsync.clone(), lipsync]))
        .await
        .unwrap();
    let items = client
        .lipsyncs()
        .batch_items(&created.batch_id)
        .collect()
        .await
        .unwrap();
    assert_eq!(items.len(), 2);
    let page = client
        .lipsyncs()
        .batch_statuses([&created.batch_id])
        .await
        .unwrap();
    assert_eq!(statuses(&page.data), ["queued", "queued"]);
    // Batches are per area: a lipsync batch is no video batch.
    let error = client
        .videos()
        .get_batch(&created.batch_id)
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404));
}

#[tokio::test(start_paused = true)]
async fn bad_batches_and_id_lists_are_refused_before_any_request() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let field = |error: Error| match error {
        Error::InvalidRequest { field, .. } => field,
        other => panic!("{other:?}"),
    };
    let none = client
        .videos()
        .create_batch(CreateVideoBatchRequest::builder().videos(Vec::new()))
        .await
        .unwrap_err();
    assert_eq!(field(none).as_deref(), Some("videos"));
    let many: Vec<_> = (0..101).map(|n| video(&sim, &n.to_string())).collect();
    let too_many = client
        .videos()
        .create_batch(CreateVideoBatchRequest::builder().videos(many))
        .await
        .unwrap_err();
    assert_eq!(field(too_many).as_deref(), Some("videos"));
    let languages: Vec<String> = (0..101).map(|n| format!("L{n}")).collect();
    let expanded: CreateVideoTranslationRequest = serde_json::from_value(json!({
        "video": {"type": "url", "url": "https://example.com/v.mp4"}, "output_languages": languages
    }))
    .unwrap();
    let expanded = client
        .video_translations()
        .create_batch(
            CreateVideoTranslationBatchRequest::builder().video_translations(vec![expanded]),
        )
        .await
        .unwrap_err();
    assert_eq!(field(expanded).as_deref(), Some("video_translations"));
    let ids: Vec<String> = (0..101).map(|n| n.to_string()).collect();
    assert_eq!(
        field(client.videos().statuses(&ids).await.unwrap_err()).as_deref(),
        Some("video_ids")
    );
    assert_eq!(
        field(client.lipsyncs().statuses(["a,b"]).await.unwrap_err()).as_deref(),
        Some("lipsync_ids")
    );
    assert_eq!(
        field(
            client
                .video_translations()
                .batch_statuses(Vec::<String>::new())
                .await
                .unwrap_err()
        )
        .as_deref(),
        Some("batch_ids")
    );
    assert_eq!(
        field(client.videos().get_batch("..").await.unwrap_err()).as_deref(),
        Some("batch_id")
    );
    assert!(sim.requests().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_batch_create_is_idempotent_with_its_key() {
    let sim = Simulator::start().await;
    let client = sim
        .client()
        .with_options(heygen_sdk::RequestOptions::new().idempotency_key("batch-42"));
    let batch = || CreateVideoBatchRequest::builder().videos(vec![video(&sim, "once")]);
    let first = client.videos().create_batch(batch()).await.unwrap();
    let again = client.videos().create_batch(batch()).await.unwrap();
    assert_eq!(first.batch_id, again.batch_id);
    assert_eq!(sim.count(ResourceKind::Video), 1);
}
