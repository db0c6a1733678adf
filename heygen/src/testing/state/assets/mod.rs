//! Uploaded assets (multipart or direct), the direct uploads still waiting for their bytes and
//! their upload batches: the only state the simulator holds content for, and the only one with
//! an expiry of its own; and the search of a small seeded catalog of public images and icons.
//!
//! The records are in `records.rs` (what `State` holds); the rules, as `impl State` methods,
//! in a file per concern, which `State` never imports, so no import runs in a circle: the
//! multipart upload, listing and deletion in `library.rs`, a direct upload's create and
//! completion in `direct.rs`, its presigned PUT in `storage.rs`, upload batches in
//! `batches.rs`, the search in `search.rs`. This file only declares and re-exports.

mod batches;
mod direct;
mod library;
mod records;
mod search;
mod storage;

pub(crate) use direct::EXPIRES_IN_SECS;
pub(crate) use records::{Asset, OWNER, Upload};
pub(crate) use storage::{StorageErr, UPLOAD_PATH};
