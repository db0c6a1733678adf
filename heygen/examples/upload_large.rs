//! A large file through the direct upload: `createAssetUpload`, one PUT of the bytes straight
//! to the presigned URL (streamed from disk, with a progress bar), `completeAssetUpload`; then
//! the asset as the API lists it.
//!
//! ```sh
//! cargo run -p heygen-sdk --example upload_large --features testing               # a 100 MiB demo file
//! cargo run -p heygen-sdk --example upload_large --features testing -- talk.mp4   # your file
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs against the in-process HeyGen simulator (`heygen_sdk::testing`),
//! which also breaks the first PUT's connection to show the upload starting over. With
//! `HEYGEN_API_KEY` set it uploads to your HeyGen account.

use std::error::Error;
use std::path::PathBuf;

use heygen_sdk::resources::assets::{UploadMethod, UploadOptions};
use heygen_sdk::testing::{Fault, FaultRule, Simulator};
use indicatif::{ProgressBar, ProgressStyle};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // Keep the simulator alive for the whole run: dropping it stops the server.
    let (client, simulator) = if std::env::var_os("HEYGEN_API_KEY").is_some() {
        (heygen_sdk::Client::from_env()?, None)
    } else {
        let simulator = Simulator::start().await;
        println!(
            "HEYGEN_API_KEY is not set: using the in-process HeyGen simulator at {}",
            simulator.base_url()
        );
        // The first PUT to the upload URL loses its connection after the bytes arrived.
        simulator.inject(
            FaultRule::new(Fault::DropConnection)
                .method("PUT")
                .path("/upload/"),
        );
        (simulator.client(), Some(simulator))
    };

    let (path, demo) = match std::env::args_os().nth(1) {
        Some(path) => (PathBuf::from(path), false),
        None => {
            let path = std::env::temp_dir().join("heygen-upload-large-demo.mp4");
            // Sparse: 100 MiB of zeros that take no disk space.
            std::fs::File::create(&path)?.set_len(100 * 1024 * 1024)?;
            (path, true)
        }
    };
    let size = std::fs::metadata(&path)?.len();

    let bar = ProgressBar::new(size);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} [{elapsed_precise}] [{bar:32}] {bytes}/{total_bytes} ({bytes_per_sec}) {msg}",
        )?
        .progress_chars("=> "),
    );
    let shown = bar.clone();
    let options = UploadOptions::new().on_progress(move |progress| {
        let how = match progress.method {
            UploadMethod::Direct => "direct upload",
            _ => "multipart",
        };
        shown.set_message(format!("{how}, attempt {}", progress.attempt));
        shown.set_position(progress.sent);
    });
    let asset = client.assets().upload_file_with(&path, &options).await?;
    bar.finish();
    println!(
        "uploaded {} as asset {} ({} bytes, {}): {}",
        path.display(),
        asset.asset_id,
        asset.size_bytes,
        asset.mime_type,
        asset.url
    );

    let details = client.assets().get(&asset.asset_id).await?;
    println!(
        "the API lists it as a {} named {:?}, owned by {}",
        details.type_, details.name, details.owner
    );
    for entry in client.assets().statuses([asset.asset_id.as_str()]).await? {
        println!("status: {}", entry.status);
    }
    if let Some(simulator) = &simulator {
        let puts = simulator
            .requests()
            .into_iter()
            .filter(|r| r.method == "PUT")
            .count();
        println!("the simulator saw {puts} PUTs of the file (the first one's connection was cut)");
    }
    if demo {
        std::fs::remove_file(&path)?;
    }
    Ok(())
}
