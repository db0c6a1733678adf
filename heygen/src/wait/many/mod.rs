//! Waiting on many jobs at once: [`WaitMany`], the stream behind `videos().wait_many`,
//! `video_translations().wait_many` and `lipsyncs().wait_many`.
//!
//! Instead of one GET per job per interval, each interval sends one bulk statuses GET
//! (`GET /v3/{videos|video-translations|lipsyncs}/statuses`) per [`MAX_IDS_PER_REQUEST`] ids
//! still running, and fetches the full resource (`GET /v3/…/{id}`) only of the jobs the
//! statuses report finished (`completed`, `failed`, or `not_found`, whose GET then says what
//! happened): 1,000 running videos cost 10 GETs an interval, and each video one GET more at the
//! end. The ids of one request are also bounded by their length ([`MAX_IDS_QUERY_BYTES`]), so
//! the URL stays under 8 KiB whatever the ids. A status this SDK does not know counts as still
//! running, and so does an id the answer leaves out.
//!
//! The timing is [`WaitOptions`]'s, for the set: the first round after `initial_delay`, then
//! intervals growing from `min_delay`, jittered, one last round at the deadline; the deadline
//! (`timeout`) applies to the whole set, from the start of the wait. The detail GETs run at
//! most [`DETAIL_CONCURRENCY`] at a time, and each request follows the client's retries and
//! shared 429 pause.
//!
//! The stream yields exactly one item per distinct id, as the jobs finish:
//! - `Ok(resource)` for a completed job;
//! - [`Error::JobFailed`] for a failed one (an item like any other: the stream goes on);
//! - [`Error::WaitTimeout`] for each job still running at the deadline, with its last status;
//! - [`Error::Wait`] naming the job when its GET fails for good (a 404 for an id that does not
//!   exist, say).
//!
//! When the statuses endpoint itself fails for good (a 401, or a gateway without the route), the
//! wait goes on polling each job's own GET, as `wait` does, rather than giving up.
//!
//! The parts: `BulkStatus` (what a kind of job offers), the ids checked on the way in
//! (`ids`) and cut into requests on the way out (`chunks`), each job's record (`job`), and the
//! [`WaitMany`] stream (`stream`), which runs the statuses rounds (`rounds`) and the detail GETs
//! of finished jobs (`details`).
//!
//! [`WaitOptions`]: super::WaitOptions
//! [`Error::JobFailed`]: crate::Error::JobFailed
//! [`Error::WaitTimeout`]: crate::Error::WaitTimeout
//! [`Error::Wait`]: crate::Error::Wait

mod bulk_status;
mod chunks;
mod details;
mod ids;
mod job;
mod limits;
mod rounds;
mod stream;

pub(crate) use bulk_status::BulkStatus;
pub(crate) use ids::distinct_ids;
pub use limits::{DETAIL_CONCURRENCY, MAX_ID_BYTES, MAX_IDS_PER_REQUEST, MAX_IDS_QUERY_BYTES};
pub use stream::WaitMany;
