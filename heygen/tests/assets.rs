//! Asset uploads (`POST /v3/assets`, multipart) and asset-input helpers against a mock server.

use heygen_sdk::types::{AssetInput, AssetReference};
use heygen_sdk::{AssetInputExt, Client, Error, MAX_UPLOAD_BYTES};
use serde_json::json;
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    let http = heygen_sdk::http_client_builder()
        .unwrap()
        .pool_idle_timeout(None)
        .build()
        .unwrap();
    Client::builder()
        .api_key("sk_test")
        .base_url(server.uri())
        .http_client(http)
        .build()
        .unwrap()
}

fn uploaded() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!({"data": {
        "asset_id": "asset_1", "url": "https://files.example/asset_1", "mime_type": "video/mp4", "size_bytes": 11
    }}))
}

/// The parts of a multipart body: (headers, content) per part.
fn parts(request: &Request) -> Vec<(String, Vec<u8>)> {
    let content_type = request.headers["content-type"].to_str().unwrap();
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect(content_type);
    let delimiter = format!("--{boundary}");
    let body = &request.body;
    let mut parts = Vec::new();
    let positions: Vec<usize> = (0..body.len())
        .filter(|&i| body[i..].starts_with(delimiter.as_bytes()))
        .collect();
    for pair in positions.windows(2) {
        let part = &body[pair[0] + delimiter.len() + 2..pair[1] - 2]; // skip "\r\n" after the delimiter, before the next
        let split = (0..part.len())
            .find(|&i| part[i..].starts_with(b"\r\n\r\n"))
            .unwrap();
        parts.push((
            String::from_utf8(part[..split].to_vec()).unwrap(),
            part[split + 4..].to_vec(),
        ));
    }
    assert!(
        body.ends_with(format!("{delimiter}--\r\n").as_bytes()),
        "closing delimiter"
    );
    parts
}

#[tokio::test(start_paused = true)]
async fn upload_file_sends_valid_multipart_with_the_file_bytes() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/assets"))
        .and(header("x-api-key", "sk_test"))
        .respond_with(uploaded())
        .expect(1)
        .mount(&server)
        .await;
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("clip.mp4");
    let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
    std::fs::write(&file, &bytes).unwrap();

    let asset = client(&server).assets().upload_file(&file).await.unwrap();
    assert_eq!(
        (asset.asset_id.as_str(), asset.mime_type.as_str()),
        ("asset_1", "video/mp4")
    );

    let requests = server.received_requests().await.unwrap();
    let request = &requests[0];
    assert_eq!(request.url.path(), "/v3/assets");
    assert_eq!(
        request.headers["content-length"]
            .to_str()
            .unwrap()
            .parse::<usize>()
            .unwrap(),
        request.body.len()
    );
    let parts = parts(request);
    assert_eq!(parts.len(), 1);
    let (headers, content) = &parts[0];
    assert!(
        headers.contains(r#"Content-Disposition: form-data; name="file"; filename="clip.mp4""#),
        "{headers}"
    );
    assert!(headers.contains("Content-Type: video/mp4"), "{headers}");
    assert_eq!(content, &bytes, "the part is the file, byte for byte");
}

#[tokio::test]
async fn a_33_mb_file_goes_to_the_direct_upload_and_a_33_mb_buffer_is_refused() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/assets/direct-uploads"))
        .respond_with(ResponseTemplate::new(400).set_body_json(json!({
            "error": {"code": "invalid_parameter", "message": "No uploads today.", "param": null, "doc_url": null}
        })))
        .expect(1)
        .mount(&server)
        .await;
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("big.mp4");
    let handle = std::fs::File::create(&file).unwrap();
    handle.set_len(33 * 1024 * 1024).unwrap(); // sparse: nothing is written
    let err = client(&server)
        .assets()
        .upload_file(&file)
        .await
        .unwrap_err();
    assert_eq!(err.operation(), Some("createAssetUpload"), "{err:?}");
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "no multipart request");
    let body: serde_json::Value = serde_json::from_slice(&requests[0].body).unwrap();
    assert_eq!(
        body,
        json!({"filename": "big.mp4", "content_type": "video/mp4", "size_bytes": 33 * 1024 * 1024})
    );

    let err = client(&server)
        .assets()
        .upload_bytes("big.png", None, vec![0u8; MAX_UPLOAD_BYTES as usize + 1])
        .await
        .unwrap_err();
    assert!(matches!(err, Error::InvalidRequest { .. }), "{err:?}");
    assert!(err.to_string().contains("32 MB"), "{err}");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
    std::fs::remove_file(&file).unwrap();
}

#[tokio::test]
async fn an_unreadable_path_is_a_typed_io_error_naming_the_path() {
    let server = MockServer::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let missing = scratch.path().join("no-such-file.png");
    let err = client(&server)
        .assets()
        .upload_file(&missing)
        .await
        .unwrap_err();
    let Error::Io { path, source } = &err else {
        panic!("{err:?}")
    };
    assert_eq!(path, &missing);
    assert_eq!(source.kind(), std::io::ErrorKind::NotFound);
    assert!(err.to_string().contains("no-such-file.png"), "{err}");

    let scratch = tempfile::tempdir().unwrap();
    let directory = scratch.path();
    let err = client(&server)
        .assets()
        .upload_file(&directory)
        .await
        .unwrap_err();
    assert!(
        matches!(&err, Error::Io { path, .. } if path == directory),
        "{err:?}"
    );

    let err = AssetInput::from_file(&missing).await.unwrap_err();
    assert!(
        matches!(&err, Error::Io { path, .. } if path == &missing),
        "{err:?}"
    );
    assert!(server.received_requests().await.unwrap().is_empty());
}

#[tokio::test(start_paused = true)]
async fn upload_bytes_guesses_or_takes_the_content_type() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/assets"))
        .respond_with(uploaded())
        .mount(&server)
        .await;
    let assets = client(&server).assets();
    assets
        .upload_bytes("logo.png", None, b"\x89PNG fake".to_vec())
        .await
        .unwrap();
    assets
        .upload_bytes("notes", Some("application/pdf"), &b"%PDF-1.7"[..])
        .await
        .unwrap();
    let requests = server.received_requests().await.unwrap();
    let first = parts(&requests[0]);
    assert!(
        first[0].0.contains(r#"filename="logo.png""#)
            && first[0].0.contains("Content-Type: image/png"),
        "{}",
        first[0].0
    );
    assert_eq!(first[0].1, b"\x89PNG fake");
    let second = parts(&requests[1]);
    assert!(
        second[0].0.contains("Content-Type: application/pdf"),
        "{}",
        second[0].0
    );
}

#[tokio::test(start_paused = true)]
async fn a_429_on_upload_is_retried_with_the_file_streamed_again() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(429).insert_header("retry-after", "2"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .respond_with(uploaded())
        .mount(&server)
        .await;
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("voice.mp3");
    std::fs::write(&file, b"ID3 audio bytes").unwrap();
    let started = tokio::time::Instant::now();
    client(&server).assets().upload_file(&file).await.unwrap();
    assert!(started.elapsed() >= std::time::Duration::from_secs(2));
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    for request in &requests {
        let parts = parts(request);
        assert_eq!(parts[0].1, b"ID3 audio bytes");
        assert!(
            parts[0].0.contains("Content-Type: audio/mpeg"),
            "{}",
            parts[0].0
        );
    }
}

#[tokio::test(start_paused = true)]
async fn upload_errors_are_typed_api_errors() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .respond_with(ResponseTemplate::new(400).insert_header("x-request-id", "req_9").set_body_json(json!({
            "error": {"code": "invalid_parameter", "message": "Unsupported file type.", "param": "file", "doc_url": null}
        })))
        .mount(&server)
        .await;
    let err = client(&server)
        .assets()
        .upload_bytes("x.exe", None, b"MZ".to_vec())
        .await
        .unwrap_err();
    let api = err.api().expect("an API error");
    assert_eq!(
        (
            api.status,
            api.code.as_deref(),
            api.param.as_deref(),
            api.operation
        ),
        (400, Some("invalid_parameter"), Some("file"), "uploadAsset")
    );
    assert_eq!(err.request_id(), Some("req_9"));
}

#[tokio::test(start_paused = true)]
async fn asset_inputs_serialise_to_the_tagged_union() {
    assert_eq!(
        serde_json::to_value(AssetInput::url("https://x.example/a.png")).unwrap(),
        json!({"type": "url", "url": "https://x.example/a.png"})
    );
    assert_eq!(
        serde_json::to_value(AssetInput::asset_id("asset_1")).unwrap(),
        json!({"type": "asset_id", "asset_id": "asset_1"})
    );
    assert_eq!(
        serde_json::to_value(AssetInput::from_bytes("text/plain", "hi")).unwrap(),
        json!({"type": "base64", "media_type": "text/plain", "data": "aGk="})
    );
    assert_eq!(
        serde_json::to_value(AssetReference::url("https://x.example/a.mp4")).unwrap(),
        json!({"type": "url", "url": "https://x.example/a.mp4"})
    );
    assert_eq!(
        serde_json::to_value(AssetReference::asset_id("a")).unwrap(),
        json!({"type": "asset_id", "asset_id": "a"})
    );

    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("face.jpg");
    std::fs::write(&file, b"jpeg").unwrap();
    let inline = AssetInput::from_file(&file).await.unwrap();
    assert_eq!(
        serde_json::to_value(&inline).unwrap(),
        json!({"type": "base64", "media_type": "image/jpeg", "data": "anBlZw=="})
    );

    assert_eq!(
        heygen_sdk::resources::assets::to_reference(AssetInput::asset_id("a")),
        Ok(AssetReference::asset_id("a"))
    );
    assert!(heygen_sdk::resources::assets::to_reference(inline.clone()).is_err());

    // Inline content becomes a reference by uploading it.
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/v3/assets"))
        .respond_with(uploaded())
        .expect(1)
        .mount(&server)
        .await;
    let reference = client(&server).assets().to_reference(inline).await.unwrap();
    assert_eq!(reference, AssetReference::asset_id("asset_1"));
    let requests = server.received_requests().await.unwrap();
    let parts = parts(&requests[0]);
    assert!(
        parts[0].0.contains("Content-Type: image/jpeg"),
        "{}",
        parts[0].0
    );
    assert_eq!(parts[0].1, b"jpeg");
}
