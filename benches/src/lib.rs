//! Shared pieces of the heygen-rs benchmarks (`benches/run.sh` runs them all and prints the
//! table of BENCHMARKS.md): one loopback server, the fixed bodies it answers, the hand-written
//! reqwest + serde baseline, the clients both sides use, and a counting allocator.
//!
//! The baseline and `heygen` share one `reqwest::Client` (so one connection pool and the same
//! timeouts) and one server, so what differs between them is only what `heygen` adds.

pub mod alloc;
pub mod bodies;
pub mod raw;
pub mod server;

use std::time::Duration;

/// The API key both sides send.
pub const API_KEY: &str = "bench_key";

/// The `reqwest::Client` both sides use: `heygen`'s default settings (120 s timeout, 10 s
/// connect timeout), built the way `heygen` builds its own.
pub fn http_client() -> reqwest::Client {
    heygen_sdk::http_client_builder()
        .expect("TLS setup")
        .timeout(heygen_sdk::DEFAULT_TIMEOUT)
        .connect_timeout(heygen_sdk::DEFAULT_CONNECT_TIMEOUT)
        .build()
        .expect("reqwest client")
}

/// A `heygen_sdk::Client` with default settings (retries included) on `http`.
pub fn heygen_client(base_url: &str, http: reqwest::Client) -> heygen_sdk::Client {
    heygen_sdk::Client::builder()
        .api_key(API_KEY)
        .base_url(base_url)
        .http_client(http)
        .build()
        .expect("heygen client")
}

/// A single-threaded runtime for the client side (the server has its own thread).
pub fn client_runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Where the benchmark binaries write their results: `$CARGO_TARGET_DIR/bench-results` or
/// `target/bench-results` of the workspace.
pub fn results_dir() -> std::path::PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .parent()
                .expect("workspace root")
                .join("target")
        });
    target.join("bench-results")
}

/// `d` in microseconds, for printing.
pub fn micros(d: Duration) -> f64 {
    d.as_secs_f64() * 1e6
}
