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
