//! Per call: `videos().get`, `videos().create` and one 10-item list page through `heygen`, next
//! to the same call hand-written with reqwest + serde (`heygen_benches::raw`), both on one
//! `reqwest::Client` against the same loopback server. Groups `call_get`, `call_create`,
//! `call_list_page`; functions `heygen` and `raw`.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use heygen_benches::{
    bodies, client_runtime, heygen_client, http_client, raw::Raw, server::Server,
};

fn per_call(c: &mut Criterion) {
    let server = Server::start();
    let runtime = client_runtime();
    let http = http_client();
    let client = heygen_client(&server.base_url(), http.clone());
    let raw = Raw::new(&server.base_url(), http);
    let id = "v_3f9a1c7e5b2d4f6a8c0e1b3d";

    let mut group = c.benchmark_group("call_get");
    group.bench_function("heygen", |b| {
        b.to_async(&runtime)
            .iter(|| async { black_box(client.videos().get(id).await.expect("get")) })
    });
    group.bench_function("raw", |b| {
        b.to_async(&runtime)
            .iter(|| async { black_box(raw.get_video(id).await.expect("get")) })
    });
    group.finish();

    let mut group = c.benchmark_group("call_create");
    group.bench_function("heygen", |b| {
        b.to_async(&runtime).iter(|| async {
            let request = bodies::create_request();
            black_box(client.videos().create(request).await.expect("create"))
        })
    });
    group.bench_function("raw", |b| {
        b.to_async(&runtime).iter(|| async {
            let request = bodies::create_request();
            black_box(raw.create_video(&request).await.expect("create"))
        })
    });
    group.finish();

    let mut group = c.benchmark_group("call_list_page");
    let videos = client.videos();
    group.bench_function("heygen", |b| {
        b.to_async(&runtime).iter(|| async {
            let page = videos
                .list_with(|request| request.limit(std::num::NonZeroU64::new(10).unwrap()))
                .first_page()
                .await
                .expect("page");
            black_box(page)
        })
    });
    group.bench_function("raw", |b| {
        b.to_async(&runtime)
            .iter(|| async { black_box(raw.list_videos(10, None).await.expect("page")) })
    });
    group.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(60);
    targets = per_call
}
criterion_main!(benches);
