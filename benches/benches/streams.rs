//! Streams: 100,000 videos (1,000 pages of 100) through `videos().list().items()` next to a
//! hand-written cursor loop on the same server and `reqwest::Client`. Group `stream_100k`;
//! functions `heygen` and `raw`. (Peak memory against the item count: the `scale` binary.)

use std::hint::black_box;
use std::num::NonZeroU64;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use futures::TryStreamExt;
use heygen_benches::{client_runtime, heygen_client, http_client, raw::Raw, server::Server};

const PAGES: usize = 1_000;
const PAGE: usize = 100;

fn streams(c: &mut Criterion) {
    let server = Server::start();
    server.set_pages(PAGES);
    let runtime = client_runtime();
    let http = http_client();
    let client = heygen_client(&server.base_url(), http.clone());
    let raw = Raw::new(&server.base_url(), http);

    let mut group = c.benchmark_group("stream_100k");
    group.throughput(Throughput::Elements((PAGES * PAGE) as u64));
    group.sample_size(10);
    group.bench_function("heygen", |b| {
        b.to_async(&runtime).iter(|| async {
            let count = client
                .videos()
                .list_with(|request| request.limit(NonZeroU64::new(PAGE as u64).unwrap()))
                .items()
                .try_fold(0usize, |n, video| {
                    black_box(video);
                    async move { Ok(n + 1) }
                })
                .await
                .expect("items");
            assert_eq!(count, PAGES * PAGE);
        })
    });
    group.bench_function("raw", |b| {
        b.to_async(&runtime).iter(|| async {
            let count = raw
                .for_each_video(PAGE as u32, |video| {
                    black_box(video);
                })
                .await
                .expect("items");
            assert_eq!(count, PAGES * PAGE);
        })
    });
    group.finish();
}

criterion_group!(benches, streams);
criterion_main!(benches);
