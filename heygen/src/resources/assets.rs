//! Assets: uploads (`POST /v3/assets`, multipart, hand-written) and asset inputs.

use super::resource;

resource!(
    /// Assets (`/v3/assets`).
    Assets, assets
);
