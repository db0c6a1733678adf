//! The wait engine: polling any of HeyGen's asynchronous jobs until it ends. Each waitable
//! resource (videos, video translations, lipsyncs, proofreads, avatar groups and looks,
//! video-agent sessions, workflow executions, AI clippings, background removals, voice clones)
//! says where its job stands by implementing [`Waitable`] next to its calls.
//!
//! A create answers at once with an id; the result arrives minutes later. One poller,
//! [`poll`], serves every job: an initial delay, then intervals growing from
//! [`WaitOptions::min_delay`] by [`WaitOptions::multiplier`] up to [`WaitOptions::max_delay`],
//! each jittered so that many waiters do not poll in step, and an overall
//! [`WaitOptions::timeout`] with one last poll at the deadline; the deadline also cuts short a
//! poll still in flight. Dropping the future cancels the wait. Each GET follows the client's
//! retry policy (and the shared 429 pause), and a poll that still fails with a retryable error
//! (a 5xx, a timeout, a dropped connection) does not end the wait: the next poll comes after
//! the usual interval, until the deadline.
//!
//! Outcomes are typed, and every error names the job:
//! - completed: `Ok` with the final resource;
//! - failed: [`Error::JobFailed`] with the resource's failure code and message;
//! - deadline: [`Error::WaitTimeout`] with the last status and resource, elapsed time and polls;
//! - an avatar waiting for consent (`pending_consent`): [`Error::ConsentRequired`];
//! - a video-agent session waiting for the caller's reply (`waiting_for_input`):
//!   [`Error::InputRequired`] (`video_agents().wait_session` returns it as a
//!   [`SessionOutcome`](crate::resources::video_agents::SessionOutcome) instead);
//! - a poll failing for good (the id does not exist: the API's 404, a revoked key …):
//!   [`Error::Wait`] with the job's id around the call's error, not an endless wait.
//!
//! Each resource has `wait(id)` and `create_and_wait(request)` with the default
//! [`WaitOptions`], and `wait_with(id, &options)` / `create_and_wait_with(request, &options)`.
//! `create_and_wait` returns the create's own error when the create fails (with the
//! `Idempotency-Key` it used, to retry without duplicating), and after it, errors naming the
//! new job: a caller never needs to create again to find out what happened.
//!
//! A status this SDK does not know (the API adds values over time) counts as still running and
//! is reported to the progress callback with [`Progress::recognized`] `false`.
//!
//! Testing a wait on tokio's paused clock: serve from the test's own runtime (the
//! `heygen_sdk::testing` simulator does). A wait keeps a timer at its deadline while it polls, and a
//! paused clock jumps to the next timer whenever the runtime waits on I/O from outside, such as
//! a mock server on a thread of its own.
//!
//! ```no_run
//! # async fn run(client: heygen_sdk::Client) -> heygen_sdk::Result<()> {
//! use std::time::Duration;
//! use heygen_sdk::types::CreateVideoFromAvatar;
//! use heygen_sdk::wait::WaitOptions;
//!
//! let request = CreateVideoFromAvatar::builder().avatar_id("a").voice_id("v").script("Hello");
//! let options = WaitOptions::new()
//!     .timeout(Duration::from_secs(20 * 60))
//!     .on_progress(|p| println!("{} {} after {:?} ({} polls)", p.kind, p.status, p.elapsed, p.polls));
//! let video = client.videos().create_and_wait_with(request, &options).await?;
//! println!("{}", video.video_url.unwrap_or_default());
//!
//! // An id from elsewhere (a webhook, a database), with the default options:
//! let video = client.videos().wait("video_id").await?;
//! # let _ = video; Ok(()) }
//! ```
//!
//! [`Error::JobFailed`]: crate::Error::JobFailed
//! [`Error::WaitTimeout`]: crate::Error::WaitTimeout
//! [`Error::ConsentRequired`]: crate::Error::ConsentRequired
//! [`Error::InputRequired`]: crate::Error::InputRequired
//! [`Error::Wait`]: crate::Error::Wait

pub mod create_many;
mod job_state;
pub mod many;
mod options;
mod poll;

pub use create_many::DEFAULT_CONCURRENT_JOBS;
pub use job_state::{JobState, Waitable};
pub use many::WaitMany;
pub use options::{MIN_POLL_INTERVAL, Progress, WaitOptions};
pub(crate) use poll::naming_all;
pub use poll::{DEADLINE_GRACE, last_seen, poll};
