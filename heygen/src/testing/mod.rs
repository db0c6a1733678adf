//! `heygen_sdk::testing`: a stateful HeyGen simulator for examples and tests (feature `testing`).
//!
//! [`Simulator::start`] serves the v3 API on `127.0.0.1` from inside your process: videos,
//! avatars and consent, voices, video translations and proofreads, lipsyncs, video agent
//! sessions (on their `/v3/video-agents/{id}` paths, `thinking` and, in chat mode,
//! `waiting_for_input` until a message answers), webhooks, assets and `users/me`; batches and
//! bulk statuses of videos, translations and lipsyncs, templates (two seeded, rendering
//! videos), brand kits and glossaries, audio sounds (seeded), AI clipping and
//! background-removal jobs, voice cloning, and avatar group and look deletion. Assets take both
//! uploads: multipart, and the direct upload, whose presigned URL is served here too
//! (`PUT /upload/{asset_id}?signature=…`, no API key, and refused with one; only the size and
//! SHA-256 of the bytes are kept), and in upload batches of up to 100 files, each file
//! ingested by itself once the batch is completed ([`ResourceKind::AssetUpload`]); they are
//! listed, searched (a small public catalog of images and icons), deleted, and have bulk
//! statuses. Responses are the generated `heygen_sdk::types` values, built through serde and
//! serialised as the API sends them (`{"data": …}`, cursor pages, `StandardAPIError`
//! bodies). Requests are checked like HeyGen checks them: authentication, then everything the
//! API description states (types, required fields, enums, lengths, ranges, patterns, union
//! tags, parameters: a violation is a 400 `invalid_parameter` whose `param` is the JSON path,
//! and changes nothing), then the rules below, unknown ids, and `Idempotency-Key` replays.
//!
//! An operation of the API description the simulator does not serve (the legacy v1 and v2
//! operations, and any operation a newer description adds) answers 501 `not_simulated` in
//! HeyGen's error shape, naming it; [`Simulator::not_simulated_operations`] lists them. A
//! request whose union member the simulator does not know answers 400 `not_simulated`.
//!
//! Jobs progress with time (`pending` → `processing` → `completed` for a video, see
//! [`Timeline`]): statuses are computed from `tokio::time::Instant`, so a test with
//! `#[tokio::test(start_paused = true)]` drives them with `tokio::time::advance` (or lets
//! tokio auto-advance while the client sleeps between polls).
//!
//! Batches of videos, video translations and lipsyncs, and their bulk statuses
//! (`/v3/{…}/batches`, `/v3/{…}/statuses`), are served too: each item is created through the
//! single create (one bad item fails alone) and follows its own job's timeline. Like HeyGen, the
//! simulator can hold an account to a number of unfinished jobs
//! ([`SimulatorBuilder::max_concurrent_jobs`]): a create past it answers 429 with
//! `Retry-After`, batch items wait `queued`, and [`Simulator::peak_concurrent_jobs`] says how
//! many ran at once.
//!
//! Faults: [`Simulator::fail_next`], [`Simulator::rate_limit`], [`Simulator::latency`],
//! [`Simulator::drop_connection_next`], [`Simulator::drop_mid_body_next`],
//! [`Simulator::truncate_next`], [`Simulator::inject_status`], the general
//! [`Simulator::inject`], and faults drawn at random from a seed,
//! [`Simulator::inject_random`]. Every request is journaled: [`Simulator::requests`].
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! use heygen_sdk::testing::Simulator;
//! use heygen_sdk::types::{CreateVideoFromAvatar, VideoStatus};
//!
//! let sim = Simulator::start().await;
//! let client = sim.client();
//! let request = CreateVideoFromAvatar::builder()
//!     .avatar_id(sim.avatar_id().ok_or("no avatar")?)
//!     .voice_id(sim.voice_id().ok_or("no voice")?)
//!     .script("Hello from the simulator");
//! let created = client.videos().create(request).await?;
//! tokio::time::sleep(std::time::Duration::from_secs(4)).await;
//! let video = client.videos().get(&created.video_id).await?;
//! assert_eq!(video.status, VideoStatus::Completed);
//! assert_eq!(sim.requests().len(), 2);
//! # Ok(()) }
//! ```
//!
//! # Rules beyond the API description
//!
#![doc = include_str!("house_rules.md")]

mod faults;
mod house_rules;
mod reply;
mod routes;
mod server;
mod shared;
mod state;
mod validate;

pub use faults::{Fault, FaultRule, RandomFaults, RecordedRequest};
pub use server::{DEFAULT_API_KEY, Simulator, SimulatorBuilder};
pub use state::{ResourceKind, Timeline};
