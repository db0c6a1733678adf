//! A webhook endpoint (axum) that parses HeyGen's deliveries into `heygen_sdk::webhooks::Event`.
//!
//! ```sh
//! cargo run -p heygen-sdk --example webhook_receiver --features testing             # a self-test, then exit
//! cargo run -p heygen-sdk --example webhook_receiver --features testing -- --serve  # keep serving
//! ```
//!
//! By default it starts on a free local port, posts the sample deliveries of HeyGen's guide
//! (and one of an event type this SDK does not know, one that is not a delivery, and one past
//! the body limit) to itself, prints what it parsed, and exits. With `--serve` it keeps serving
//! `POST /webhooks/heygen` on `HEYGEN_WEBHOOK_ADDR` (default `127.0.0.1:3000`): register that
//! URL (made public) with `client.webhooks().create_endpoint(…)`. No API key is needed.
//!
//! HeyGen does not document how it signs deliveries, so this endpoint does not check a
//! signature: treat a delivery as a hint and confirm it with the API (`videos().get(id)`)
//! before acting on it.

use std::error::Error;

use axum::Router;
use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::routing::post;
use heygen_sdk::webhooks::{Event, Payload};
use serde_json::json;

/// `POST /webhooks/heygen`: 200 for a delivery (whatever its type), 400 for anything else.
async fn receive(body: Bytes) -> StatusCode {
    match Event::parse(&body) {
        Ok(event) => {
            println!("received: {}", describe(&event));
            // Answer at once; slow work (downloads, database writes) belongs in a queue.
            StatusCode::OK
        }
        Err(error) => {
            eprintln!("refused: {error}");
            StatusCode::BAD_REQUEST
        }
    }
}

/// What the event says, in a line.
fn describe(event: &Event) -> String {
    let outcome = match event.succeeded() {
        Some(true) => "succeeded",
        Some(false) => "failed",
        None => "happened",
    };
    match &event.payload {
        Payload::Video(video) => format!(
            "{}: video {} {outcome}{}{}",
            event.event_type,
            video.video_id.as_deref().unwrap_or("?"),
            // The URL is presigned (a credential): say there is one, never print it.
            if video.url.is_some() {
                ", with its URL"
            } else {
                ""
            },
            video
                .msg
                .as_deref()
                .map(|m| format!(": {m}"))
                .unwrap_or_default(),
        ),
        Payload::Translation(translation) => format!(
            "{}: translation {} into {} {outcome}{}",
            event.event_type,
            translation.video_translate_id.as_deref().unwrap_or("?"),
            translation.output_language.as_deref().unwrap_or("?"),
            translation
                .message
                .as_deref()
                .map(|m| format!(": {m}"))
                .unwrap_or_default(),
        ),
        Payload::VideoAgent(agent) => format!(
            "{}: video-agent session {} {outcome}",
            event.event_type,
            agent.session_id.as_deref().unwrap_or("?")
        ),
        Payload::PersonalizedVideo(video) => format!(
            "{}: personalized video {} of project {}",
            event.event_type,
            video.video_id.as_deref().unwrap_or("?"),
            video.project_id.as_deref().unwrap_or("?")
        ),
        // `Payload` is `#[non_exhaustive]`, and `Other` holds every type without a typed
        // payload (and those added later): keep a catch-all arm.
        _ => format!(
            "{} {outcome} (callback {:?}; not handled here)",
            event.event_type,
            event.callback_id()
        ),
    }
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // A delivery is small: refuse a larger body before reading it (`Event::parse` would refuse
    // it too, but only once read).
    let app = Router::new()
        .route("/webhooks/heygen", post(receive))
        .layer(DefaultBodyLimit::max(heygen_sdk::webhooks::MAX_BODY_BYTES));
    if std::env::args().any(|arg| arg == "--serve") {
        let addr =
            std::env::var("HEYGEN_WEBHOOK_ADDR").unwrap_or_else(|_| "127.0.0.1:3000".to_string());
        let listener = tokio::net::TcpListener::bind(&addr).await?;
        println!("listening on http://{addr}/webhooks/heygen (Ctrl-C to stop)");
        axum::serve(listener, app).await?;
        return Ok(());
    }

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let url = format!("http://{}/webhooks/heygen", listener.local_addr()?);
    let server = tokio::spawn(async move { axum::serve(listener, app).await });
    println!("self-test: posting sample deliveries to {url}");
    // Each sample with the status the endpoint must answer.
    let samples = [
        json!({"event_type": "avatar_video.success", "event_data": {
            "video_id": "v_123", "url": "https://files.example/v_123.mp4", "callback_id": "order-42"}}),
        json!({"event_type": "avatar_video.fail", "event_data": {
            "video_id": "v_124", "msg": "Avatar not found", "callback_id": "order-43"}}),
        json!({"event_type": "video_translate.success", "event_data": {
            "video_translate_id": "t_1", "url": "https://files.example/t_1.mp4",
            "callback_id": "order-44", "output_language": "French"}}),
        json!({"event_type": "hologram.success", "event_data": {"hologram_id": "h_1"}}),
        json!(["not", "a", "delivery"]),
        // Past the body limit: refused unread.
        json!({"event_type": "avatar_video.success", "padding": "x".repeat(2 << 20)}),
    ];
    let http = heygen_sdk::http_client_builder()?.build()?;
    let expected = [200, 200, 200, 200, 400, 413];
    for (sample, expected) in samples.iter().zip(expected) {
        let status = http.post(&url).json(sample).send().await?.status();
        println!("  -> HTTP {status}");
        if status.as_u16() != expected {
            return Err(format!("expected HTTP {expected}, got {status}").into());
        }
    }
    server.abort();
    Ok(())
}
