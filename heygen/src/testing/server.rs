//! The simulator's HTTP server: a hand-driven accept loop (so that a fault can close a
//! connection), the request pipeline (journal, faults, auth, idempotency), and the
//! [`Simulator`] handle.

use std::collections::BTreeMap;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{Request, State as AxumState};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::Notify;
use tokio::task::{JoinHandle, JoinSet};
use tower::ServiceExt as _;

use super::faults::{Fault, FaultRule, Faults, RandomFaults, RecordedRequest};
use super::idempotency::idempotent;
use super::reply::ApiErr;
use super::routes::direct_uploads;
use super::shared::{MAX_BODY, Shared, Sim};
use super::state::{Config, ResourceKind, State, Timeline};

/// The key [`Simulator::start`] accepts.
pub const DEFAULT_API_KEY: &str = "sim_test_key";

/// A running HeyGen simulator: a real HTTP server on `127.0.0.1` speaking the v3 API, with
/// state, time-driven job statuses, fault injection and a request journal. Dropping it stops
/// the server.
///
/// ```no_run
/// # async fn run() -> heygen::Result<()> {
/// use heygen::testing::Simulator;
/// let sim = Simulator::start().await;
/// let client = sim.client();
/// let me = client.users().me().await?;
/// assert_eq!(me.username, "simulator");
/// sim.fail_next(1, 503); // the next request answers 503
/// # Ok(()) }
/// ```
#[derive(Debug)]
pub struct Simulator {
    shared: Sim,
    addr: SocketAddr,
    server: JoinHandle<()>,
}

impl Drop for Simulator {
    fn drop(&mut self) {
        // Aborting the accept loop drops its `JoinSet`, which aborts every connection task.
        self.server.abort();
    }
}

impl Simulator {
    /// Starts a simulator with the default settings (see [`SimulatorBuilder`]).
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime, or when no port can be bound on `127.0.0.1`.
    pub async fn start() -> Simulator {
        Self::builder().start().await
    }

    /// Settings for a simulator.
    pub fn builder() -> SimulatorBuilder {
        SimulatorBuilder::default()
    }

    /// `http://127.0.0.1:<port>`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The API key the simulator accepts (as `x-api-key`, or as `Authorization: Bearer …`).
    pub fn api_key(&self) -> &str {
        &self.shared.api_key
    }

    /// A client for this simulator, with the default client settings.
    pub fn client(&self) -> crate::Client {
        self.client_builder()
            .build()
            .expect("a client for the simulator")
    }

    /// A client builder already pointed at this simulator with its key, to change other
    /// settings (retries, timeouts) before building.
    pub fn client_builder(&self) -> crate::ClientBuilder {
        crate::Client::builder()
            .api_key(self.api_key())
            .base_url(self.base_url())
    }

    /// The id of a seeded, completed avatar look, for `avatar_id` (`None` with no seeded avatars).
    pub fn avatar_id(&self) -> Option<String> {
        self.shared
            .state()
            .looks
            .first()
            .map(|look| look.id.clone())
    }

    /// The id of a seeded voice, for `voice_id` (`None` with no seeded voices).
    pub fn voice_id(&self) -> Option<String> {
        self.shared
            .state()
            .voices
            .first()
            .map(|voice| voice.voice_id.clone())
    }

    /// How many resources of a kind exist (deleted ones excluded; for avatars, created looks).
    pub fn count(&self, kind: ResourceKind) -> usize {
        let state = self.shared.state();
        match kind {
            ResourceKind::Video => state.videos.len(),
            ResourceKind::VideoTranslation => state.translations.len(),
            ResourceKind::Proofread => state.proofreads.len(),
            ResourceKind::Lipsync => state.lipsyncs.len(),
            ResourceKind::VideoAgentSession => state.sessions.len(),
            ResourceKind::Avatar => state.looks.iter().filter(|look| !look.public).count(),
            ResourceKind::AiClipping => state.clippings.len(),
            ResourceKind::BackgroundRemoval => state.removals.len(),
            ResourceKind::VoiceClone => state.voice_clones.len(),
        }
    }

    /// Queues a fault rule; rules apply in the order queued.
    pub fn inject(&self, rule: FaultRule) {
        self.shared.faults().push(rule);
    }

    /// Draws a fault at random for each request from now on (after any queued rule); see
    /// [`RandomFaults`]. [`Simulator::clear_faults`] stops it.
    pub fn inject_random(&self, faults: RandomFaults) {
        self.shared.faults().set_random(faults);
    }

    /// The next `n` requests answer `status` with a `StandardAPIError` body (429 gets
    /// `Retry-After: 1`), without being handled.
    pub fn fail_next(&self, n: usize, status: u16) {
        self.inject(FaultRule::new(Fault::Status(status)).times(n));
    }

    /// The next `n` requests answer 429 `rate_limit_exceeded` with `Retry-After`.
    pub fn rate_limit(&self, n: usize, retry_after_secs: u64) {
        self.inject(FaultRule::new(Fault::RateLimited { retry_after_secs }).times(n));
    }

    /// The next `n` requests are handled, then their connection closes without an answer.
    pub fn drop_connection_next(&self, n: usize) {
        self.inject(FaultRule::new(Fault::DropConnection).times(n));
    }

    /// The next `n` requests are handled, then their connection closes halfway through the body.
    pub fn drop_mid_body_next(&self, n: usize) {
        self.inject(FaultRule::new(Fault::DropMidBody).times(n));
    }

    /// The next `n` requests are handled and answered with half of their JSON body.
    pub fn truncate_next(&self, n: usize) {
        self.inject(FaultRule::new(Fault::Truncate).times(n));
    }

    /// Forgets every queued fault and stops random ones (latency stays).
    pub fn clear_faults(&self) {
        self.shared.faults().clear();
    }

    /// Every request waits this long (tokio time) before it is handled; `Duration::ZERO` to stop.
    pub fn latency(&self, latency: Duration) {
        self.shared.faults().latency = latency;
    }

    /// Resources of `kind` created from now on pass through `status` (a value the API
    /// description does not list, like `"thinking"`) right after their first status, for
    /// [`Timeline::injected`].
    pub fn inject_status(&self, kind: ResourceKind, status: impl Into<String>) {
        self.shared.state().injected.insert(kind, status.into());
    }

    /// Stops injecting statuses.
    pub fn clear_injected_statuses(&self) {
        self.shared.state().injected.clear();
    }

    /// Whether jobs created from now on end in `failed` instead of `completed`.
    pub fn fail_jobs(&self, fail: bool) {
        self.shared.state().fail_jobs = fail;
    }

    /// The timeline of jobs created from now on.
    pub fn set_timeline(&self, timeline: Timeline) {
        self.shared.state().timeline = timeline;
    }

    /// The most jobs (videos, video translations, lipsyncs) unfinished at once since the
    /// simulator started, by the simulator's clock: a job counts from its creation until it
    /// completes or fails. With [`SimulatorBuilder::max_concurrent_jobs`], never above it
    /// (a create past it is refused with 429).
    pub fn peak_concurrent_jobs(&self) -> usize {
        self.shared.state().gauge.peak()
    }

    /// Jobs unfinished now; see [`Simulator::peak_concurrent_jobs`].
    pub fn concurrent_jobs(&self) -> usize {
        self.shared
            .state()
            .gauge
            .unfinished(tokio::time::Instant::now())
    }

    /// Every request received so far, oldest first.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.shared.journal().clone()
    }

    /// Forgets the recorded requests.
    pub fn clear_requests(&self) {
        self.shared.journal().clear();
    }
}

/// Settings of a [`Simulator`]; see [`Simulator::builder`].
///
/// ```no_run
/// # async fn run() {
/// use std::time::Duration;
/// use heygen::testing::{Simulator, Timeline};
/// let sim = Simulator::builder()
///     .timeline(Timeline::new(Duration::from_millis(100), Duration::from_millis(200)))
///     .fail_jobs(true)
///     .avatars(3)
///     .voices(4)
///     .start()
///     .await;
/// # let _ = sim;
/// # }
/// ```
#[derive(Debug, Clone)]
pub struct SimulatorBuilder {
    api_key: String,
    config: Config,
    latency: Duration,
}

impl Default for SimulatorBuilder {
    fn default() -> Self {
        Self {
            api_key: DEFAULT_API_KEY.to_string(),
            config: Config {
                timeline: Timeline::default(),
                fail_jobs: false,
                avatars: 4,
                voices: 6,
                max_concurrent_jobs: None,
            },
            latency: Duration::ZERO,
        }
    }
}

impl SimulatorBuilder {
    /// How long jobs stay in each status (default: 1 s, then 2 s).
    pub fn timeline(mut self, timeline: Timeline) -> Self {
        self.config.timeline = timeline;
        self
    }

    /// End every job in `failed` (default `false`).
    pub fn fail_jobs(mut self, fail: bool) -> Self {
        self.config.fail_jobs = fail;
        self
    }

    /// Seeded public avatar groups, two looks each (default 4).
    pub fn avatars(mut self, groups: usize) -> Self {
        self.config.avatars = groups;
        self
    }

    /// Seeded public voices (default 6).
    pub fn voices(mut self, voices: usize) -> Self {
        self.config.voices = voices;
        self
    }

    /// At most this many jobs (videos, video translations, lipsyncs) unfinished at once, like
    /// HeyGen's concurrent-job limit (10 on pay-as-you-go): a create past it answers 429
    /// `concurrency_limit_exceeded` with `Retry-After` (until the first running job ends), and
    /// batch items wait `queued` for a free place. Default: no limit. See
    /// [`Simulator::peak_concurrent_jobs`].
    pub fn max_concurrent_jobs(mut self, jobs: usize) -> Self {
        self.config.max_concurrent_jobs = Some(jobs);
        self
    }

    /// The API key to accept (default [`DEFAULT_API_KEY`]).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = key.into();
        self
    }

    /// Latency of every request (default none); see [`Simulator::latency`].
    pub fn latency(mut self, latency: Duration) -> Self {
        self.latency = latency;
        self
    }

    /// Binds `127.0.0.1:0` and starts serving.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime, or when no port can be bound.
    pub async fn start(self) -> Simulator {
        self.try_start()
            .await
            .expect("binding the simulator to 127.0.0.1")
    }

    /// Binds `127.0.0.1:0` and starts serving; fails when no port can be bound.
    pub async fn try_start(self) -> std::io::Result<Simulator> {
        let listener = TcpListener::bind(("127.0.0.1", 0)).await?;
        let addr = listener.local_addr()?;
        let state = State::new(&self.config, format!("http://{addr}"));
        let mut faults = Faults::default();
        faults.latency = self.latency;
        let shared = Shared::new(self.api_key, state, faults);
        let router = super::routes::router(shared.clone())
            .layer(axum::middleware::from_fn_with_state(
                shared.clone(),
                pipeline,
            ))
            .layer(axum::extract::DefaultBodyLimit::max(MAX_BODY));
        let server = tokio::spawn(serve(listener, router));
        Ok(Simulator {
            shared,
            addr,
            server,
        })
    }
}

/// A response marked to close its connection instead of being sent.
#[derive(Debug, Clone, Copy)]
struct CloseConnection;

/// Accepts connections until aborted; each is served by hyper, and closed early when a
/// response carries [`CloseConnection`].
async fn serve(listener: TcpListener, router: axum::Router) {
    let mut connections = JoinSet::new();
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors or similar: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            }
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        connections.spawn(async move {
            let close = Arc::new(Notify::new());
            let on_close = close.clone();
            let service = hyper::service::service_fn(
                move |request: hyper::Request<hyper::body::Incoming>| {
                    let (router, close) = (router.clone(), on_close.clone());
                    async move {
                        let response = match router.oneshot(request.map(Body::new)).await {
                            Ok(response) => response,
                            Err(never) => match never {},
                        };
                        if response.extensions().get::<CloseConnection>().is_some() {
                            close.notify_one();
                            std::future::pending::<()>().await;
                        }
                        Ok::<_, Infallible>(response)
                    }
                },
            );
            let connection = hyper::server::conn::http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service);
            // Dropping the connection closes the socket, whatever it was doing.
            tokio::select! {
                _ = connection => {}
                _ = close.notified() => {}
            }
        });
        while connections.try_join_next().is_some() {}
    }
}

/// Every request: journal, fault, latency, auth, idempotency, handler, then the fault's
/// mangling of the response.
async fn pipeline(AxumState(sim): AxumState<Sim>, request: Request, next: Next) -> Response {
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
        _ => {
            let body = body.take().unwrap_or_else(|| Body::from(bytes));
            let request = Request::from_parts(parts, body);
            idempotent(&sim, request, next, slow).await
        }
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
            let (mut parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
            let cut = bytes.slice(..bytes.len() / 2);
            parts
                .headers
                .insert(header::CONTENT_LENGTH, HeaderValue::from(cut.len()));
            Response::from_parts(parts, Body::from(cut))
        }
        Some(Fault::DropMidBody) => {
            let (mut parts, body) = response.into_parts();
            let bytes = axum::body::to_bytes(body, usize::MAX)
                .await
                .unwrap_or_default();
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
