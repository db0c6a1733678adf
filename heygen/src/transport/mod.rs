//! Sending one call: auth, user agent, idempotency key, **the** retry loop, the global
//! rate-limit pause, bounded reads of every response, and a tracing span. Installed as the
//! generated client's `Exec` (so it serves every operation, the raw v1/v2 ones too), and used
//! as is by the multipart upload, whose body is rebuilt for each attempt.
//!
//! Each response is read here, in the loop, under a cap (the client's maximum for a success,
//! 64 KiB for an error; `Content-Length` is not trusted): a body cut mid-way is then one more
//! transient failure the loop may retry, and the generated code decodes from memory.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures::FutureExt as _;
use reqwest::header::{AUTHORIZATION, HeaderName, HeaderValue, USER_AGENT};
use reqwest::{Method, Request, Response};
use tokio::time::Instant;
use tracing::Instrument;

use crate::call::{self, CallRecord, RequestOptions};
use crate::client::Timeouts;
use crate::error::{ERROR_BODY_LIMIT, Error, Result};
use crate::retry::{Answer, Decision, RetryPolicy, parse_retry_after};
use heygen_sys::ReadBody;

mod attempts;
mod read;
mod refusals;

pub(crate) use attempts::{Attempts, Cloned, Rebuilt};
use read::{in_progress, read_capped, refuse_body};
use refusals::{check_path, paused, refusal};

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
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Shared by every request of a client.
#[derive(Debug)]
pub(crate) struct Transport {
    pub auth: Auth,
    pub user_agent: HeaderValue,
    pub retry: RetryPolicy,
    pub auto_idempotency: bool,
    /// The base URL, without a trailing `/`.
    pub base_url: String,
    /// The base URL's path: empty, or a gateway's prefix like `/heygen`.
    pub base_path: String,
    /// The largest success body read.
    pub max_response_bytes: u64,
    /// Until when every request waits, after a 429 with `Retry-After` (shared by all calls, so
    /// many concurrent waiters back off together).
    pub paused_until: Mutex<Option<Instant>>,
    /// The timeout of each attempt, by kind of call (`None`: the HTTP client's own apply).
    pub timeouts: Option<Timeouts>,
}

/// Why a call has no response.
#[derive(Debug)]
pub(crate) enum Failure {
    /// The last attempt failed in transit.
    Http(reqwest::Error),
    /// Refused before sending, or the next attempt's request could not be built.
    Local(Error),
}

/// What the checks before the first attempt decided.
struct Checked {
    key: Option<String>,
    key_header: Option<HeaderValue>,
    repeatable: bool,
}

/// An attempt's response, its body read.
struct Received {
    response: Response,
    answer: Answer,
    /// The success body was over this limit.
    too_large: Option<u64>,
}

impl Transport {
    /// The generated client's `Exec`: one call of a generated operation. A refusal (an invalid
    /// id or key) is answered locally with a 400 in the API's error shape, marked with a
    /// `heygen-sdk-refused` header; `Client::run` turns it into [`Error::InvalidRequest`].
    /// What the transport learnt of the call goes to the [`call::recorded`] scope around it.
    ///
    /// A plain function returning the future (not an `async fn` around [`Transport::send`]):
    /// the generated `Exec` boxes it, and every nested layer would be one more copy of it.
    pub fn execute(
        self: Arc<Self>,
        client: reqwest::Client,
        request: Request,
        operation: &'static str,
        options: Arc<RequestOptions>,
    ) -> impl Future<Output = reqwest::Result<Response>> + Send + 'static {
        self.send(client, options, operation, request, Cloned(None))
            .map(|(result, mut record)| {
                let result = match result {
                    Ok(response) => Ok(response),
                    Err(Failure::Http(error)) => Err(error),
                    Err(Failure::Local(error)) => {
                        let response = refusal(&error);
                        record.refused = Some(Box::new(error));
                        Ok(response)
                    }
                };
                call::deliver(record);
                result
            })
    }

    /// Sends `request` and retries it (taking each attempt's request from `attempts`) as the
    /// policy says; the response returned has its body read. Gives back what it learnt of the
    /// call with the outcome.
    pub fn send<A: Attempts>(
        self: Arc<Self>,
        http: reqwest::Client,
        options: Arc<RequestOptions>,
        operation: &'static str,
        request: Request,
        mut attempts: A,
    ) -> impl Future<Output = (std::result::Result<Response, Failure>, CallRecord)> + Send {
        call::note_operation(operation);
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
        // Recorded into directly: no `Span::current()` lookup per attempt.
        let current = span.clone();
        // Boxed, as the spare for a retry is: the request is kept through the whole call, and
        // the call's future (allocated per call) stays small enough for the allocator's fast path.
        let mut request = Box::new(request);
        async move {
            let span = &current;
            let mut record = CallRecord {
                operation,
                ..CallRecord::default()
            };
            let (key_header, max_retries) = match self.check(&options, &request) {
                Ok(Checked {
                    key,
                    key_header,
                    repeatable,
                }) => {
                    record.idempotency_key = key;
                    record.repeatable = repeatable;
                    (
                        key_header,
                        options.max_retries.unwrap_or(self.retry.max_retries),
                    )
                }
                Err(error) => return (Err(Failure::Local(error)), record),
            };
            // Read for the span only: with no subscriber listening, neither clock nor lookup.
            let traced = !span.is_disabled();
            let started = traced.then(Instant::now);
            let mut retry = 0;
            loop {
                self.decorate(&mut request, key_header.as_ref(), options.timeout);
                if retry < max_retries {
                    attempts.keep(&request);
                }
                // The waits below are rare: boxed, so they do not enlarge every call's future.
                if let Some(at) = self.pause_end() {
                    // A pause another call's 429 set never outlasts this call's own timeout: the
                    // call fails now, saying how long the pause lasts, instead of waiting it out.
                    let wait = at.saturating_duration_since(Instant::now());
                    if let Some(&limit) = request.timeout()
                        && wait > limit
                    {
                        let error = paused(operation, wait, limit, retry, &record);
                        return (Err(Failure::Local(error)), record);
                    }
                    Box::pin(tokio::time::sleep_until(at)).await;
                }
                span.record("attempt", retry + 1);
                let outcome = self.attempt(&http, *request).await;
                record.attempts = retry + 1;
                let decision = match &outcome {
                    Ok(received) => {
                        let status = received.response.status();
                        let request_id = (traced || !status.is_success())
                            .then(|| received.response.headers().get(REQUEST_ID))
                            .flatten()
                            .and_then(|v| v.to_str().ok());
                        span.record("status", status.as_u16());
                        if let Some(id) = request_id {
                            span.record("request_id", id);
                        }
                        record.status = Some(status.as_u16());
                        record.retry_after = received.answer.retry_after;
                        record.too_large = received.too_large;
                        record.request_id = request_id
                            .filter(|_| !status.is_success())
                            .map(str::to_string);
                        if status.as_u16() == 429 {
                            self.pause(
                                received
                                    .answer
                                    .retry_after
                                    .unwrap_or_else(|| self.retry.backoff(retry))
                                    .min(self.retry.max_retry_after),
                            );
                        }
                        self.retry.after_status(
                            received.answer,
                            retry,
                            max_retries,
                            record.repeatable,
                        )
                    }
                    Err(error) => {
                        record.status = None;
                        record.request_id = None;
                        record.too_large = None;
                        self.retry
                            .after_error(error, retry, max_retries, record.repeatable)
                    }
                };
                if let Decision::RetryAfter(wait) = decision {
                    match Box::pin(attempts.again()).await {
                        Ok(Some(next)) => {
                            tracing::debug!(?wait, "retrying");
                            Box::pin(tokio::time::sleep(wait)).await;
                            request = next;
                            retry += 1;
                            continue;
                        }
                        Ok(None) => {}
                        Err(error) => return (Err(Failure::Local(error)), record),
                    }
                }
                if let Some(started) = started {
                    span.record("elapsed_ms", started.elapsed().as_millis() as u64);
                }
                tracing::debug!(ok = outcome.is_ok(), "request finished");
                let outcome = outcome
                    .map(|received| received.response)
                    .map_err(Failure::Http);
                return (outcome, record);
            }
        }
        .instrument(span)
    }

    /// The checks made before the first attempt, and the idempotency key it sends.
    fn check(&self, options: &RequestOptions, request: &Request) -> Result<Checked> {
        options.validate()?;
        let api_path = self.api_path(request.url());
        check_path(api_path)?;
        let writes = matches!(*request.method(), Method::POST | Method::PATCH);
        // HeyGen honours keys on v3 writes; elsewhere one would be ignored, and retrying as if
        // it were honoured could duplicate.
        let key = if writes && api_path.starts_with("/v3/") {
            options.idempotency_key.clone().or_else(|| {
                self.auto_idempotency
                    .then(|| uuid::Uuid::new_v4().to_string())
            })
        } else {
            None
        };
        let key_header = match key.as_deref().map(HeaderValue::from_str) {
            Some(Ok(value)) => Some(value),
            Some(Err(_)) => {
                return Err(Error::invalid(
                    "Idempotency-Key",
                    "not a valid header value",
                ));
            }
            None => None,
        };
        let repeatable = RetryPolicy::repeatable(request.method(), key.is_some());
        Ok(Checked {
            key,
            key_header,
            repeatable,
        })
    }

    /// The path of `url` below the base URL: `/v3/videos` for `https://gw.example/heygen/v3/videos`.
    fn api_path<'u>(&self, url: &'u reqwest::Url) -> &'u str {
        let path = url.path();
        path.strip_prefix(self.base_path.as_str()).unwrap_or(path)
    }

    fn decorate(
        &self,
        request: &mut Request,
        key: Option<&HeaderValue>,
        timeout: Option<Duration>,
    ) {
        let headers = request.headers_mut();
        match &self.auth {
            Auth::ApiKey(key) => headers.insert(API_KEY, key.clone()),
            Auth::Bearer(token) => headers.insert(AUTHORIZATION, token.clone()),
        };
        headers.insert(USER_AGENT, self.user_agent.clone());
        if let Some(key) = key {
            headers.insert(IDEMPOTENCY_KEY, key.clone());
        }
        // The call's own timeout, else the one the request was built with (an upload's, sized
        // by its file), else its kind's.
        let timeout = timeout
            .or_else(|| request.timeout().copied())
            .or_else(|| Some(self.timeouts?.for_method(request.method())));
        if let Some(timeout) = timeout {
            *request.timeout_mut() = Some(timeout);
        }
    }

    /// Reads the body under its cap and gives back the response, the bytes read carried in
    /// its extensions as [`ReadBody`] (the generated decoders take them from there; rebuilding
    /// a response around them would cost more than the call's own decoding of a small body).
    ///
    /// Not an `async fn`, whose future would hold the response twice (as its argument and as
    /// the local it reads from).
    #[allow(clippy::manual_async_fn)]
    fn read(&self, mut response: Response) -> impl Future<Output = reqwest::Result<Received>> {
        async move {
            let status = response.status();
            let limit = if status.is_success() {
                self.max_response_bytes
            } else {
                ERROR_BODY_LIMIT
            };
            let room = usize::try_from(limit).unwrap_or(usize::MAX);
            let (body, over) = read_capped(&mut response, room).await?;
            // Only a failure is retried or reported with its wait: a success skips the parse.
            let retry_after = if status.is_success() {
                None
            } else {
                response
                    .headers()
                    .get(reqwest::header::RETRY_AFTER)
                    .and_then(|v| v.to_str().ok())
                    .and_then(parse_retry_after)
            };
            let answer = Answer {
                status,
                retry_after,
                in_progress: status.as_u16() == 409 && in_progress(&body),
            };
            // An error body past 64 KiB is cut (its excerpt says so); a success body past the
            // client's maximum is refused, never decoded from a part.
            let too_large = (over && status.is_success()).then_some(limit);
            let response = match too_large {
                Some(limit) => refuse_body(response, limit),
                None => {
                    response.extensions_mut().insert(ReadBody(body));
                    response
                }
            };
            Ok(Received {
                response,
                answer,
                too_large,
            })
        }
    }

    /// One attempt: `request` sent (handed to reqwest now, not kept), its body read.
    fn attempt(
        &self,
        http: &reqwest::Client,
        request: Request,
    ) -> impl Future<Output = reqwest::Result<Received>> {
        let sent = http.execute(request);
        async move {
            let reading = self.read(sent.await?);
            reading.await
        }
    }

    fn pause(&self, wait: Duration) {
        let now = Instant::now();
        let Some(until) = now.checked_add(wait) else {
            return;
        };
        let mut paused = self
            .paused_until
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if paused.is_none_or(|p| p < until) {
            *paused = Some(until);
        }
    }

    /// Until when the next attempt must wait, if a 429 paused the client.
    fn pause_end(&self) -> Option<Instant> {
        let until = *self
            .paused_until
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let now = Instant::now();
        let until = until.filter(|until| *until > now)?;
        // Spread the wake-ups: every waiting call would otherwise resend at the same instant.
        let spread = (until - now).mul_f64(rand::random_range(0.0..0.1));
        Some(
            until
                .checked_add(spread.min(Duration::from_secs(1)))
                .unwrap_or(until),
        )
    }
}
