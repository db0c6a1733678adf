//! Asset upload batches (`createAssetUploadBatch` → a PUT per file → `completeAssetUploadBatch`
//! → `getAssetBatch`) on the simulator, tokio's paused clock: files are ingested on the
//! simulator's clock, each by itself, a file refused fails alone and can be re-driven, every
//! error after the create names the batch, and bad input is refused before any request.
#![cfg(feature = "testing")]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen::resources::assets::UploadOptions;
use heygen::testing::{Fault, FaultRule, ResourceKind, Simulator, Timeline};
use heygen::types::{
    BatchItemStatus, BatchStatus, CreateAssetUploadBatchRequest, CreateAssetUploadRequest,
    CreateAssetUploadResponse,
};
use heygen::wait::WaitOptions;
use heygen::{Error, Progress, RequestOptions};
use serde_json::json;
use tokio::time::{Instant, advance};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
const MP4: &[u8] = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom";
const MP3: &[u8] = b"ID3\x04\x00\x00\x00\x00\x00\x00";

/// A fresh scratch directory holding these files.
fn files(test: &str, files: &[(&str, &[u8])]) -> Vec<PathBuf> {
    let dir =
        std::env::temp_dir().join(format!("heygen-asset-batch-{test}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect()
}

fn operations(sim: &Simulator) -> Vec<String> {
    sim.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

fn announced(name: &str, content_type: &str, bytes: &[u8]) -> CreateAssetUploadRequest {
    CreateAssetUploadRequest {
        checksum_sha256: None,
        content_type: content_type.into(),
        filename: name.into(),
        size_bytes: bytes.len() as i64,
    }
}

/// PUTs `bytes` to a slot as any HTTP client would: its URL and its headers, nothing else.
async fn put(slot: &CreateAssetUploadResponse, bytes: &[u8]) -> u16 {
    let http = heygen::http_client_builder().unwrap().build().unwrap();
    let mut request = http.put(&slot.upload_url).body(bytes.to_vec());
    for (name, value) in &slot.upload_headers {
        request = request.header(name, value.as_str().unwrap());
    }
    request.send().await.unwrap().status().as_u16()
}

fn item_statuses(batch: &heygen::types::Batch) -> Vec<&str> {
    batch.items.iter().map(|i| i.status.as_str()).collect()
}

#[tokio::test(start_paused = true)]
async fn a_batch_of_files_is_uploaded_completed_and_ingested_on_the_simulators_clock() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let paths = files(
        "flow",
        &[("intro.mp4", MP4), ("logo.png", PNG), ("music.mp3", MP3)],
    );
    let seen: Arc<Mutex<Vec<Progress>>> = Arc::default();
    let into = seen.clone();
    let wait = WaitOptions::new()
        .min_delay(Duration::from_millis(500))
        .jitter(0.0)
        .on_progress(move |p| into.lock().unwrap().push(p.clone()));
    let started = Instant::now();

    // On a task of its own, as an application would run it (the future is `Send`).
    let (assets, files) = (client.assets(), paths.clone());
    let batch = tokio::spawn(async move {
        let options = UploadOptions::new();
        assets.upload_batch_and_wait(&files, &options, &wait).await
    })
    .await
    .unwrap()
    .unwrap();

    assert!(
        started.elapsed() >= Timeline::default().total(),
        "ingestion takes the timeline"
    );
    assert_eq!(batch.status, BatchStatus::Completed);
    assert_eq!(batch.total_items, 3);
    assert_eq!(item_statuses(&batch), ["completed"; 3]);
    assert_eq!(batch.counts_by_status["completed"], json!(3));
    let ops = operations(&sim);
    assert_eq!(ops[0], "POST /v3/assets/direct-uploads/batches");
    let asset_ids: Vec<String> = batch
        .items
        .iter()
        .map(|i| i.video_id.clone().unwrap())
        .collect();
    let mut puts: Vec<&str> = ops[1..4].iter().map(String::as_str).collect();
    puts.sort();
    let mut expected: Vec<String> = asset_ids
        .iter()
        .map(|id| format!("PUT /upload/{id}"))
        .collect();
    expected.sort();
    assert_eq!(puts, expected, "one PUT per file, to its own slot");
    assert_eq!(ops[4], "POST /v3/assets/complete/batches");
    assert!(
        ops[5..]
            .iter()
            .all(|op| *op == format!("GET /v3/assets/batches/{}", batch.batch_id))
    );
    let requests = sim.requests();
    assert!(
        requests[1..4]
            .iter()
            .all(|r| r.header("x-api-key").is_none() && r.status == Some(200))
    );
    assert!(
        requests[4].header("idempotency-key").is_some(),
        "the completion is retried safely"
    );
    let body = requests[0].body.clone().unwrap();
    assert_eq!(
        body["files"],
        json!([
            {"filename": "intro.mp4", "content_type": "video/mp4", "size_bytes": MP4.len()},
            {"filename": "logo.png", "content_type": "image/png", "size_bytes": PNG.len()},
            {"filename": "music.mp3", "content_type": "audio/mpeg", "size_bytes": MP3.len()},
        ])
    );

    // Item i is file i, and its asset is in the library under the file's name.
    for (item, path) in batch.items.iter().zip(&paths) {
        let asset = client
            .assets()
            .get(item.video_id.as_deref().unwrap())
            .await
            .unwrap();
        assert_eq!(asset.name, path.file_name().unwrap().to_str().unwrap());
    }
    let seen = seen.lock().unwrap();
    assert_eq!(seen.first().unwrap().status, "processing");
    assert_eq!(seen.first().unwrap().progress, Some(0.0));
    assert_eq!(
        (
            seen.last().unwrap().status.as_str(),
            seen.last().unwrap().progress
        ),
        ("completed", Some(100.0))
    );
    assert!(
        seen.iter()
            .all(|p| p.kind == "asset_batch" && p.id == batch.batch_id)
    );
}

#[tokio::test(start_paused = true)]
async fn each_file_goes_queued_processing_and_a_refused_one_fails_alone_until_re_driven() {
    let sim = Simulator::start().await;
    let assets = sim.client().assets();
    let request = CreateAssetUploadBatchRequest::builder()
        .title("Launch kit")
        .files(vec![
            announced("a.png", "image/png", PNG),
            announced("b.mp3", "audio/mpeg", MP3),
            announced("c.mp4", "video/mp4", MP4),
        ]);
    let created = assets.create_upload_batch(request).await.unwrap();
    assert_eq!(created.items.len(), 3);
    assert!(
        created
            .items
            .iter()
            .all(|slot| slot.status == "pending_upload")
    );
    let id = created.batch_id.as_str();

    // Before the completion, every file waits.
    let batch = assets.get_batch(id).await.unwrap();
    assert_eq!(
        (batch.status.clone(), batch.title.as_deref()),
        (BatchStatus::Processing, Some("Launch kit"))
    );
    assert_eq!(item_statuses(&batch), ["queued"; 3]);
    let slots: Vec<&str> = created.items.iter().map(|s| s.asset_id.as_str()).collect();
    let ids: Vec<&str> = batch
        .items
        .iter()
        .map(|i| i.video_id.as_deref().unwrap())
        .collect();
    assert_eq!(ids, slots, "each item names its slot's asset, in order");

    // Two files uploaded, the third not: it is refused at completion, the others go on.
    assert_eq!(put(&created.items[0], PNG).await, 200);
    assert_eq!(put(&created.items[1], MP3).await, 200);
    assert_eq!(sim.count(ResourceKind::AssetUpload), 3);
    assets.complete_upload_batch(id).await.unwrap();
    assert_eq!(
        item_statuses(&assets.get_batch(id).await.unwrap()),
        ["queued"; 3]
    );
    advance(Timeline::default().pending).await;
    let batch = assets.get_batch(id).await.unwrap();
    assert_eq!(item_statuses(&batch), ["processing"; 3]);
    let by_batch = assets.batch_statuses([id]).await.unwrap();
    let listed: Vec<(&str, Option<i64>)> = by_batch
        .iter()
        .map(|e| (e.status.as_str(), e.item_index))
        .collect();
    assert_eq!(
        listed,
        [
            ("processing", Some(0)),
            ("processing", Some(1)),
            ("processing", Some(2))
        ]
    );
    advance(Timeline::default().total()).await;
    let batch = assets.get_batch(id).await.unwrap();
    assert_eq!(
        batch.status,
        BatchStatus::Completed,
        "one bad file does not fail the rest"
    );
    assert_eq!(item_statuses(&batch), ["completed", "completed", "failed"]);
    assert_eq!(batch.counts_by_status["failed"], json!(1));
    let error = batch.items[2].error.as_ref().unwrap();
    assert!(
        error["message"]
            .as_str()
            .unwrap()
            .contains("No file has been uploaded"),
        "{error:?}"
    );
    let by_asset = assets.statuses(slots.clone()).await.unwrap();
    let listed: Vec<&str> = by_asset.iter().map(|e| e.status.as_str()).collect();
    assert_eq!(listed, ["completed", "completed", "failed"]);
    assert!(
        assets.get(slots[2]).await.is_err(),
        "a refused file is no asset"
    );

    // Uploaded at last and completed again: only the refused file is ingested anew.
    assert_eq!(put(&created.items[2], MP4).await, 200);
    assets.complete_upload_batch(id).await.unwrap();
    let batch = assets.get_batch(id).await.unwrap();
    assert_eq!(item_statuses(&batch), ["completed", "completed", "queued"]);
    assert_eq!(batch.status, BatchStatus::Processing);
    let batch = assets.wait_batch(id, &WaitOptions::new()).await.unwrap();
    assert_eq!(item_statuses(&batch), ["completed"; 3]);
    assert_eq!(assets.get(slots[2]).await.unwrap().name, "c.mp4");
    let items = assets.batch_items(id).collect().await.unwrap();
    assert_eq!(
        items.iter().map(|i| i.item_index).collect::<Vec<_>>(),
        [0, 1, 2]
    );
}

#[tokio::test(start_paused = true)]
async fn the_items_are_paginated_and_unknown_batches_are_refused() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let files: Vec<_> = (0..5)
        .map(|n| announced(&format!("f{n}.png"), "image/png", PNG))
        .collect();
    let created = client
        .assets()
        .create_upload_batch(CreateAssetUploadBatchRequest::builder().files(files))
        .await
        .unwrap();
    let page = client
        .run(
            client
                .raw()
                .get_asset_batch()
                .batch_id(&created.batch_id)
                .limit(2u64)
                .send(),
        )
        .await
        .unwrap()
        .into_inner()
        .data
        .unwrap();
    assert_eq!(
        (page.items.len(), page.has_more, page.total_items),
        (2, true, 5)
    );
    let all = client
        .assets()
        .batch_items(&created.batch_id)
        .collect()
        .await
        .unwrap();
    assert_eq!(all.len(), 5);

    let error = client
        .assets()
        .get_batch("no_such_batch")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(404), "{error:?}");
    let error = client
        .assets()
        .complete_upload_batch("no_such_batch")
        .await
        .unwrap_err();
    assert_eq!(
        (error.status(), error.api().unwrap().param.as_deref()),
        (Some(400), Some("batch_id"))
    );
    let error = client
        .assets()
        .wait_batch("no_such_batch", &WaitOptions::new())
        .await
        .unwrap_err();
    assert_eq!(error.job_ids(), ["no_such_batch"], "{error:?}");
}

#[tokio::test(start_paused = true)]
async fn a_file_the_simulator_refuses_refuses_the_whole_create() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let request = CreateAssetUploadBatchRequest::builder().files(vec![
        announced("a.png", "image/png", PNG),
        announced("b.exe", "application/x-msdownload", b"MZ"),
    ]);
    let error = client
        .assets()
        .create_upload_batch(request)
        .await
        .unwrap_err();
    let api = error.api().unwrap();
    assert_eq!(
        (api.status, api.param.as_deref()),
        (400, Some("files[1].content_type"))
    );
    assert_eq!(sim.count(ResourceKind::AssetUpload), 0, "no slot is opened");
    let request = CreateAssetUploadBatchRequest::builder()
        .files(vec![announced("a.png", "image/png", PNG)])
        .callback_url("not a url");
    let error = client
        .assets()
        .create_upload_batch(request)
        .await
        .unwrap_err();
    assert_eq!(error.api().unwrap().param.as_deref(), Some("callback_url"));
}

#[tokio::test(start_paused = true)]
async fn a_create_is_retried_only_with_an_idempotency_key_which_answers_the_same_batch() {
    let sim = Simulator::start().await;
    let request = || {
        CreateAssetUploadBatchRequest::builder().files(vec![announced("a.png", "image/png", PNG)])
    };
    // Without a key a 503 may hide a batch that was made: not retried, not retryable.
    let plain = sim.client_builder().max_retries(2).build().unwrap();
    sim.fail_next(1, 503);
    let error = plain
        .assets()
        .create_upload_batch(request())
        .await
        .unwrap_err();
    assert!(!error.is_retryable(), "{error:?}");
    assert_eq!(sim.requests().len(), 1);

    // With one, the 503 is retried with it, and the key answers the same batch again.
    sim.clear_requests();
    let keyed = plain.with_options(RequestOptions::new().idempotency_key("launch-kit-1"));
    sim.fail_next(1, 503);
    let first = keyed.assets().create_upload_batch(request()).await.unwrap();
    let again = keyed.assets().create_upload_batch(request()).await.unwrap();
    assert_eq!(first, again);
    let keys: Vec<_> = sim
        .requests()
        .iter()
        .map(|r| r.header("idempotency-key").map(str::to_string))
        .collect();
    assert_eq!(keys, vec![Some("launch-kit-1".to_string()); 3]);
    assert_eq!(
        sim.count(ResourceKind::AssetUpload),
        1,
        "one batch, one file"
    );
}

#[tokio::test(start_paused = true)]
async fn a_batch_whose_every_file_fails_fails_the_wait_with_the_files_error() {
    let sim = Simulator::start().await;
    let client = sim.client();
    // Declared a PNG, the bytes are an MP4: the file is refused when the batch is completed.
    let paths = files("mismatch", &[("clip.mp4", MP4)]);
    let options = UploadOptions::new().content_type("image/png");
    let error = client
        .assets()
        .upload_batch_and_wait(&paths, &options, &WaitOptions::new())
        .await
        .unwrap_err();
    let Error::JobFailed {
        kind,
        id,
        code,
        message,
    } = &error
    else {
        panic!("{error:?}");
    };
    assert_eq!(
        (*kind, code.as_deref()),
        ("asset_batch", Some("invalid_parameter"))
    );
    assert_eq!(
        message.as_deref(),
        Some("The uploaded bytes are video/mp4, not the declared image/png.")
    );
    let batch = client.assets().get_batch(id).await.unwrap();
    assert_eq!(batch.status, BatchStatus::Failed);

    // Jobs the simulator is told to fail fail the same way.
    sim.fail_jobs(true);
    let paths = files("failing", &[("a.png", PNG), ("b.png", PNG)]);
    let error = client
        .assets()
        .upload_batch_and_wait(&paths, &UploadOptions::new(), &WaitOptions::new())
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::JobFailed { code: Some(code), .. } if code == "simulated_failure"),
        "{error:?}"
    );
    let batch = client.assets().get_batch(error.job_ids()[0]).await.unwrap();
    assert_eq!(
        batch.items.iter().map(|i| &i.status).collect::<Vec<_>>(),
        [&BatchItemStatus::Failed; 2]
    );
}

#[tokio::test(start_paused = true)]
async fn a_put_that_fails_for_good_names_the_batch_and_the_asset_and_nothing_is_completed() {
    let sim = Simulator::start().await;
    let client = sim.client_builder().max_retries(1).build().unwrap();
    let paths = files("put-fails", &[("a.png", PNG)]);
    sim.inject(
        FaultRule::new(Fault::Status(503))
            .method("PUT")
            .path("/upload/")
            .times(2),
    );
    let error = client
        .assets()
        .upload_batch_and_wait(&paths, &UploadOptions::new(), &WaitOptions::new())
        .await
        .unwrap_err();
    let Error::Wait { kind, ids, source } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(*kind, "asset_batch");
    let Error::Upload { asset_id, .. } = source.as_ref() else {
        panic!("{source:?}");
    };
    let batch = client.assets().get_batch(&ids[0]).await.unwrap();
    assert_eq!(batch.items[0].video_id.as_deref(), Some(asset_id.as_str()));
    assert_eq!(error.status(), Some(503));
    let ops = operations(&sim);
    assert_eq!(
        ops.iter().filter(|op| op.starts_with("PUT")).count(),
        2,
        "sent, then retried once"
    );
    assert!(!ops.iter().any(|op| op.contains("complete")), "{ops:?}");
    assert!(
        !format!("{error} {error:?}").contains("signature="),
        "the presigned URL's query is not shown"
    );
}

#[tokio::test(start_paused = true)]
async fn bad_input_is_refused_before_any_request() {
    let sim = Simulator::start().await;
    let assets = sim.client().assets();
    let field = |error: Error| match error {
        Error::InvalidRequest { field, .. } => field,
        other => panic!("{other:?}"),
    };
    let wait = WaitOptions::new();
    let none: [&Path; 0] = [];
    let error = assets
        .upload_batch_and_wait(none, &UploadOptions::new(), &wait)
        .await
        .unwrap_err();
    assert_eq!(field(error).as_deref(), Some("files"));
    let many: Vec<PathBuf> = (0..101)
        .map(|n| PathBuf::from(format!("f{n}.png")))
        .collect();
    let error = assets
        .upload_batch_and_wait(&many, &UploadOptions::new(), &wait)
        .await
        .unwrap_err();
    assert_eq!(field(error).as_deref(), Some("files"));
    let paths = files("refused", &[("a.png", PNG)]);
    let checksum = UploadOptions::new().checksum_sha256("00");
    let error = assets
        .upload_batch_and_wait(&paths, &checksum, &wait)
        .await
        .unwrap_err();
    assert_eq!(field(error).as_deref(), Some("checksum_sha256"));
    let missing = [paths[0].with_file_name("missing.png")];
    let error = assets
        .upload_batch_and_wait(&missing, &UploadOptions::new(), &wait)
        .await
        .unwrap_err();
    assert!(
        matches!(&error, Error::Io { path, .. } if path == &missing[0]),
        "{error:?}"
    );
    let empty = CreateAssetUploadBatchRequest::builder().files(vec![]);
    let error = assets.create_upload_batch(empty).await.unwrap_err();
    assert_eq!(field(error).as_deref(), Some("files"));
    let unset = CreateAssetUploadBatchRequest::builder().title("no files");
    assert_eq!(
        field(assets.create_upload_batch(unset).await.unwrap_err()).as_deref(),
        Some("files")
    );
    assert_eq!(
        field(assets.get_batch("..").await.unwrap_err()).as_deref(),
        Some("batch_id")
    );
    assert_eq!(
        field(assets.complete_upload_batch(" ").await.unwrap_err()).as_deref(),
        Some("batch_id")
    );
    assert!(sim.requests().is_empty(), "{:?}", operations(&sim));
}

/// The document lists a 200 without a body, the operation's description a 202 with the batch
/// id: both are success, and an error status is still an error.
#[tokio::test]
async fn the_completion_answering_202_is_a_success() {
    use wiremock::matchers::{body_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    for (batch, answer) in [
        ("b200", ResponseTemplate::new(200)),
        ("b202", ResponseTemplate::new(202).set_body_json(json!({"data": {"batch_id": "b202"}}))),
        (
            "b400",
            ResponseTemplate::new(400).set_body_json(
                json!({"error": {"code": "invalid_parameter", "message": "Batch 'b400' not found.", "param": "batch_id"}}),
            ),
        ),
    ] {
        Mock::given(method("POST"))
            .and(path("/v3/assets/complete/batches"))
            .and(body_json(json!({"batch_id": batch})))
            .respond_with(answer)
            .expect(1)
            .mount(&server)
            .await;
    }
    let client = heygen::Client::builder()
        .api_key("test")
        .base_url(server.uri())
        .build()
        .unwrap();
    client.assets().complete_upload_batch("b200").await.unwrap();
    client.assets().complete_upload_batch("b202").await.unwrap();
    let error = client
        .assets()
        .complete_upload_batch("b400")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400), "{error:?}");
    assert_eq!(error.operation(), Some("completeAssetUploadBatch"));
}
