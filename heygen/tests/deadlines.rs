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
