//! The waiter logs each failed poll at DEBUG ("poll failed; polling on") with its error: a
//! poll whose answer was cut short in the middle of a presigned URL logs no signature. Alone in
//! its test binary: `tracing` caches per-callsite interest process-wide, so a subscriber set by
//! one test among many threads would see callsites others registered first.
#![cfg(feature = "testing")]

mod support;

use std::time::Duration;

use heygen_sdk::{Client, WaitOptions};
use support::{LocalServer, Path, Reply};

#[path = "support/captured_logs.rs"]
mod captured_logs;

use captured_logs::Captured;

#[tokio::test(start_paused = true)]
async fn a_failed_poll_is_logged_without_the_signed_url() {
    let (captured, _guard) = Captured::install();

    let server = LocalServer::start().await;
    // Cut short inside the URL: a truncated body, retryable, so the wait polls on.
    let cut = r#"{"data": {"id": "v1", "status": "processing", "thumbnail_url": "https://bucket.s3.amazonaws.com/t.jpg?X-Amz-Signature=5ec7e75ec7e7&X-Amz-Cred"#;
    server.route(Some("GET"), Path::Any, move |_| {
        Reply::raw(200, cut).header("content-type", "application/json")
    });
    let client = Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap();
    let options = WaitOptions::new().timeout(Duration::from_secs(20));
    let error = client.videos().wait_with("v1", &options).await.unwrap_err();
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("poll failed; polling on"), "{logs}");
    assert!(logs.contains("t.jpg?<redacted>"), "{logs}");
    for shown in [logs.as_str(), &error.to_string(), &format!("{error:?}")] {
        assert!(!shown.contains("5ec7e75ec7e7"), "{shown}");
    }
}
