//! The presigned upload URL is a credential: the direct upload's logs name its host, never the
//! URL's signature, and neither do its errors. Alone in its test binary: `tracing` caches
//! per-callsite interest process-wide, so a subscriber set by one test among many threads would
//! see callsites others registered first.
#![cfg(feature = "testing")]

use heygen_sdk::resources::assets::UploadOptions;
use heygen_sdk::testing::{Fault, FaultRule, Simulator};

#[path = "support/captured_logs.rs"]
mod captured_logs;

use captured_logs::Captured;

#[tokio::test(start_paused = true)]
async fn the_upload_is_traced_by_host_and_attempt_never_with_the_signed_url() {
    let (captured, _guard) = Captured::install();

    let sim = Simulator::start().await;
    let client = sim.client();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let file = dir.join("clip.mp4");
    std::fs::write(&file, vec![7u8; 200_000]).unwrap();

    // One upload retried after a 503, one that fails for good.
    sim.inject(
        FaultRule::new(Fault::Status(503))
            .method("PUT")
            .path("/upload/"),
    );
    let done = client
        .assets()
        .upload_direct(&file, &UploadOptions::new())
        .await
        .unwrap();
    sim.inject(
        FaultRule::new(Fault::Reset)
            .times(3)
            .method("PUT")
            .path("/upload/"),
    );
    let err = client
        .assets()
        .upload_direct(&file, &UploadOptions::new())
        .await
        .unwrap_err();

    let puts: Vec<_> = sim
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect();
    assert_eq!(puts.len(), 5);
    let mut secrets: Vec<String> = puts
        .iter()
        .filter_map(|put| put.query_param("signature"))
        .collect();
    secrets.extend(
        puts.iter()
            .filter_map(|put| put.header("x-sim-upload-token").map(str::to_string)),
    );
    secrets.push(sim.api_key().to_string());
    assert_eq!(secrets.len(), 11);

    let logs = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
    assert!(logs.contains("heygen.upload"), "{logs}");
    assert!(
        logs.contains(&format!("asset_id={}", done.asset_id)) && logs.contains("host=127.0.0.1"),
        "{logs}"
    );
    assert!(
        logs.contains("attempt=2") && logs.contains("status=503"),
        "{logs}"
    );
    assert!(
        logs.contains("attempt=3"),
        "the failed upload's last attempt: {logs}"
    );
    let shown = format!("{err} {err:?}");
    for secret in &secrets {
        assert!(
            !logs.contains(secret.as_str()),
            "{secret} leaked into the logs:\n{logs}"
        );
        assert!(
            !shown.contains(secret.as_str()),
            "{secret} leaked into the error: {shown}"
        );
    }
    assert!(!logs.contains("signature=") && !shown.contains("signature="));
}
