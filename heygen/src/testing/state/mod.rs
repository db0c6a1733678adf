//! The simulator's data: what exists, and how each job's status follows from the clock.
//!
//! [`State`] (in `world.rs`) holds every store, behind one mutex in `Shared`, and the rules
//! every resource shares; the records live in a file per concept (a job's life and the
//! concurrent-job gauge in `jobs.rs`, the job resources in `records.rs`, avatars, webhooks,
//! assets and their upload batches, the seeded voices, avatars and catalogs), what requests may
//! do to them in `actions/` (a file per resource), and find-or-404 and newest-first pages over
//! any collection in `store.rs`.
//! They are re-exported here, so that the routes name them all as `crate::testing::state::…`;
//! this file only declares and re-exports: the files import each other directly, never
//! through it, so no import runs in a circle.

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

pub(crate) use actions::Voice;
pub(crate) use asset_batches::{AssetBatch, BatchFile, Ingest};
pub(crate) use assets::{Asset, Upload, hex, sniff, supported};
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
