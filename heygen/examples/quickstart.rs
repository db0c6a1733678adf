//! The main job: list avatar looks, pick one, create a video and wait for it with a progress
//! bar, download it, and print where it is.
//!
//! ```sh
//! cargo run -p heygen-sdk --example quickstart --features testing
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs against the in-process HeyGen simulator
//! (`heygen_sdk::testing`) in a few seconds. With `HEYGEN_API_KEY` set it talks to HeyGen: a
//! real video, rendered in minutes, billed to the account.

use std::time::Duration;

use heygen_sdk::VideoFile;
use heygen_sdk::testing::Simulator;
use heygen_sdk::types::CreateVideoFromAvatar;
use heygen_sdk::wait::WaitOptions;
use indicatif::ProgressBar;

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Without a key, a local simulator (kept alive for the whole run: dropping it stops it).
    let simulator = match std::env::var_os("HEYGEN_API_KEY") {
        Some(_) => None,
        None => Some(Simulator::start().await),
    };
    let client = match &simulator {
        Some(simulator) => simulator.client(),
        None => heygen_sdk::Client::from_env()?,
    };

    // List the account's avatar looks; pick the first that has a default voice.
    let mut looks = client.avatars().list_looks().max_items(20).items();
    let (look, voice_id) = loop {
        let look = looks
            .try_next()
            .await?
            .ok_or("no avatar look with a voice")?;
        println!("avatar look {} ({})", look.name, look.id);
        if let Some(voice_id) = look.default_voice_id.clone() {
            break (look, voice_id);
        }
    };

    let request = CreateVideoFromAvatar::builder()
        .avatar_id(&look.id)
        .voice_id(voice_id)
        .script("Hello from Rust! This video was made with heygen-sdk.")
        .title("heygen-sdk quickstart");

    // Create it and wait until it is rendered, the bar showing each poll.
    let bar = ProgressBar::new_spinner();
    bar.enable_steady_tick(Duration::from_millis(100));
    let progress = bar.clone();
    let options = WaitOptions::new().on_progress(move |p| {
        progress.set_message(format!("video {}: {} (poll {})", p.id, p.status, p.polls));
    });
    let video = client
        .videos()
        .create_and_wait_with(request, &options)
        .await?;
    bar.finish_with_message(format!("video {} is {}", video.id, video.status));

    let path = std::env::temp_dir().join(format!("heygen-{}.mp4", video.id));
    let file = client
        .videos()
        .download(&video.id, path, VideoFile::Video)
        .await?;
    println!("downloaded {} bytes to {}", file.bytes, file.path.display());
    Ok(())
}
