//! A failed call as a typed [`Error`]: what the generated code reports, completed by what the
//! transport recorded of the call (operation, attempts, key, refusals, caps).

use reqwest::header::HeaderMap;
use serde::Serialize;
use serde_json::Value;

use crate::call::CallRecord;
use crate::error::{ApiError, EXCERPT_LIMIT, Error, excerpt, redact};

/// A failure in transit (the record says which call, key and attempts).
pub(super) fn transport_error(source: reqwest::Error, record: CallRecord) -> Error {
    if let Some(limit) = record.too_large {
        return Error::ResponseTooLarge {
            operation: record.operation,
            status: record.status.unwrap_or(200),
            limit,
            idempotency_key: record.idempotency_key,
        };
    }
    if source.is_timeout() {
        Error::Timeout {
            operation: record.operation,
            source: Some(source),
            idempotency_key: record.idempotency_key,
            repeatable: record.repeatable,
        }
    } else {
        Error::Connection {
            operation: record.operation,
            source,
            idempotency_key: record.idempotency_key,
            repeatable: record.repeatable,
        }
    }
}

pub(super) async fn map_error<E: Serialize + std::fmt::Debug>(
    error: heygen_sys::Error<E>,
    mut record: CallRecord,
) -> Error {
    use heygen_sys::Error as E;
    if let Some(refused) = record.refused.take() {
        return *refused;
    }
    match error {
        E::InvalidRequest(message) | E::Custom(message) => Error::from_builder_message(message),
        E::CommunicationError(source)
        | E::ResponseBodyError(source)
        | E::InvalidUpgrade(source) => transport_error(source, record),
        E::ErrorResponse(response) => {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = serde_json::to_value(response.into_inner()).unwrap_or(Value::Null);
            api_error(status, &headers, &body, String::new(), record)
        }
        E::UnexpectedResponse(response) => {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            // The transport has read the body (under its cap): this takes it from memory.
            let bytes = match heygen_sys::read_body(response).await {
                Ok(bytes) => bytes,
                Err(source) => return transport_error(source, record),
            };
            let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            api_error(
                status,
                &headers,
                &body,
                excerpt(&bytes, EXCERPT_LIMIT),
                record,
            )
        }
        E::InvalidResponsePayload(bytes, source) => {
            let status = record.status.unwrap_or(200);
            if (200..300).contains(&status) {
                Error::Decode {
                    operation: record.operation,
                    status,
                    // serde quotes the value that did not fit: a presigned URL, maybe.
                    message: redact(&source.to_string()).into_owned(),
                    body_excerpt: excerpt(&bytes, EXCERPT_LIMIT),
                    truncated: source.is_eof(),
                    idempotency_key: record.idempotency_key,
                    repeatable: record.repeatable,
                }
            } else {
                // A documented error status whose body is not the documented JSON (a proxy's page).
                let headers = HeaderMap::new();
                api_error(
                    status,
                    &headers,
                    &Value::Null,
                    excerpt(&bytes, EXCERPT_LIMIT),
                    record,
                )
            }
        }
    }
}

/// Builds the typed API error from whatever error body the API (or a proxy) sent.
pub(super) fn api_error(
    status: u16,
    headers: &HeaderMap,
    body: &Value,
    raw_excerpt: String,
    record: CallRecord,
) -> Error {
    // v3: {"error": {code, message, param, doc_url}}; v1: {code, message}; legacy: {error: {code, message}}.
    let detail = body.get("error").filter(|e| e.is_object()).unwrap_or(body);
    let text = |key: &str| {
        detail.get(key).and_then(|v| match v {
            Value::String(s) => Some(redact(s).into_owned()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        })
    };
    let header = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let reason = reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
        .unwrap_or("error");
    let message = text("message").unwrap_or_else(|| {
        if raw_excerpt.is_empty() {
            reason.to_string()
        } else {
            raw_excerpt
        }
    });
    let api = Box::new(ApiError {
        status,
        code: text("code"),
        message,
        param: text("param"),
        doc_url: text("doc_url"),
        request_id: header("x-request-id").or(record.request_id),
        retry_after: header("retry-after")
            .as_deref()
            .and_then(crate::retry::parse_retry_after)
            .or(record.retry_after),
        operation: record.operation,
        attempts: record.attempts.max(1),
        idempotency_key: record.idempotency_key,
        repeatable: record.repeatable,
    });
    if status == 429 {
        Error::RateLimited(api)
    } else {
        Error::Api(api)
    }
}
