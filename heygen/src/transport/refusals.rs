//! Calls refused before they are sent: a path collapsed by an empty, `.` or `..` parameter, a
//! wait for the shared rate-limit pause past the call's own timeout, and the local answer a
//! `raw()` call gets for either.

use std::time::Duration;

use reqwest::Response;
use reqwest::header::{CONTENT_TYPE, HeaderName, HeaderValue};

use crate::call::CallRecord;
use crate::error::{Error, Result};

/// Marks the answer the transport gives a `raw()` call it refused to send.
const REFUSED: HeaderName = HeaderName::from_static("heygen-sdk-refused");

/// A URL path with an empty segment or a trailing `/` came from an empty, `.` or `..` path
/// parameter (URL parsing drops `.` and climbs `..`): no operation of the API has one.
pub(super) fn check_path(api_path: &str) -> Result<()> {
    if api_path.len() > 1 && (api_path.ends_with('/') || api_path.contains("//")) {
        return Err(Error::invalid(
            "path",
            format!("`{api_path}` has an empty segment: a path parameter is empty, `.` or `..`"),
        ));
    }
    Ok(())
}

/// The error of a call that would wait `wait` for the client's shared rate-limit pause, longer
/// than its own `timeout`: rate limited, with the pause's remaining time as its `Retry-After`.
pub(super) fn paused(
    operation: &'static str,
    wait: Duration,
    timeout: Duration,
    attempts: u32,
    record: &CallRecord,
) -> Error {
    Error::RateLimited(Box::new(crate::error::ApiError {
        status: 429,
        code: None,
        message: format!(
            "not sent: the client is paused by an earlier 429 for {:.1}s more, past this call's {:.1}s timeout",
            wait.as_secs_f64(),
            timeout.as_secs_f64()
        ),
        param: None,
        doc_url: None,
        request_id: None,
        retry_after: Some(wait),
        operation,
        attempts,
        idempotency_key: record.idempotency_key.clone(),
        repeatable: record.repeatable,
    }))
}

/// The local answer to a `raw()` call the transport refused to send: a 400 in the API's error
/// shape, or for a call that would outwait the client's rate-limit pause, a 429 with its
/// `Retry-After`.
pub(super) fn refusal(error: &Error) -> Response {
    let (param, status, code) = match error {
        Error::InvalidRequest { field, .. } => (
            field.clone(),
            http::StatusCode::BAD_REQUEST,
            "invalid_parameter",
        ),
        Error::RateLimited(_) => (None, http::StatusCode::TOO_MANY_REQUESTS, "rate_limited"),
        _ => (None, http::StatusCode::BAD_REQUEST, "invalid_parameter"),
    };
    let body = serde_json::json!({"error": {
        "code": code,
        "message": format!("not sent: {error}"),
        "param": param,
        "doc_url": null,
    }});
    let mut response = http::Response::new(reqwest::Body::from(body.to_string()));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    headers.insert(REFUSED, HeaderValue::from_static("true"));
    if let Some(wait) = error.api().and_then(|e| e.retry_after) {
        // Whole seconds, rounded up: the caller waits at least the pause.
        let secs = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
        headers.insert(reqwest::header::RETRY_AFTER, HeaderValue::from(secs));
    }
    Response::from(response)
}

#[cfg(test)]
mod tests {
    use super::check_path;

    #[test]
    fn collapsed_paths_are_refused() {
        for path in ["/v3/", "/v3/videos/", "/v3/avatars//consent"] {
            assert!(check_path(path).is_err(), "{path}");
        }
        for path in ["/v3/videos", "/v3/videos/v1", "/", ""] {
            check_path(path).unwrap();
        }
    }
}
