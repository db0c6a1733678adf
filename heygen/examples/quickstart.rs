//! The main job in one run: list avatars and voices, create a video from an avatar with a
//! script, poll it until it is completed (with a progress bar), and print its URL.
//!
//! ```sh
//! cargo run -p heygen-sdk --example quickstart --features testing
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs against the in-process HeyGen simulator
//! (`heygen_sdk::testing`) and finishes in a few seconds. With `HEYGEN_API_KEY` set it talks to
//! HeyGen: a real video, rendered in minutes, billed to the account.

use std::error::Error;
use std::time::Duration;

use heygen_sdk::testing::Simulator;
use heygen_sdk::types::{CreateVideoFromAvatar, VideoStatus};
use indicatif::{ProgressBar, ProgressStyle};
use tokio::time::Instant;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // Keep the simulator alive for the whole run: dropping it stops the server.
    let (client, _simulator, poll_every) = if std::env::var_os("HEYGEN_API_KEY").is_some() {
        (
            heygen_sdk::Client::from_env()?,
            None,
            Duration::from_secs(5),
        )
    } else {
        let simulator = Simulator::start().await;
        println!(
            "HEYGEN_API_KEY is not set: using the in-process HeyGen simulator at {}",
            simulator.base_url()
        );
        (
            simulator.client(),
            Some(simulator),
            Duration::from_millis(250),
        )
    };

    let groups = client.avatars().list().max_items(3).collect().await?;
    println!("avatars:");
    for group in &groups {
        println!(
            "  {} ({}, {} looks)",
            group.name, group.id, group.looks_count
        );
    }
    let voices = client.voices().list().max_items(3).collect().await?;
    println!("voices:");
    for voice in &voices {
        println!(
            "  {} ({}, {} {})",
            voice.name, voice.voice_id, voice.language, voice.gender
        );
    }

    let look = client
        .avatars()
        .list_looks()
        .max_items(1)
        .collect()
        .await?
        .into_iter()
        .next()
        .ok_or("the account has no avatar looks")?;
    let voice_id = look
        .default_voice_id
        .clone()
        .or_else(|| voices.first().map(|v| v.voice_id.clone()))
        .ok_or("the account has no voices")?;
    let request = CreateVideoFromAvatar::builder()
        .avatar_id(&look.id)
        .voice_id(&voice_id)
        .script("Hello from Rust! This video was made with heygen-rs.")
        .title("heygen-rs quickstart");
    let created = client.videos().create(request).await?;
    println!(
        "created video {} with look {} and voice {voice_id} ({})",
        created.video_id, look.id, created.status
    );

    let bar = ProgressBar::new(3);
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{elapsed_precise}] [{bar:24}] {msg}")?
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(100));
    let deadline = Instant::now() + Duration::from_secs(30 * 60);
    let video = loop {
        let video = client.videos().get(&created.video_id).await?;
        let step = match &video.status {
            VideoStatus::Waiting | VideoStatus::Pending => 1,
            VideoStatus::Processing => 2,
            VideoStatus::Completed => 3,
            VideoStatus::Failed => {
                bar.abandon_with_message("failed");
                let reason = video
                    .failure_message
                    .or(video.failure_code)
                    .unwrap_or_default();
                return Err(format!("video {} failed: {reason}", video.id).into());
            }
            // A status newer than this SDK (`Unknown`, or a value a later SDK names): keep
            // waiting. Response enums are `#[non_exhaustive]`, so this arm is required.
            _ => bar.position(),
        };
        bar.set_position(step);
        bar.set_message(format!("video {}: {}", video.id, video.status));
        if video.status == VideoStatus::Completed {
            bar.finish();
            break video;
        }
        if Instant::now() >= deadline {
            return Err(format!(
                "video {} is still {} after 30 minutes",
                video.id, video.status
            )
            .into());
        }
        tokio::time::sleep(poll_every).await;
    };
    println!("video URL: {}", video.video_url.unwrap_or_default());
    Ok(())
}
