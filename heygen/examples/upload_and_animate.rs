//! Upload an image as an asset, make a talking video of it, wait for the video, and download
//! it with a progress report.
//!
//! ```sh
//! cargo run -p heygen-sdk --example upload_and_animate --features testing
//! HEYGEN_API_KEY=… cargo run -p heygen-sdk --example upload_and_animate --features testing -- face.jpg
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs against the in-process simulator with a stand-in image.
//! With it, pass the path of a portrait photo; `HEYGEN_VOICE_ID` picks the voice (else the
//! account's first).

use std::error::Error;
use std::time::Duration;

use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::{AssetInput, CreateVideoFromImage};
use heygen_sdk::wait::WaitOptions;
use heygen_sdk::{DownloadOptions, VideoFile};

/// A 1×1 PNG, for the simulator.
const STAND_IN_PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0\x1f\x15\xc4\x89\0\0\0\rIDATx\x9cc\xf8\xff\xff?\0\x05\xfe\x02\xfe\xa7\x35\x81\x84\0\0\0\0IEND\xaeB`\x82";

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
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

    let asset = match std::env::args().nth(1) {
        Some(path) => client.assets().upload_file(&path).await?,
        None if simulator.is_some() => {
            client
                .assets()
                .upload_bytes("face.png", None, STAND_IN_PNG)
                .await?
        }
        None => return Err("pass the path of a portrait photo to animate".into()),
    };
    println!(
        "uploaded asset {} ({} bytes, {})",
        asset.asset_id, asset.size_bytes, asset.mime_type
    );

    let voice_id = match std::env::var("HEYGEN_VOICE_ID") {
        Ok(id) => id,
        Err(_) => {
            client
                .voices()
                .list()
                .max_items(1)
                .collect()
                .await?
                .into_iter()
                .next()
                .ok_or("the account has no voices; set HEYGEN_VOICE_ID")?
                .voice_id
        }
    };

    let poll = if simulator.is_some() {
        Duration::from_millis(250)
    } else {
        Duration::from_secs(5)
    };
    let options = WaitOptions::new()
        .min_delay(poll)
        .timeout(Duration::from_secs(30 * 60))
        .on_progress(|p| {
            if p.changed {
                println!("video {}: {} after {:.1?}", p.id, p.status, p.elapsed);
            }
        });
    let request = CreateVideoFromImage::builder()
        .image(AssetInput::asset_id(&asset.asset_id))
        .voice_id(voice_id.as_str())
        .script("Hello! A still photo, brought to life with heygen-rs.")
        .title("heygen-rs upload_and_animate");
    let video = client
        .videos()
        .create_and_wait_with(request, &options)
        .await?;

    let path = std::env::temp_dir().join(format!("heygen-{}.mp4", video.id));
    let progress = DownloadOptions::new().on_progress(|p| match p.total {
        Some(total) => println!("downloaded {} of {total} bytes", p.bytes),
        None => println!("downloaded {} bytes", p.bytes),
    });
    let file = client
        .videos()
        .download_with(&video.id, &path, VideoFile::Video, &progress)
        .await?;
    println!(
        "video {} saved to {} ({} bytes)",
        video.id,
        file.path.display(),
        file.bytes
    );
    if simulator.is_some() {
        // The simulator's stand-in file is not worth keeping.
        std::fs::remove_file(&file.path)?;
    }
    Ok(())
}
