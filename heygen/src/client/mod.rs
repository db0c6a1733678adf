//! The client: configuration, auth, and running generated operations with typed errors.

use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use heygen_sys::ResponseValue;
use reqwest::header::HeaderValue;
use serde::Serialize;
use serde_json::Value;

use crate::call::{self, CallRecord, RequestOptions};
use crate::error::{EXCERPT_LIMIT, Error, Result, excerpt};
use crate::http_client::{check_tls, default_http_client};
use crate::retry::RetryPolicy;
use crate::transport::{Auth, Failure, Rebuilt, Transport};

mod accessors;
mod failure;
mod origin;
mod timeouts;

use failure::{api_error, map_error, transport_error};
use origin::check_base_url;
pub use origin::redirect_policy;
pub(crate) use timeouts::Timeouts;
pub use timeouts::{DEFAULT_READ_TIMEOUT, DEFAULT_WRITE_TIMEOUT, UPLOAD_TIME_PER_MIB};

/// HeyGen's API.
pub const DEFAULT_BASE_URL: &str = "https://api.heygen.com";
/// Default timeout of one attempt of a write, and the HTTP client's own (a backstop for the
/// requests that set none): [`DEFAULT_WRITE_TIMEOUT`]. Reads default to
/// [`DEFAULT_READ_TIMEOUT`]; see [`ClientBuilder::read_timeout`].
pub const DEFAULT_TIMEOUT: Duration = DEFAULT_WRITE_TIMEOUT;
/// Default connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Default largest success body read: 16 MiB (a page of 100 videos is well under 1 MiB).
pub const DEFAULT_MAX_RESPONSE_BYTES: u64 = 16 * 1024 * 1024;

/// A HeyGen API client. Cheap to clone; clones share the connection pool.
///
/// ```no_run
/// # async fn run() -> heygen_sdk::Result<()> {
/// let client = heygen_sdk::Client::from_env()?; // HEYGEN_API_KEY
/// let me = client.users().me().await?;
/// println!("{me:?}");
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct Client {
    /// This handle's generated client: its `Exec` carries this handle's options.
    raw: heygen_sys::Client,
    transport: Arc<Transport>,
    options: Arc<RequestOptions>,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.transport.base_url)
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
    /// let client = heygen_sdk::Client::builder()
    ///     .api_key("hg_test_key")
    ///     .timeout(Duration::from_secs(60))
    ///     .max_retries(3)
    ///     .build()?;
    /// assert!(!format!("{client:?}").contains("hg_test_key"));
    /// # Ok::<(), heygen_sdk::Error>(())
    /// ```
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// The generated client, sharing this handle's configuration, auth, retries and options:
    /// every operation of the document, v1/v2 included.
    ///
    /// ```no_run
    /// # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
    /// use heygen_sdk::RequestOptions;
    /// // One attempt, as for the handle's own resources.
    /// let once = client.with_options(RequestOptions::new().max_retries(0));
    /// let voices = once.run(once.raw().list_audio_voices().send()).await?;
    /// # let _ = voices; Ok(()) }
    /// ```
    pub fn raw(&self) -> &heygen_sys::Client {
        &self.raw
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &str {
        &self.transport.base_url
    }

    /// A handle whose calls use `options` (retries, idempotency key, timeout): its resources
    /// and its [`Client::raw`] alike.
    pub fn with_options(&self, options: RequestOptions) -> Self {
        let options = Arc::new(options);
        Self {
            raw: raw_client(&self.transport, self.http().clone(), options.clone()),
            transport: self.transport.clone(),
            options,
        }
    }

    /// This handle with `key` as its `Idempotency-Key` and its other options kept: for one
    /// create of many, each with its own key, and for a call idempotent by the API's contract
    /// (`completeAssetUpload`), so the transport retries it.
    pub(crate) fn with_idempotency_key(&self, key: String) -> Self {
        let mut options = (*self.options).clone();
        options.idempotency_key = Some(key);
        self.with_options(options)
    }

    /// The `Idempotency-Key` this handle's next v3 write would send, fixed now: the handle's
    /// own ([`RequestOptions::idempotency_key`]) or, with `auto_idempotency`, a new one, with
    /// the handle that sends exactly it. `None` (no key) when neither applies. For a create
    /// whose server dedups on a body field instead of the header (background removals'
    /// `request_id`): the field gets the same key, so a retry is deduplicated and the key
    /// an error reports is the one to retry with.
    pub(crate) fn write_key(&self) -> Option<(String, Client)> {
        if let Some(key) = &self.options.idempotency_key {
            return Some((key.clone(), self.clone()));
        }
        self.transport.auto_idempotency.then(|| {
            let key = uuid::Uuid::new_v4().to_string();
            let options = RequestOptions {
                idempotency_key: Some(key.clone()),
                ..(*self.options).clone()
            };
            (key, self.with_options(options))
        })
    }

    /// Runs one generated operation built from this handle's [`Client::raw`], mapping every
    /// failure to [`Error`] (the operation id comes from the generated code).
    pub fn run<T, E, F>(&self, send: F) -> impl Future<Output = Result<ResponseValue<T>>>
    where
        F: Future<Output = std::result::Result<ResponseValue<T>, heygen_sys::Error<E>>>,
        E: Serialize + std::fmt::Debug,
    {
        self.call(send, |response, _| Ok(response))
    }

    /// Runs an operation whose body is a `{"data": …}` envelope and returns the payload.
    pub(crate) fn data<Env, T, E, F>(
        &self,
        send: F,
        data: impl FnOnce(Env) -> Option<T>,
    ) -> impl Future<Output = Result<T>>
    where
        F: Future<Output = std::result::Result<ResponseValue<Env>, heygen_sys::Error<E>>>,
        E: Serialize + std::fmt::Debug,
    {
        self.call(send, |response, record| {
            let status = response.status().as_u16();
            data(response.into_inner())
                .ok_or_else(|| record.decode_error(status, "the response has no `data`".into()))
        })
    }

    /// Runs the generated future `send`, maps its failure with what the transport recorded,
    /// and its answer with `finish`.
    ///
    /// One layer, and not an `async fn`: `send` (about a kilobyte) is boxed as it is handed
    /// over and the error path is behind its own box, so the caller's future stays small, and
    /// the answer (as large) is moved once per layer, of which there is one here.
    pub(crate) fn call<T, E, F, R>(
        &self,
        send: F,
        finish: impl FnOnce(ResponseValue<T>, CallRecord) -> Result<R>,
    ) -> impl Future<Output = Result<R>>
    where
        F: Future<Output = std::result::Result<ResponseValue<T>, heygen_sys::Error<E>>>,
        E: Serialize + std::fmt::Debug,
    {
        let checked = self.options.validate();
        let send = Box::pin(send);
        async move {
            checked?;
            let mut scoped = std::pin::pin!(call::scope(send));
            let output = scoped.as_mut().await;
            let record = call::take(scoped);
            match output {
                Ok(response) => finish(response, record),
                Err(error) => Err(Box::pin(map_error(error, record)).await),
            }
        }
    }

    /// Sends a hand-built request through the transport's retry loop, building it anew for
    /// each attempt (a streamed multipart body cannot be cloned), and returns the status and
    /// body of the successful response (read under the client's maximum).
    pub(crate) async fn send_rebuilt<F, Fut>(
        &self,
        operation: &'static str,
        mut build: F,
    ) -> Result<(u16, bytes::Bytes, CallRecord)>
    where
        F: FnMut() -> Fut + Send,
        Fut: Future<Output = Result<reqwest::Request>> + Send,
    {
        self.options.validate()?;
        let first = build().await?;
        let (result, record) = self
            .transport
            .clone()
            .send(
                self.http().clone(),
                self.options.clone(),
                operation,
                first,
                Rebuilt(build),
            )
            .await;
        let response = match result {
            Ok(response) => response,
            Err(Failure::Local(error)) => return Err(error),
            Err(Failure::Http(error)) => return Err(transport_error(error, record)),
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = match heygen_sys::read_body(response).await {
            Ok(body) => body,
            Err(error) => return Err(transport_error(error, record)),
        };
        if !(200..300).contains(&status) {
            let json = serde_json::from_slice(&body).unwrap_or(Value::Null);
            return Err(api_error(
                status,
                &headers,
                &json,
                excerpt(&body, EXCERPT_LIMIT),
                record,
            ));
        }
        Ok((status, body, record))
    }

    /// The HTTP client of the generated client (for hand-built requests: the multipart upload).
    pub(crate) fn http(&self) -> &reqwest::Client {
        heygen_sys::ClientInfo::client(&self.raw)
    }

    /// The client's timeouts by kind of call (for the uploads, whose timeout grows with the
    /// file); `None` for a caller's own HTTP client without timeouts set on the builder.
    pub(crate) fn timeouts(&self) -> Option<&Timeouts> {
        self.transport.timeouts.as_ref()
    }

    /// The retry policy, and the retries this handle allows: for the direct upload's PUT to its
    /// presigned URL, which is sent outside the transport (no API key may travel there).
    pub(crate) fn retries(&self) -> (&RetryPolicy, u32) {
        let policy = &self.transport.retry;
        let retries = self.options.max_retries.unwrap_or(policy.max_retries);
        (policy, retries)
    }
}

/// A generated client whose `Exec` is `transport` with `options`.
fn raw_client(
    transport: &Arc<Transport>,
    http: reqwest::Client,
    options: Arc<RequestOptions>,
) -> heygen_sys::Client {
    let exec_transport = transport.clone();
    let exec = heygen_sys::Exec::new(move |client, request, operation| {
        exec_transport
            .clone()
            .execute(client, request, operation, options.clone())
    });
    heygen_sys::Client::new_with_client(&transport.base_url, http, exec)
}

/// Settings of a [`Client`]; see [`Client::builder`].
#[derive(Default)]
pub struct ClientBuilder {
    api_key: Option<String>,
    bearer_token: Option<String>,
    base_url: Option<String>,
    timeout: Option<Duration>,
    read_timeout: Option<Duration>,
    write_timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    retry: RetryPolicy,
    user_agent: Option<String>,
    http_client: Option<reqwest::Client>,
    auto_idempotency: bool,
    allow_http: bool,
    max_response_bytes: Option<u64>,
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
            .field("read_timeout", &self.read_timeout)
            .field("write_timeout", &self.write_timeout)
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

    /// Send requests elsewhere than `https://api.heygen.com` (a gateway, a simulator). It must
    /// be `https://` (plain `http://` only to a loopback address, or with
    /// [`ClientBuilder::allow_http`]), and carry no user, password, query or fragment; a path
    /// prefix (`https://gw.example/heygen`) is kept.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }

    /// Accept a plain `http://` base URL that is not a loopback address (the key then travels
    /// unencrypted: for a trusted network only). Default `false`.
    pub fn allow_http(mut self, allow: bool) -> Self {
        self.allow_http = allow;
        self
    }

    /// Timeout of one attempt of every kind of call, reads and writes alike (by default they
    /// differ: [`DEFAULT_READ_TIMEOUT`], [`DEFAULT_WRITE_TIMEOUT`]); an upload gets
    /// [`UPLOAD_TIME_PER_MIB`] more per MiB. [`ClientBuilder::read_timeout`] and
    /// [`ClientBuilder::write_timeout`] win over it; a call's
    /// [`RequestOptions::timeout`](crate::RequestOptions::timeout) wins over all three.
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// Timeout of one attempt of a read (GET, HEAD): default [`DEFAULT_READ_TIMEOUT`], 30 s —
    /// HeyGen's reads answer within 2 s at p99, so a stuck GET fails in 30 s, not two minutes.
    ///
    /// ```
    /// use std::time::Duration;
    /// let client = heygen_sdk::Client::builder()
    ///     .api_key("sk-…")
    ///     .read_timeout(Duration::from_secs(10))
    ///     .write_timeout(Duration::from_secs(180))
    ///     .build()?;
    /// # let _ = client; Ok::<(), heygen_sdk::Error>(())
    /// ```
    pub fn read_timeout(mut self, timeout: Duration) -> Self {
        self.read_timeout = Some(timeout);
        self
    }

    /// Timeout of one attempt of a write (POST, PUT, PATCH, DELETE): default
    /// [`DEFAULT_WRITE_TIMEOUT`], 120 s (`POST /v3/videos` runs to ~31 s at p99). An upload
    /// gets [`UPLOAD_TIME_PER_MIB`] more per MiB of its file.
    pub fn write_timeout(mut self, timeout: Duration) -> Self {
        self.write_timeout = Some(timeout);
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

    /// The largest successful response body read (default
    /// [`DEFAULT_MAX_RESPONSE_BYTES`], 16 MiB): a larger one fails with
    /// [`Error::ResponseTooLarge`] without being read further. Error bodies are read up to
    /// 64 KiB.
    pub fn max_response_bytes(mut self, bytes: u64) -> Self {
        self.max_response_bytes = Some(bytes);
        self
    }

    /// Replace the `User-Agent` (default `heygen-rs/<version>`).
    pub fn user_agent(mut self, agent: impl Into<String>) -> Self {
        self.user_agent = Some(agent.into());
        self
    }

    /// Use this `reqwest::Client` (its timeouts, TLS and redirect settings apply; the
    /// builder's do not, except the timeouts by kind of call when the builder sets any:
    /// [`ClientBuilder::timeout`], [`read_timeout`](ClientBuilder::read_timeout),
    /// [`write_timeout`](ClientBuilder::write_timeout) — every request then carries its own,
    /// which wins over the client's). Build it from [`http_client_builder`](crate::http_client_builder), which sets
    /// [`redirect_policy`]: reqwest's default follows redirects to other hosts, and would send
    /// the `x-api-key` along.
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http_client = Some(client);
        self
    }

    /// Give every v3 POST/PATCH a fresh UUID `Idempotency-Key` when the call sets none, so that
    /// creates are retried safely on 5xx and connection errors (and errors carry the key, to
    /// retry them by hand).
    pub fn auto_idempotency(mut self, enabled: bool) -> Self {
        self.auto_idempotency = enabled;
        self
    }

    /// Builds the client; fails without a non-empty API key or bearer token, on a base URL
    /// refused by [`ClientBuilder::base_url`], and on an `https://` one when the crate was built
    /// without a TLS feature and no [`http_client`](Self::http_client) was given
    /// ([`Error::Config`] naming the features).
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
        let (base_url, base_path) = check_base_url(
            self.base_url.as_deref().unwrap_or(DEFAULT_BASE_URL),
            self.allow_http,
        )?;
        let user_agent = self
            .user_agent
            .unwrap_or_else(|| format!("heygen-rs/{}", env!("CARGO_PKG_VERSION")));
        let user_agent = HeaderValue::from_str(&user_agent)
            .map_err(|_| Error::Config("user agent is not a valid header value".into()))?;
        if self.http_client.is_none() {
            check_tls(base_url.as_str())?;
        }
        let timeouts = Timeouts {
            read: self
                .read_timeout
                .or(self.timeout)
                .unwrap_or(DEFAULT_READ_TIMEOUT),
            write: self
                .write_timeout
                .or(self.timeout)
                .unwrap_or(DEFAULT_WRITE_TIMEOUT),
        };
        // A client of the caller's own keeps its timeouts, unless the builder sets some.
        let builder_timeouts =
            self.timeout.is_some() || self.read_timeout.is_some() || self.write_timeout.is_some();
        let (http, timeouts) = match self.http_client {
            Some(client) => (client, builder_timeouts.then_some(timeouts)),
            None => (
                default_http_client(
                    timeouts.read.max(timeouts.write),
                    self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT),
                )?,
                Some(timeouts),
            ),
        };
        let transport = Arc::new(Transport {
            auth,
            user_agent,
            retry: self.retry,
            auto_idempotency: self.auto_idempotency,
            base_url,
            base_path,
            max_response_bytes: self
                .max_response_bytes
                .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES),
            paused_until: Mutex::default(),
            timeouts,
        });
        let options = Arc::new(RequestOptions::default());
        Ok(Client {
            raw: raw_client(&transport, http, options.clone()),
            transport,
            options,
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
