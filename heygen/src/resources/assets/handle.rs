//! The assets handle, [`Assets`] (`client.assets()`): its methods are in the files of this
//! folder, one concern each (multipart upload, direct upload, batches, library).

use crate::Client;

/// Assets (`/v3/assets`): `client.assets()`.
#[derive(Debug, Clone)]
pub struct Assets {
    pub(crate) client: Client,
}

/// The largest file `POST /v3/assets` accepts: 32 MB (32 MiB, 33 554 432 bytes). Larger
/// uploads are refused before anything is sent.
pub const MAX_UPLOAD_BYTES: u64 = 32 * 1024 * 1024;
