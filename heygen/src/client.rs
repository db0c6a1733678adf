//! The client: configuration, auth, and running generated operations with typed errors.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_sys::ResponseValue;
use reqwest::header::HeaderValue;
use serde::Serialize;
use serde_json::Value;

use crate::call::{self, CallContext, RequestOptions};
use crate::error::{ApiError, Error, Result, excerpt};
use crate::http_client::default_http_client;
use crate::retry::RetryPolicy;
use crate::transport::{Auth, Transport};

/// HeyGen's API.
pub const DEFAULT_BASE_URL: &str = "https://api.heygen.com";
/// Default overall timeout of one attempt: generous, since `POST /v3/videos` can take ~30 s.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(120);
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A HeyGen API client. Cheap to clone; clones share the connection pool.
///
/// ```no_run
/// # async fn run() -> heygen::Result<()> {
/// let client = heygen::Client::from_env()?; // HEYGEN_API_KEY
/// let me = client.users().me().await?;
/// println!("{me:?}");
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    raw: heygen_sys::Client,
    transport: Arc<Transport>,
    base_url: String,
    options: RequestOptions,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("auth", &self.transport.auth)
            .field("retry", &self.transport.retry)
            .field("options", &self.options)
            .finish()
    }
}

impl Client {
    /// A client configured from `HEYGEN_API_KEY` (required) and `HEYGEN_BASE_URL` (optional).
    pub fn from_env() -> Result<Self> {
        let mut builder = Self::builder();
        if let Ok(key) = std::env::var("HEYGEN_API_KEY") {
            builder = builder.api_key(key);
        }
        if let Ok(url) = std::env::var("HEYGEN_BASE_URL") {
            builder = builder.base_url(url);
        }
        builder.build()
    }

    /// A builder for every setting.
    ///
    /// ```
    /// use std::time::Duration;
    /// let client = heygen::Client::builder()
    ///     .api_key("hg_test_key")
    ///     .timeout(Duration::from_secs(60))
    ///     .max_retries(3)
    ///     .build()?;
    /// assert!(!format!("{client:?}").contains("hg_test_key"));
    /// # Ok::<(), heygen::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The generated client, sharing this client's configuration, auth and retries: every
    /// operation of the document, v1/v2 included.
    pub fn raw(&self) -> &heygen_sys::Client {
        &self.raw
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// A client whose calls use `options` (retries, idempotency key, timeout).
    pub fn with_options(&self, options: RequestOptions) -> Self {
        Self {
            options,
            ..self.clone()
        }
    }

    /// Runs one generated operation with this client's per-call options, mapping every failure
    /// to [`Error`].
    pub async fn run<T, E, F>(&self, operation: &'static str, send: F) -> Result<ResponseValue<T>>
    where
        F: Future<Output = std::result::Result<ResponseValue<T>, heygen_sys::Error<E>>>,
        E: Serialize + std::fmt::Debug,
    {
        self.options.validate()?;
        let context = Arc::new(CallContext {
            options: self.options.clone(),
            record: Mutex::default(),
        });
        let result = call::CALL.scope(context.clone(), send).await;
        let record = context.record.lock().expect("call record").clone();
        match result {
            Ok(value) => Ok(value),
            Err(error) => Err(map_error(operation, error, &record).await),
        }
    }

    /// Runs an operation whose body is a `{"data": …}` envelope and returns the payload.
    pub(crate) async fn data<Env, T, E, F>(
        &self,
        operation: &'static str,
        send: F,
        data: impl FnOnce(Env) -> Option<T>,
    ) -> Result<T>
    where
        F: Future<Output = std::result::Result<ResponseValue<Env>, heygen_sys::Error<E>>>,
        E: Serialize + std::fmt::Debug,
    {
        let response = self.run(operation, send).await?;
        let status = response.status().as_u16();
        data(response.into_inner()).ok_or_else(|| Error::Decode {
            operation,
            status,
            message: "the response has no `data`".into(),
            body_excerpt: String::new(),
        })
    }
}

impl Client {
    /// The HTTP client of the generated client (for hand-built requests: the multipart upload).
    pub(crate) fn http(&self) -> &reqwest::Client {
        heygen_sys::ClientInfo::client(&self.raw)
    }

    /// Sends a hand-built request through the transport (auth, 429 pause, this handle's
    /// options); an error status becomes the typed API error. `build` is called again for each
    /// retry, since a streamed body cannot be cloned: 429 is retried always, 408/409/5xx and
    /// connection errors only with an `Idempotency-Key`, as for generated operations.
    pub(crate) async fn send_built<F, Fut>(
        &self,
        operation: &'static str,
        mut build: F,
    ) -> Result<reqwest::Response>
    where
        F: FnMut() -> Fut,
        Fut: Future<Output = Result<reqwest::Request>>,
    {
        self.options.validate()?;
        let mut options = self.options.clone().max_retries(0);
        if options.idempotency_key.is_none() && self.transport.auto_idempotency {
            options.idempotency_key = Some(uuid::Uuid::new_v4().to_string()); // one key for every attempt
        }
        let max_retries = self
            .options
            .max_retries
            .unwrap_or(self.transport.retry.max_retries);
        let repeatable = options.idempotency_key.is_some();
        let mut retry = 0;
        loop {
            let request = build().await?;
            let context = Arc::new(CallContext {
                options: options.clone(),
                record: Mutex::default(),
            });
            let sent = self
                .transport
                .clone()
                .execute(self.http().clone(), request, operation);
            let result = call::CALL.scope(context.clone(), sent).await;
            let record = context.record.lock().expect("call record").clone();
            let decision = match &result {
                Ok(response) => self.transport.retry.after_status(
                    response.status(),
                    record.retry_after,
                    retry,
                    max_retries,
                    repeatable,
                ),
                Err(error) => {
                    self.transport
                        .retry
                        .after_error(error, retry, max_retries, repeatable)
                }
            };
            if let crate::retry::Decision::RetryAfter(wait) = decision {
                tokio::time::sleep(wait).await;
                retry += 1;
                continue;
            }
            let record = call::CallRecord {
                attempts: retry + 1,
                ..record
            };
            return match result {
                Ok(response) if response.status().is_success() => Ok(response),
                Ok(response) => {
                    let (status, headers) =
                        (response.status().as_u16(), response.headers().clone());
                    let bytes = response.bytes().await.unwrap_or_default();
                    let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
                    Err(api_error(
                        operation,
                        status,
                        &headers,
                        &body,
                        excerpt(&bytes, 512),
                        &record,
                    ))
                }
                Err(source) if source.is_timeout() => Err(Error::Timeout {
                    operation,
                    source: Some(source),
                }),
                Err(source) => Err(Error::Connection { operation, source }),
            };
        }
    }
}

async fn map_error<E: Serialize + std::fmt::Debug>(
    operation: &'static str,
    error: heygen_sys::Error<E>,
    record: &call::CallRecord,
) -> Error {
    use heygen_sys::Error as E;
    match error {
        E::InvalidRequest(message) => Error::InvalidRequest {
            field: None,
            message,
        },
        E::Custom(message) => Error::InvalidRequest {
            field: None,
            message,
        },
        E::CommunicationError(source)
        | E::ResponseBodyError(source)
        | E::InvalidUpgrade(source) => {
            if source.is_timeout() {
                Error::Timeout {
                    operation,
                    source: Some(source),
                }
            } else {
                Error::Connection { operation, source }
            }
        }
        E::ErrorResponse(response) => {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let body = serde_json::to_value(response.into_inner()).unwrap_or(Value::Null);
            api_error(operation, status, &headers, &body, String::new(), record)
        }
        E::UnexpectedResponse(response) => {
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let bytes = response.bytes().await.unwrap_or_default();
            let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            api_error(
                operation,
                status,
                &headers,
                &body,
                excerpt(&bytes, 512),
                record,
            )
        }
        E::InvalidResponsePayload(bytes, source) => {
            let status = record.status.unwrap_or(200);
            if (200..300).contains(&status) {
                Error::Decode {
                    operation,
                    status,
                    message: source.to_string(),
                    body_excerpt: excerpt(&bytes, 512),
                }
            } else {
                // A documented error status whose body is not the documented JSON (a proxy's page).
                let headers = reqwest::header::HeaderMap::new();
                api_error(
                    operation,
                    status,
                    &headers,
                    &Value::Null,
                    excerpt(&bytes, 512),
                    record,
                )
            }
        }
    }
}

/// Builds the typed API error from whatever error body the API (or a proxy) sent.
fn api_error(
    operation: &'static str,
    status: u16,
    headers: &reqwest::header::HeaderMap,
    body: &Value,
    raw_excerpt: String,
    record: &call::CallRecord,
) -> Error {
    // v3: {"error": {code, message, param, doc_url}}; v1: {code, message}; legacy: {error: {code, message}}.
    let detail = body.get("error").filter(|e| e.is_object()).unwrap_or(body);
    let text = |key: &str| {
        detail.get(key).and_then(|v| match v {
            Value::String(s) => Some(s.clone()),
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
        request_id: header("x-request-id").or_else(|| record.request_id.clone()),
        retry_after: header("retry-after")
            .as_deref()
            .and_then(crate::retry::parse_retry_after)
            .or(record.retry_after),
        operation,
        attempts: record.attempts.max(1),
    });
    if status == 429 {
        Error::RateLimited(api)
    } else {
        Error::Api(api)
    }
}

/// Settings of a [`Client`]; see [`Client::builder`].
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<String>,
    bearer_token: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: RetryPolicy,
    user_agent: Option<String>,
    http_client: Option<reqwest::Client>,
    auto_idempotency: bool,
}

impl std::fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("api_key", &self.api_key.as_ref().map(|_| "<redacted>"))
            .field(
                "bearer_token",
                &self.bearer_token.as_ref().map(|_| "<redacted>"),
            )
            .field("base_url", &self.base_url)
            .field("timeout", &self.timeout)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

impl ClientBuilder {
    /// Authenticate with an API key (header `x-api-key`).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(key.into());
        self
    }

    /// Authenticate with an OAuth access token (header `Authorization: Bearer …`).
    pub fn bearer_token(mut self, token: impl Into<String>) -> Self {
        self.bearer_token = Some(token.into());
        self
    }

    /// Send requests elsewhere than `https://api.heygen.com` (a proxy, a simulator).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Overall timeout of one attempt (default 120 s).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Connect timeout (default 10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }

    /// Retries after the first attempt (default 2); `0` disables retries.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.retry.max_retries = retries;
        self
    }

    /// The whole retry policy.
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Replace the `User-Agent` (default `heygen-rs/<version>`).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// Use this `reqwest::Client` (its timeouts and TLS settings apply; the builder's do not).
    /// Build it from [`http_client_builder`](crate::http_client_builder).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Give every v3 POST/PATCH a fresh UUID `Idempotency-Key` when the call sets none, so that
    /// creates are retried safely on 5xx and connection errors.
    pub fn auto_idempotency(mut self, enabled: bool) -> Self {
        self.auto_idempotency = enabled;
        self
    }

    /// Builds the client; fails without a non-empty API key or bearer token.
    pub fn build(self) -> Result<Client> {
        let auth = match (self.api_key, self.bearer_token) {
            (Some(_), Some(_)) => {
                return Err(Error::Config(
                    "set an API key or a bearer token, not both".into(),
                ));
            }
            (Some(key), None) => Auth::ApiKey(secret(&key, "API key")?),
            (None, Some(token)) => {
                Auth::Bearer(secret(&format!("Bearer {token}"), "bearer token")?)
            }
            (None, None) => {
                return Err(Error::Config(
                    "no API key: set HEYGEN_API_KEY or call ClientBuilder::api_key".into(),
                ));
            }
        };
        let base_url = self
            .base_url
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string())
            .trim_end_matches('/')
            .to_string();
        reqwest::Url::parse(&base_url)
            .map_err(|e| Error::Config(format!("base URL `{base_url}`: {e}")))?;
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| format!("heygen-rs/{}", env!("CARGO_PKG_VERSION")));
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| Error::Config("user agent is not a valid header value".into()))?;
        let http = match self.http_client {
            Some(client) => client,
            None => default_http_client(
                self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
            )?,
        };
        let transport = Arc::new(Transport {
            auth,
            user_agent,
            retry: self.retry,
            auto_idempotency: self.auto_idempotency,
            paused_until: Mutex::default(),
        });
        let exec_transport = transport.clone();
        let exec = heygen_sys::Exec::new(move |client, request, operation| {
            exec_transport.clone().execute(client, request, operation)
        });
        let raw = heygen_sys::Client::new_with_client(&base_url, http, exec);
        Ok(Client {
            raw,
            transport,
            base_url,
            options: RequestOptions::default(),
        })
    }
}

fn secret(value: &str, what: &str) -> Result<HeaderValue> {
    if value.trim().is_empty() || value.trim() == "Bearer" {
        return Err(Error::Config(format!("the {what} is empty")));
    }
    let mut header = HeaderValue::from_str(value)
        .map_err(|_| Error::Config(format!("the {what} is not a valid header value")))?;
    header.set_sensitive(true);
    Ok(header)
}
