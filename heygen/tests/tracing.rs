//! Tracing: one span per call with the operation, attempt, status and request id, and never the
//! API key. Alone in its test binary: `tracing` caches per-callsite interest process-wide, so a
//! subscriber set by one test among many threads would see callsites others registered first.

use heygen::Client;
use serde_json::json;
use wiremock::matchers::method;
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A `tracing` writer into a shared buffer.
#[derive(Clone, Default)]
struct Captured(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

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
    let captured = Captured::default();
    let writer = captured.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_max_level(tracing::Level::TRACE)
        .with_ansi(false)
        .with_writer(move || writer.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);
    let client = Client::builder()
        .api_key("sk_test_secret")
        .base_url(server.uri())
        .http_client(
            heygen::http_client_builder()
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
