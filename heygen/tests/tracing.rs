//! Tracing: one span per call with the operation, attempt, status and request id, and never the
//! API key nor a download's presigned URL. In a test binary of its own, where every test sets
//! the same TRACE subscriber: `tracing` caches per-callsite interest process-wide, so a
//! subscriber set by one test among many threads would see callsites others registered first.

use heygen_sdk::Client;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

#[path = "support/captured_logs.rs"]
mod captured_logs;

use captured_logs::Captured;

#[tokio::test(start_paused = true)]
async fn each_call_is_traced_with_its_operation_status_and_attempts_but_never_the_key() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("x-request-id", "req_trace")
                .set_body_json(json!({"data": {"id": "v1", "status": "completed"}})),
        )
        .mount(&server)
        .await;
    let (captured, _guard) = Captured::install();
    let client = Client::builder()
        .api_key("sk_test_secret")
        .base_url(server.uri())
        .http_client(
            heygen_sdk::http_client_builder()
                .unwrap()
                .pool_idle_timeout(None)
                .build()
                .unwrap(),
        )
        .build()
        .unwrap();
    client.videos().get("v1").await.unwrap();
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("heygen.request"), "{logs}");
    assert!(
        logs.contains("operation=\"getVideoV3\"") && logs.contains("path=\"/v3/videos/v1\""),
        "{logs}"
    );
    assert!(
        logs.contains("attempt=2")
            && logs.contains("status=200")
            && logs.contains("request_id=\"req_trace\""),
        "{logs}"
    );
    assert!(
        !logs.contains("sk_test_secret"),
        "the key leaked into the logs:\n{logs}"
    );
}

#[tokio::test]
async fn a_download_and_its_url_refresh_never_log_the_presigned_url() {
    let files = MockServer::start().await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(403))
        .up_to_n_times(1)
        .mount(&files)
        .await;
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"mp4".to_vec()))
        .mount(&files)
        .await;
    let api = MockServer::start().await;
    let signed = format!("{}/v1.mp4?X-Amz-Signature=s3cr3t_signature", files.uri());
    Mock::given(method("GET"))
        .respond_with(ResponseTemplate::new(200).set_body_json(
            json!({"data": {"id": "v1", "status": "completed", "video_url": signed}}),
        ))
        .mount(&api)
        .await;
    let (captured, _guard) = Captured::install();
    let client = Client::builder()
        .api_key("sk_test_secret")
        .base_url(api.uri())
        .build()
        .unwrap();
    let path = std::env::temp_dir().join(format!("heygen-trace-{}.mp4", uuid::Uuid::new_v4()));
    let done = client
        .videos()
        .download("v1", &path, heygen_sdk::VideoFile::Video)
        .await;
    let _ = std::fs::remove_file(&path);
    assert_eq!(done.unwrap().bytes, 3);
    assert_eq!(
        files.received_requests().await.unwrap().len(),
        2,
        "refreshed once"
    );
    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("URL expired; refreshing"), "{logs}");
    assert!(logs.contains("operation=\"getVideoV3\""), "{logs}");
    for secret in ["s3cr3t_signature", "v1.mp4", "sk_test_secret"] {
        assert!(
            !logs.contains(secret),
            "`{secret}` leaked into the logs:\n{logs}"
        );
    }
}
