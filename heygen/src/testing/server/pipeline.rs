//! What every request goes through around its handler: the journal, the injected fault (which
//! may answer instead of the handler, or mangle its answer), latency, authentication and
//! `Idempotency-Key`.

use std::collections::BTreeMap;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::idempotency::idempotent;
use super::listener::CloseConnection;
use crate::testing::faults::{Fault, RecordedRequest};
use crate::testing::reply::{ApiErr, MAX_BODY};
use crate::testing::routes::direct_uploads;
use crate::testing::shared::Sim;
use crate::testing::validate;

/// Every request: journal, fault, latency, auth, idempotency, handler, then the fault's
/// mangling of the response.
pub(super) async fn pipeline(
    AxumState(sim): AxumState<Sim>,
    request: Request,
    next: Next,
) -> Response {
    let number = sim.next_request_number();
    let request_id = format!("sim_req_{number:06}");
    let (parts, body) = request.into_parts();
    let method = parts.method.as_str().to_string();
    let path = parts.uri.path().to_string();
    // A presigned upload streams to its handler: it may be far larger than any API request.
    let streamed = direct_uploads::streams_body(&method, &path);
    let (bytes, mut body) = if streamed {
        (Bytes::new(), Some(body))
    } else {
        match axum::body::to_bytes(body, MAX_BODY).await {
            Ok(bytes) => (bytes, None),
            Err(_) => {
                let response =
                    ApiErr::invalid(None, "The request body is too large.").into_response();
                return finish(&sim, response, &request_id, None).await;
            }
        }
    };
    let (fault, latency) = {
        let mut faults = sim.faults();
        (faults.take(&method, &path), faults.latency)
    };
    let mut entry = record(&parts, &bytes, &request_id);
    entry.fault = fault.clone();
    sim.journal().push(entry);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let slow = match fault {
        Some(Fault::Slow(delay)) => delay,
        _ => Duration::ZERO,
    };
    let answered_unread = matches!(
        fault,
        Some(Fault::Status(_) | Fault::RateLimited { .. } | Fault::RateLimitedWithoutRetryAfter)
    );
    if answered_unread && let Some(unread) = body.take() {
        // Read first, so the client gets the answer rather than a reset.
        direct_uploads::drain(unread).await;
    }
    let response = match &fault {
        Some(Fault::Status(status)) => ApiErr::for_status(*status).into_response(),
        Some(Fault::RateLimited { retry_after_secs }) => {
            ApiErr::rate_limited(*retry_after_secs).into_response()
        }
        Some(Fault::RateLimitedWithoutRetryAfter) => {
            ApiErr::new(429, "rate_limit_exceeded", "Too many requests: slow down.").into_response()
        }
        Some(Fault::Reset) => Response::default(),
        // Stand-in files, consent pages and presigned uploads are public, like HeyGen's
        // signed links.
        _ if !path.starts_with("/files/")
            && !path.starts_with("/consent/")
            && !streamed
            && !authenticated(&sim.api_key, &parts.headers) =>
        {
            ApiErr::unauthenticated().into_response()
        }
        // What the document forbids is refused before any route runs (testing/validate).
        _ => match validate::request(&method, &path, parts.uri.query(), bytes) {
            Err(refusal) => {
                ApiErr::invalid(refusal.param.as_deref(), refusal.message).into_response()
            }
            Ok(bytes) => {
                let body = body.take().unwrap_or_else(|| Body::from(bytes));
                let request = Request::from_parts(parts, body);
                idempotent(&sim.idempotency, request, next, slow).await
            }
        },
    };
    finish(&sim, response, &request_id, fault).await
}

/// Applies the fault to the response, stamps the request id, and journals the status.
async fn finish(
    sim: &Sim,
    mut response: Response,
    request_id: &str,
    fault: Option<Fault>,
) -> Response {
    if let Ok(value) = HeaderValue::from_str(request_id) {
        response.headers_mut().insert("x-request-id", value);
    }
    let closes = matches!(fault, Some(Fault::DropConnection | Fault::Reset));
    let status = (!closes).then_some(response.status().as_u16());
    let response = match fault {
        Some(Fault::DropConnection | Fault::Reset) => {
            response.extensions_mut().insert(CloseConnection);
            response
        }
        Some(Fault::Truncate) => {
            let (mut parts, bytes) = read_out(response).await;
            let cut = bytes.slice(..bytes.len() / 2);
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(cut.len()));
            Response::from_parts(parts, Body::from(cut))
        }
        Some(Fault::DropMidBody) => {
            let (mut parts, bytes) = read_out(response).await;
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            let half = bytes.slice(..bytes.len() / 2);
            // The pause lets hyper flush the headers and the first half before the error
            // makes it abort the connection.
            let cut = futures::stream::once(async {
                tokio::time::sleep(Duration::from_millis(10)).await;
                Err::<Bytes, _>(std::io::Error::new(
                    std::io::ErrorKind::ConnectionAborted,
                    "simulated mid-body drop",
                ))
            });
            let body = futures::StreamExt::chain(futures::stream::iter([Ok(half)]), cut);
            Response::from_parts(parts, Body::from_stream(body))
        }
        _ => response,
    };
    if let Some(entry) = sim
        .journal()
        .iter_mut()
        .rev()
        .find(|e| e.request_id == request_id)
    {
        entry.status = status;
    }
    response
}

/// A handler's response, its body read whole (to be cut by a fault).
async fn read_out(response: Response) -> (axum::http::response::Parts, Bytes) {
    let (parts, body) = response.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    (parts, bytes)
}

/// `x-api-key: <key>` or `Authorization: Bearer <key>`.
fn authenticated(key: &str, headers: &HeaderMap) -> bool {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    header("x-api-key").is_some_and(|given| given == key)
        || header("authorization")
            .and_then(|v| v.strip_prefix("Bearer "))
            .is_some_and(|given| given.trim() == key)
}

/// The journal entry of a request.
fn record(parts: &axum::http::request::Parts, body: &Bytes, request_id: &str) -> RecordedRequest {
    let mut headers: BTreeMap<String, String> = BTreeMap::new();
    for (name, value) in &parts.headers {
        let value = match name.as_str() {
            "x-api-key" => "<redacted>".to_string(),
            "authorization" => match value.to_str().ok().and_then(|v| v.split_once(' ')) {
                Some((scheme, _)) => format!("{scheme} <redacted>"),
                None => "<redacted>".to_string(),
            },
            _ => String::from_utf8_lossy(value.as_bytes()).into_owned(),
        };
        headers
            .entry(name.as_str().to_string())
            .and_modify(|v| *v = format!("{v}, {value}"))
            .or_insert(value);
    }
    RecordedRequest {
        method: parts.method.as_str().to_string(),
        path: parts.uri.path().to_string(),
        query: parts.uri.query().map(str::to_string),
        headers,
        body: serde_json::from_slice(body).ok(),
        status: None,
        request_id: request_id.to_string(),
        fault: None,
    }
}
