//! Many personalised videos at once, two ways:
//!
//! 1. `create_many_and_wait`: one create per video, never more than the account's concurrent-job
//!    limit (10 on pay-as-you-go) unfinished at a time, each create with its own
//!    `Idempotency-Key`; the results in the order of the requests.
//! 2. A batch (`create_batch`, up to 100 videos in one request), then `wait_many` on its
//!    videos: one bulk statuses GET per interval for every 100 videos, printed as they finish.
//!
//! ```sh
//! cargo run -p heygen-sdk --example batch_videos --features testing
//! ```
//!
//! Without `HEYGEN_API_KEY` it runs against the in-process HeyGen simulator
//! (`heygen_sdk::testing`), with the pay-as-you-go limit of 10 concurrent jobs, and finishes in
//! seconds. With `HEYGEN_API_KEY` set it talks to HeyGen: 2 + 2 real videos, billed to the
//! account, rendered in minutes.

use std::error::Error;
use std::time::Duration;

use futures::StreamExt as _;
use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::{CreateVideoBatchRequest, CreateVideoFromAvatar, CreateVideoV3RequestBody};
use heygen_sdk::wait::{DEFAULT_CONCURRENT_JOBS, WaitOptions};

const NAMES: [&str; 8] = [
    "Ada", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Frances",
];

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    // Keep the simulator alive for the whole run: dropping it stops the server.
    let (client, simulator, count) = if std::env::var_os("HEYGEN_API_KEY").is_some() {
        (heygen_sdk::Client::from_env()?, None, 2)
    } else {
        let simulator = Simulator::builder()
            .max_concurrent_jobs(DEFAULT_CONCURRENT_JOBS)
            .timeline(Timeline::new(
                Duration::from_millis(300),
                Duration::from_millis(700),
            ))
            .start()
            .await;
        println!(
            "HEYGEN_API_KEY is not set: using the in-process HeyGen simulator at {}",
            simulator.base_url()
        );
        (simulator.client(), Some(simulator), 24)
    };
    let poll = if simulator.is_some() {
        WaitOptions::new()
            .min_delay(Duration::from_millis(250))
            .max_delay(Duration::from_secs(1))
    } else {
        WaitOptions::new()
    };

    let look = client
        .avatars()
        .list_looks()
        .max_items(1)
        .collect()
        .await?
        .into_iter()
        .next()
        .ok_or("the account has no avatar looks")?;
    let voice_id = match look.default_voice_id.clone() {
        Some(voice) => voice,
        None => {
            client
                .voices()
                .list()
                .max_items(1)
                .collect()
                .await?
                .into_iter()
                .next()
                .ok_or("the account has no voices")?
                .voice_id
        }
    };
    let personalised = |n: usize| {
        let name = NAMES[n % NAMES.len()];
        CreateVideoFromAvatar::builder()
            .avatar_id(&look.id)
            .voice_id(&voice_id)
            .script(format!(
                "Hi {name}, welcome aboard! This video was made for you."
            ))
            .title(format!("Welcome {name} #{n}"))
    };

    // 1. One create per video, within the concurrent-job limit.
    println!("\ncreate_many_and_wait: {count} videos, at most {DEFAULT_CONCURRENT_JOBS} at once");
    let requests: Vec<_> = (0..count).map(personalised).collect();
    let results = client
        .videos()
        .create_many_and_wait_with(requests, DEFAULT_CONCURRENT_JOBS, &poll)
        .await;
    for (n, result) in results.iter().enumerate() {
        match result {
            Ok(video) => println!(
                "  #{n:<2} {} {}",
                video.title.as_deref().unwrap_or_default(),
                video.video_url.as_deref().unwrap_or_default()
            ),
            Err(error) => println!(
                "  #{n:<2} failed: {error} (jobs {:?}, idempotency key {:?})",
                error.job_ids(),
                error.idempotency_key()
            ),
        }
    }
    if let Some(simulator) = &simulator {
        println!(
            "  the simulator saw at most {} videos rendering at once",
            simulator.peak_concurrent_jobs()
        );
    }

    // 2. A batch, then its videos as they finish.
    println!("\ncreate_batch + wait_many: {count} videos in one request");
    let videos = (0..count)
        .map(|n| CreateVideoV3RequestBody::try_from(personalised(n + 100)))
        .collect::<Result<Vec<_>, _>>()?;
    let batch = client
        .videos()
        .create_batch(
            CreateVideoBatchRequest::builder()
                .title("Welcome videos")
                .videos(videos),
        )
        .await?;
    println!("  batch {}", batch.batch_id);
    // HeyGen creates a batch's videos by itself: wait until each item has its video's id.
    let ids = loop {
        let items = client
            .videos()
            .batch_items(&batch.batch_id)
            .collect()
            .await?;
        let ids: Vec<String> = items.iter().filter_map(|i| i.video_id.clone()).collect();
        let failed = items.iter().filter(|i| i.error.is_some()).count();
        if ids.len() + failed == items.len() {
            break ids;
        }
        tokio::time::sleep(poll.min_delay).await;
    };
    let mut finished = client.videos().wait_many(&ids, &poll)?;
    while let Some(video) = finished.next().await {
        match video {
            Ok(video) => println!(
                "  done: {} ({} left)",
                video.title.as_deref().unwrap_or_default(),
                finished.remaining()
            ),
            Err(error) => println!("  {:?}: {error}", error.job_ids()),
        }
    }
    let batch = client.videos().get_batch(&batch.batch_id).await?;
    println!("  batch {:?}: {:?}", batch.status, batch.counts_by_status);
    Ok(())
}
