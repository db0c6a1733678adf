//! `create_many_and_wait` and `create_many` on the simulator, on tokio's paused clock: within
//! the account's concurrent-job limit (the simulator records the peak), through 429s, each
//! create with its own `Idempotency-Key`, one result per request in the order of the requests.
#![cfg(feature = "testing")]

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use heygen_sdk::Error;
use heygen_sdk::testing::{Fault, RandomFaults, ResourceKind, Simulator, Timeline};
use heygen_sdk::types::{CreateVideoFromAvatar, CreateVideoTranslationRequest};
use heygen_sdk::wait::{DEFAULT_CONCURRENT_JOBS, WaitOptions};

fn video(sim: &Simulator, title: &str) -> heygen_sdk::types::builder::CreateVideoFromAvatarBuilder {
    CreateVideoFromAvatar::builder()
        .avatar_id(sim.avatar_id().expect("seeded avatars"))
        .voice_id(sim.voice_id().expect("seeded voices"))
        .script("Hello, one of many.")
        .title(title)
}

fn creates(sim: &Simulator) -> Vec<heygen_sdk::testing::RecordedRequest> {
    sim.requests()
        .into_iter()
        .filter(|r| r.method == "POST" && r.path == "/v3/videos")
        .collect()
}

#[tokio::test(start_paused = true)]
async fn a_thousand_videos_through_429s_never_more_than_ten_at_once_in_order() {
    let sim = Simulator::builder()
        .max_concurrent_jobs(DEFAULT_CONCURRENT_JOBS)
        .start()
        .await;
    // One create in ten is refused with a 429 (Retry-After: 1) before it is handled.
    sim.inject_random(
        RandomFaults::new(11, 0.1)
            .faults([Fault::RateLimited {
                retry_after_secs: 1,
            }])
            .method("POST")
            .path("/v3/videos"),
    );
    let client = sim.client_builder().max_retries(6).build().unwrap();
    let requests: Vec<_> = (0..1000)
        .map(|n| video(&sim, &format!("video {n}")))
        .collect();
    let started = tokio::time::Instant::now();
    let results = client
        .videos()
        .create_many_and_wait(requests, DEFAULT_CONCURRENT_JOBS)
        .await;

    assert_eq!(results.len(), 1000);
    let mut ids = HashSet::new();
    for (n, result) in results.iter().enumerate() {
        let video = result.as_ref().unwrap_or_else(|e| panic!("#{n}: {e}"));
        assert_eq!(
            video.title.as_deref(),
            Some(format!("video {n}").as_str()),
            "input order"
        );
        assert!(video.video_url.is_some());
        ids.insert(video.id.clone());
    }
    assert_eq!(ids.len(), 1000, "1,000 distinct videos");
    assert_eq!(sim.count(ResourceKind::Video), 1000, "none created twice");
    let peak = sim.peak_concurrent_jobs();
    assert!(peak <= DEFAULT_CONCURRENT_JOBS, "peak {peak}");
    assert_eq!(peak, DEFAULT_CONCURRENT_JOBS, "the limit is used");

    // Every create carried a key; a key's retries repeat one request; each item its own key.
    let posts = creates(&sim);
    let refused = posts.iter().filter(|r| r.status == Some(429)).count();
    assert!(refused >= 50, "429s injected: {refused}");
    let mut by_key: HashMap<String, Vec<&heygen_sdk::testing::RecordedRequest>> = HashMap::new();
    for post in &posts {
        let key = post
            .header("idempotency-key")
            .expect("every create has a key");
        by_key.entry(key.to_string()).or_default().push(post);
    }
    assert_eq!(by_key.len(), 1000, "one key per video");
    for attempts in by_key.values() {
        assert!(attempts.iter().all(|a| a.body == attempts[0].body));
        assert_eq!(attempts.iter().filter(|a| a.status == Some(200)).count(), 1);
    }
    // Finished jobs are found by bulk statuses: far fewer status GETs than videos.
    let journal = sim.requests();
    let status_gets = journal
        .iter()
        .filter(|r| r.path == "/v3/videos/statuses")
        .count();
    let detail_gets = journal
        .iter()
        .filter(|r| {
            r.method == "GET"
                && r.path.starts_with("/v3/videos/")
                && r.path != "/v3/videos/statuses"
        })
        .count();
    assert_eq!(detail_gets, 1000, "one GET per finished video");
    println!(
        "create_many_and_wait(1,000, 10): {} creates ({refused} answered 429), {status_gets} status GETs, \
         {detail_gets} video GETs, peak {peak} in flight, {:?} of simulated time",
        posts.len(),
        started.elapsed()
    );
}

#[tokio::test(start_paused = true)]
async fn a_refused_create_is_reported_with_its_key_and_the_others_go_on() {
    // The account allows 2 jobs; the caller asks for 4 at once, without retries.
    let sim = Simulator::builder().max_concurrent_jobs(2).start().await;
    let client = sim.client_builder().max_retries(0).build().unwrap();
    let mut requests: Vec<_> = (0..4).map(|n| video(&sim, &format!("v{n}"))).collect();
    // One request the server refuses (an unknown voice).
    requests.push(video(&sim, "bad voice").voice_id("no_such_voice"));
    // One the SDK refuses before sending (no avatar).
    requests.push(
        CreateVideoFromAvatar::builder()
            .voice_id(sim.voice_id().unwrap())
            .script("no avatar"),
    );
    let results = client.videos().create_many_and_wait(requests, 4).await;
    assert_eq!(results.len(), 6);
    let mut made = 0;
    for (n, result) in results.iter().take(4).enumerate() {
        match result {
            Ok(video) => {
                assert_eq!(video.title.as_deref(), Some(format!("v{n}").as_str()));
                made += 1;
            }
            Err(error) => {
                assert!(matches!(error, Error::RateLimited(_)), "{error:?}");
                let key = error.idempotency_key().expect("the key to retry with");
                heygen_sdk::validate_idempotency_key(key).unwrap();
            }
        }
    }
    assert_eq!(made, 2, "two places: two made, two refused");
    assert_eq!(sim.count(ResourceKind::Video), 2);
    let bad_voice = results[4].as_ref().unwrap_err();
    assert_eq!(bad_voice.status(), Some(400), "{bad_voice:?}");
    assert!(bad_voice.idempotency_key().is_some());
    let no_avatar = results[5].as_ref().unwrap_err();
    assert!(
        matches!(no_avatar, Error::InvalidRequest { field: Some(f), .. } if f == "avatar_id"),
        "{no_avatar:?}"
    );
    assert_eq!(creates(&sim).len(), 5, "the invalid request was never sent");
    assert!(sim.peak_concurrent_jobs() <= 2);
}

#[tokio::test(start_paused = true)]
async fn failed_and_timed_out_jobs_name_their_video() {
    let sim = Simulator::start().await;
    sim.fail_jobs(true);
    let client = sim.client();
    let results = client
        .videos()
        .create_many_and_wait_with([video(&sim, "a"), video(&sim, "b")], 1, &WaitOptions::new())
        .await;
    let videos = existing(&client).await;
    for result in &results {
        let error = result.as_ref().unwrap_err();
        assert!(matches!(error, Error::JobFailed { .. }), "{error:?}");
        assert!(videos.contains(error.job_ids()[0]));
    }
    sim.fail_jobs(false);
    sim.set_timeline(Timeline::new(
        Duration::from_secs(300),
        Duration::from_secs(300),
    ));
    let results = client
        .videos()
        .create_many_and_wait_with(
            [video(&sim, "slow")],
            1,
            &WaitOptions::new().timeout(Duration::from_secs(30)),
        )
        .await;
    let error = results[0].as_ref().unwrap_err();
    assert!(matches!(error, Error::WaitTimeout { .. }), "{error:?}");
    assert!(existing(&client).await.contains(error.job_ids()[0]));
}

/// The ids of the account's videos.
async fn existing(client: &heygen_sdk::Client) -> HashSet<String> {
    let videos = client.videos().list().collect().await.unwrap();
    videos.into_iter().map(|v| v.id).collect()
}

#[tokio::test(start_paused = true)]
async fn translations_count_one_job_per_language() {
    let sim = Simulator::builder().max_concurrent_jobs(4).start().await;
    let client = sim.client();
    let requests: Vec<CreateVideoTranslationRequest> = (0..5)
        .map(|n| {
            serde_json::from_value(serde_json::json!({
                "video": {"type": "url", "url": format!("https://example.com/{n}.mp4")},
                "output_languages": ["Spanish", "German"],
            }))
            .unwrap()
        })
        .collect();
    let results = client
        .video_translations()
        .create_many_and_wait(requests, 4)
        .await;
    assert_eq!(results.len(), 5);
    for result in &results {
        let translations = result.as_ref().unwrap();
        let languages: Vec<_> = translations
            .iter()
            .map(|t| t.output_language.clone().unwrap_or_default())
            .collect();
        assert_eq!(languages, ["Spanish", "German"]);
    }
    assert_eq!(sim.count(ResourceKind::VideoTranslation), 10);
    assert_eq!(
        sim.peak_concurrent_jobs(),
        4,
        "two requests of two at a time"
    );
}

#[tokio::test(start_paused = true)]
async fn create_many_answers_in_order_with_a_key_each() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let requests: Vec<_> = (0..25).map(|n| video(&sim, &format!("{n}"))).collect();
    let created = client.videos().create_many(requests, 5).await;
    let ids: Vec<String> = created.into_iter().map(|c| c.unwrap().video_id).collect();
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 25);
    for (n, id) in ids.iter().enumerate() {
        let video = client.videos().get(id).await.unwrap();
        assert_eq!(video.title.as_deref(), Some(n.to_string().as_str()));
    }
    let keys: HashSet<String> = creates(&sim)
        .iter()
        .filter_map(|r| r.header("idempotency-key").map(str::to_string))
        .collect();
    assert_eq!(keys.len(), 25);
}
