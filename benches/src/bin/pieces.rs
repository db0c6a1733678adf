//! The pieces of `heygen`'s per-call path that the hand-written baseline does not have, each
//! alone in an `#[inline(never)]` function run `N` times, so that callgrind's inclusive cost of
//! the function divided by `N` is the piece's instructions per occurrence
//! (`benches/profile.sh` does that). Each piece copies what `heygen` 0.1 and the generated
//! `heygen-sys` do per GET today (transport.rs, client.rs, call.rs, progenitor-client); the
//! `…_fixed` pieces are the cheaper way to do the same thing, for comparison.
//!
//! Also prints the sizes of the futures of one `get` (`heygen` and baseline): every extra
//! byte of state is moved by `memcpy` as the future is built, boxed and polled.
//!
//! Usage: `pieces [N]` (default 10,000).

use std::hint::black_box;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::FutureExt;
use heygen::RequestOptions;
use reqwest::header::{ACCEPT, HeaderMap, HeaderName, HeaderValue, USER_AGENT};
use tracing::Instrument;

/// The shape of `heygen::call::CallRecord` (written and cloned, as there; never read here).
#[allow(dead_code)]
#[derive(Debug, Clone, Default)]
struct CallRecord {
    attempts: u32,
    status: Option<u16>,
    request_id: Option<String>,
    retry_after: Option<Duration>,
}

#[derive(Debug, Default)]
struct CallContext {
    options: RequestOptions,
    record: Mutex<CallRecord>,
}

tokio::task_local! {
    static CALL: Arc<CallContext>;
}

const REQUEST_ID: &str = "req_5f0c2a9e7d1b4c3a8e6f";
const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
const RETRY_AFTER: HeaderName = HeaderName::from_static("retry-after");

/// `Client::run` and `Transport::execute`: options validated and cloned into an
/// `Arc<CallContext>`, the task-local scope around the send, the context read back inside,
/// the record written and cloned out.
#[inline(never)]
fn piece_call_context(n: usize, options: &RequestOptions) {
    for _ in 0..n {
        let context = Arc::new(CallContext {
            options: options.clone(),
            record: Mutex::default(),
        });
        let send = CALL.scope(context.clone(), async {
            let current = CALL.try_with(Arc::clone).ok();
            let options = current
                .as_ref()
                .map(|c| c.options.clone())
                .unwrap_or_default();
            if let Some(c) = &current {
                *c.record.lock().unwrap() = CallRecord {
                    attempts: 1,
                    status: Some(200),
                    request_id: Some(REQUEST_ID.to_string()),
                    retry_after: None,
                };
            }
            black_box(options)
        });
        black_box(send.now_or_never());
        black_box(context.record.lock().unwrap().clone());
    }
}

/// The `heygen.request` span (8 fields), `.instrument`, four `Span::current().record` and the
/// `debug!` event, with no subscriber installed (the common case).
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
        let traced = async {
            tracing::Span::current().record("attempt", 1);
            let span = tracing::Span::current();
            span.record("status", 200);
            span.record("request_id", REQUEST_ID);
            tracing::Span::current().record("elapsed_ms", 1u64);
            tracing::debug!(ok = true, "request finished");
        }
        .instrument(span);
        black_box(traced.now_or_never());
    }
}

/// The response headers read by `&str` name: each lookup parses the name again.
#[inline(never)]
fn piece_header_lookups(n: usize, headers: &HeaderMap) {
    for _ in 0..n {
        let retry_after = headers.get("retry-after").and_then(|v| v.to_str().ok());
        let id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        black_box((retry_after, id));
    }
}

/// The same lookups with `HeaderName` constants.
#[inline(never)]
fn piece_header_lookups_fixed(n: usize, headers: &HeaderMap) {
    for _ in 0..n {
        let retry_after = headers.get(RETRY_AFTER).and_then(|v| v.to_str().ok());
        let id = headers
            .get(X_REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        black_box((retry_after, id));
    }
}

/// The generated builder's `api-version` header map (allocated, appended, merged into the
/// request) and `ClientHooks::exec` removing it again by `&str` name.
#[inline(never)]
fn piece_api_version_header(n: usize, http: &reqwest::Client, url: &str) {
    for _ in 0..n {
        let mut header_map = HeaderMap::with_capacity(1);
        header_map.append(
            HeaderName::from_static("api-version"),
            HeaderValue::from_static("1.0.0"),
        );
        let mut request = http
            .get(url)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .headers(header_map)
            .build()
            .unwrap();
        request.headers_mut().remove("api-version");
        black_box(request);
    }
}

/// The same request built without the header (the baseline's part of the piece above).
#[inline(never)]
fn piece_api_version_header_fixed(n: usize, http: &reqwest::Client, url: &str) {
    for _ in 0..n {
        let request = http
            .get(url)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .build()
            .unwrap();
        black_box(request);
    }
}

/// The transport's retry copy: `try_clone` of every attempt's request, the spare dropped.
#[inline(never)]
fn piece_request_try_clone(n: usize, request: &reqwest::Request) {
    for _ in 0..n {
        let copy = request.try_clone().unwrap();
        black_box(&copy);
    }
}

/// `ResponseValue::from_response`: the response's headers cloned into the `ResponseValue`.
#[inline(never)]
fn piece_response_headers_clone(n: usize, headers: &HeaderMap) {
    for _ in 0..n {
        black_box(headers.clone());
    }
}

/// The generated URL: `encode_path(&video_id.to_string())` into `format!`.
#[inline(never)]
#[allow(clippy::unnecessary_to_owned)] // the generated code's `to_string`, measured as it is
fn piece_url_generated(n: usize, base: &str, id: &str) {
    for _ in 0..n {
        let url = format!(
            "{}/v3/videos/{}",
            base,
            progenitor_client::encode_path(&id.to_string())
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

/// An `Idempotency-Key` from a v4 UUID (creates with `auto_idempotency`).
#[inline(never)]
fn piece_uuid(n: usize) {
    for _ in 0..n {
        let key = uuid::Uuid::new_v4().to_string();
        black_box(HeaderValue::from_str(&key).unwrap());
    }
}

/// The transport's clock: two `Instant::now` and one `elapsed` per call.
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

/// `Exec`: the `reqwest::Client` cloned, the transport's future boxed behind a `dyn Fn`.
#[inline(never)]
fn piece_exec_box(n: usize, http: &reqwest::Client) {
    let exec: Arc<BoxedExec> = Arc::new(|client| {
        Box::pin(async move {
            let state = [0u8; 1024];
            black_box(&state);
            black_box(&client);
            state.len()
        })
    });
    for _ in 0..n {
        black_box(exec(http.clone()).now_or_never());
    }
}

/// `client.videos()`: the resource handle clones the whole `Client` (two `String`s, three
/// `Arc`s, the options) for every call written `client.videos().get(…)`.
#[inline(never)]
fn piece_resource_handle(n: usize, client: &heygen::Client) {
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
    let options = RequestOptions::default();

    piece_call_context(n, &options);
    piece_tracing(n, &request);
    piece_header_lookups(n, &response_headers);
    piece_header_lookups_fixed(n, &response_headers);
    piece_api_version_header(n, &http, &url);
    piece_api_version_header_fixed(n, &http, &url);
    piece_request_try_clone(n, &request);
    piece_response_headers_clone(n, &response_headers);
    piece_url_generated(n, base, id);
    piece_url_plain(n, base, id);
    piece_uuid(n);
    piece_clock(n);
    piece_exec_box(n, &http);

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
