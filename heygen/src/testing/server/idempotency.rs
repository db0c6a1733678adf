//! The simulator's `Idempotency-Key` handling, as HeyGen documents it: the first successful
//! response to a key is replayed for 24 h (then the key is forgotten, and makes a new job), a
//! repeat while the first runs gets 409
//! `request_in_progress`, and a key reused with another request is refused.

use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::testing::reply::{ApiErr, MAX_BODY};

/// The `Idempotency-Key`s seen, and what each remembers; the simulator's only record of them.
#[derive(Debug, Default)]
pub(crate) struct IdempotencyKeys(Mutex<HashMap<String, Remembered>>);

impl IdempotencyKeys {
    fn lock(&self) -> MutexGuard<'_, HashMap<String, Remembered>> {
        self.0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// What a key remembers.
#[derive(Debug, Clone)]
enum Remembered {
    /// The first request with the key is still being handled.
    InFlight,
    /// The first request's response.
    Done {
        fingerprint: Fingerprint,
        status: u16,
        content_type: Option<String>,
        body: Bytes,
        /// When it was answered: replayed for [`REPLAY_WINDOW`] from then, then forgotten.
        at: tokio::time::Instant,
    },
}

/// How long HeyGen replays a key's first answer: 24 h.
const REPLAY_WINDOW: Duration = Duration::from_secs(24 * 3600);

/// What makes two requests "the same" for idempotency.
#[derive(Debug, Clone, PartialEq)]
struct Fingerprint {
    method: String,
    path: String,
    body: Result<serde_json::Value, Bytes>,
}

/// `Idempotency-Key` on a v3 POST/PATCH: the first successful response is replayed (same
/// status and body, plus `idempotent-replayed: true`) for every later request with the key;
/// while the first is handled (`slow` first: a [`Fault::Slow`](crate::testing::Fault::Slow)), others get 409
/// `request_in_progress`.
pub(crate) async fn idempotent(
    keys: &IdempotencyKeys,
    request: Request,
    next: Next,
    slow: Duration,
) -> Response {
    // Background removals ignore the header: their body's `request_id` deduplicates instead.
    let writes = matches!(*request.method(), Method::POST | Method::PATCH)
        && request.uri().path().starts_with("/v3/")
        && request.uri().path() != "/v3/background-removals";
    let key = request
        .headers()
        .get("idempotency-key")
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    let (Some(key), true) = (key, writes) else {
        if !slow.is_zero() {
            tokio::time::sleep(slow).await;
        }
        return next.run(request).await;
    };
    let key_ok = !key.is_empty()
        && key.len() <= 255
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"_:.-".contains(&b));
    if !key_ok {
        return ApiErr::invalid(
            Some("Idempotency-Key"),
            "'Idempotency-Key' must be 1-255 characters of [A-Za-z0-9_:.-].",
        )
        .into_response();
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, MAX_BODY)
        .await
        .unwrap_or_default();
    let fingerprint = Fingerprint {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        body: serde_json::from_slice(&bytes).map_err(|_| without_boundary(&parts.headers, &bytes)),
    };
    {
        let mut remembered = keys.lock();
        if let Some(Remembered::Done { at, .. }) = remembered.get(&key)
            && at.elapsed() >= REPLAY_WINDOW
        {
            remembered.remove(&key);
        }
        match remembered.get(&key) {
            Some(Remembered::InFlight) => {
                return ApiErr::new(
                    409,
                    "request_in_progress",
                    "A request with this Idempotency-Key is still in progress.",
                )
                .into_response();
            }
            Some(Remembered::Done {
                fingerprint: first, ..
            }) if *first != fingerprint => {
                return ApiErr::invalid(
                    Some("Idempotency-Key"),
                    "This Idempotency-Key was already used with a different request.",
                )
                .into_response();
            }
            Some(Remembered::Done {
                status,
                content_type,
                body,
                ..
            }) => {
                let mut response = (
                    axum::http::StatusCode::from_u16(*status).unwrap_or_default(),
                    body.clone(),
                )
                    .into_response();
                if let Some(value) = content_type
                    .as_deref()
                    .and_then(|v| HeaderValue::from_str(v).ok())
                {
                    response.headers_mut().insert(header::CONTENT_TYPE, value);
                }
                response
                    .headers_mut()
                    .insert("idempotent-replayed", HeaderValue::from_static("true"));
                return response;
            }
            None => {
                remembered.insert(key.clone(), Remembered::InFlight);
            }
        }
    }
    let mut in_flight = InFlight {
        keys,
        key: Some(key),
    };
    if !slow.is_zero() {
        tokio::time::sleep(slow).await;
    }
    let response = next
        .run(Request::from_parts(parts, Body::from(bytes)))
        .await;
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let key = in_flight.key.take().unwrap_or_default();
    let mut remembered = keys.lock();
    if parts.status.is_success() {
        let content_type = parts
            .headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        remembered.insert(
            key,
            Remembered::Done {
                fingerprint,
                status: parts.status.as_u16(),
                content_type,
                body: bytes.clone(),
                at: tokio::time::Instant::now(),
            },
        );
    } else {
        // Only successes are remembered: a corrected request may reuse the key.
        remembered.remove(&key);
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// A multipart body with its boundary taken out: each attempt of an upload draws a new
/// boundary, and the same parts are the same request.
fn without_boundary(headers: &HeaderMap, body: &Bytes) -> Bytes {
    let boundary = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.starts_with("multipart/"))
        .and_then(|v| {
            v.split(';')
                .find_map(|p| p.trim().strip_prefix("boundary="))
        })
        .map(|b| b.trim_matches('"').as_bytes().to_vec());
    let Some(boundary) = boundary.filter(|b| !b.is_empty()) else {
        return body.clone();
    };
    let mut out = Vec::with_capacity(body.len());
    let mut rest = &body[..];
    while let Some(at) = rest
        .windows(boundary.len())
        .position(|window| window == boundary.as_slice())
    {
        out.extend_from_slice(&rest[..at]);
        rest = &rest[at + boundary.len()..];
    }
    out.extend_from_slice(rest);
    Bytes::from(out)
}

/// The `InFlight` mark of a key whose first request is being handled. Dropped without
/// [`InFlight::key`] taken (the client went away and hyper cancelled the handler), it forgets
/// the mark: the request did nothing, and the key must stay usable.
struct InFlight<'a> {
    keys: &'a IdempotencyKeys,
    key: Option<String>,
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        if let Some(key) = self.key.take() {
            let mut remembered = self.keys.lock();
            if matches!(remembered.get(&key), Some(Remembered::InFlight)) {
                remembered.remove(&key);
            }
        }
    }
}
