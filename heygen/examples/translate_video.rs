//! Translate a video into two languages and wait for both translations, reporting each one's
//! progress; a failure names every translation created.
//!
//! ```sh
//! cargo run -p heygen-sdk --example translate_video --features testing
//! HEYGEN_API_KEY=… cargo run -p heygen-sdk --example translate_video --features testing -- https://example.com/talk.mp4
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs against the in-process simulator. With it, pass the URL of
//! a video with speech (translations are billed to the account).

use std::error::Error;
use std::time::Duration;

use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::{AssetReference, CreateVideoTranslationRequest};
use heygen_sdk::wait::WaitOptions;

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
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
    let video_url = match std::env::args().nth(1) {
        Some(url) => url,
        None if simulator.is_some() => "https://example.com/talk.mp4".to_string(),
        None => return Err("pass the URL of the video to translate".into()),
    };

    // The API names languages in English ("French", "Spanish (Spain)"): pick two it lists,
    // French and German when offered, else the first two.
    let available = client.video_translations().languages().await?.languages;
    println!("{} target languages available", available.len());
    let mut wanted: Vec<String> = ["French", "German"]
        .into_iter()
        .filter_map(|want| available.iter().find(|l| l.eq_ignore_ascii_case(want)))
        .cloned()
        .collect();
    if wanted.is_empty() {
        wanted = available.iter().take(2).cloned().collect();
    }
    if wanted.is_empty() {
        return Err("the API offers no target language".into());
    }

    let request = CreateVideoTranslationRequest::builder()
        .video(AssetReference::url(&video_url))
        .output_languages(wanted.clone())
        .title("heygen-rs translate_video");
    let poll = if simulator.is_some() {
        Duration::from_millis(250)
    } else {
        Duration::from_secs(10)
    };
    let options = WaitOptions::new()
        .min_delay(poll)
        .timeout(Duration::from_secs(60 * 60))
        .on_progress(|p| {
            if p.changed {
                println!("translation {}: {} after {:.1?}", p.id, p.status, p.elapsed);
            }
        });
    println!("translating {video_url} into {}", wanted.join(" and "));
    let translations = match client
        .video_translations()
        .create_and_wait_with(request, &options)
        .await
    {
        Ok(translations) => translations,
        Err(error) => {
            // Every translation created is named, to look at or wait on again.
            eprintln!("translations {:?}: {error}", error.job_ids());
            return Err(error.into());
        }
    };
    for translation in translations {
        println!(
            "{} ({}): {}",
            translation.output_language.as_deref().unwrap_or("?"),
            translation.id,
            translation.video_url.as_deref().unwrap_or("no URL")
        );
    }
    Ok(())
}
