//! A call's own deadline bounds every wait it makes: the client-wide pause another call's 429
//! set fails a call at once (rate limited, with the pause's remaining time) rather than
//! outlasting its timeout. Paused clock: the waits are virtual.
#![cfg(feature = "testing")]

mod support;

use std::time::Duration;

use heygen_sdk::{Client, Error, RequestOptions};
use serde_json::json;
use support::{LocalServer, Path, Reply};
use tokio::time::Instant;

#[tokio::test(start_paused = true)]
async fn a_shared_pause_longer_than_the_call_timeout_fails_the_call_at_once() {
    let server = LocalServer::start().await;
    server.route_times(Some("GET"), Path::Any, 1, |_| {
        Reply::json(
            429,
            &json!({"error": {"code": "rate_limited", "message": "slow down"}}),
        )
        .header("retry-after", "60")
    });
    server.route(Some("GET"), Path::Any, |_| {
        Reply::json(200, &json!({"data": {"id": "v1", "status": "completed"}}))
    });
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    let first = client.videos().get("v1").await.unwrap_err();
    assert!(matches!(first, Error::RateLimited(_)), "{first:?}");

    // The next call, with a 5 s timeout, would wait 60 s for the pause: it fails now.
    let started = Instant::now();
    let quick = client.with_options(RequestOptions::new().timeout(Duration::from_secs(5)));
    let error = quick.videos().get("v1").await.unwrap_err();
    assert_eq!(started.elapsed(), Duration::ZERO, "waited for the pause");
    let Error::RateLimited(api) = &error else {
        panic!("{error:?}")
    };
    let remaining = api.retry_after.expect("the pause's remaining time");
    assert!(
        remaining > Duration::from_secs(59) && remaining <= Duration::from_secs(61),
        "{remaining:?}"
    );
    assert!(error.is_retryable(), "{error:?}");
    // `raw()` gets the same refusal: a local 429 with the remaining time.
    let raw = quick.raw().get_video_v3().video_id("v1").send().await;
    let raw = raw.unwrap_err();
    assert_eq!(raw.status().map(|s| s.as_u16()), Some(429), "{raw:?}");
    // The client's own read timeout (30 s by default) counts the same.
    let error = client.videos().get("v1").await.unwrap_err();
    assert!(matches!(error, Error::RateLimited(_)), "{error:?}");
    assert_eq!(started.elapsed(), Duration::ZERO, "waited for the pause");
    assert_eq!(server.requests().len(), 1, "nothing sent while paused");

    // A call whose timeout covers the pause waits for it, then is sent.
    let patient = client.with_options(RequestOptions::new().timeout(Duration::from_secs(120)));
    patient.videos().get("v1").await.unwrap();
    assert!(
        started.elapsed() >= Duration::from_secs(59),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.requests().len(), 2);
}

/// An API that never answers.
async fn stalling_api() -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(futures::future::pending::<&'static str>);
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}")
}

/// How long `call` took to fail with a timeout, on the paused clock.
async fn time_out_after<T: std::fmt::Debug>(
    call: impl Future<Output = heygen_sdk::Result<T>>,
) -> Duration {
    let started = Instant::now();
    let error = call.await.unwrap_err();
    assert!(matches!(error, Error::Timeout { .. }), "{error:?}");
    started.elapsed()
}

fn within_a_second_of(elapsed: Duration, expected: Duration) -> bool {
    elapsed >= expected && elapsed < expected + Duration::from_secs(1)
}

fn video_request() -> heygen_sdk::types::CreateVideoFromAvatar {
    heygen_sdk::types::CreateVideoFromAvatar::try_from(
        heygen_sdk::types::CreateVideoFromAvatar::builder()
            .avatar_id("a1")
            .voice_id("v1")
            .script("Hello."),
    )
    .unwrap()
}

#[tokio::test(start_paused = true)]
async fn reads_time_out_after_30_s_writes_after_120_s_uploads_by_size() {
    let url = stalling_api().await;
    let client = Client::builder()
        .api_key("k")
        .base_url(&url)
        .max_retries(0)
        .build()
        .unwrap();
    let read = time_out_after(client.videos().get("v1")).await;
    assert!(
        within_a_second_of(read, Duration::from_secs(30)),
        "{read:?}"
    );
    let write = time_out_after(client.videos().create(video_request())).await;
    assert!(
        within_a_second_of(write, Duration::from_secs(120)),
        "{write:?}"
    );
    // A multipart upload of 8 MiB: 120 s and 4 s per MiB.
    let upload = time_out_after(client.assets().upload_bytes(
        "clip.mp4",
        None,
        vec![0u8; 8 * 1024 * 1024],
    ))
    .await;
    assert!(
        within_a_second_of(upload, Duration::from_secs(120 + 32)),
        "{upload:?}"
    );
}

#[tokio::test(start_paused = true)]
async fn timeouts_are_set_per_client_and_per_call() {
    let url = stalling_api().await;
    let client = Client::builder()
        .api_key("k")
        .base_url(&url)
        .max_retries(0)
        .read_timeout(Duration::from_secs(5))
        .write_timeout(Duration::from_secs(50))
        .build()
        .unwrap();
    let read = time_out_after(client.videos().get("v1")).await;
    assert!(within_a_second_of(read, Duration::from_secs(5)), "{read:?}");
    let write = time_out_after(client.videos().create(video_request())).await;
    assert!(
        within_a_second_of(write, Duration::from_secs(50)),
        "{write:?}"
    );
    // A call's own timeout wins over its kind's, `raw()` included.
    let once = client.with_options(RequestOptions::new().timeout(Duration::from_secs(2)));
    let read = time_out_after(once.videos().get("v1")).await;
    assert!(within_a_second_of(read, Duration::from_secs(2)), "{read:?}");
    let started = Instant::now();
    let raw = once.raw().get_video_v3().video_id("v1").send().await;
    assert!(raw.is_err());
    assert!(within_a_second_of(
        started.elapsed(),
        Duration::from_secs(2)
    ));
    // `timeout` sets every kind at once.
    let one = Client::builder()
        .api_key("k")
        .base_url(&url)
        .max_retries(0)
        .timeout(Duration::from_secs(7))
        .build()
        .unwrap();
    let read = time_out_after(one.videos().get("v1")).await;
    let write = time_out_after(one.videos().create(video_request())).await;
    assert!(within_a_second_of(read, Duration::from_secs(7)), "{read:?}");
    assert!(
        within_a_second_of(write, Duration::from_secs(7)),
        "{write:?}"
    );
}
