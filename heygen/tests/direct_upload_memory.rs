//! Peak memory of a 100 MiB direct upload: the file is streamed from disk to the simulator,
//! which streams it into a hash, so the process's live heap grows by a few MiB at most. Alone
//! in its test binary: it counts every allocation of the process through its own global
//! allocator.
#![cfg(feature = "testing")]

use std::sync::atomic::Ordering;

use heygen_sdk::testing::Simulator;

#[path = "support/counting_alloc.rs"]
mod counting_alloc;

use counting_alloc::{Counting, PEAK, start_measuring};

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const MIB: usize = 1024 * 1024;

#[tokio::test]
async fn a_100_mib_file_is_uploaded_directly_with_a_few_mib_of_memory() {
    let sim = Simulator::start().await;
    let client = sim.client();
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let file = dir.join("keynote.mp4");
    // Sparse: the disk holds nothing, reading it gives 100 MiB of zeros.
    std::fs::File::create(&file)
        .unwrap()
        .set_len(100 * MIB as u64)
        .unwrap();
    // One call first, so the connection pool and the runtime's buffers exist before measuring.
    client.users().me().await.unwrap();

    let baseline = start_measuring();
    let asset = client.assets().upload_file(&file).await.unwrap();
    let peak = PEAK.load(Ordering::Relaxed) - baseline;
    println!(
        "peak live heap above the baseline during the 100 MiB upload: {peak} bytes ({:.2} MiB)",
        peak as f64 / MIB as f64
    );
    assert_eq!(asset.size_bytes, 100 * MIB as i64);
    let calls: Vec<String> = sim
        .requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect();
    let id = &asset.asset_id;
    assert_eq!(
        calls,
        [
            "GET /v3/users/me".to_string(),
            "POST /v3/assets/direct-uploads".to_string(),
            format!("PUT /upload/{id}"),
            format!("POST /v3/assets/{id}/complete"),
        ]
    );
    assert!(
        peak < 16 * MIB,
        "the upload held {peak} bytes at once: it is not streamed"
    );

    // The counter sees what it should: a buffer of the file's size shows in the peak.
    let baseline = start_measuring();
    let whole = std::fs::read(&file).unwrap();
    let control = PEAK.load(Ordering::Relaxed) - baseline;
    assert!(control >= 100 * MIB, "{control}");
    drop(whole);
    std::fs::remove_file(&file).unwrap();
}
