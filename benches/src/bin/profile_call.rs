//! A small driver for profiling the per-call overhead under callgrind: `N` calls of one
//! operation, through `heygen` or the hand-written baseline, after a warm-up that opens the
//! connection. `benches/profile.sh` runs it at two `N` and divides the difference of the
//! instruction counts by the difference of `N`, so start-up and warm-up cancel out.
//!
//! `stream` streams `N` pages of 100 videos (`.items()` or the cursor loop) after a one-page
//! warm-up, so the difference is per page.
//!
//! Usage: `profile_call <heygen|raw> <get|create|list|stream> <N>`.

use std::hint::black_box;
use std::num::NonZeroU64;

use heygen_benches::{
    bodies, client_runtime, heygen_client, http_client, raw::Raw, server::Server,
};

const WARM_UP: usize = 50;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let usage = "usage: profile_call <heygen|raw> <get|create|list|stream> <N>";
    let (side, operation) = (args.get(1).expect(usage), args.get(2).expect(usage));
    let calls: usize = args.get(3).and_then(|n| n.parse().ok()).expect(usage);
    let server = Server::start();
    let runtime = client_runtime();
    let http = http_client();
    let client = heygen_client(&server.base_url(), http.clone());
    let raw = Raw::new(&server.base_url(), http);
    let id = "v_3f9a1c7e5b2d4f6a8c0e1b3d";
    let videos = client.videos();
    if operation == "stream" {
        for pages in [1, calls] {
            server.set_pages(pages);
            let items = runtime.block_on(async {
                match side.as_str() {
                    "heygen" => {
                        let mut items = videos
                            .list_with(|r| r.limit(NonZeroU64::new(100).unwrap()))
                            .items();
                        let mut n = 0;
                        while let Some(video) = items.try_next().await.unwrap() {
                            black_box(video);
                            n += 1;
                        }
                        n
                    }
                    "raw" => raw
                        .for_each_video(100, |v| drop(black_box(v)))
                        .await
                        .unwrap(),
                    _ => panic!("{usage}"),
                }
            });
            assert_eq!(items, pages * 100);
        }
        return;
    }
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
