//! Per-call and stream ratios that hold on a busy machine: `heygen` and the baseline measured
//! in alternating blocks (ABBA order) on one server and one `reqwest::Client`, so that load
//! from other processes hits both alike; the ratio is the median of the per-round ratios.
//! Each block records wall time and the client thread's CPU time
//! (`/proc/thread-self/schedstat`: time on CPU, so time spent descheduled or waiting for the
//! server thread is not counted).
//!
//! Writes `bench-results/paired.json` and prints it. Usage: `paired [rounds]` (default 30).

use std::hint::black_box;
use std::num::NonZeroU64;
use std::time::Instant;

use futures::TryStreamExt;
use heygen_benches::{
    bodies, client_runtime, heygen_client, http_client, raw::Raw, server::Server,
};
use serde_json::{Value, json};

/// Nanoseconds this thread has run on a CPU.
fn thread_cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}

fn median(values: &mut [f64]) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn main() {
    let rounds: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(30);
    let server = Server::start();
    let runtime = client_runtime();
    let http = http_client();
    let client = heygen_client(&server.base_url(), http.clone());
    let raw = Raw::new(&server.base_url(), http);
    let videos = client.videos();
    let id = "v_3f9a1c7e5b2d4f6a8c0e1b3d";
    let limit = NonZeroU64::new(10).unwrap();

    let mut out = serde_json::Map::new();
    for (op, block) in [
        ("get", 250),
        ("create", 250),
        ("list", 200),
        ("stream_100k", 1),
    ] {
        server.set_pages(if op == "stream_100k" { 1_000 } else { 1 });
        let run = |side: &str| -> (f64, f64) {
            let (wall, cpu) = (Instant::now(), thread_cpu_ns());
            runtime.block_on(async {
                for _ in 0..block {
                    match (side, op) {
                        ("heygen", "get") => drop(black_box(videos.get(id).await.unwrap())),
                        ("raw", "get") => drop(black_box(raw.get_video(id).await.unwrap())),
                        ("heygen", "create") => drop(black_box(
                            videos.create(bodies::create_request()).await.unwrap(),
                        )),
                        ("raw", "create") => drop(black_box(
                            raw.create_video(&bodies::create_request()).await.unwrap(),
                        )),
                        ("heygen", "list") => drop(black_box(
                            videos
                                .list_with(move |r| r.limit(limit))
                                .first_page()
                                .await
                                .unwrap(),
                        )),
                        ("raw", "list") => {
                            drop(black_box(raw.list_videos(10, None).await.unwrap()))
                        }
                        ("heygen", _) => {
                            let n = videos
                                .list_with(|r| r.limit(NonZeroU64::new(100).unwrap()))
                                .items()
                                .try_fold(0usize, |n, v| {
                                    black_box(v);
                                    async move { Ok(n + 1) }
                                })
                                .await
                                .unwrap();
                            assert_eq!(n, 100_000);
                        }
                        _ => {
                            let n = raw
                                .for_each_video(100, |v| drop(black_box(v)))
                                .await
                                .unwrap();
                            assert_eq!(n, 100_000);
                        }
                    }
                }
            });
            let wall = wall.elapsed().as_secs_f64() * 1e6 / block as f64;
            let cpu = (thread_cpu_ns() - cpu) as f64 / 1e3 / block as f64;
            (wall, cpu)
        };
        run("heygen");
        run("raw");
        let (mut hw, mut rw, mut hc, mut rc, mut wall_ratio, mut cpu_ratio) =
            (vec![], vec![], vec![], vec![], vec![], vec![]);
        for round in 0..rounds {
            let (h, r) = if round % 2 == 0 {
                let h = run("heygen");
                (h, run("raw"))
            } else {
                let r = run("raw");
                (run("heygen"), r)
            };
            hw.push(h.0);
            rw.push(r.0);
            hc.push(h.1);
            rc.push(r.1);
            wall_ratio.push(h.0 / r.0);
            cpu_ratio.push(h.1 / r.1);
        }
        let figures = json!({
            "heygen_wall_us": median(&mut hw),
            "raw_wall_us": median(&mut rw),
            "wall_ratio": median(&mut wall_ratio),
            "heygen_cpu_us": median(&mut hc),
            "raw_cpu_us": median(&mut rc),
            "cpu_ratio": median(&mut cpu_ratio),
            "rounds": rounds,
            "calls_per_block": block,
        });
        eprintln!("{op}: {figures}");
        out.insert(op.into(), figures);
    }
    let dir = heygen_benches::results_dir();
    std::fs::create_dir_all(&dir).expect("results dir");
    let text = serde_json::to_string_pretty(&Value::Object(out)).expect("json");
    std::fs::write(dir.join("paired.json"), &text).expect("writing paired.json");
    println!("{text}");
}
