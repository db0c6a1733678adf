//! Uploaded assets (multipart or direct) and the direct uploads still waiting for their bytes:
//! the only state the simulator holds content for, and the only one with an expiry of its own;
//! and the search of a small seeded catalog of public images and icons.
//!
//! The asset, what its bytes are, the multipart upload and the library's listing and deletion
//! are in `asset.rs`; a direct upload's create and completion in `direct.rs`, its presigned PUT
//! in `storage.rs`; the search in `search.rs`. This file only declares and re-exports.

mod asset;
mod direct;
mod search;
mod storage;

pub(crate) use asset::{Asset, OWNER};
pub(crate) use direct::{EXPIRES_IN_SECS, Upload};
pub(crate) use storage::{StorageErr, UPLOAD_PATH};
