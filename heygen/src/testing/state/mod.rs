//! The simulator's data: what exists, and how each job's status follows from the clock.
//!
//! [`State`] (in `world.rs`) holds every store, behind one mutex in `Shared`, and the rules
//! that change them; the records live in a file per concept (a job's life and the
//! concurrent-job gauge in `jobs.rs`, the job resources in `records.rs`, avatars, webhooks,
//! assets and their upload batches, the seeded voices, avatars and catalogs), the creates in
//! `creates.rs`, and find-or-404 and newest-first pages over any collection in `store.rs`.
//! They are re-exported here, so that the routes name them all as `crate::testing::state::…`;
//! this file only declares and re-exports: the files import each other directly, never
//! through it, so no import runs in a circle.

mod asset_batches;
mod assets;
mod avatars;
mod batches;
mod catalog;
mod clock;
mod creates;
mod jobs;
mod records;
mod seed;
mod store;
mod templates;
mod timeline;
mod voices;
mod webhooks;
mod world;

pub(crate) use asset_batches::{AssetBatch, BatchFile, Ingest};
pub(crate) use assets::{Asset, Upload, hex, sniff, supported};
pub(crate) use avatars::{Group, Look};
pub(crate) use batches::{SimBatch, Slot};
pub(crate) use clock::rfc3339;
pub(crate) use jobs::{Job, Phase};
pub(crate) use records::{Clipping, Lipsync, Proofread, Removal, Session, Translation, Video};
pub(crate) use store::{find, find_mut, newest_first, take};
pub use timeline::{ResourceKind, Timeline};
pub(crate) use voices::Voice;
pub(crate) use webhooks::Endpoint;
pub(crate) use world::{Config, State, new_id};
