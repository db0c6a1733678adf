//! The media jobs against the simulator: AI clipping and background removal, each
//! created, read, listed, waited on (paused clock), failed, deleted; their 404s, their request
//! checks, and the path ids refused before sending.
//!
//! `cargo test -p heygen-sdk --features testing --test media_jobs`.
#![cfg(feature = "testing")]

use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_sdk::testing::{Fault, FaultRule, ResourceKind, Simulator};
use heygen_sdk::types::{
    AiClippingClipStatus, AiClippingStatus, AssetInput, AssetReference, CreateAiClippingRequest,
    CreateBackgroundRemovalRequest,
};
use heygen_sdk::wait::{Progress, WaitOptions};
use heygen_sdk::{Error, RequestOptions};
use serde_json::json;

/// Wait options polling every second, recording every progress report.
fn recording() -> (WaitOptions, Arc<Mutex<Vec<Progress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let options = WaitOptions::new()
        .jitter(0.0)
        .min_delay(Duration::from_secs(1))
        .on_progress(move |p| sink.lock().unwrap().push(p.clone()));
    (options, seen)
}

/// The status, code and `param` of an API error.
fn status(error: &Error) -> Option<(u16, String, Option<String>)> {
    error.api().map(|api| {
        let code = api.code.clone().unwrap_or_default();
        (api.status, code, api.param.clone())
    })
}

fn clipping(durations: &[&str]) -> CreateAiClippingRequest {
    serde_json::from_value(json!({
        "video": {"type": "url", "url": "https://example.com/keynote.mp4"},
        "title": "Keynote",
        "output_settings": {"duration_types": durations, "aspect_ratio": "square"}
    }))
    .expect("a valid request")
}

// ---- AI clipping ----

#[tokio::test(start_paused = true)]
async fn a_clipping_job_is_created_answered_202_and_waited_on_to_its_clips() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let (options, seen) = recording();
    let job = client
        .ai_clippings()
        .create_and_wait_with(clipping(&["30", "60"]), &options)
        .await
        .unwrap();
    assert_eq!(job.status, AiClippingStatus::Completed);
    assert_eq!(job.progress, 100);
    assert_eq!(job.title.as_deref(), Some("Keynote"));
    let durations: Vec<Option<f64>> = job.clips.iter().map(|c| c.duration_seconds).collect();
    assert_eq!(durations, [Some(30.0), Some(60.0)]);
    for clip in &job.clips {
        assert_eq!(clip.status, AiClippingClipStatus::Completed);
        assert!(clip.video_url.is_some() && clip.thumbnail_url.is_some());
    }
    let seen = seen.lock().unwrap();
    let statuses: Vec<&str> = seen.iter().map(|p| p.status.as_str()).collect();
    assert_eq!(statuses.first(), Some(&"pending"), "{statuses:?}");
    assert!(statuses.contains(&"running"), "{statuses:?}");
    assert_eq!(statuses.last(), Some(&"completed"));
    let figures: Vec<f64> = seen.iter().filter_map(|p| p.progress).collect();
    assert!(figures.windows(2).all(|w| w[0] <= w[1]), "{figures:?}");
    assert_eq!(figures.last(), Some(&100.0));
    assert!(
        seen.iter()
            .all(|p| p.kind == "ai_clipping" && p.id == job.id)
    );

    // The create answered 202, with the id the polls then used.
    let requests = sim.requests();
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("POST", "/v3/ai-clipping")
    );
    assert_eq!(requests[0].status, Some(202));
    assert!(
        requests[1..]
            .iter()
            .all(|r| r.path == format!("/v3/ai-clipping/{}", job.id))
    );
}

#[tokio::test(start_paused = true)]
async fn clipping_jobs_are_got_listed_newest_first_and_deleted() {
    let sim = Simulator::start().await;
    let clippings = sim.client().ai_clippings();
    let request = CreateAiClippingRequest::builder()
        .video(AssetReference::url("https://example.com/a.mp4"))
        .title("First");
    let first = clippings.create(request).await.unwrap().ai_clipping_id;
    let second = clippings
        .create(clipping(&["long"]))
        .await
        .unwrap()
        .ai_clipping_id;

    let pending = clippings.get(&first).await.unwrap();
    assert_eq!(pending.status, AiClippingStatus::Pending);
    assert!(pending.clips.is_empty(), "no clips before the job runs");
    tokio::time::advance(Duration::from_millis(1500)).await;
    let running = clippings.get(&second).await.unwrap();
    assert_eq!(running.status, AiClippingStatus::Running);
    assert_eq!(running.clips[0].status, AiClippingClipStatus::Pending);
    assert!(running.clips[0].video_url.is_none());

    let listed = clippings
        .list_with(|r| r.limit(1u64))
        .collect()
        .await
        .unwrap();
    let ids: Vec<&str> = listed.iter().map(|j| j.id.as_str()).collect();
    assert_eq!(ids, [second.as_str(), first.as_str()]);

    assert_eq!(clippings.delete(&first).await.unwrap().id, first);
    let gone = clippings.get(&first).await.unwrap_err();
    assert_eq!(status(&gone).map(|s| s.0), Some(404));
    let again = clippings.delete(&first).await.unwrap_err();
    assert_eq!(status(&again).map(|s| s.0), Some(404));
    assert_eq!(sim.count(ResourceKind::AiClipping), 1);
}

#[tokio::test(start_paused = true)]
async fn a_failed_clipping_is_job_failed_with_its_message_and_id() {
    let sim = Simulator::builder().fail_jobs(true).start().await;
    let error = sim
        .client()
        .ai_clippings()
        .create_and_wait(clipping(&["60"]))
        .await
        .unwrap_err();
    match &error {
        Error::JobFailed {
            kind, id, message, ..
        } => {
            assert_eq!(*kind, "ai_clipping");
            assert_eq!(sim.count(ResourceKind::AiClipping), 1);
            assert!(!id.is_empty());
            assert!(message.as_deref().is_some_and(|m| m.contains("fail_jobs")));
        }
        other => panic!("expected JobFailed, got {other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn an_unknown_clipping_status_counts_as_running() {
    let sim = Simulator::start().await;
    sim.inject_status(ResourceKind::AiClipping, "transcribing");
    let (options, seen) = recording();
    let job = sim
        .client()
        .ai_clippings()
        .create_and_wait_with(clipping(&["60"]), &options)
        .await
        .unwrap();
    assert_eq!(job.status, AiClippingStatus::Completed);
    let seen = seen.lock().unwrap();
    let unknown: Vec<&Progress> = seen.iter().filter(|p| !p.recognized).collect();
    assert!(
        !unknown.is_empty(),
        "the wait polled through `transcribing`"
    );
    assert!(unknown.iter().all(|p| p.status == "transcribing"));
}

#[tokio::test]
async fn clipping_requests_are_checked_and_unknown_jobs_are_404() {
    let sim = Simulator::start().await;
    let clippings = sim.client().ai_clippings();
    let error = clippings.create(clipping(&["45"])).await.unwrap_err();
    assert_eq!(
        status(&error),
        Some((
            400,
            "invalid_parameter".into(),
            Some("output_settings.duration_types[0]".into())
        ))
    );
    let mut bad_url = clipping(&["60"]);
    bad_url.video = AssetReference::url("ftp://example.com/a.mp4");
    let error = clippings.create(bad_url).await.unwrap_err();
    assert_eq!(
        status(&error).and_then(|s| s.2).as_deref(),
        Some("video.url")
    );
    let error = clippings.get("no_such_job").await.unwrap_err();
    assert_eq!(status(&error).map(|s| s.0), Some(404));
    assert_eq!(sim.count(ResourceKind::AiClipping), 0);

    // Path ids that are not ids are refused before anything is sent.
    let before = sim.requests().len();
    for id in ["", ".", ".."] {
        for error in [
            clippings.get(id).await.unwrap_err(),
            clippings.delete(id).await.unwrap_err(),
            clippings.wait(id).await.unwrap_err(),
        ] {
            assert!(
                matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "job_id")
                    || matches!(&error, Error::Wait { source, .. } if matches!(**source, Error::InvalidRequest { .. })),
                "{error:?}"
            );
        }
    }
    // A builder missing `video` is refused the same way.
    let error = clippings
        .create(CreateAiClippingRequest::builder().title("No video"))
        .await
        .unwrap_err();
    assert!(matches!(error, Error::InvalidRequest { .. }), "{error:?}");
    assert_eq!(sim.requests().len(), before);
}

// ---- background removal ----

fn removal(layers: &[&str]) -> CreateBackgroundRemovalRequest {
    CreateBackgroundRemovalRequest::try_from(
        CreateBackgroundRemovalRequest::builder()
            .video(AssetInput::url("https://example.com/talk.mp4"))
            .layers(layers.iter().map(|l| l.to_string()).collect::<Vec<_>>()),
    )
    .expect("a complete request")
}

#[tokio::test(start_paused = true)]
async fn a_background_removal_is_waited_on_to_its_layers() {
    let sim = Simulator::start().await;
    let removals = sim.client().background_removals();
    let (options, seen) = recording();
    let job = removals
        .create_and_wait_with(removal(&[]), &options)
        .await
        .unwrap();
    assert_eq!(job.status, "completed");
    let mut layers: Vec<&str> = job.layers.keys().map(String::as_str).collect();
    layers.sort_unstable();
    assert_eq!(layers, ["background", "foreground", "mask"]);
    assert!(job.completed_at.is_some() && job.duration.is_some());
    let statuses: Vec<String> = seen
        .lock()
        .unwrap()
        .iter()
        .map(|p| p.status.clone())
        .collect();
    assert!(statuses.contains(&"processing".to_string()), "{statuses:?}");

    let mask_only = removals.create(removal(&["mask"])).await.unwrap();
    assert_eq!(mask_only.status, "pending");
    assert!(mask_only.layers.is_empty());
    let mask_only = removals.wait(&mask_only.id).await.unwrap();
    assert_eq!(mask_only.layers.keys().collect::<Vec<_>>(), ["mask"]);

    let listed = removals.list().collect().await.unwrap();
    assert_eq!(
        listed.iter().map(|j| j.id.as_str()).collect::<Vec<_>>(),
        [mask_only.id.as_str(), job.id.as_str()]
    );
    let deleted = removals.delete(&job.id).await.unwrap();
    assert!(deleted.deleted && deleted.id == job.id);
    let gone = removals.get(&job.id).await.unwrap_err();
    assert_eq!(status(&gone).map(|s| s.0), Some(404));
}

#[tokio::test(start_paused = true)]
async fn a_failed_background_removal_is_job_failed_with_its_error() {
    let sim = Simulator::builder().fail_jobs(true).start().await;
    let removals = sim.client().background_removals();
    let created = removals.create(removal(&["foreground"])).await.unwrap();
    let error = removals.wait(&created.id).await.unwrap_err();
    match error {
        Error::JobFailed {
            kind, id, message, ..
        } => {
            assert_eq!((kind, id), ("background_removal", created.id));
            assert!(message.is_some_and(|m| m.contains("fail_jobs")));
        }
        other => panic!("expected JobFailed, got {other:?}"),
    }
}

#[tokio::test(start_paused = true)]
async fn a_removal_whose_answer_was_lost_is_retried_without_a_second_job() {
    // The endpoint ignores Idempotency-Key: the create fills `request_id` with its key instead.
    let sim = Simulator::start().await;
    let client = sim.client_builder().auto_idempotency(true).build().unwrap();
    let lose_the_answer = || {
        FaultRule::new(Fault::DropConnection)
            .method("POST")
            .path("/v3/background-removals")
    };
    sim.inject(lose_the_answer());
    let job = client
        .background_removals()
        .create(removal(&["mask"]))
        .await
        .unwrap();
    assert_eq!(sim.count(ResourceKind::BackgroundRemoval), 1);
    let posts: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "POST")
        .collect();
    assert_eq!(posts.len(), 2, "the lost answer was retried");
    for post in &posts {
        let request_id = post.body.as_ref().unwrap()["request_id"].as_str();
        assert!(request_id.is_some());
        assert_eq!(request_id, post.header("idempotency-key"));
    }
    assert_eq!(
        client.background_removals().get(&job.id).await.unwrap().id,
        job.id
    );

    // Without a `request_id` (the raw call), the same loss makes a second job.
    sim.inject(lose_the_answer());
    let raw = client
        .raw()
        .create_background_removal()
        .body(removal(&["mask"]));
    client.run(raw.send()).await.unwrap();
    assert_eq!(sim.count(ResourceKind::BackgroundRemoval), 3);
}

#[tokio::test]
async fn a_removal_sends_the_handles_idempotency_key_as_its_request_id() {
    let sim = Simulator::start().await;
    let keyed = sim
        .client()
        .with_options(RequestOptions::new().idempotency_key("order-7-cutout"));
    keyed
        .background_removals()
        .create(removal(&[]))
        .await
        .unwrap();
    let sent = &sim.requests()[0];
    assert_eq!(sent.body.as_ref().unwrap()["request_id"], "order-7-cutout");
    assert_eq!(sent.header("idempotency-key"), Some("order-7-cutout"));

    // Without a key (auto_idempotency is off by default) nothing is filled in, and a lost
    // answer is not retried: the error says so, rather than risking a second job.
    sim.inject(FaultRule::new(Fault::DropConnection).method("POST"));
    let error = sim
        .client()
        .background_removals()
        .create(removal(&[]))
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
        sim.requests()[1]
            .body
            .as_ref()
            .unwrap()
            .get("request_id")
            .is_none_or(|v| v.is_null())
    );
    assert_eq!(sim.count(ResourceKind::BackgroundRemoval), 2);
}

#[tokio::test]
async fn a_repeated_request_id_returns_the_first_job() {
    let sim = Simulator::start().await;
    let removals = sim.client().background_removals();
    let mut request = removal(&[]);
    request.request_id = Some("order-42-cutout".into());
    let first = removals.create(request.clone()).await.unwrap();
    let second = removals.create(request).await.unwrap();
    assert_eq!(first.id, second.id);
    assert_eq!(sim.count(ResourceKind::BackgroundRemoval), 1);
    let sent = sim.requests();
    assert_eq!(
        sent[0].body.as_ref().unwrap()["request_id"],
        "order-42-cutout"
    );
}

#[tokio::test]
async fn removal_requests_are_checked_and_unknown_jobs_are_404() {
    let sim = Simulator::start().await;
    let removals = sim.client().background_removals();
    let error = removals.create(removal(&["shadow"])).await.unwrap_err();
    assert_eq!(
        status(&error),
        Some((400, "invalid_parameter".into(), Some("layers[0]".into())))
    );
    let mut unknown_asset = removal(&[]);
    unknown_asset.video = AssetInput::asset_id("no_such_asset");
    let error = removals.create(unknown_asset).await.unwrap_err();
    assert_eq!(
        status(&error).and_then(|s| s.2).as_deref(),
        Some("video.asset_id")
    );
    for error in [
        removals.get("no_such_job").await.unwrap_err(),
        removals.delete("no_such_job").await.unwrap_err(),
    ] {
        assert_eq!(status(&error).map(|s| s.0), Some(404), "{error:?}");
    }
    let before = sim.requests().len();
    for id in ["", ".."] {
        let error = removals.delete(id).await.unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "job_id"),
            "{error:?}"
        );
    }
    assert_eq!(sim.requests().len(), before);
    assert_eq!(sim.count(ResourceKind::BackgroundRemoval), 0);
}
