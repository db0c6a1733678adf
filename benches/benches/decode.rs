//! Decode: a 100-item `listVideosV3` page and a large `VideoDetail` (every field, presigned
//! URLs) into the generated types, next to `serde_json::Value`. Groups `decode_page100` and
//! `decode_video_detail`; functions `typed` and `value`.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use heygen_benches::bodies;
use heygen_sdk::types::{VideoDetail, VideoDetailPage};

fn decode(c: &mut Criterion) {
    let page = bodies::page(100, Some("1"));
    let mut group = c.benchmark_group("decode_page100");
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("typed", |b| {
        b.iter(|| black_box(serde_json::from_slice::<VideoDetailPage>(black_box(&page)).unwrap()))
    });
    group.bench_function("value", |b| {
        b.iter(|| black_box(serde_json::from_slice::<serde_json::Value>(black_box(&page)).unwrap()))
    });
    group.finish();

    let video = serde_json::to_vec(&bodies::video(7)).unwrap();
    let mut group = c.benchmark_group("decode_video_detail");
    group.throughput(Throughput::Bytes(video.len() as u64));
    group.bench_function("typed", |b| {
        b.iter(|| black_box(serde_json::from_slice::<VideoDetail>(black_box(&video)).unwrap()))
    });
    group.bench_function("value", |b| {
        b.iter(|| {
            black_box(serde_json::from_slice::<serde_json::Value>(black_box(&video)).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, decode);
criterion_main!(benches);
