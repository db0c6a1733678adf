//! A small driver for profiling the per-call overhead under callgrind: `N` calls of one
//! operation, through `heygen` or the hand-written baseline, after a warm-up that opens the
//! connection. `benches/profile.sh` runs it at two `N` and divides the difference of the
//! instruction counts by the difference of `N`, so start-up and warm-up cancel out.
//!
//! Usage: `profile_call <heygen|raw> <get|create|list> <N>`.

use std::hint::black_box;
use std::num::NonZeroU64;

use heygen_benches::{
    bodies, client_runtime, heygen_client, http_client, raw::Raw, server::Server,
};

const WARM_UP: usize = 50;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: profile_call <heygen|raw> <get|create|list> <N>";
    let (side, operation) = (args.get(1).expect(usage), args.get(2).expect(usage));
    let calls: usize = args.get(3).and_then(|n| n.parse().ok()).expect(usage);
    let server = Server::start();
    let runtime = client_runtime();
    let http = http_client();
    let client = heygen_client(&server.base_url(), http.clone());
    let raw = Raw::new(&server.base_url(), http);
    let id = "v_3f9a1c7e5b2d4f6a8c0e1b3d";
    let videos = client.videos();
    runtime.block_on(async {
        for _ in 0..WARM_UP + calls {
            match (side.as_str(), operation.as_str()) {
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
                        .list_with(|r| r.limit(NonZeroU64::new(10).unwrap()))
                        .first_page()
                        .await
                        .unwrap(),
                )),
                ("raw", "list") => drop(black_box(raw.list_videos(10, None).await.unwrap())),
                _ => panic!("{usage}"),
            }
        }
    });
}
