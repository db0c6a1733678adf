//! A cancelled transfer leaves nothing behind: a download dropped mid-body (a timeout, a
//! `select!`, an aborted task) removes its temporary `.part` file and leaves the file it would
//! have replaced as it was (paused clock: the file host sends 1 MiB and then stalls); a direct
//! upload dropped during its PUT deletes the asset it created, which nobody could complete.
#![cfg(feature = "testing")]

mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use axum::body::{Body, Bytes};
use heygen_sdk::{Client, DownloadOptions, VideoFile};
use serde_json::json;
use support::{LocalServer, Path, Reply};

const MIB: usize = 1024 * 1024;

/// A file host that sends the first MiB of a 4 MiB file, then nothing more.
async fn stalling_file_host() -> String {
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", 0))
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new().fallback(|| async {
        let first =
            futures::stream::once(async { Ok::<_, std::io::Error>(Bytes::from(vec![7u8; MIB])) });
        let stream = futures::StreamExt::chain(first, futures::stream::pending());
        axum::http::Response::builder()
            .header("content-length", (4 * MIB).to_string())
            .body(Body::from_stream(stream))
            .unwrap()
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    format!("http://{addr}/files/v1.mp4?X-Amz-Signature=s")
}

async fn api_with_file_at(file_url: String) -> Client {
    let api = LocalServer::start().await;
    api.route(
        Some("GET"),
        Path::Exact("/v3/videos/v1".into()),
        move |_| {
            Reply::json(
                200,
                &json!({"data": {"id": "v1", "status": "completed", "video_url": file_url}}),
            )
        },
    );
    Client::builder()
        .api_key("k")
        .base_url(api.uri())
        .build()
        .unwrap()
}

fn names(dir: &std::path::Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[tokio::test(start_paused = true)]
async fn a_download_dropped_mid_body_removes_its_part_file_and_keeps_the_old_one() {
    let client = api_with_file_at(stalling_file_host().await).await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let destination = dir.join("video.mp4");
    std::fs::write(&destination, b"the previous download").unwrap();
    let received = Arc::new(AtomicU64::new(0));
    let seen = received.clone();
    let options = DownloadOptions::new()
        .idle_timeout(Duration::from_secs(600))
        .on_progress(move |p| seen.store(p.bytes, Ordering::SeqCst));

    // Dropped by a timeout while the body stalls.
    let videos = client.videos();
    let download = videos.download_with("v1", &destination, VideoFile::Video, &options);
    let outcome = tokio::time::timeout(Duration::from_secs(60), download).await;
    assert!(outcome.is_err(), "the download should still be running");
    assert_eq!(
        received.load(Ordering::SeqCst),
        MIB as u64,
        "dropped mid-body"
    );
    assert_eq!(names(dir), ["video.mp4"], "the .part file is removed");
    assert_eq!(
        std::fs::read(&destination).unwrap(),
        b"the previous download"
    );

    // Dropped as an aborted task.
    received.store(0, Ordering::SeqCst);
    let task = {
        let (client, destination, options) = (client.clone(), destination.clone(), options.clone());
        tokio::spawn(async move {
            client
                .videos()
                .download_with("v1", &destination, VideoFile::Video, &options)
                .await
        })
    };
    while received.load(Ordering::SeqCst) < MIB as u64 {
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    task.abort();
    assert!(task.await.unwrap_err().is_cancelled());
    assert_eq!(names(dir), ["video.mp4"], "the .part file is removed");
    assert_eq!(
        std::fs::read(&destination).unwrap(),
        b"the previous download"
    );
}

#[tokio::test(start_paused = true)]
async fn a_direct_upload_dropped_mid_put_deletes_its_asset() {
    use heygen_sdk::resources::assets::UploadOptions;
    use heygen_sdk::testing::{Fault, FaultRule, Simulator};

    let sim = Simulator::start().await;
    let client = sim.client();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let file = dir.join("clip.mp4");
    std::fs::write(&file, vec![7u8; 64 * 1024]).unwrap();
    // The storage takes ten minutes to answer the PUT; the caller gives up after one.
    sim.inject(
        FaultRule::new(Fault::Slow(Duration::from_secs(600)))
            .method("PUT")
            .path("/upload/"),
    );
    let assets = client.assets();
    let options = UploadOptions::new();
    let upload = assets.upload_direct(&file, &options);
    assert!(
        tokio::time::timeout(Duration::from_secs(60), upload)
            .await
            .is_err()
    );
    // The asset's deletion runs in a task of its own.
    tokio::time::sleep(Duration::from_secs(1)).await;
    let requests = sim.requests();
    let created = requests
        .iter()
        .find(|r| r.method == "POST" && r.path == "/v3/assets/direct-uploads")
        .expect("the asset was created");
    assert_eq!(created.status, Some(200));
    let deleted: Vec<_> = requests
        .iter()
        .filter(|r| r.method == "DELETE" && r.path.starts_with("/v3/assets/"))
        .collect();
    assert_eq!(deleted.len(), 1, "{requests:#?}");
    assert_eq!(deleted[0].status, Some(200));
    let asset_id = deleted[0].path.trim_start_matches("/v3/assets/");
    let gone = client.assets().get(asset_id).await.unwrap_err();
    assert_eq!(gone.status(), Some(404), "{gone:?}");
}
