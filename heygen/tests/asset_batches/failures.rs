//! What goes wrong: a refused create, a create retried only with a key, files that all
//! fail, a PUT that fails for good, bad input refused before any request; and the
//! completion's 200 and 202, which are no failure.

use super::*;

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
    let (_scratch, paths) = files(&[("clip.mp4", MP4)]);
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
    let (_scratch, paths) = files(&[("a.png", PNG), ("b.png", PNG)]);
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
    let (_scratch, paths) = files(&[("a.png", PNG)]);
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
    let (_scratch, paths) = files(&[("a.png", PNG)]);
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

/// The operation's description answers 202 with the batch id, the document 200 (the overlay
/// gives both that body): both are success with the id, and an error status is still an error.
#[tokio::test]
async fn the_completion_answering_200_or_202_with_the_batch_id_is_a_success() {
    use wiremock::matchers::{body_json, method, path};
    use wiremock::{Mock, MockServer, ResponseTemplate};

    let server = MockServer::start().await;
    for (batch, answer) in [
        ("b200", ResponseTemplate::new(200).set_body_json(json!({"data": {"batch_id": "b200"}}))),
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
    let client = heygen_sdk::Client::builder()
        .api_key("test")
        .base_url(server.uri())
        .build()
        .unwrap();
    for batch in ["b200", "b202"] {
        let completed = client.assets().complete_upload_batch(batch).await.unwrap();
        assert_eq!(completed.batch_id, batch);
    }
    let error = client
        .assets()
        .complete_upload_batch("b400")
        .await
        .unwrap_err();
    assert_eq!(error.status(), Some(400), "{error:?}");
    assert_eq!(error.operation(), Some("completeAssetUploadBatch"));
}
