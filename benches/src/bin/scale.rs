//! Figures that are not timings, measured with a counting allocator (peak live heap bytes):
//!
//! 0. Per call: allocations and bytes allocated by one `get`, `create` and 10-item list page,
//!    through `heygen` and through the hand-written baseline.
//! 1. Streams: peak memory while consuming 100 (one page), 10,000 and 100,000 videos through
//!    `.items()` and through the hand-written cursor loop: flat in the item count means the
//!    10k and 100k peaks differ by less than two pages' worth; 200,000 too, to show the slope.
//! 2. Waiting at scale: 1,000 concurrent `videos().wait` on `heygen_sdk::testing::Simulator`
//!    under tokio's paused clock: requests in all, per job and per poll interval, the busiest
//!    second, and peak memory; once with the default options (every first poll at once) and
//!    once with a jittered 2 s initial delay.
//!
//! Writes `bench-results/scale.json` (see `heygen_benches::results_dir`) and prints it.
//! Usage: `cargo run --release -p heygen-benches --bin scale`.

use std::collections::HashMap;
use std::num::NonZeroU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures::TryStreamExt;
use heygen_benches::{
    alloc, bodies, client_runtime, heygen_client, http_client, raw::Raw, server::Server,
};
use heygen_sdk::testing::{Simulator, Timeline};
use heygen_sdk::types::{CreateVideoFromAvatar, CreateVideoV3RequestBody};
use heygen_sdk::wait::WaitOptions;
use serde_json::{Value, json};

#[global_allocator]
static ALLOCATOR: alloc::Counting = alloc::Counting;

const PAGE: usize = 100;
const JOBS: usize = 1_000;

fn main() {
    let per_call = allocations_per_call();
    let streams = stream_memory();
    let waits = waits_at_scale(Strategy::PerJob, WaitOptions::new());
    let spread = waits_at_scale(
        Strategy::PerJob,
        WaitOptions::new().initial_delay(Duration::from_secs(2)),
    );
    let bulk = waits_at_scale(Strategy::Bulk, WaitOptions::new());
    let results = json!({
        "allocations_per_call": per_call,
        "streams": streams,
        "waits": { "per_job": waits, "per_job_initial_delay_2s": spread, "bulk": bulk },
    });
    let dir = heygen_benches::results_dir();
    std::fs::create_dir_all(&dir).expect("results dir");
    let text = serde_json::to_string_pretty(&results).expect("json");
    std::fs::write(dir.join("scale.json"), &text).expect("writing scale.json");
    println!("{text}");
}

/// Allocations and bytes allocated per call (mean of 1,000 after a warm-up), both sides.
fn allocations_per_call() -> Value {
    const CALLS: usize = 1_000;
    let server = Server::start();
    let runtime = client_runtime();
    let http = http_client();
    let client = heygen_client(&server.base_url(), http.clone());
    let raw = Raw::new(&server.base_url(), http);
    let videos = client.videos();
    let id = "v_3f9a1c7e5b2d4f6a8c0e1b3d";
    let mut out = serde_json::Map::new();
    for op in ["get", "create", "list"] {
        let mut sides = serde_json::Map::new();
        for side in ["heygen", "raw"] {
            let run = |calls: usize| {
                runtime.block_on(async {
                    for _ in 0..calls {
                        match (side, op) {
                            ("heygen", "get") => drop(videos.get(id).await.unwrap()),
                            ("raw", "get") => drop(raw.get_video(id).await.unwrap()),
                            ("heygen", "create") => {
                                drop(videos.create(bodies::create_request()).await.unwrap())
                            }
                            ("raw", "create") => {
                                drop(raw.create_video(&bodies::create_request()).await.unwrap())
                            }
                            ("heygen", _) => drop(
                                videos
                                    .list_with(|r| r.limit(NonZeroU64::new(10).unwrap()))
                                    .first_page()
                                    .await
                                    .unwrap(),
                            ),
                            _ => drop(raw.list_videos(10, None).await.unwrap()),
                        }
                    }
                })
            };
            run(50);
            let (count, bytes) = alloc::allocations();
            run(CALLS);
            let (count_after, bytes_after) = alloc::allocations();
            sides.insert(
                side.into(),
                json!({
                    "allocations": (count_after - count) as f64 / CALLS as f64,
                    "bytes": (bytes_after - bytes) as f64 / CALLS as f64,
                }),
            );
        }
        out.insert(op.into(), Value::Object(sides));
    }
    Value::Object(out)
}

/// For each side and item count: the peak live heap above the level before the run (the
/// least of three runs: which buffers happen to be alive together moves a single peak by up to
/// a page), and for `heygen` the live heap at the last item, while the stream's state is still
/// alive (one page of items plus whatever state grows with the listing).
fn stream_memory() -> Value {
    let server = Server::start();
    let runtime = client_runtime();
    let http = http_client();
    let client = heygen_client(&server.base_url(), http.clone());
    let raw = Raw::new(&server.base_url(), http);
    let page_bytes = heygen_benches::bodies::page(PAGE, Some("1")).len();

    let mut out = serde_json::Map::new();
    for side in ["heygen", "raw"] {
        let (mut peaks, mut retained) = (serde_json::Map::new(), serde_json::Map::new());
        // The first run opens the pooled connection; the measured runs start from there.
        for items in [PAGE, PAGE, 1_000, 10_000, 100_000, 200_000] {
            server.set_pages(items / PAGE);
            let mut least = usize::MAX;
            for _ in 0..3 {
                let before = alloc::reset_peak();
                let (counted, held) = runtime.block_on(async {
                    match side {
                        "heygen" => {
                            let mut stream = client
                                .videos()
                                .list_with(|r| r.limit(NonZeroU64::new(PAGE as u64).unwrap()))
                                .items();
                            let (mut n, mut held) = (0, 0);
                            while let Some(video) = stream.try_next().await.expect("items") {
                                std::hint::black_box(video);
                                n += 1;
                                if n == items {
                                    // The last item: the stream's state is still alive.
                                    held = alloc::live().saturating_sub(before);
                                }
                            }
                            (n, held)
                        }
                        _ => {
                            let n = raw
                                .for_each_video(PAGE as u32, |video| {
                                    std::hint::black_box(video);
                                })
                                .await
                                .expect("items");
                            (n, 0)
                        }
                    }
                });
                assert_eq!(counted, items);
                least = least.min(alloc::peak() - before);
                retained.insert(items.to_string(), json!(held));
            }
            peaks.insert(items.to_string(), json!(least));
        }
        let peak = |items: &str| peaks[items].as_u64().unwrap() as i64;
        let growth = peak("100000") - peak("10000");
        let mut figures = json!({
            "peak_bytes": peaks,
            "growth_10k_to_100k_bytes": growth,
            "growth_100k_to_200k_bytes": peak("200000") - peak("100000"),
            "flat": growth.unsigned_abs() as usize <= 2 * page_bytes,
        });
        if side == "heygen" {
            figures["live_at_last_item_bytes"] = Value::Object(retained);
        }
        out.insert(side.to_string(), figures);
    }
    out.insert("page_body_bytes".into(), json!(page_bytes));
    Value::Object(out)
}

/// How the jobs are waited on: each job polling its own `GET /v3/videos/{id}`, or one
/// `wait_many` over all of them (one `GET /v3/videos/statuses` per 100 ids per interval, then
/// one detail GET per finished job).
#[derive(Clone, Copy, Debug)]
enum Strategy {
    PerJob,
    Bulk,
}

/// 1,000 videos created on the simulator (1 min pending, 9 min processing), then waited on
/// together with `options`, on the paused clock.
fn waits_at_scale(strategy: Strategy, options: WaitOptions) -> Value {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .start_paused(true)
        .build()
        .expect("paused runtime");
    runtime.block_on(async move {
        let timeline = Timeline::new(Duration::from_secs(60), Duration::from_secs(540));
        let sim = Simulator::builder().timeline(timeline).start().await;
        let client = sim.client();
        let videos = client.videos();
        let (avatar, voice) = (sim.avatar_id().unwrap(), sim.voice_id().unwrap());
        let ids = fresh_videos(&videos, &avatar, &voice).await;
        let index: HashMap<String, usize> = ids.iter().cloned().enumerate().map(|(i, id)| (id, i)).collect();

        // Pass 1, timing: when each job polled (from the progress callback, into a Vec
        // reserved beforehand) and how many requests the simulator received.
        sim.clear_requests();
        let polls = Arc::new(Mutex::new(Vec::<(usize, Duration)>::with_capacity(JOBS * 64)));
        let recorded = polls.clone();
        let measured = options.clone();
        let options = options.on_progress(move |p| {
            recorded.lock().unwrap().push((index[&p.id], p.elapsed));
        });
        let wall = Instant::now();
        let started = tokio::time::Instant::now();
        run(strategy, &videos, &ids, &options).await;
        let virtual_elapsed = started.elapsed();
        let wall = wall.elapsed();
        let requests = sim.requests();
        let gets = requests.iter().filter(|r| r.method == "GET").count();
        let polls = polls.lock().unwrap().clone();
        let mut per_job = vec![Vec::new(); JOBS];
        for (job, at) in &polls {
            per_job[*job].push(*at);
        }
        let counts: Vec<usize> = per_job.iter().map(Vec::len).collect();
        let min_gap = per_job
            .iter()
            .flat_map(|times| times.windows(2).map(|w| w[1] - w[0]))
            .min()
            .unwrap_or_default();
        let mut by_second: HashMap<u64, usize> = HashMap::new();
        for (_, at) in &polls {
            *by_second.entry(at.as_secs()).or_default() += 1;
        }
        let busiest = by_second.iter().max_by_key(|(_, n)| **n).map(|(s, n)| (*s, *n)).unwrap();

        // Pass 2, memory: the same waits without a callback; the journal is emptied every
        // virtual second so that the simulator's record of requests stays small.
        sim.clear_requests();
        let ids = fresh_videos(&videos, &avatar, &voice).await;
        sim.clear_requests();
        let before = alloc::reset_peak();
        let sim = Arc::new(sim);
        let janitor = {
            let sim = sim.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_secs(1)).await;
                    sim.clear_requests();
                }
            })
        };
        run(strategy, &videos, &ids, &measured).await;
        let peak = alloc::peak() - before;
        janitor.abort();

        json!({
            "strategy": format!("{strategy:?}"),
            "options": format!("{measured:?}"),
            "jobs": JOBS,
            "job_duration_s": timeline.total().as_secs(),
            "requests": requests.len(),
            "gets": gets,
            "polls": polls.len(),
            "requests_per_poll": requests.len() as f64 / polls.len() as f64,
            "polls_per_job": { "min": counts.iter().min(), "max": counts.iter().max(), "mean": polls.len() as f64 / JOBS as f64 },
            "min_gap_between_polls_of_a_job_s": min_gap.as_secs_f64(),
            "busiest_second": { "at_s": busiest.0, "requests": busiest.1 },
            "virtual_elapsed_s": virtual_elapsed.as_secs_f64(),
            "wall_s": wall.as_secs_f64(),
            "peak_bytes": peak,
            "peak_bytes_per_job": peak / JOBS,
        })
    })
}

async fn run(
    strategy: Strategy,
    videos: &heygen_sdk::resources::videos::Videos,
    ids: &[String],
    options: &WaitOptions,
) {
    match strategy {
        Strategy::PerJob => {
            let waits = ids.iter().map(|id| videos.wait_with(id, options));
            let done = futures::future::try_join_all(waits).await.expect("waits");
            assert_eq!(done.len(), ids.len());
        }
        Strategy::Bulk => {
            use futures::TryStreamExt as _;
            let finished: Vec<_> = videos
                .wait_many(ids, options)
                .expect("wait_many")
                .try_collect()
                .await
                .expect("every video finishes");
            assert_eq!(finished.len(), ids.len());
        }
    }
}

async fn fresh_videos(
    videos: &heygen_sdk::resources::videos::Videos,
    avatar: &str,
    voice: &str,
) -> Vec<String> {
    let mut ids = Vec::with_capacity(JOBS);
    for _ in 0..JOBS {
        let request: CreateVideoFromAvatar = serde_json::from_value(json!({
            "type": "avatar", "avatar_id": avatar, "voice_id": voice, "script": "Hello",
        }))
        .unwrap();
        ids.push(
            videos
                .create(CreateVideoV3RequestBody::Avatar(request))
                .await
                .expect("create")
                .video_id,
        );
    }
    ids
}
