//! Every injected fault as the client sees it: 5xx, 429, latency, dropped and truncated
//! connections, and rules targeting a method and path.

use std::time::Duration;

use heygen_sdk::testing::{Fault, FaultRule, ResourceKind, Simulator};
use heygen_sdk::{Error, RequestOptions};
use tokio::time::Instant;

use crate::support::{api, avatar_video};

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
