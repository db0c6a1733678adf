//! `videos().download`: a finished video's files streamed to disk, on the simulator (its files
//! under `/files/…`, faults injected there) and on mock file hosts (redirects to another
//! origin, a large body).
#![cfg(feature = "testing")]

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_sdk::testing::{Fault, FaultRule, Simulator, Timeline};
use heygen_sdk::types::{CreateVideoFromAvatar, VideoDetail};
use heygen_sdk::{Client, Error};
use heygen_sdk::{DownloadOptions, DownloadProgress, VideoFile};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

/// A directory of its own under the system's temporary directory, removed on drop.
struct Scratch(PathBuf);

impl Scratch {
    fn new() -> Self {
        let dir = std::env::temp_dir().join(format!("heygen-download-{}", uuid::Uuid::new_v4()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }

    /// Every file in the directory, by name.
    fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(&self.0)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

async fn finished_video(sim: &Simulator) -> VideoDetail {
    sim.client()
        .videos()
        .create_and_wait(
            CreateVideoFromAvatar::builder()
                .avatar_id(sim.avatar_id().unwrap().as_str())
                .voice_id(sim.voice_id().unwrap().as_str())
                .script("Hello"),
        )
        .await
        .unwrap()
}

async fn instant_simulator() -> Simulator {
    Simulator::builder()
        .timeline(Timeline::instant())
        .start()
        .await
}

/// What the file host serves at `url`, fetched directly.
async fn served(url: &str) -> Vec<u8> {
    let http = heygen_sdk::http_client_builder().unwrap().build().unwrap();
    let response = http.get(url).send().await.unwrap();
    response.bytes().await.unwrap().to_vec()
}

fn recording() -> (DownloadOptions, Arc<Mutex<Vec<DownloadProgress>>>) {
    let seen = Arc::new(Mutex::new(Vec::new()));
    let sink = seen.clone();
    let options = DownloadOptions::new().on_progress(move |p| sink.lock().unwrap().push(*p));
    (options, seen)
}

fn file_requests(sim: &Simulator) -> Vec<heygen_sdk::testing::RecordedRequest> {
    sim.requests()
        .into_iter()
        .filter(|r| r.path.starts_with("/files/"))
        .collect()
}

#[tokio::test(start_paused = true)]
async fn each_file_of_a_finished_video_is_written_whole_with_progress_and_no_credentials() {
    let sim = instant_simulator().await;
    let video = finished_video(&sim).await;
    let scratch = Scratch::new();
    for (file, name) in [
        (VideoFile::Video, "video.mp4"),
        (VideoFile::Captioned, "captioned.mp4"),
        (VideoFile::Subtitles, "video.srt"),
        (VideoFile::Thumbnail, "thumb.jpg"),
        (VideoFile::Gif, "preview.gif"),
    ] {
        let (options, seen) = recording();
        let done = sim
            .client()
            .videos()
            .download_with(&video.id, scratch.path(name), file, &options)
            .await
            .unwrap();
        // The download's own request, before the test fetches the file to compare.
        let request = file_requests(&sim)
            .pop()
            .expect("a request to the file host");
        assert_eq!(request.header("x-api-key"), None, "{request:?}");
        assert_eq!(request.header("authorization"), None, "{request:?}");
        let expected = served(file.url(&video).unwrap()).await;
        let written = std::fs::read(scratch.path(name)).unwrap();
        assert_eq!(written, expected, "{file:?}");
        assert_eq!(done.bytes, expected.len() as u64);
        assert_eq!(done.path, scratch.path(name));
        let seen = seen.lock().unwrap().clone();
        let last = seen.last().expect("at least one progress report");
        assert_eq!(last.bytes, expected.len() as u64);
        assert_eq!(last.total, Some(expected.len() as u64));
        assert!(seen.windows(2).all(|w| w[0].bytes < w[1].bytes), "{seen:?}");
    }
    assert_eq!(
        scratch.names(),
        [
            "captioned.mp4",
            "preview.gif",
            "thumb.jpg",
            "video.mp4",
            "video.srt"
        ],
        "no temporary file is left behind"
    );
    let srt = std::fs::read_to_string(scratch.path("video.srt")).unwrap();
    assert!(srt.contains("-->"), "{srt}");
}

#[tokio::test(start_paused = true)]
async fn an_expired_url_is_refreshed_once_by_getting_the_video_again() {
    let sim = instant_simulator().await;
    let video = finished_video(&sim).await;
    sim.clear_requests();
    sim.inject(FaultRule::new(Fault::Status(403)).path("/files/videos/"));
    let scratch = Scratch::new();
    let done = sim
        .client()
        .videos()
        .download(&video.id, scratch.path("v.mp4"), VideoFile::Video)
        .await
        .unwrap();
    assert!(done.bytes > 0);
    let journal: Vec<(String, Option<u16>)> = sim
        .requests()
        .into_iter()
        .map(|r| (r.path, r.status))
        .collect();
    let get = format!("/v3/videos/{}", video.id);
    let file = format!("/files/videos/{}.mp4", video.id);
    assert_eq!(
        journal,
        [
            (get.clone(), Some(200)),
            (file.clone(), Some(403)),
            (get, Some(200)),
            (file, Some(200)),
        ]
    );
}

#[tokio::test(start_paused = true)]
async fn a_second_403_fails_without_the_url_and_leaves_no_file() {
    let sim = instant_simulator().await;
    let video = finished_video(&sim).await;
    sim.inject(
        FaultRule::new(Fault::Status(403))
            .path("/files/videos/")
            .times(2),
    );
    let scratch = Scratch::new();
    let error = sim
        .client()
        .videos()
        .download(&video.id, scratch.path("v.mp4"), VideoFile::Video)
        .await
        .unwrap_err();
    match &error {
        Error::Download {
            video_id,
            file,
            status,
            retryable,
            ..
        } => {
            assert_eq!(video_id, &video.id);
            assert_eq!(*file, "video_url");
            assert_eq!(*status, Some(403));
            assert!(!retryable);
        }
        other => panic!("expected Error::Download, got {other:?}"),
    }
    assert!(!error.is_retryable());
    let shown = format!("{error} {error:?}");
    assert!(!shown.contains("/files/"), "the URL leaked: {shown}");
    assert!(scratch.names().is_empty(), "{:?}", scratch.names());
    assert_eq!(file_requests(&sim).len(), 2, "one refresh, not more");
}

#[tokio::test(start_paused = true)]
async fn a_transfer_cut_mid_body_keeps_the_old_file_and_is_retryable() {
    let sim = instant_simulator().await;
    let video = finished_video(&sim).await;
    let scratch = Scratch::new();
    let destination = scratch.path("v.mp4");
    std::fs::write(&destination, b"the previous download").unwrap();
    sim.inject(FaultRule::new(Fault::DropMidBody).path("/files/videos/"));
    let error = sim
        .client()
        .videos()
        .download(&video.id, &destination, VideoFile::Video)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::Download {
                source: Some(_),
                status: None,
                ..
            }
        ),
        "{error:?}"
    );
    assert!(error.is_retryable(), "{error:?}");
    assert!(!format!("{error:?}").contains("/files/"), "{error:?}");
    assert_eq!(
        std::fs::read(&destination).unwrap(),
        b"the previous download"
    );
    assert_eq!(scratch.names(), ["v.mp4"], "the partial file is removed");
    // Trying again succeeds and replaces the file.
    sim.client()
        .videos()
        .download(&video.id, &destination, VideoFile::Video)
        .await
        .unwrap();
    let expected = served(video.video_url.as_deref().unwrap()).await;
    assert_eq!(std::fs::read(&destination).unwrap(), expected);
}

#[tokio::test(start_paused = true)]
async fn a_video_still_rendering_has_no_file_and_nothing_is_fetched() {
    let sim = Simulator::start().await;
    let created = sim
        .client()
        .videos()
        .create(
            CreateVideoFromAvatar::builder()
                .avatar_id(sim.avatar_id().unwrap().as_str())
                .voice_id(sim.voice_id().unwrap().as_str())
                .script("Hello"),
        )
        .await
        .unwrap();
    let scratch = Scratch::new();
    let error = sim
        .client()
        .videos()
        .download(
            &created.video_id,
            scratch.path("v.mp4"),
            VideoFile::Captioned,
        )
        .await
        .unwrap_err();
    match &error {
        Error::Download {
            file,
            status: None,
            message,
            retryable: false,
            ..
        } => {
            assert_eq!(*file, "captioned_video_url");
            assert!(message.contains("captioned_video_url"), "{message}");
        }
        other => panic!("expected Error::Download, got {other:?}"),
    }
    assert!(file_requests(&sim).is_empty());
    assert!(scratch.names().is_empty());
}

#[tokio::test]
async fn ids_that_are_not_path_segments_are_refused_before_any_request() {
    let sim = Simulator::start().await;
    let scratch = Scratch::new();
    for id in ["", ".", ".."] {
        let error = sim
            .client()
            .videos()
            .download(id, scratch.path("v.mp4"), VideoFile::Video)
            .await
            .unwrap_err();
        assert!(
            matches!(&error, Error::InvalidRequest { field: Some(f), .. } if f == "video_id"),
            "{error:?}"
        );
    }
    assert!(sim.requests().is_empty());
}

#[tokio::test(start_paused = true)]
async fn a_file_host_that_stalls_past_the_idle_timeout_fails_retryably() {
    let sim = instant_simulator().await;
    let video = finished_video(&sim).await;
    // Slow answers everywhere: the API's within the client's 30 s read timeout, the file host's
    // past the download's 5 s idle timeout.
    sim.latency(Duration::from_secs(20));
    let scratch = Scratch::new();
    let options = DownloadOptions::new().idle_timeout(Duration::from_secs(5));
    let error = sim
        .client()
        .videos()
        .download_with(&video.id, scratch.path("v.mp4"), VideoFile::Video, &options)
        .await
        .unwrap_err();
    match &error {
        Error::Download {
            message,
            retryable: true,
            ..
        } => assert!(message.contains("idle timeout"), "{message}"),
        other => panic!("expected a stalled Error::Download, got {other:?}"),
    }
    assert!(scratch.names().is_empty());
}

/// An API on one mock server whose video points at a file host on another.
async fn api_with_file_at(file_url: &str) -> (MockServer, Client) {
    let api = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v3/videos/v1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({
            "data": {"id": "v1", "status": "completed", "video_url": file_url}
        })))
        .mount(&api)
        .await;
    let client = Client::builder()
        .api_key("sk_secret_key")
        .base_url(api.uri())
        .build()
        .unwrap();
    (api, client)
}

#[tokio::test]
async fn a_redirect_to_another_origin_is_followed_without_the_key() {
    let cdn = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/real/v1.mp4"))
        .respond_with(ResponseTemplate::new(200).set_body_bytes(b"mp4 bytes".to_vec()))
        .mount(&cdn)
        .await;
    let host = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1.mp4"))
        .respond_with(
            ResponseTemplate::new(302)
                .insert_header("location", format!("{}/real/v1.mp4", cdn.uri())),
        )
        .mount(&host)
        .await;
    let (_api, client) =
        api_with_file_at(&format!("{}/v1.mp4?X-Amz-Signature=s3cr3t", host.uri())).await;
    let scratch = Scratch::new();
    let done = client
        .videos()
        .download("v1", scratch.path("v1.mp4"), VideoFile::Video)
        .await
        .unwrap();
    assert_eq!(std::fs::read(scratch.path("v1.mp4")).unwrap(), b"mp4 bytes");
    assert_eq!(done.bytes, 9);
    for server in [&host, &cdn] {
        for request in server.received_requests().await.unwrap() {
            assert!(!request.headers.contains_key("x-api-key"), "{request:?}");
            assert!(
                !request.headers.contains_key("authorization"),
                "{request:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_large_body_streams_in_chunks_and_errors_never_show_the_signed_url() {
    let host = MockServer::start().await;
    let body: Vec<u8> = (0..4 * 1024 * 1024u32).map(|i| (i % 251) as u8).collect();
    Mock::given(method("GET"))
        .and(path("/big.mp4"))
        .respond_with(
            ResponseTemplate::new(200)
                .insert_header("content-type", "video/mp4")
                .set_body_bytes(body.clone()),
        )
        .mount(&host)
        .await;
    Mock::given(method("GET"))
        .and(path("/gone.mp4"))
        .respond_with(ResponseTemplate::new(404))
        .mount(&host)
        .await;
    let (_api, client) =
        api_with_file_at(&format!("{}/big.mp4?X-Amz-Signature=s3cr3t", host.uri())).await;
    let scratch = Scratch::new();
    let (options, seen) = recording();
    let done = client
        .videos()
        .download_with("v1", scratch.path("big.mp4"), VideoFile::Video, &options)
        .await
        .unwrap();
    assert_eq!(done.content_type.as_deref(), Some("video/mp4"));
    assert_eq!(std::fs::read(scratch.path("big.mp4")).unwrap(), body);
    let seen = seen.lock().unwrap().clone();
    assert!(
        seen.len() > 1,
        "streamed in chunks, not read whole: {} reports",
        seen.len()
    );
    assert_eq!(seen.last().unwrap().bytes, body.len() as u64);
    assert!(seen.iter().all(|p| p.total == Some(body.len() as u64)));

    let (_api, client) =
        api_with_file_at(&format!("{}/gone.mp4?X-Amz-Signature=s3cr3t", host.uri())).await;
    let error = client
        .videos()
        .download("v1", scratch.path("gone.mp4"), VideoFile::Video)
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            Error::Download {
                status: Some(404),
                ..
            }
        ),
        "{error:?}"
    );
    let shown = format!("{error} {error:?}");
    assert!(
        !shown.contains("s3cr3t") && !shown.contains("gone.mp4"),
        "{shown}"
    );
}

#[test]
fn every_file_names_its_video_detail_field() {
    let video: VideoDetail = serde_json::from_value(json!({
        "id": "v1", "status": "completed",
        "video_url": "https://f/v.mp4", "captioned_video_url": "https://f/c.mp4",
        "subtitle_url": "https://f/s.srt", "thumbnail_url": "https://f/t.jpg", "gif_url": ""
    }))
    .unwrap();
    let urls: Vec<(&str, Option<&str>)> = [
        VideoFile::Video,
        VideoFile::Captioned,
        VideoFile::Subtitles,
        VideoFile::Thumbnail,
        VideoFile::Gif,
    ]
    .into_iter()
    .map(|file| (file.field(), file.url(&video)))
    .collect();
    assert_eq!(
        urls,
        [
            ("video_url", Some("https://f/v.mp4")),
            ("captioned_video_url", Some("https://f/c.mp4")),
            ("subtitle_url", Some("https://f/s.srt")),
            ("thumbnail_url", Some("https://f/t.jpg")),
            ("gif_url", None),
        ]
    );
}
