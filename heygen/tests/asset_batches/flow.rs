//! The flow: files uploaded, completed and ingested on the simulator's clock, each file
//! through its statuses, a refused one failing alone until re-driven, the items page by page.

use super::*;

#[tokio::test(start_paused = true)]
async fn a_batch_of_files_is_uploaded_completed_and_ingested_on_the_simulators_clock() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let (_scratch, paths) = files(&[("intro.mp4", MP4), ("logo.png", PNG), ("music.mp3", MP3)]);
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
    assert_eq!(requests[4].status, Some(202), "the completion is accepted");
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
    let completed = assets.complete_upload_batch(id).await.unwrap();
    assert_eq!(
        completed.batch_id, id,
        "the completion answers the batch's id"
    );
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
