//! A batch that survives a crash: `create_many_and_wait_stream` with a key per item (here the
//! application's own row id), each result recorded as it is yielded; a run killed anywhere and
//! rerun with the same keys for the items without a recorded result makes no new job for an
//! item already created — HeyGen (and the simulator) replay a key's first answer for 24 h.
//!
//! 1,000 items; the run dropped at 20 random points (the future dropped: a `select!`, a
//! timeout, a shutdown), on tokio's paused clock; and once as a process killed with SIGKILL
//! (the test runs its own binary as the child). Each time: exactly 1,000 jobs in all, none
//! twice, every item's result recorded once.
#![cfg(feature = "testing")]

use std::collections::{HashMap, HashSet};
use std::io::Write;
use std::time::Duration;

use futures::StreamExt;
use heygen_sdk::Client;
use heygen_sdk::testing::{ResourceKind, Simulator, Timeline};
use heygen_sdk::types::CreateVideoFromAvatar;
use heygen_sdk::wait::{DEFAULT_CONCURRENT_JOBS, WaitOptions};
use rand::{Rng, SeedableRng};

const ITEMS: usize = 1000;
const DROPS: usize = 20;
const SEED: u64 = 0x0C8A_5421;

/// The application's id of row `n`: the item's `Idempotency-Key`.
fn key(n: usize) -> String {
    format!("order-{n:04}")
}

fn key_row(key: &str) -> usize {
    key.trim_start_matches("order-").parse().unwrap()
}

fn video(avatar: &str, voice: &str, n: usize) -> CreateVideoFromAvatar {
    CreateVideoFromAvatar::try_from(
        CreateVideoFromAvatar::builder()
            .avatar_id(avatar)
            .voice_id(voice)
            .script("Hello from row.")
            .title(format!("row {n}")),
    )
    .unwrap()
}

/// The rows without a recorded result, with their keys.
fn todo(
    avatar: &str,
    voice: &str,
    recorded: &HashMap<String, String>,
) -> Vec<(String, CreateVideoFromAvatar)> {
    (0..ITEMS)
        .filter(|n| !recorded.contains_key(&key(*n)))
        .map(|n| (key(n), video(avatar, voice, n)))
        .collect()
}

/// Runs the batch over `items`, handing each result to `record` as it is yielded.
async fn run(
    client: &Client,
    items: Vec<(String, CreateVideoFromAvatar)>,
    options: &WaitOptions,
    mut record: impl FnMut(String, heygen_sdk::Result<heygen_sdk::types::VideoDetail>),
) {
    let mut finished =
        client
            .videos()
            .create_many_and_wait_stream(items, DEFAULT_CONCURRENT_JOBS, options);
    while let Some(done) = finished.next().await {
        record(done.key, done.result);
    }
}

#[tokio::test(start_paused = true)]
async fn a_thousand_keyed_videos_dropped_twenty_times_are_a_thousand_videos() {
    let sim = Simulator::builder()
        .max_concurrent_jobs(DEFAULT_CONCURRENT_JOBS)
        .start()
        .await;
    let client = sim.client();
    let (avatar, voice) = (sim.avatar_id().unwrap(), sim.voice_id().unwrap());
    let options = WaitOptions::new();
    let mut rng = rand::rngs::StdRng::seed_from_u64(SEED);
    // Video id by key, as the application records them; every delivery counted.
    let mut recorded: HashMap<String, String> = HashMap::new();
    let mut deliveries = 0usize;
    let started = tokio::time::Instant::now();
    let wall = std::time::Instant::now();
    for _ in 0..DROPS {
        let items = todo(&avatar, &voice, &recorded);
        // A run takes at least 0.3 s of the clock per item (waves of 10 three-second videos,
        // and the polls between): dropped at a random point of its first half.
        let most = 150 * items.len() as u64;
        let drop_after = Duration::from_millis(rng.random_range(0..most));
        let batch = run(&client, items, &options, |key, result| {
            let video = result.unwrap_or_else(|e| panic!("{key}: {e}"));
            assert_eq!(video.title, Some(format!("row {}", key_row(&key))));
            deliveries += 1;
            assert!(recorded.insert(key, video.id).is_none(), "delivered twice");
        });
        let dropped = tokio::time::timeout(drop_after, batch).await;
        assert!(dropped.is_err(), "the run ended before its drop point");
    }
    let before_last = recorded.len();
    let items = todo(&avatar, &voice, &recorded);
    run(&client, items, &options, |key, result| {
        let video = result.unwrap_or_else(|e| panic!("{key}: {e}"));
        deliveries += 1;
        assert!(recorded.insert(key, video.id).is_none(), "delivered twice");
    })
    .await;

    let ids: HashSet<&String> = recorded.values().collect();
    println!(
        "{ITEMS} items, {DROPS} drops: {} jobs created, {} duplicates, {} recorded before the last run, {:?} on the paused clock, {:?} of wall time",
        sim.count(ResourceKind::Video),
        ITEMS - ids.len(),
        before_last,
        started.elapsed(),
        wall.elapsed()
    );
    assert_eq!(recorded.len(), ITEMS, "every item's result");
    assert_eq!(deliveries, ITEMS, "each delivered once");
    assert_eq!(ids.len(), ITEMS, "no two items share a video");
    assert_eq!(
        sim.count(ResourceKind::Video),
        ITEMS,
        "no job created twice"
    );
    assert!((0..ITEMS).all(|n| recorded.contains_key(&key(n))));
    // The drops hit runs with creates in flight: their keys were answered again (replayed).
    let replayed = sim
        .requests()
        .iter()
        .filter(|r| r.method == "POST" && r.path == "/v3/videos" && r.status == Some(200))
        .count();
    assert!(
        replayed > ITEMS,
        "some creates were replayed: {replayed} answered"
    );
}

/// The child's side of [`a_killed_process_reruns_with_the_same_keys_without_duplicates`]: the
/// batch against the parent's simulator, each result appended to the progress file.
const CHILD: &str = "HEYGEN_CRASH_CHILD";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_killed_process_reruns_with_the_same_keys_without_duplicates() {
    let options = WaitOptions::new()
        .min_delay(Duration::from_millis(10))
        .max_delay(Duration::from_millis(20))
        .initial_delay(Duration::from_millis(10));
    if let Ok(setting) = std::env::var(CHILD) {
        // In the child: `base_url api_key avatar voice progress-file`.
        let parts: Vec<&str> = setting.split(' ').collect();
        let [base_url, api_key, avatar, voice, progress] = parts[..] else {
            panic!("{setting}")
        };
        let recorded = read_progress(progress);
        let client = Client::builder()
            .api_key(api_key)
            .base_url(base_url)
            .build()
            .unwrap();
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(progress)
            .unwrap();
        run(
            &client,
            todo(avatar, voice, &recorded),
            &options,
            |key, result| {
                let video = result.unwrap_or_else(|e| panic!("{key}: {e}"));
                file.write_all(format!("{key} {}\n", video.id).as_bytes())
                    .unwrap();
            },
        )
        .await;
        return;
    }

    let sim = Simulator::builder()
        .timeline(Timeline::new(
            Duration::from_millis(20),
            Duration::from_millis(30),
        ))
        .max_concurrent_jobs(DEFAULT_CONCURRENT_JOBS)
        .start()
        .await;
    let (avatar, voice) = (sim.avatar_id().unwrap(), sim.voice_id().unwrap());
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let progress = dir.join("progress.txt");
    std::fs::write(&progress, "").unwrap();
    let setting = format!(
        "{} {} {avatar} {voice} {}",
        sim.base_url(),
        sim.api_key(),
        progress.display()
    );
    let mut child = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "a_killed_process_reruns_with_the_same_keys_without_duplicates",
            "--nocapture",
        ])
        .env(CHILD, &setting)
        .spawn()
        .unwrap();
    // Killed once it has recorded a third of the rows: creates in flight, jobs running.
    let kill_at = ITEMS / 3;
    let waited = tokio::time::Instant::now();
    while read_progress(progress.to_str().unwrap()).len() < kill_at {
        assert!(child.try_wait().unwrap().is_none(), "the child ended early");
        assert!(
            waited.elapsed() < Duration::from_secs(120),
            "the child is stuck"
        );
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert!(!status.success(), "{status:?}");
    let created_when_killed = sim.count(ResourceKind::Video);
    let mut recorded = read_progress(progress.to_str().unwrap());
    let before = recorded.len();
    assert!(created_when_killed > before, "jobs in flight when killed");

    // The rerun, with the same keys for the rows without a result.
    let client = sim.client();
    let mut deliveries = 0;
    run(
        &client,
        todo(&avatar, &voice, &recorded),
        &options,
        |key, result| {
            let video = result.unwrap_or_else(|e| panic!("{key}: {e}"));
            deliveries += 1;
            assert!(recorded.insert(key, video.id).is_none(), "delivered twice");
        },
    )
    .await;
    let ids: HashSet<&String> = recorded.values().collect();
    println!(
        "killed child: {before} rows recorded and {created_when_killed} jobs created when killed; after the rerun {} jobs, {} duplicates",
        sim.count(ResourceKind::Video),
        ITEMS - ids.len()
    );
    assert_eq!(
        before + deliveries,
        ITEMS,
        "each row's result recorded once"
    );
    assert_eq!(recorded.len(), ITEMS);
    assert_eq!(ids.len(), ITEMS, "no two rows share a video");
    assert_eq!(
        sim.count(ResourceKind::Video),
        ITEMS,
        "no job created twice"
    );
}

/// The progress file's complete lines: key → video id (a line cut by the kill is not one).
fn read_progress(path: &str) -> HashMap<String, String> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut out = HashMap::new();
    for line in text.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        let (key, id) = line.trim_end().split_once(' ').expect("`key id`");
        assert!(
            out.insert(key.to_string(), id.to_string()).is_none(),
            "{key} twice"
        );
    }
    out
}
