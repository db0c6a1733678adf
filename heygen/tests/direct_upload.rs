//! The direct upload (`createAssetUpload` → PUT to the presigned URL → `completeAssetUpload`)
//! and the choice between it and multipart, against the simulator: the PUT carries exactly the
//! headers handed out and no API key, failed PUTs are sent again from the first byte, and the
//! presigned URL's signature never shows in an error. (Peak memory and logs: their own test
//! binaries, `direct_upload_memory.rs` and `direct_upload_tracing.rs`.)
#![cfg(feature = "testing")]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use heygen_sdk::resources::assets::{UploadMethod, UploadOptions, UploadProgress};
use heygen_sdk::testing::{Fault, FaultRule, RecordedRequest, Simulator};
use heygen_sdk::types::CreateAssetUploadRequest;
use heygen_sdk::{Client, Error, MAX_UPLOAD_BYTES};
use sha2::{Digest, Sha256};

/// A file of `len` bytes that are not all alike (a reordered or repeated chunk changes the hash).
fn generated(dir: &Path, name: &str, len: usize) -> (PathBuf, String) {
    let bytes: Vec<u8> = (0..len)
        .map(|i| ((i * 31 + i / 4096) % 251) as u8)
        .collect();
    let path = dir.join(name);
    std::fs::write(&path, &bytes).unwrap();
    (path, format!("{:x}", Sha256::digest(&bytes)))
}

fn client(sim: &Simulator) -> Client {
    sim.client_builder().max_retries(2).build().unwrap()
}

fn puts(sim: &Simulator) -> Vec<RecordedRequest> {
    sim.requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect()
}

fn operations(sim: &Simulator) -> Vec<String> {
    sim.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

/// Progress reports, recorded.
fn recorder() -> (UploadOptions, Arc<Mutex<Vec<UploadProgress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let into = seen.clone();
    let options = UploadOptions::new().on_progress(move |p| into.lock().unwrap().push(p));
    (options, seen)
}

#[tokio::test(start_paused = true)]
async fn a_large_file_goes_direct_with_exactly_the_given_headers_and_no_api_key() {
    let sim = Simulator::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (file, sha256) = generated(dir, "talk.mp4", 3 * 1024 * 1024 + 17);
    let (options, progress) = recorder();
    let options = options.direct_above(1024 * 1024).checksum_sha256(&sha256);

    let asset = client(&sim)
        .assets()
        .upload_file_with(&file, &options)
        .await
        .unwrap();
    assert_eq!(asset.size_bytes, 3 * 1024 * 1024 + 17);
    assert_eq!(asset.mime_type, "video/mp4");

    let paths = operations(&sim);
    assert_eq!(paths.len(), 3, "{paths:?}");
    assert_eq!(paths[0], "POST /v3/assets/direct-uploads");
    assert_eq!(paths[1], format!("PUT /upload/{}", asset.asset_id));
    assert_eq!(
        paths[2],
        format!("POST /v3/assets/{}/complete", asset.asset_id)
    );
    let requests = sim.requests();
    assert!(requests[0].header("x-api-key").is_some());
    assert!(
        requests[2].header("idempotency-key").is_some(),
        "complete is retried safely"
    );
    let put = &requests[1];
    assert_eq!(put.status, Some(200));
    let names: Vec<&str> = put.headers.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "accept", // reqwest's default: not removable on a shared client
            "content-length",
            "content-type",
            "host",
            "x-amz-checksum-sha256",
            "x-sim-upload-token",
        ],
        "the PUT carries the upload headers and nothing of the API's"
    );
    assert_eq!(put.header("content-length"), Some("3145745"));
    assert_eq!(put.header("content-type"), Some("video/mp4"));

    // The simulator checked the checksum on the PUT and at completion; the asset is ready.
    let assets = client(&sim).assets();
    let got = assets.get(&asset.asset_id).await.unwrap();
    assert_eq!(
        (got.type_.as_str(), got.name.as_str()),
        ("video", "talk.mp4")
    );
    let statuses = assets.statuses([asset.asset_id.as_str()]).await.unwrap();
    assert_eq!(statuses[0].status, "completed");

    let progress = progress.lock().unwrap();
    let first = progress.first().unwrap();
    let last = progress.last().unwrap();
    assert_eq!(
        (first.sent, first.attempt, first.method),
        (0, 1, UploadMethod::Direct)
    );
    assert_eq!(
        (last.sent, last.total),
        (3 * 1024 * 1024 + 17, 3 * 1024 * 1024 + 17)
    );
    assert!(progress.windows(2).all(|w| w[0].sent <= w[1].sent));
    assert!(
        progress.len() > 40,
        "reported as it goes: {}",
        progress.len()
    );
}

#[tokio::test(start_paused = true)]
async fn multipart_up_to_the_threshold_and_direct_one_byte_past_it() {
    let sim = Simulator::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let threshold = 256 * 1024;
    let options = UploadOptions::new().direct_above(threshold);
    let (at, _) = generated(dir, "at.png", threshold as usize);
    let (past, _) = generated(dir, "past.png", threshold as usize + 1);
    let assets = client(&sim).assets();

    // PNG by extension and by declaration, not by content: the bytes are generated.
    let options = options.content_type("image/png");
    assets.upload_file_with(&at, &options).await.unwrap();
    assert_eq!(operations(&sim), ["POST /v3/assets"]);
    sim.clear_requests();
    let direct = assets.upload_file_with(&past, &options).await.unwrap();
    assert_eq!(
        operations(&sim),
        [
            "POST /v3/assets/direct-uploads".to_string(),
            format!("PUT /upload/{}", direct.asset_id),
            format!("POST /v3/assets/{}/complete", direct.asset_id),
        ]
    );
    assert_eq!(direct.size_bytes, threshold as i64 + 1);
}

#[tokio::test(start_paused = true)]
async fn with_the_default_threshold_32_mib_plus_one_byte_goes_direct() {
    let sim = Simulator::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let file = scratch.path().join("webinar.mp4");
    std::fs::File::create(&file)
        .unwrap()
        .set_len(MAX_UPLOAD_BYTES + 1) // sparse: nothing is written
        .unwrap();
    let asset = client(&sim).assets().upload_file(&file).await.unwrap();
    assert_eq!(asset.size_bytes as u64, MAX_UPLOAD_BYTES + 1);
    let puts = puts(&sim);
    assert_eq!(puts.len(), 1);
    assert_eq!(puts[0].header("content-length"), Some("33554433"));
    assert!(
        !sim.requests().iter().any(|r| r.path == "/v3/assets"),
        "no multipart request"
    );
    std::fs::remove_file(&file).unwrap();
}

#[tokio::test(start_paused = true)]
async fn a_503_a_dropped_connection_and_a_reset_are_each_retried_from_the_first_byte() {
    let sim = Simulator::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (file, sha256) = generated(dir, "clip.mp4", 1024 * 1024 + 5);
    for fault in [Fault::Status(503), Fault::DropConnection, Fault::Reset] {
        sim.clear_requests();
        sim.inject(FaultRule::new(fault.clone()).method("PUT").path("/upload/"));
        let (options, progress) = recorder();
        // The checksum makes the simulator check every PUT's bytes, the retried one included.
        let options = options.checksum_sha256(&sha256);
        let done = client(&sim)
            .assets()
            .upload_direct(&file, &options)
            .await
            .unwrap_or_else(|e| panic!("{fault:?}: {e}"));
        assert_eq!(done.status, "completed");
        let puts = puts(&sim);
        assert_eq!(puts.len(), 2, "{fault:?}");
        assert_eq!(puts[0].fault, Some(fault.clone()));
        assert_eq!(puts[1].status, Some(200));
        for put in &puts {
            assert_eq!(put.header("x-api-key"), None);
            assert_eq!(put.header("authorization"), None);
        }
        // Attempt 2 started again from byte 0 and sent the whole file.
        let second: Vec<UploadProgress> = progress
            .lock()
            .unwrap()
            .iter()
            .filter(|p| p.attempt == 2)
            .copied()
            .collect();
        assert_eq!(second.first().unwrap().sent, 0, "{fault:?}");
        assert_eq!(second.last().unwrap().sent, 1024 * 1024 + 5, "{fault:?}");
        assert_eq!(
            client(&sim).assets().get(&done.asset_id).await.unwrap().id,
            done.asset_id
        );
    }
}

/// The signature of the presigned URL the simulator handed out, from the journal.
fn signature(sim: &Simulator) -> String {
    puts(sim)[0].query_param("signature").expect("a signed URL")
}

#[tokio::test(start_paused = true)]
async fn a_put_that_keeps_failing_is_an_upload_error_naming_the_asset_without_the_signature() {
    let sim = Simulator::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (file, _) = generated(dir, "clip.mp4", 64 * 1024);
    sim.inject(
        FaultRule::new(Fault::Status(503))
            .times(3)
            .method("PUT")
            .path("/upload/"),
    );
    let err = client(&sim)
        .assets()
        .upload_direct(&file, &UploadOptions::new())
        .await
        .unwrap_err();
    let Error::Upload { asset_id, source } = &err else {
        panic!("{err:?}")
    };
    let api = source.api().expect("the storage service's answer");
    assert_eq!(
        (api.status, api.operation, api.attempts),
        (503, "PUT upload_url", 3)
    );
    assert!(err.is_retryable());
    assert_eq!(puts(&sim).len(), 3, "the first attempt and two retries");
    assert!(err.to_string().contains(asset_id.as_str()), "{err}");
    let secret = signature(&sim);
    assert!(!format!("{err} {err:?}").contains(&secret), "{err:?}");
    // Never completed: the asset is not usable.
    let status = client(&sim)
        .assets()
        .statuses([asset_id.as_str()])
        .await
        .unwrap();
    assert_eq!(status[0].status, "queued");

    // Connections that keep breaking: the error shows the URL without its query.
    sim.clear_requests();
    sim.inject(
        FaultRule::new(Fault::Reset)
            .times(3)
            .method("PUT")
            .path("/upload/"),
    );
    let err = client(&sim)
        .assets()
        .upload_direct(&file, &UploadOptions::new())
        .await
        .unwrap_err();
    let Error::Upload { source, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(
            **source,
            Error::Connection {
                operation: "PUT upload_url",
                ..
            }
        ),
        "{source:?}"
    );
    let shown = format!("{err} {err:?} {:?}", std::error::Error::source(&err));
    assert!(
        shown.contains("/upload/"),
        "the URL's path is shown: {shown}"
    );
    assert!(!shown.contains(&signature(&sim)), "{shown}");
    assert!(!shown.contains("signature="), "{shown}");
}

#[tokio::test(start_paused = true)]
async fn bytes_that_do_not_match_the_checksum_are_refused_and_not_retried() {
    let sim = Simulator::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (file, _) = generated(dir, "clip.mp4", 100_000);
    let wrong = format!("{:x}", Sha256::digest(b"something else"));
    let err = client(&sim)
        .assets()
        .upload_direct(&file, &UploadOptions::new().checksum_sha256(wrong))
        .await
        .unwrap_err();
    let api = err.api().expect("an answer");
    assert_eq!(
        (api.status, api.code.as_deref(), api.attempts),
        (400, Some("BadDigest"), 1)
    );
    assert!(!err.is_retryable());
    assert_eq!(puts(&sim).len(), 1);
}

#[tokio::test(start_paused = true)]
async fn the_simulated_bucket_refuses_api_keys_wrong_headers_and_lengths() {
    let sim = Simulator::start().await;
    let assets = client(&sim).assets();
    let slot = assets
        .create_upload(
            CreateAssetUploadRequest::builder()
                .filename("a.mp4")
                .content_type("video/mp4")
                .size_bytes(4),
        )
        .await
        .unwrap();
    assert_eq!(slot.status, "pending_upload");
    let headers = |extra: &[(&str, &str)]| {
        let mut map = reqwest::header::HeaderMap::new();
        for (name, value) in &slot.upload_headers {
            map.insert(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.as_str().unwrap().parse().unwrap(),
            );
        }
        for (name, value) in extra {
            map.insert(
                reqwest::header::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        map
    };
    let http = heygen_sdk::http_client_builder().unwrap().build().unwrap();
    let put = |url: String, headers: reqwest::header::HeaderMap, body: &'static [u8]| {
        let http = http.clone();
        async move {
            let response = http
                .put(url)
                .headers(headers)
                .body(body)
                .send()
                .await
                .unwrap();
            let status = response.status().as_u16();
            (status, response.text().await.unwrap())
        }
    };
    let url = slot.upload_url.clone();
    let (status, body) = put(
        url.clone(),
        headers(&[("x-api-key", sim.api_key())]),
        b"abcd",
    )
    .await;
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("<Code>InvalidArgument</Code>"), "{body}");
    let (status, _) = put(
        url.clone(),
        headers(&[("authorization", "Bearer x")]),
        b"abcd",
    )
    .await;
    assert_eq!(status, 400);
    let mut no_token = headers(&[]);
    no_token.remove("x-sim-upload-token");
    let (status, body) = put(url.clone(), no_token, b"abcd").await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("x-sim-upload-token"), "{body}");
    let (status, _) = put(
        url.clone(),
        headers(&[("content-type", "image/png")]),
        b"abcd",
    )
    .await;
    assert_eq!(status, 403);
    let (status, _) = put(
        url.replace("signature=", "signature=x"),
        headers(&[]),
        b"abcd",
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = put(url.clone(), headers(&[]), b"abc").await;
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("Content-Length 3"), "{body}");
    let err = assets
        .complete_upload(
            &slot.asset_id,
            heygen_sdk::types::CompleteAssetUploadRequest::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(400), "nothing uploaded yet: {err:?}");

    let (status, _) = put(url.clone(), headers(&[]), b"abcd").await;
    assert_eq!(status, 200);
    let done = assets
        .complete_upload(
            &slot.asset_id,
            heygen_sdk::types::CompleteAssetUploadRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!((done.size_bytes, done.status.as_str()), (4, "completed"));
    let again = assets
        .complete_upload(
            &slot.asset_id,
            heygen_sdk::types::CompleteAssetUploadRequest::default(),
        )
        .await
        .unwrap();
    assert_eq!(again, done, "completing is idempotent");
    // The upload URL serves no one once the upload is completed.
    let (status, _) = put(url, headers(&[]), b"abcd").await;
    assert_eq!(status, 404);
}

#[tokio::test(start_paused = true)]
async fn a_file_that_changes_during_the_upload_is_refused_not_sent_short() {
    let sim = Simulator::start().await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let (file, _) = generated(dir, "clip.mp4", 50_000);
    let path = file.clone();
    let options = UploadOptions::new().on_progress(move |p| {
        if p.sent == 0 && p.attempt == 1 {
            std::fs::write(&path, b"shorter").unwrap();
        }
    });
    sim.inject(
        FaultRule::new(Fault::Status(503))
            .method("PUT")
            .path("/upload/"),
    );
    let err = client(&sim)
        .assets()
        .upload_direct(&file, &options)
        .await
        .unwrap_err();
    let Error::Upload { source, .. } = &err else {
        panic!("{err:?}")
    };
    assert!(
        matches!(&**source, Error::InvalidRequest { field: Some(f), message } if f == "file" && message.contains("changed")),
        "{source:?}"
    );
}
