//! The pieces of `heygen`'s per-call path that the hand-written baseline does not have, each
//! alone in an `#[inline(never)]` function run `N` times, so that callgrind's inclusive cost of
//! the function divided by `N` is the piece's instructions per occurrence
//! (`benches/profile.sh` does that). Each piece copies what `heygen` and the generated
//! `heygen-sys` do per GET today (transport.rs, client.rs, call.rs, the post-passes' `send()`);
//! together they are what remains of heygen's overhead over the baseline (BENCHMARKS.md).
//!
//! Also prints the sizes of the futures of one `get` (`heygen` and baseline): every extra
//! byte of state is moved by `memcpy` as the future is built, boxed and polled, and a box
//! over 1,032 bytes leaves glibc's per-thread cache for its slower path.
//!
//! Usage: `pieces [N]` (default 10,000).

use std::cell::Cell;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Duration;

use futures::FutureExt;
use heygen_sys::ReadBody;
use reqwest::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use tracing::Instrument;

/// The shape of `heygen_sdk::call::CallRecord`.
#[allow(dead_code)]
#[derive(Debug, Default)]
struct CallRecord {
    operation: &'static str,
    attempts: u32,
    status: Option<u16>,
    request_id: Option<String>,
    retry_after: Option<Duration>,
    idempotency_key: Option<String>,
    repeatable: bool,
    refused: Option<Box<heygen_sdk::Error>>,
    too_large: Option<u64>,
}

tokio::task_local! {
    static RECORD: Cell<Option<Box<CallRecord>>>;
}

const REQUEST_ID: &str = "req_5f0c2a9e7d1b4c3a8e6f";
const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// `Client::call` and the transport: a task-local slot scoped around the call, the record
/// built in the transport's loop and delivered once (boxed), taken back after the call.
#[inline(never)]
fn piece_call_record(n: usize) {
    for _ in 0..n {
        let mut scoped = std::pin::pin!(RECORD.scope(Cell::new(None), async {
            let record = CallRecord {
                operation: "getVideoV3",
                attempts: 1,
                status: Some(200),
                ..CallRecord::default()
            };
            let _ = RECORD.try_with(|slot| slot.set(Some(Box::new(record))));
        }));
        black_box(scoped.as_mut().now_or_never());
        black_box(scoped.as_mut().take_value().and_then(Cell::into_inner));
    }
}

/// The `heygen.request` span (8 fields), `.instrument`, four `record`s on the span value and
/// the `debug!` event, with no subscriber installed (the common case).
#[inline(never)]
fn piece_tracing(n: usize, request: &reqwest::Request) {
    for _ in 0..n {
        let span = tracing::info_span!(
            "heygen.request",
            operation = "getVideoV3",
            method = %request.method(),
            path = request.url().path(),
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        let current = span.clone();
        let traced = async move {
            current.record("attempt", 1);
            current.record("status", 200);
            current.record("request_id", REQUEST_ID);
            current.record("elapsed_ms", 1u64);
            tracing::debug!(ok = true, "request finished");
        }
        .instrument(span);
        black_box(traced.now_or_never());
    }
}

/// The response's `x-request-id`, looked up by `HeaderName` for the span (only when a
/// subscriber listens, or on a failure).
#[inline(never)]
fn piece_request_id_lookup(n: usize, headers: &HeaderMap) {
    for _ in 0..n {
        black_box(headers.get(X_REQUEST_ID).and_then(|v| v.to_str().ok()));
    }
}

/// The retry spare, as the transport makes it (`spare` in transport.rs): method, URL, headers,
/// version and timeout copied into a new request in a box, dropped unused. For comparison,
/// `request_try_clone`: reqwest's `try_clone`, which the transport used before.
#[inline(never)]
fn piece_request_spare(n: usize, request: &reqwest::Request) {
    for _ in 0..n {
        let mut spare = reqwest::Request::new(request.method().clone(), request.url().clone());
        *spare.headers_mut() = request.headers().clone();
        *spare.version_mut() = request.version();
        if let Some(timeout) = request.timeout() {
            *spare.timeout_mut() = Some(*timeout);
        }
        black_box(&Box::new(spare));
    }
}

/// reqwest's `try_clone` into a box, dropped unused.
#[inline(never)]
fn piece_request_try_clone(n: usize, request: &reqwest::Request) {
    for _ in 0..n {
        let spare = request.try_clone().map(Box::new);
        black_box(&spare);
    }
}

/// The request boxed for the call's future, and moved out of the box to be sent.
#[inline(never)]
fn piece_request_box(n: usize, request: &reqwest::Request) {
    let mut request = request.try_clone();
    for _ in 0..n {
        let boxed = Box::new(request.take().unwrap());
        request = Some(*black_box(boxed));
    }
}

/// The transport's headers on each attempt: API key, user agent (the baseline sets the same
/// two, by `&str` name, in its request builder).
#[inline(never)]
fn piece_decorate(n: usize, request: &reqwest::Request) {
    let mut request = request.try_clone().unwrap();
    let key = HeaderValue::from_static("bench_key");
    let agent = HeaderValue::from_static("heygen-rs/0.2.0");
    for _ in 0..n {
        let headers = request.headers_mut();
        headers.insert(HeaderName::from_static("x-api-key"), key.clone());
        headers.insert(USER_AGENT, agent.clone());
        black_box(&request);
    }
}

/// The body the transport read, handed to the generated decoder in the response's
/// extensions (`ReadBody`) and taken out there.
#[inline(never)]
fn piece_read_body_extension(n: usize, body: &bytes::Bytes) {
    for _ in 0..n {
        let mut extensions = http::Extensions::new();
        extensions.insert(ReadBody(body.clone()));
        black_box(extensions.remove::<ReadBody>());
    }
}

/// The generated URL: the path parameter (a `String` the builder made from the `&str`)
/// percent-encoded into `format!`.
#[inline(never)]
fn piece_url_generated(n: usize, base: &str, id: &str) {
    for _ in 0..n {
        let video_id = id.to_string();
        let url = format!(
            "{}/v3/videos/{}",
            base,
            progenitor_client::encode_path(&{ video_id })
        );
        black_box(url);
    }
}

/// The baseline's URL: `format!` alone (no percent-encoding).
#[inline(never)]
fn piece_url_plain(n: usize, base: &str, id: &str) {
    for _ in 0..n {
        black_box(format!("{base}/v3/videos/{id}"));
    }
}

/// An `Idempotency-Key` from a v4 UUID (creates with `auto_idempotency`; off by default).
#[inline(never)]
fn piece_uuid(n: usize) {
    for _ in 0..n {
        let key = uuid::Uuid::new_v4().to_string();
        black_box(HeaderValue::from_str(&key).unwrap());
    }
}

/// The transport's clock: one `Instant::now` for the pause check, one to start, one `elapsed`
/// (the last two only when a subscriber listens).
#[inline(never)]
fn piece_clock(n: usize) {
    for _ in 0..n {
        let started = tokio::time::Instant::now();
        let paused = black_box(None::<tokio::time::Instant>);
        black_box(paused.is_some_and(|p| p > tokio::time::Instant::now()));
        black_box(started.elapsed().as_millis() as u64);
    }
}

type BoxedExec =
    dyn Fn(reqwest::Client) -> std::pin::Pin<Box<dyn Future<Output = usize> + Send>> + Send + Sync;

/// `Exec`: the `reqwest::Client` cloned, the transport's future (960 bytes) boxed behind a
/// `dyn Fn`.
#[inline(never)]
fn piece_exec_box(n: usize, http: &reqwest::Client) {
    let exec: Arc<BoxedExec> = Arc::new(|client| {
        Box::pin(async move {
            let state = [0u8; 960];
            black_box(&state);
            black_box(&client);
            state.len()
        })
    });
    for _ in 0..n {
        black_box(exec(http.clone()).now_or_never());
    }
}

/// `Client::call`: the generated future (1,016 bytes) boxed as it is handed over.
#[inline(never)]
fn piece_send_box(n: usize) {
    for _ in 0..n {
        let send = Box::pin(async {
            let state = [0u8; 1016];
            black_box(&state);
            state.len()
        });
        black_box(send.now_or_never());
    }
}

/// `client.videos()`: the resource handle clones the `Client` (its generated client, two
/// `Arc`s) for every call written `client.videos().get(…)`.
#[inline(never)]
fn piece_resource_handle(n: usize, client: &heygen_sdk::Client) {
    for _ in 0..n {
        black_box(client.videos());
    }
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let runtime = heygen_benches::client_runtime();
    let _guard = runtime.enter();
    let http = heygen_benches::http_client();
    let base = "http://127.0.0.1:40000";
    let id = "v_3f9a1c7e5b2d4f6a8c0e1b3d";
    let url = format!("{base}/v3/videos/{id}");
    let request = http
        .get(&url)
        .header(ACCEPT, "application/json")
        .header("x-api-key", "bench_key")
        .header(USER_AGENT, "heygen-rs/0.1.0")
        .build()
        .unwrap();
    let mut response_headers = HeaderMap::new();
    response_headers.insert("content-type", HeaderValue::from_static("application/json"));
    response_headers.insert("x-request-id", HeaderValue::from_static(REQUEST_ID));
    response_headers.insert("content-length", HeaderValue::from_static("2154"));
    response_headers.insert(
        "date",
        HeaderValue::from_static("Wed, 08 Apr 2026 12:00:00 GMT"),
    );

    let body = bytes::Bytes::from(heygen_benches::bodies::video_envelope());

    piece_call_record(n);
    piece_tracing(n, &request);
    piece_request_id_lookup(n, &response_headers);
    piece_request_spare(n, &request);
    piece_request_try_clone(n, &request);
    piece_request_box(n, &request);
    piece_decorate(n, &request);
    piece_read_body_extension(n, &body);
    piece_url_generated(n, base, id);
    piece_url_plain(n, base, id);
    piece_uuid(n);
    piece_clock(n);
    piece_exec_box(n, &http);
    piece_send_box(n);

    let client = heygen_benches::heygen_client(base, http.clone());
    piece_resource_handle(n, &client);
    let raw = heygen_benches::raw::Raw::new(base, http);
    let videos = client.videos();
    let heygen_get = videos.get(id);
    let generated_send = client.raw().get_video_v3().video_id(id).send();
    let raw_get = raw.get_video(id);
    println!(
        "{{\"future_bytes\":{{\"heygen_get\":{},\"generated_send\":{},\"raw_get\":{}}}}}",
        std::mem::size_of_val(&heygen_get),
        std::mem::size_of_val(&generated_send),
        std::mem::size_of_val(&raw_get)
    );
}
