//! Create a video from an avatar, wait for it with a progress bar, print its URL.
//!
//! ```sh
//! cargo run -p heygen-sdk --example create_video --features testing -- "Hello from Rust!"
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs against the in-process simulator. With it, it makes a real
//! video: `HEYGEN_AVATAR_ID` and `HEYGEN_VOICE_ID` choose the avatar look and voice; without
//! them the first look of the account's listing and its default voice are used.

use std::time::Duration;

use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::CreateVideoFromAvatar;
use heygen_sdk::wait::WaitOptions;
use indicatif::{ProgressBar, ProgressStyle};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    // Keep the simulator alive for the whole run: dropping it stops the server.
    let (client, simulator) = if std::env::var_os("HEYGEN_API_KEY").is_some() {
        (heygen_sdk::Client::from_env()?, None)
    } else {
        let simulator = Simulator::builder()
            .timeline(Timeline::new(
                Duration::from_millis(300),
                Duration::from_millis(300),
            ))
            .start()
            .await;
        println!("HEYGEN_API_KEY is not set: using the in-process HeyGen simulator");
        (simulator.client(), Some(simulator))
    };
    let script = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "Hello from Rust! This video was made with heygen-rs.".to_string());

    let (avatar_id, default_voice) = match std::env::var("HEYGEN_AVATAR_ID") {
        Ok(id) => (id, None),
        Err(_) => {
            let looks: Vec<_> = client
                .avatars()
                .list_looks()
                .max_items(1)
                .items()
                .try_collect()
                .await?;
            let look = looks
                .into_iter()
                .next()
                .ok_or("the account has no avatar looks; set HEYGEN_AVATAR_ID")?;
            (look.id, look.default_voice_id)
        }
    };
    let voice_id = std::env::var("HEYGEN_VOICE_ID")
        .ok()
        .or(default_voice)
        .ok_or("no default voice for this avatar; set HEYGEN_VOICE_ID")?;

    let request = CreateVideoFromAvatar::builder()
        .avatar_id(&avatar_id)
        .voice_id(&voice_id)
        .script(script)
        .title("heygen-rs example");

    let bar = ProgressBar::new_spinner();
    bar.set_style(ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {msg}",
    )?);
    bar.enable_steady_tick(Duration::from_millis(120));
    bar.set_message(format!("creating a video with avatar {avatar_id}"));

    let progress_bar = bar.clone();
    let poll = if simulator.is_some() {
        Duration::from_millis(250)
    } else {
        Duration::from_secs(2)
    };
    let options = WaitOptions::new()
        .min_delay(poll)
        .timeout(Duration::from_secs(30 * 60))
        .on_progress(move |p| {
            let note = if p.recognized {
                ""
            } else {
                " (a status new to this SDK; still waiting)"
            };
            progress_bar.set_message(format!(
                "video {}: {}{note} — poll {}",
                p.id, p.status, p.polls
            ));
        });

    match client
        .videos()
        .create_and_wait_with(request, &options)
        .await
    {
        Ok(video) => {
            bar.finish_with_message(format!("video {} completed", video.id));
            println!("{}", video.video_url.unwrap_or_default());
            Ok(())
        }
        Err(error) => {
            bar.abandon_with_message("failed");
            Err(error.into())
        }
    }
}
