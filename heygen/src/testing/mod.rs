//! `heygen::testing`: a stateful HeyGen simulator for examples and tests (feature `testing`).
//!
//! [`Simulator::start`] serves the v3 API on `127.0.0.1` from inside your process: videos,
//! avatars and consent, voices, video translations and proofreads, lipsyncs, video agent
//! sessions (on their `/v3/video-agents/{id}` paths, `thinking` and, in chat mode,
//! `waiting_for_input` until a message answers), webhooks, assets and `users/me`. Assets take
//! both uploads: multipart, and the direct upload, whose presigned URL is served here too
//! (`PUT /upload/{asset_id}?signature=…`, no API key, and refused with one; only the size and
//! SHA-256 of the bytes are kept); they are listed, searched (a small public catalog of images
//! and icons), deleted, and have bulk statuses. The other operations HeyGen added in July 2026
//! (batches, the other bulk statuses, templates, brand kits, AI clipping, background removal,
//! voice cloning) are not simulated yet: they answer 404. Responses are the generated `heygen::types`
//! values serialised as the API sends them (`{"data": …}`, cursor pages, `StandardAPIError`
//! bodies), and requests are checked like HeyGen checks them (auth, required fields, the
//! `type` tags, unknown ids, `Idempotency-Key` replays).
//!
//! Jobs progress with time (`pending` → `processing` → `completed` for a video, see
//! [`Timeline`]): statuses are computed from `tokio::time::Instant`, so a test with
//! `#[tokio::test(start_paused = true)]` drives them with `tokio::time::advance` (or lets
//! tokio auto-advance while the client sleeps between polls).
//!
//! Faults: [`Simulator::fail_next`], [`Simulator::rate_limit`], [`Simulator::latency`],
//! [`Simulator::drop_connection_next`], [`Simulator::drop_mid_body_next`],
//! [`Simulator::truncate_next`], [`Simulator::inject_status`], the general
//! [`Simulator::inject`], and faults drawn at random from a seed,
//! [`Simulator::inject_random`]. Every request is journaled: [`Simulator::requests`].
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use heygen::testing::Simulator;
//! use heygen::types::{CreateVideoFromAvatar, CreateVideoV3RequestBody, VideoStatus};
//!
//! let sim = Simulator::start().await;
//! let client = sim.client();
//! let request = CreateVideoFromAvatar::builder()
//!     .avatar_id(sim.avatar_id().ok_or("no avatar")?)
//!     .voice_id(sim.voice_id().ok_or("no voice")?)
//!     .script("Hello from the simulator");
//! let created = client.videos().create(CreateVideoV3RequestBody::try_from(request)?).await?;
//! tokio::time::sleep(std::time::Duration::from_secs(4)).await;
//! let video = client.videos().get(&created.video_id).await?;
//! assert_eq!(video.status, VideoStatus::Completed);
//! assert_eq!(sim.requests().len(), 2);
//! # Ok(()) }
//! ```

mod faults;
mod idempotency;
mod reply;
mod routes;
mod server;
mod state;

pub use faults::{Fault, FaultRule, RandomFaults, RecordedRequest};
pub use server::{DEFAULT_API_KEY, Simulator, SimulatorBuilder};
pub use state::{ResourceKind, Timeline};
