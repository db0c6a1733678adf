//! Videos: the status timeline, failed jobs, injected statuses, and the lead waiter.

use std::time::Duration;

use heygen_sdk::Error;
use heygen_sdk::testing::{ResourceKind, Simulator, Timeline};
use heygen_sdk::types::VideoStatus;
use tokio::time::advance;

use crate::support::{api, avatar_video, http};

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
    let options = heygen_sdk::wait::WaitOptions::new()
        .initial_delay(Duration::ZERO)
        .min_delay(Duration::from_millis(10));
    match client.videos().wait_with(&created.video_id, &options).await {
        Err(Error::JobFailed { code, .. }) => {
            assert_eq!(code.as_deref(), Some("simulated_failure"))
        }
        other => panic!("expected JobFailed, got {other:?}"),
    }
}
