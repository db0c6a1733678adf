//! Presigned URLs are credentials: whatever path a body takes into an error (a success body
//! that does not decode, an API error's message, a proxy's page, an error status with a body
//! that is not the documented JSON), the query strings of its URLs are masked in Display and
//! Debug alike.
#![cfg(feature = "testing")]

mod support;

use heygen_sdk::{Client, Error};
use serde_json::json;
use support::{LocalServer, Path, Reply};

const SECRET: &str = "X-Amz-Signature=5ec7e75ec7e7";
const SIGNED: &str =
    "https://bucket.s3.amazonaws.com/v1.mp4?X-Amz-Credential=AKIA42&X-Amz-Signature=5ec7e75ec7e7";

async fn client_answering(reply: Reply) -> Client {
    let server = LocalServer::start().await;
    server.route(None, Path::Any, move |_| reply.clone());
    Client::builder()
        .api_key("k")
        .base_url(server.uri())
        .max_retries(0)
        .build()
        .unwrap()
}

/// `error` shows no signature, nor any credential of the URL, in Display or Debug.
#[track_caller]
fn assert_masked(error: &Error) {
    for shown in [
        error.to_string(),
        format!("{error:?}"),
        format!("{error:#?}"),
    ] {
        assert!(
            !shown.contains(SECRET) && !shown.contains("AKIA42"),
            "{shown}"
        );
    }
}

#[tokio::test]
async fn a_success_body_that_does_not_decode_shows_no_signature() {
    // `status` of the wrong type: the decoder quotes the body's values, the excerpt its start.
    let body = json!({"data": {"id": "v1", "video_url": SIGNED, "status": 7}});
    let client = client_answering(Reply::json(200, &body)).await;
    let error = client.videos().get("v1").await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert!(
        error
            .to_string()
            .contains("https://bucket.s3.amazonaws.com/v1.mp4?<redacted>"),
        "{error}"
    );
    assert_masked(&error);
    // A value quoted by the decoding error itself.
    let body = json!({"data": {"id": "v1", "duration": SIGNED}});
    let client = client_answering(Reply::json(200, &body)).await;
    let error = client.videos().get("v1").await.unwrap_err();
    assert_masked(&error);
}

#[tokio::test]
async fn error_bodies_show_no_signature() {
    let replies = [
        // The API's shape, its message naming the URL.
        Reply::json(
            400,
            &json!({"error": {"code": "invalid_parameter", "message": format!("could not fetch {SIGNED}"), "param": "video_url", "doc_url": SIGNED}}),
        ),
        // A status the operation does not document, JSON of another shape.
        Reply::json(502, &json!({"detail": SIGNED})),
        // A proxy's page.
        Reply::raw(503, format!("<html><a href=\"{SIGNED}\">retry</a></html>")),
        // A documented error status whose body is not the documented JSON.
        Reply::raw(404, format!("not found: {SIGNED}")),
        // Rate limited, with the URL in the message.
        Reply::json(
            429,
            &json!({"error": {"code": "rate_limited", "message": SIGNED}}),
        ),
    ];
    for reply in replies {
        let status = reply.status;
        let client = client_answering(reply).await;
        let error = client.videos().get("v1").await.unwrap_err();
        assert_eq!(error.status(), Some(status), "{error:?}");
        assert_masked(&error);
    }
}

#[tokio::test(start_paused = true)]
async fn a_wait_that_times_out_keeps_its_last_resource_without_signatures() {
    let body = json!({"data": {"id": "v1", "status": "processing", "thumbnail_url": SIGNED}});
    let client = client_answering(Reply::json(200, &body)).await;
    let options = heygen_sdk::WaitOptions::new().timeout(std::time::Duration::from_secs(30));
    let error = client.videos().wait_with("v1", &options).await.unwrap_err();
    assert!(matches!(error, Error::WaitTimeout { .. }), "{error:?}");
    assert_masked(&error);
    // The rest of the resource is kept, the URL's path too.
    let Error::WaitTimeout { last, .. } = &error else {
        unreachable!()
    };
    assert_eq!(last["status"], "processing");
    assert_eq!(
        last["thumbnail_url"],
        "https://bucket.s3.amazonaws.com/v1.mp4?<redacted>"
    );
}

#[tokio::test]
async fn a_download_whose_video_does_not_decode_shows_no_signature() {
    let body = json!({"data": {"id": "v1", "status": "completed", "video_url": SIGNED, "duration": SIGNED}});
    let client = client_answering(Reply::json(200, &body)).await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let error = client
        .videos()
        .download("v1", dir.join("v.mp4"), heygen_sdk::VideoFile::Video)
        .await
        .unwrap_err();
    assert_masked(&error);
}

#[tokio::test]
async fn an_upload_whose_answer_does_not_decode_shows_no_signature() {
    // `createAssetUpload`'s answer (a presigned URL inside) and the multipart `uploadAsset`'s.
    let body = json!({"data": {"asset_id": 7, "upload_url": SIGNED, "url": SIGNED}});
    let client = client_answering(Reply::json(200, &body)).await;
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let file = dir.join("clip.mp4");
    std::fs::write(&file, vec![0u8; 1024]).unwrap();
    let options = heygen_sdk::resources::assets::UploadOptions::new();
    let error = client
        .assets()
        .upload_direct(&file, &options)
        .await
        .unwrap_err();
    assert_masked(&error);
    let error = client
        .assets()
        .upload_bytes("clip.mp4", None, vec![0u8; 16])
        .await
        .unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error:?}");
    assert_masked(&error);
}

#[tokio::test(start_paused = true)]
async fn a_failed_job_whose_message_names_a_url_shows_no_signature() {
    let body = json!({"data": {"id": "v1", "status": "failed", "failure_code": "asset_unreachable",
        "failure_message": format!("could not fetch {SIGNED}")}});
    let client = client_answering(Reply::json(200, &body)).await;
    let error = client.videos().wait("v1").await.unwrap_err();
    assert!(matches!(error, Error::JobFailed { .. }), "{error:?}");
    assert!(error.to_string().contains("v1.mp4?<redacted>"), "{error}");
    assert_masked(&error);
    // Waiting on many: the same rule.
    let mut many = client
        .videos()
        .wait_many(["v1"], &heygen_sdk::WaitOptions::new())
        .unwrap();
    let error = futures::StreamExt::next(&mut many)
        .await
        .unwrap()
        .unwrap_err();
    assert_masked(&error);
}
