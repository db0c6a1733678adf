//! Lipsyncs: pending, running, completed; update and delete.

use std::time::Duration;

use heygen_sdk::testing::Simulator;
use heygen_sdk::types::{CreateLipsyncRequest, UpdateLipsyncRequest, VideoTranslationStatus};
use serde_json::json;
use tokio::time::advance;

use crate::support::{api, assert_standard_error, from_json, raw_post};

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
