//! The simulator's data: what exists, and how each job's status follows from the clock.
//!
//! [`State`] (in `world.rs`) holds every store, behind one mutex in `Shared`, and the rules
//! that change them; the records live in a file per concept (a job's lifecycle, the job
//! resources, avatars, webhooks, assets and their upload batches, the seeded voices, avatars
//! and catalogs), re-exported here so that the routes name them all as
//! `crate::testing::state::…`. This file only declares and re-exports: the files import each
//! other directly, never through it, so no import runs in a circle.

mod asset_batches;
mod assets;
mod avatars;
mod batches;
mod catalog;
mod clock;
mod creates;
mod gauge;
mod jobs;
mod lifecycle;
mod references;
mod seed;
mod timeline;
mod webhooks;
mod world;

pub(crate) use asset_batches::{AssetBatch, BatchFile, Ingest};
pub(crate) use assets::{Asset, Upload, hex, sniff, supported};
pub(crate) use avatars::{Group, Look};
pub(crate) use batches::{SimBatch, Slot};
pub(crate) use catalog::Sound;
pub(crate) use clock::rfc3339;
pub(crate) use jobs::{
    Clipping, Lipsync, Proofread, Removal, Session, Translation, Video, VoiceClone,
};
pub(crate) use lifecycle::{Job, Phase};
pub use timeline::{ResourceKind, Timeline};
pub(crate) use webhooks::Endpoint;
pub(crate) use world::{Config, State, new_id};
