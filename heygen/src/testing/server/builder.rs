//! [`SimulatorBuilder`]: the settings fixed when a simulator starts, and the start itself,
//! which binds a port, seeds the state and wires the routes behind the request pipeline; and
//! what can be known of a simulator before one starts (the operations it does not serve).

use std::time::Duration;

use tokio::net::TcpListener;

use heygen_sys::request_rules::OPERATIONS;
use tower::ServiceExt as _;

use super::handle::Simulator;
use super::listener::serve;
use super::pipeline::pipeline;
use crate::testing::faults::Faults;
use crate::testing::reply::MAX_BODY;
use crate::testing::routes::{self, NotSimulated};
use crate::testing::shared::{Shared, Sim};
use crate::testing::state::{Config, State, Timeline};

/// The key [`Simulator::start`] accepts.
pub const DEFAULT_API_KEY: &str = "sim_test_key";

/// Settings of a [`Simulator`]; see [`Simulator::builder`].
///
/// ```no_run
/// # async fn run() {
/// use std::time::Duration;
/// use heygen_sdk::testing::{Simulator, Timeline};
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
        let shared = self.shared(format!("http://{addr}"));
        let router = routes::router(shared.clone())
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

    /// The shared half of a simulator served at `base_url` with these settings.
    pub(super) fn shared(self, base_url: String) -> Sim {
        let state = State::new(&self.config, base_url);
        let mut faults = Faults::default();
        faults.latency = self.latency;
        Shared::new(self.api_key, state, faults)
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

    /// The operations of the API description the simulator does not serve, by
    /// `operationId`, in the document's order. Each answers 501 `not_simulated` in HeyGen's
    /// error shape, naming the operation: the legacy v1 and v2 operations, and any operation a
    /// newer description adds until the simulator learns it.
    ///
    /// ```no_run
    /// # async fn run() {
    /// let missing = heygen_sdk::testing::Simulator::not_simulated_operations().await;
    /// assert!(!missing.contains(&"createAvatarVideo"));
    /// # }
    /// ```
    pub async fn not_simulated_operations() -> Vec<&'static str> {
        // Each operation is put to a fresh simulator's routes (no server, no auth) with its
        // path parameters filled in: those no route takes are answered as not simulated.
        let router = routes::router(SimulatorBuilder::default().shared("http://127.0.0.1".into()));
        let mut missing = Vec::new();
        for operation in OPERATIONS {
            let path: Vec<&str> = (operation.path.split('/'))
                .map(|s| if s.starts_with('{') { "sim" } else { s })
                .collect();
            let request = axum::http::Request::builder()
                .method(operation.method)
                .uri(path.join("/"))
                .body(axum::body::Body::empty());
            let Ok(request) = request else { continue };
            let Ok(answer) = router.clone().oneshot(request).await;
            if answer.extensions().get::<NotSimulated>().is_some() {
                missing.push(operation.id);
            }
        }
        missing
    }
}
