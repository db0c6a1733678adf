//! Assets: multipart upload, and uploaded assets as inputs.

use heygen_sdk::testing::Simulator;
use heygen_sdk::types::CreateLipsyncRequest;
use serde_json::json;

use crate::support::{api, assert_standard_error, from_json, http};

#[tokio::test]
async fn assets_upload_and_are_usable_as_inputs() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR".to_vec();
    let asset = client
        .assets()
        .upload_bytes("face.png", None, png.clone())
        .await
        .unwrap();
    assert_eq!(
        (asset.mime_type.as_str(), asset.size_bytes),
        ("image/png", png.len() as i64)
    );
    assert_eq!(
        http()
            .get(&asset.url)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap(),
        png
    );

    let request: CreateLipsyncRequest = from_json(json!({
        "video": {"type": "asset_id", "asset_id": asset.asset_id},
        "audio": {"type": "asset_id", "asset_id": "unknown"}
    }));
    let error = client.lipsyncs().create(request).await.unwrap_err();
    assert_eq!(api(&error).param.as_deref(), Some("audio.asset_id"));

    let unsupported = client
        .assets()
        .upload_bytes("notes.txt", Some("text/plain"), b"hello".to_vec())
        .await
        .unwrap_err();
    assert_eq!(api(&unsupported).param.as_deref(), Some("file"));

    let no_file = reqwest::multipart::Form::new().text("other", "x");
    let response = http()
        .post(format!("{}/v3/assets", sim.base_url()))
        .header("x-api-key", sim.api_key())
        .multipart(no_file)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 400);
    assert_standard_error(
        &response.json().await.unwrap(),
        "invalid_parameter",
        Some("file"),
    );
}
