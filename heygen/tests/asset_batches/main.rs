//! Asset upload batches (`createAssetUploadBatch` → a PUT per file → `completeAssetUploadBatch`
//! → `getAssetBatch`) on the simulator, tokio's paused clock: files are ingested on the
//! simulator's clock, each by itself, a file refused fails alone and can be re-driven, every
//! error after the create names the batch, and bad input is refused before any request.
#![cfg(feature = "testing")]

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_sdk::resources::assets::UploadOptions;
use heygen_sdk::testing::{Fault, FaultRule, ResourceKind, Simulator, Timeline};
use heygen_sdk::types::{
    BatchItemStatus, BatchStatus, CreateAssetUploadBatchRequest, CreateAssetUploadRequest,
    CreateAssetUploadResponse,
};
use heygen_sdk::wait::WaitOptions;
use heygen_sdk::{Error, Progress, RequestOptions};
use serde_json::json;
use tokio::time::{Instant, advance};

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR";
const MP4: &[u8] = b"\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom";
const MP3: &[u8] = b"ID3\x04\x00\x00\x00\x00\x00\x00";

/// A fresh scratch directory (removed when dropped) holding these files, and their paths.
fn files(files: &[(&str, &[u8])]) -> (tempfile::TempDir, Vec<PathBuf>) {
    let scratch = tempfile::tempdir().unwrap();
    let dir = scratch.path();
    let paths = files
        .iter()
        .map(|(name, bytes)| {
            let path = dir.join(name);
            std::fs::write(&path, bytes).unwrap();
            path
        })
        .collect();
    (scratch, paths)
}

fn operations(sim: &Simulator) -> Vec<String> {
    sim.requests()
        .iter()
        .map(|r| format!("{} {}", r.method, r.path))
        .collect()
}

fn announced(name: &str, content_type: &str, bytes: &[u8]) -> CreateAssetUploadRequest {
    CreateAssetUploadRequest {
        checksum_sha256: None,
        content_type: content_type.into(),
        filename: name.into(),
        size_bytes: bytes.len() as i64,
    }
}

/// PUTs `bytes` to a slot as any HTTP client would: its URL and its headers, nothing else.
async fn put(slot: &CreateAssetUploadResponse, bytes: &[u8]) -> u16 {
    let http = heygen_sdk::http_client_builder().unwrap().build().unwrap();
    let mut request = http.put(&slot.upload_url).body(bytes.to_vec());
    for (name, value) in &slot.upload_headers {
        request = request.header(name, value.as_str().unwrap());
    }
    request.send().await.unwrap().status().as_u16()
}

fn item_statuses(batch: &heygen_sdk::types::Batch) -> Vec<&str> {
    batch.items.iter().map(|i| i.status.as_str()).collect()
}

mod failures;
mod flow;
