//! Assets: uploads (`POST /v3/assets`, multipart, hand-written) and asset inputs.
//!
//! `POST /v3/assets` is the one `multipart/form-data` operation of the API, which the
//! generator cannot express; [`Assets::upload_file`] streams a file from disk and
//! [`Assets::upload_bytes`] sends a buffer. Both go through the client's auth, rate-limit
//! pause and retries. Files over 32 MiB take the direct upload (`direct_upload`); up to 100
//! files at once, an upload batch (`batches`); listing, search and deletes are in `library`.
//!
//! Request bodies that take the `{type: url | asset_id | base64}` union
//! ([`AssetInput`](crate::types::AssetInput)) or its two-variant form
//! ([`AssetReference`](crate::types::AssetReference)) are built with
//! [`AssetInputExt`] and [`AssetReferenceExt`]:
//!
//! ```
//! use heygen_sdk::types::{AssetInput, AssetReference};
//! use heygen_sdk::{AssetInputExt, AssetReferenceExt};
//!
//! let logo = AssetInput::url("https://example.com/logo.png");
//! let upload = AssetInput::asset_id("asset_123");
//! let inline = AssetInput::from_bytes("image/png", [0x89, b'P', b'N', b'G']);
//! let background = AssetReference::asset_id("asset_123");
//! assert_eq!(serde_json::to_value(&inline).unwrap()["type"], "base64");
//! # let _ = (logo, upload, background);
//! ```

mod batches;
mod direct_upload;
mod handle;
mod inputs;
mod library;
mod multipart;
mod upload;

pub use batches::BATCH_PUT_CONCURRENCY;
pub use handle::{Assets, MAX_UPLOAD_BYTES};
pub use inputs::{AssetInputExt, AssetReferenceExt, to_input, to_reference};
pub use library::MAX_STATUS_IDS;
pub use upload::{UploadMethod, UploadOptions, UploadProgress};
