//! The v3 API by area, one module each: `client.videos()`, `client.avatars()`, …
//!
//! Each method is a plain `async fn` naming its operation id in its doc comment. It refuses a
//! path id that is empty, `.` or `..`, takes the request as the generated builder or the
//! generated type (`R: TryInto<…>`: a builder's missing field is an
//! [`Error::InvalidRequest`](crate::Error) naming it), all before anything is sent; then it
//! sends the request through the client's retries and auth, unwraps the `{"data": …}`
//! envelope, and returns the generated payload type. Listings return a lazy
//! [`Paginator`](crate::Paginator); `list_with` configures the generated request builder
//! (filters, `limit` as page size). A resource's waits (`wait`, `create_and_wait`) sit beside
//! its calls.
//!
//! Each resource is one file, or one folder when it is large (`videos/`: its calls, batches
//! and bulk statuses, `wait_many` / `create_many`, its job kind with its `Waitable` and
//! `Timestamps` impls, downloads). What the kinds of job share (batches, bulk statuses, bulk
//! waits and creates, generic over the kind) is in `jobs/`; the cursor listings in `listing/`.
//! The accessors (`client.videos()`, …) are all in `client/accessors.rs`.

pub mod ai_clipping;
pub mod assets;
pub mod audio;
pub mod avatars;
pub mod background_removals;
pub mod brand_kits;
pub(crate) mod jobs;
pub mod lipsyncs;
pub(crate) mod listing;
pub mod templates;
pub mod users;
pub mod video_agents;
pub mod video_translations;
pub mod videos;
pub mod voices;
pub mod webhook_endpoints;
pub(crate) mod workflows;

pub use heygen_sys::builder;
/// Batches and bulk statuses of videos, video translations and lipsyncs (their limits).
pub use jobs::batches;
/// The webhook-endpoints resource under its former module name.
pub use webhook_endpoints as webhooks;

pub(crate) use crate::call::path_id;
pub(crate) use listing::{Cursor, SendAt, cursor_list, refused};
