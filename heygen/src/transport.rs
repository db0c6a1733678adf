//! Sending one request: auth, user agent, idempotency key, retries, the global rate-limit
//! pause, and a tracing span. Installed as the generated client's `Exec`, so it serves every
//! operation, the raw v1/v2 ones too.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue, USER_AGENT};
use reqwest::{Method, Request, Response};
use tokio::time::Instant;
use tracing::Instrument;

use crate::call;
use crate::retry::{Decision, RetryPolicy, parse_retry_after};

/// How requests authenticate.
#[derive(Clone)]
pub(crate) enum Auth {
    ApiKey(HeaderValue),
    Bearer(HeaderValue),
}

impl std::fmt::Debug for Auth {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Auth::ApiKey(_) => "ApiKey(<redacted>)",
            Auth::Bearer(_) => "Bearer(<redacted>)",
        })
    }
}

const IDEMPOTENCY_KEY: HeaderName = HeaderName::from_static("idempotency-key");
const API_KEY: HeaderName = HeaderName::from_static("x-api-key");
const REQUEST_ID: &str = "x-request-id";

/// Shared by every request of a client.
#[derive(Debug)]
pub(crate) struct Transport {
    pub auth: Auth,
    pub user_agent: HeaderValue,
    pub retry: RetryPolicy,
    pub auto_idempotency: bool,
    /// Until when every request waits, after a 429 with `Retry-After` (shared by all calls, so
    /// many concurrent waiters back off together).
    pub paused_until: Mutex<Option<Instant>>,
}

impl Transport {
    pub async fn execute(
        self: Arc<Self>,
        client: reqwest::Client,
        mut request: Request,
        operation: &'static str,
    ) -> reqwest::Result<Response> {
        let context = call::current();
        let options = context
            .as_ref()
            .map(|c| c.options.clone())
            .unwrap_or_default();
        let headers = request.headers_mut();
        match &self.auth {
            Auth::ApiKey(key) => headers.insert(API_KEY, key.clone()),
            Auth::Bearer(token) => headers.insert(AUTHORIZATION, token.clone()),
        };
        headers.insert(USER_AGENT, self.user_agent.clone());
        let writes = matches!(*request.method(), Method::POST | Method::PATCH);
        let key = if writes && request.url().path().starts_with("/v3/") {
            options.idempotency_key.clone().or_else(|| {
                self.auto_idempotency
                    .then(|| uuid::Uuid::new_v4().to_string())
            })
        } else {
            None
        };
        if let Some(key) = &key
            && let Ok(value) = HeaderValue::from_str(key)
        {
            request.headers_mut().insert(IDEMPOTENCY_KEY, value);
        }
        if let Some(timeout) = options.timeout {
            *request.timeout_mut() = Some(timeout);
        }
        let max_retries = options.max_retries.unwrap_or(self.retry.max_retries);
        let repeatable = RetryPolicy::repeatable(request.method(), key.is_some());
        let span = tracing::info_span!(
            "heygen.request",
            operation,
            method = %request.method(),
            path = request.url().path(),
            attempt = tracing::field::Empty,
            status = tracing::field::Empty,
            request_id = tracing::field::Empty,
            elapsed_ms = tracing::field::Empty,
        );
        async move {
            let started = Instant::now();
            let mut retry = 0;
            loop {
                self.wait_for_pause().await;
                // A body that cannot be cloned (a stream) gets exactly one attempt.
                let (attempt, spare) = match request.try_clone() {
                    Some(copy) => (copy, Some(request)),
                    None => (request, None),
                };
                tracing::Span::current().record("attempt", retry + 1);
                let result = client.execute(attempt).await;
                let decision = match &result {
                    Ok(response) => {
                        let retry_after = response
                            .headers()
                            .get("retry-after")
                            .and_then(|v| v.to_str().ok())
                            .and_then(parse_retry_after);
                        let request_id = response
                            .headers()
                            .get(REQUEST_ID)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string);
                        let span = tracing::Span::current();
                        span.record("status", response.status().as_u16());
                        if let Some(id) = &request_id {
                            span.record("request_id", id.as_str());
                        }
                        if let Some(c) = &context {
                            *c.record.lock().expect("call record") = call::CallRecord {
                                attempts: retry + 1,
                                status: Some(response.status().as_u16()),
                                request_id,
                                retry_after,
                            };
                        }
                        if response.status().as_u16() == 429 {
                            self.pause(
                                retry_after
                                    .unwrap_or_else(|| self.retry.backoff(retry))
                                    .min(self.retry.max_retry_after),
                            );
                        }
                        self.retry.after_status(
                            response.status(),
                            retry_after,
                            retry,
                            max_retries,
                            repeatable,
                        )
                    }
                    Err(error) => {
                        if let Some(c) = &context {
                            c.record.lock().expect("call record").attempts = retry + 1;
                        }
                        self.retry
                            .after_error(error, retry, max_retries, repeatable)
                    }
                };
                match (decision, spare) {
                    (Decision::RetryAfter(wait), Some(spare)) => {
                        tracing::debug!(?wait, "retrying");
                        tokio::time::sleep(wait).await;
                        request = spare;
                        retry += 1;
                    }
                    _ => {
                        tracing::Span::current()
                            .record("elapsed_ms", started.elapsed().as_millis() as u64);
                        tracing::debug!(ok = result.is_ok(), "request finished");
                        return result;
                    }
                }
            }
        }
        .instrument(span)
        .await
    }

    fn pause(&self, wait: Duration) {
        let until = Instant::now() + wait;
        let mut paused = self.paused_until.lock().expect("pause lock");
        if paused.is_none_or(|p| p < until) {
            *paused = Some(until);
        }
    }

    async fn wait_for_pause(&self) {
        let until = *self.paused_until.lock().expect("pause lock");
        if let Some(until) = until
            && until > Instant::now()
        {
            // Spread the wake-ups: every waiting call would otherwise resend at the same instant.
            let spread = (until - Instant::now()).mul_f64(rand::random_range(0.0..0.1));
            tokio::time::sleep_until(until + spread.min(Duration::from_secs(1))).await;
        }
    }
}
