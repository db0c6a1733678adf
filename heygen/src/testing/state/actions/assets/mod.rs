//! The rules of assets, as `impl State` methods, a file per concern: the multipart upload,
//! listing and deletion (`library.rs`), a direct upload's create and completion (`direct.rs`),
//! its presigned PUT (`storage.rs`), upload batches (`batches.rs`), and the search
//! (`search.rs`). The records are in `state/assets.rs`. This file only declares and
//! re-exports.

mod batches;
mod direct;
mod library;
mod search;
mod storage;

pub(crate) use direct::EXPIRES_IN_SECS;
pub(crate) use storage::{StorageErr, UPLOAD_PATH};
