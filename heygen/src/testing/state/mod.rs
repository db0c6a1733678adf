//! The simulator's data, and what requests may do to it.
//!
//! - [`State`] (`world.rs`) holds every store, behind one mutex in `Shared`, and what every
//!   resource shares: a fresh listing key and id, a new job counted by the concurrency gauge,
//!   stand-in file URLs, and whether what a request names exists on the account.
//! - The records, a file per concept: a job's life and the concurrent-job gauge (`jobs.rs`),
//!   the job resources (`records.rs`), avatars, webhook endpoints, assets and their upload
//!   batches, batches of creates, the seeded voices and avatars (`seed.rs`) and catalogs
//!   (`catalog.rs`), the clock and the public [`Timeline`].
//! - `actions/`: the domain rules, a file per resource, as `impl State` methods (create,
//!   advance, fail, delete); the routes call one of them per request.
//! - `store.rs`: find-or-404, take-or-404 and newest-first pages over any collection.
//!
//! The records are re-exported here, so that the routes name them all as
//! `crate::testing::state::…`; this file only declares and re-exports. The files import each
//! other directly, never through it, and `world.rs` imports only records, never `actions/`: no
//! import runs in a circle.

mod actions;
mod asset_batches;
mod assets;
mod avatars;
mod batches;
mod catalog;
mod clock;
mod jobs;
mod records;
mod seed;
mod store;
mod timeline;
mod webhooks;
mod world;

pub(crate) use actions::{EXPIRES_IN_SECS, StorageErr, UPLOAD_PATH, Voice};
pub(crate) use asset_batches::{BatchFile, Ingest};
pub(crate) use assets::{Asset, OWNER, Upload};
pub(crate) use avatars::{Group, Look};
pub(crate) use batches::Slot;
pub(crate) use catalog::STYLES;
pub(crate) use clock::rfc3339;
pub(crate) use jobs::{Job, Phase};
pub(crate) use records::{Clipping, Lipsync, Proofread, Removal, Session, Translation, Video};
pub(crate) use store::{find, newest_first, take};
pub use timeline::{ResourceKind, Timeline};
pub(crate) use webhooks::Endpoint;
pub(crate) use world::{Config, State, new_id};
