//! `Idempotency-Key`: the first response replayed.

use heygen_sdk::RequestOptions;
use heygen_sdk::testing::{ResourceKind, Simulator};

use crate::support::{api, avatar_video, http};

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
    let body = serde_json::to_value(heygen_sdk::types::CreateVideoV3RequestBody::Avatar(
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

#[tokio::test(start_paused = true)]
async fn a_key_is_replayed_for_24_hours_then_forgotten() {
    let sim = Simulator::start().await;
    let client = sim
        .client()
        .with_options(RequestOptions::new().idempotency_key("row-7"));
    let first = client
        .videos()
        .create(avatar_video(&sim, "Once a day."))
        .await
        .unwrap();
    // Same key, same body, just inside the window: the same answer, no new job.
    tokio::time::advance(std::time::Duration::from_secs(24 * 3600 - 1)).await;
    let replayed = client
        .videos()
        .create(avatar_video(&sim, "Once a day."))
        .await
        .unwrap();
    assert_eq!(replayed.video_id, first.video_id);
    assert_eq!(sim.count(ResourceKind::Video), 1);
    // Same key, another body: refused, not replayed.
    let error = client
        .videos()
        .create(avatar_video(&sim, "Another."))
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400), "{error:?}");
    // Past 24 h the key is forgotten: the same request makes a new job.
    tokio::time::advance(std::time::Duration::from_secs(2)).await;
    let again = client
        .videos()
        .create(avatar_video(&sim, "Once a day."))
        .await
        .unwrap();
    assert_ne!(again.video_id, first.video_id);
    assert_eq!(sim.count(ResourceKind::Video), 2);
}
